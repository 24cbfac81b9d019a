import { ReadModelFeature } from '../read-model-feature';
import { grantRequestsProjection } from './grant-requests.projection';
import { ListGrantRequestsHandler } from './grant-requests.query';

/** Served by UsersController (GET /users/grant-requests), beside the commands that decide them. */
export const grantRequestsFeature: ReadModelFeature = { projection: grantRequestsProjection, queryHandlers: [ListGrantRequestsHandler] };
