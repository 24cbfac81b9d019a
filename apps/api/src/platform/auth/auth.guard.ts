import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Action, can } from '@app/domain';
import { Actor } from './actor';
import { UserDirectory } from './user-directory';
import { IS_PUBLIC, REQUIRED_ACTION } from './auth.decorators';
import { InvalidToken, TokenService, VerifiedToken } from './token.service';

/**
 * Every route needs a verified bearer token unless marked @Public(); @Requires names the action.
 *
 * A token says who logged in, not what they may do now: for the API's own tokens the guard reads the
 * user's current state on every request (StreamReader.load: the folded state is cached, only the
 * stream's tail is read, so a change made through any instance sharing the store counts at once).
 * A disabled user, or a token from before a password change, is refused (401: the session has
 * ended); grants come from the current state, so a revoked role is a 403 on the very next request.
 * OpenID Connect users have no account here: their grants are the token's, and ending their access
 * is the issuer's job (its tokens' lifetime is bounded, see TokenService).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly users: UserDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers.authorization;
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new UnauthorizedException('Log in to continue');
    let verified: VerifiedToken;
    try {
      verified = await this.tokens.verify(token);
    } catch (error) {
      if (error instanceof InvalidToken) throw new UnauthorizedException(error.message);
      throw error;
    }
    request.actor = verified.external ? verified.actor : await this.currentActor(verified);
    const action = this.reflector.getAllAndOverride<Action | undefined>(REQUIRED_ACTION, targets);
    if (action && !can(request.actor.grants, action)) {
      throw new ForbiddenException('Your role does not allow this');
    }
    return true;
  }

  private async currentActor({ actor, sessionVersion }: VerifiedToken): Promise<Actor> {
    const user = await this.users.byId(actor.userId);
    if (!user || user.status !== 'enabled' || user.sessionVersion !== (sessionVersion ?? 0)) {
      throw new UnauthorizedException('The session has ended; log in again');
    }
    return UserDirectory.actorOf(user);
  }
}
