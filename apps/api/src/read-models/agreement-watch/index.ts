import { ReadModelFeature } from '../read-model-feature';
import { agreementWatchProjection } from './agreement-watch.projection';
import { GetAgreementWatchHandler } from './agreement-watch.query';

export const agreementWatchFeature: ReadModelFeature = {
  projection: agreementWatchProjection,
  queryHandlers: [GetAgreementWatchHandler],
};
