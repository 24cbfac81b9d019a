import { ReadModelFeature } from '../read-model-feature';
import { OutcomesController } from '../../features/reports/outcomes.controller';
import { outcomesProjection } from './outcomes.projection';
import { GetOutcomeReportHandler } from './outcomes.query';

export const outcomesFeature: ReadModelFeature = {
  projection: outcomesProjection,
  queryHandlers: [GetOutcomeReportHandler],
  controllers: [OutcomesController],
};
