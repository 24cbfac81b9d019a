import { ReadModelFeature } from '../read-model-feature';
import { AgreementWatchController } from '../../features/dashboards/agreement-watch.controller';
import { agreementWatchProjection } from './agreement-watch.projection';
import { GetAgreementWatchHandler } from './agreement-watch.query';

export const agreementWatchFeature: ReadModelFeature = {
  projection: agreementWatchProjection,
  queryHandlers: [GetAgreementWatchHandler],
  controllers: [AgreementWatchController],
};
