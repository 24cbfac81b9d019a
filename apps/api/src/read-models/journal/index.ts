import { ReadModelFeature } from '../read-model-feature';
import { journalProjection } from './journal.projection';
import { ListJournalHandler } from './journal.query';

export const journalFeature: ReadModelFeature = {
  projection: journalProjection,
  queryHandlers: [ListJournalHandler],
};
