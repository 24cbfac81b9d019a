import { ReadModelFeature } from '../read-model-feature';
import { journalProjection } from './journal.projection';
import { ListJournalHandler } from './journal.query';
import { CaseloadHandler, ContactPersonsHandler } from './caseload.query';

export const journalFeature: ReadModelFeature = {
  projection: journalProjection,
  queryHandlers: [ListJournalHandler, CaseloadHandler, ContactPersonsHandler],
};
