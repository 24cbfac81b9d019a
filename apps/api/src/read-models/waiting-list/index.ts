import { ReadModelFeature } from '../read-model-feature';
import { waitingListProjection } from './waiting-list.projection';
import { GetWaitingListHandler, GetWaitingListSummaryHandler } from './waiting-list.query';

export const waitingListFeature: ReadModelFeature = {
  projection: waitingListProjection,
  queryHandlers: [GetWaitingListHandler, GetWaitingListSummaryHandler],
};
