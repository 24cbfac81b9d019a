import { Projection } from '@app/projections';
import { auditLogProjection } from './audit-log/audit-log.projection';

/** Every read model the app keeps. Add a projection here and the engine builds and runs it. */
export const ALL_PROJECTIONS: readonly Projection[] = [auditLogProjection];
