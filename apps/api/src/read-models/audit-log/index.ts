import { ReadModelFeature } from '../read-model-feature';
import { auditLogProjection } from './audit-log.projection';
import { SearchAuditLogHandler, SearchLateEntriesHandler } from './audit-log.query';

export const auditLogFeature: ReadModelFeature = {
  projection: auditLogProjection,
  queryHandlers: [SearchAuditLogHandler, SearchLateEntriesHandler],
};
