import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Action } from '@app/domain';
import type { Actor } from './actor';

export const IS_PUBLIC = 'auth:public';
export const REQUIRED_ACTION = 'auth:action';

/** No token needed (health, login, setup). Everything else requires a valid token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The action a route performs, checked against the actor's roles before the handler runs. Facility
 * scope is checked again by the handler once it knows which facility the record belongs to.
 */
export const Requires = (action: Action) => SetMetadata(REQUIRED_ACTION, action);

/** The verified actor of this request. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest().actor;
});
