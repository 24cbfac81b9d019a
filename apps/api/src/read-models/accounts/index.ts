import { ReadModelFeature } from '../read-model-feature';
import { accountsProjection } from './accounts.projection';
import { GetAccountHandler, ListAccountsHandler } from './accounts.query';

/** Served by UsersController (GET /users, GET /users/{userId}), beside the commands on accounts. */
export const accountsFeature: ReadModelFeature = { projection: accountsProjection, queryHandlers: [ListAccountsHandler, GetAccountHandler] };
