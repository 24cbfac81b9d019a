import { ReadModelFeature } from '../read-model-feature';
import { accessLogProjection } from './access-log.projection';
import { SearchAccessLogHandler } from './access-log.query';

export const accessLogFeature: ReadModelFeature = {
  projection: accessLogProjection,
  queryHandlers: [SearchAccessLogHandler],
};
