import { ReadModelFeature } from '../read-model-feature';
import { CaseSearchController } from '../../features/cases/case-search.controller';
import { casesProjection } from './cases.projection';
import { SearchCasesHandler } from './cases.query';

export const casesFeature: ReadModelFeature = {
  projection: casesProjection,
  queryHandlers: [SearchCasesHandler],
  controllers: [CaseSearchController],
};
