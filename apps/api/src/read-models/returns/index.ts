import { ReadModelFeature } from '../read-model-feature';
import { returnsProjection } from './returns.projection';
import { GetReturnsReportHandler } from './returns.query';

export const returnsFeature: ReadModelFeature = {
  projection: returnsProjection,
  queryHandlers: [GetReturnsReportHandler],
};
