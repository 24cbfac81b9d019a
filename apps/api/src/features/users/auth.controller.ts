import { Body, Controller, Get, HttpCode, OnModuleInit, Post, UnauthorizedException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { normaliseUsername } from '@app/domain';
import { Actor } from '../../platform/auth/actor';
import { Clock } from '../../platform/clock';
import { CurrentActor, Public } from '../../platform/auth/auth.decorators';
import { dummyPasswordHash, verifyPassword } from '../../platform/auth/password-hasher';
import { TokenService } from '../../platform/auth/token.service';
import { ClientAddress } from '../../platform/throttle/client-address';
import { LoginThrottle } from '../../platform/throttle/login-throttle';
import { UserDirectory } from '../../platform/auth/user-directory';
import { ApiTag } from '../../platform/http/openapi';
import { LoginResponseDto, MeDto } from './auth.dto';
import { LoginDto } from './users.dto';

const WRONG = 'Wrong username or password';

@ApiTag('auth')
@Controller('v1/auth')
export class AuthController implements OnModuleInit {
  constructor(
    private readonly directory: UserDirectory,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly clock: Clock,
  ) {}

  /** The dummy hash is made at start, so that not even the first unknown username costs a second scrypt. */
  async onModuleInit(): Promise<void> {
    await dummyPasswordHash();
  }

  /**
   * Password login; answers the same for an unknown user and a wrong password, and takes as long: an
   * unknown user, a disabled one and one without a password are checked against a dummy hash of the
   * same cost, so the time does not tell which usernames exist. Throttled per client address and per
   * (address, username): see throttle/throttle-policy.ts.
   */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ operationId: 'login', summary: 'Log in with username and password: an access token and who you are' })
  @ApiOkResponse({ type: LoginResponseDto, description: 'Logged in' })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password (the same answer for an unknown user)' })
  @ApiTooManyRequestsResponse({ description: 'Throttled (auth.too_many_attempts, auth.too_many_from_address); Retry-After says how many seconds to wait' })
  async login(@Body() body: LoginDto, @ClientAddress() address: string) {
    const username = normaliseUsername(body.username);
    const attempt = await this.throttle.begin(address, username);
    const user = await this.directory.byUsername(username);
    const ok = await verifyPassword(body.password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user?.passwordHash || !ok || user.status !== 'enabled') throw new UnauthorizedException(WRONG);
    await attempt.succeeded();
    const actor = UserDirectory.actorOf(user);
    const token = await this.tokens.issue(actor, this.clock.now(), user.sessionVersion);
    return { ...token, user: { userId: actor.userId, username: actor.username, displayName: user.displayName, grants: actor.grants } };
  }

  @Get('me')
  @ApiOperation({ operationId: 'getMe', summary: 'Who is logged in, with the roles in force now' })
  @ApiOkResponse({ type: MeDto, description: 'The logged-in user and their roles' })
  me(@CurrentActor() actor: Actor) {
    return actor;
  }
}
