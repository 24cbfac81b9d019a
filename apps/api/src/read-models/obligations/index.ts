import { ReadModelFeature } from '../read-model-feature';
import { ObligationsController } from '../../features/dashboards/obligations.controller';
import { obligationsProjection } from './obligations.projection';
import { GetObligationsHandler } from './obligations.query';

export const obligationsFeature: ReadModelFeature = {
  projection: obligationsProjection,
  queryHandlers: [GetObligationsHandler],
  controllers: [ObligationsController],
};
