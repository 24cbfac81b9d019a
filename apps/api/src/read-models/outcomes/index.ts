import { ReadModelFeature } from '../read-model-feature';
import { outcomesProjection } from './outcomes.projection';
import { GetOutcomeReportHandler } from './outcomes.query';

export const outcomesFeature: ReadModelFeature = {
  projection: outcomesProjection,
  queryHandlers: [GetOutcomeReportHandler],
};
