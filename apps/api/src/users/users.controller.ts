import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { userDecider, userStream } from '@app/domain';
import { CommandContext } from '../application/command-runner';
import { RunDeciderCommand } from '../application/run-decider.command';
import { Public, Requires } from '../auth/auth.decorators';
import { hashPassword } from '../auth/password-hasher';
import { CommandCtx } from '../http/command-context.decorator';
import { CommandResponseDto } from '../http/command-response.dto';
import { respond } from '../http/respond';
import { ClientAddress } from '../throttle/client-address';
import { LoginThrottle } from '../throttle/login-throttle';
import { CreateUserCommand } from './create-user.command';
import { SetupService } from './setup.service';
import { ChangePasswordDto, CreateUserDto, RoleGrantDto, SetupDto } from './users.dto';

@ApiTags('users')
@ApiBearerAuth()
@Controller('v1')
export class UsersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly setup: SetupService,
    private readonly throttle: LoginThrottle,
  ) {}

  @Public()
  @Post('setup')
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'The first administrator was created' })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong setup tokens from this address (auth.too_many_from_address); see Retry-After' })
  async firstRun(@Body() body: SetupDto, @ClientAddress() address: string) {
    // Guessing the setup token spends the same per-address budget as guessing passwords.
    const attempt = await this.throttle.begin(address);
    const commandId = randomUUID();
    const created = await this.setup.setUp(body, { commandId, correlationId: commandId });
    await attempt.succeeded();
    return created;
  }

  @Post('users')
  @HttpCode(201)
  @Requires('admin.users')
  @ApiCreatedResponse({ type: CommandResponseDto })
  async create(@Body() body: CreateUserDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const outcome = await this.commands.execute(new CreateUserCommand(body, ctx));
    return respond(res, outcome, outcome.userId);
  }

  @Post('users/:userId/roles')
  @HttpCode(200)
  @Requires('admin.users')
  @ApiOkResponse({ type: CommandResponseDto })
  async grant(@Param('userId', new ParseUUIDPipe()) userId: string, @Body() body: RoleGrantDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, userId, { type: 'GrantRole', userId, role: body.role, facilityIds: body.facilityIds }, ctx);
  }

  @Post('users/:userId/roles/revoke')
  @HttpCode(200)
  @Requires('admin.users')
  @ApiOkResponse({ type: CommandResponseDto })
  async revoke(@Param('userId', new ParseUUIDPipe()) userId: string, @Body() body: RoleGrantDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, userId, { type: 'RevokeRole', userId, role: body.role }, ctx);
  }

  @Post('users/:userId/password')
  @HttpCode(200)
  @Requires('admin.users')
  @ApiOkResponse({ type: CommandResponseDto })
  async password(@Param('userId', new ParseUUIDPipe()) userId: string, @Body() body: ChangePasswordDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, userId, { type: 'ChangePassword', userId, passwordHash: await hashPassword(body.password) }, ctx);
  }

  @Post('users/:userId/disable')
  @HttpCode(200)
  @Requires('admin.users')
  @ApiOkResponse({ type: CommandResponseDto })
  async disable(@Param('userId', new ParseUUIDPipe()) userId: string, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, userId, { type: 'DisableUser', userId }, ctx);
  }

  @Post('users/:userId/enable')
  @HttpCode(200)
  @Requires('admin.users')
  @ApiOkResponse({ type: CommandResponseDto })
  async enable(@Param('userId', new ParseUUIDPipe()) userId: string, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, userId, { type: 'EnableUser', userId }, ctx);
  }

  private async run(res: Response, userId: string, command: Parameters<typeof userDecider.decide>[0], ctx: CommandContext) {
    const outcome = await this.commands.execute(new RunDeciderCommand({ decider: userDecider, stream: userStream(userId), command }, ctx));
    return respond(res, outcome, userId);
  }
}
