import { ReadModelFeature } from '../read-model-feature';
import { personFilesProjection } from './person-files.projection';

export const personFilesFeature: ReadModelFeature = { projection: personFilesProjection, queryHandlers: [] };
