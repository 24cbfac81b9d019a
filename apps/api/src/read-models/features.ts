import { accessLogFeature } from './access-log';
import { accountsFeature } from './accounts';
import { agreementWatchFeature } from './agreement-watch';
import { auditLogFeature } from './audit-log';
import { personFilesFeature } from './person-files';
import { casesFeature } from './cases';
import { grantRequestsFeature } from './grant-requests';
import { journalFeature } from './journal';
import { obligationsFeature } from './obligations';
import { occupancyFeature } from './occupancy';
import { outcomesFeature } from './outcomes';
import { returnsFeature } from './returns';
import { staffFeature } from './staff';
import { timelineFeature } from './timeline';
import { waitingListFeature } from './waiting-list';
import { ReadModelFeature } from './read-model-feature';

/** Every read model the app keeps: add a feature here and the engine builds it and the API serves it. */
export const READ_MODEL_FEATURES: readonly ReadModelFeature[] = [
  auditLogFeature,
  personFilesFeature,
  agreementWatchFeature,
  obligationsFeature,
  outcomesFeature,
  returnsFeature,
  timelineFeature,
  casesFeature,
  occupancyFeature,
  waitingListFeature,
  accessLogFeature,
  grantRequestsFeature,
  journalFeature,
  staffFeature,
  accountsFeature,
];
