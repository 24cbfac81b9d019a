import { ReadModelFeature } from '../read-model-feature';
import { staffProjection } from './staff.projection';
import { StaffNamesHandler } from './staff.query';

/** The access log and the audit log join staff_names; the journal asks StaffNamesQuery for its authors. */
export const staffFeature: ReadModelFeature = { projection: staffProjection, queryHandlers: [StaffNamesHandler] };
