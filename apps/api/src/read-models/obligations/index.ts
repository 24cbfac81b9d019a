import { ReadModelFeature } from '../read-model-feature';
import { obligationsProjection } from './obligations.projection';
import { GetObligationsHandler } from './obligations.query';

export const obligationsFeature: ReadModelFeature = {
  projection: obligationsProjection,
  queryHandlers: [GetObligationsHandler],
};
