import { ReadModelFeature } from '../read-model-feature';
import { timelineProjection } from './timeline.projection';
import { GetPersonFacilitiesHandler, GetTimelineHandler } from './timeline.query';

export { TIMELINE_MESSAGE_KEYS } from './timeline.messages';
export type { TimelineMessageKey } from './timeline.messages';

export const timelineFeature: ReadModelFeature = {
  projection: timelineProjection,
  queryHandlers: [GetTimelineHandler, GetPersonFacilitiesHandler],
};
