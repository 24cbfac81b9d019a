import { ReadModelFeature } from '../read-model-feature';
import { ReturnsController } from '../../features/reports/returns.controller';
import { returnsProjection } from './returns.projection';
import { GetReturnsReportHandler } from './returns.query';

export const returnsFeature: ReadModelFeature = {
  projection: returnsProjection,
  queryHandlers: [GetReturnsReportHandler],
  controllers: [ReturnsController],
};
