import { Body, Controller, Get, HttpCode, HttpException, HttpStatus, Post, UnauthorizedException } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { normaliseUsername } from '@app/domain';
import { Actor } from '../application/actor';
import { Clock } from '../application/ids';
import { CurrentActor, Public } from '../auth/auth.decorators';
import { verifyPassword } from '../auth/password-hasher';
import { TokenService } from '../auth/token.service';
import { LoginThrottle } from './login-throttle';
import { UserDirectory } from './user-directory';
import { LoginDto } from './users.dto';

const WRONG = 'Wrong username or password';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly directory: UserDirectory,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly clock: Clock,
  ) {}

  /** Password login; answers the same for an unknown user and a wrong password. */
  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto) {
    const username = normaliseUsername(body.username);
    const now = this.clock.now();
    if (this.throttle.isLocked(username, now.getTime())) {
      throw new HttpException('Too many failed logins; wait 15 minutes', HttpStatus.TOO_MANY_REQUESTS);
    }
    const user = await this.directory.byUsername(username);
    const ok = user?.passwordHash !== undefined && (await verifyPassword(body.password, user.passwordHash));
    if (!user || !ok || user.status !== 'enabled') {
      this.throttle.failed(username, now.getTime());
      throw new UnauthorizedException(WRONG);
    }
    this.throttle.succeeded(username);
    const actor = UserDirectory.actorOf(user);
    const token = await this.tokens.issue(actor, now, user.sessionVersion);
    return { ...token, user: { userId: actor.userId, username: actor.username, displayName: user.displayName, grants: actor.grants } };
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ description: 'The logged-in user and their roles' })
  me(@CurrentActor() actor: Actor) {
    return actor;
  }
}
