import { ReadModelFeature } from '../read-model-feature';
import { AccessLogController } from '../../features/audit/access-log.controller';
import { accessLogProjection } from './access-log.projection';
import { SearchAccessLogHandler } from './access-log.query';

export const accessLogFeature: ReadModelFeature = {
  projection: accessLogProjection,
  queryHandlers: [SearchAccessLogHandler],
  controllers: [AccessLogController],
};
