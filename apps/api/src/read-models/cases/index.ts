import { ReadModelFeature } from '../read-model-feature';
import { casesProjection } from './cases.projection';
import { SearchCasesHandler } from './cases.query';

export const casesFeature: ReadModelFeature = {
  projection: casesProjection,
  queryHandlers: [SearchCasesHandler],
};
