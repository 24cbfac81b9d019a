import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { userDecider, userStream } from '@app/domain';
import { CommandContext, CommandRunner } from '../../platform/commands/command-runner';
import { idForNewRecord, IdGenerator } from '../../platform/ids';
import { Public, Requires } from '../../platform/auth/auth.decorators';
import { hashPassword } from '../../platform/auth/password-hasher';
import { CommandCtx } from '../../platform/http/command-context.decorator';
import { CommandResponseDto } from '../../platform/http/command-response.dto';
import { respond } from '../../platform/http/respond';
import { ClientAddress } from '../../platform/throttle/client-address';
import { LoginThrottle } from '../../platform/throttle/login-throttle';
import { CreateUserWorkflow } from './create-user.workflow';
import { SetupService } from './setup.service';
import { GrantRequestsQueryDto, ListGrantRequestsQuery } from '../../read-models/grant-requests/grant-requests.query';
import { ChangePasswordDto, CreateUserDto, RoleGrantDto, SetupDto } from './users.dto';
import { ApiTag } from '../../platform/http/openapi';
import { AccountDto, AccountListDto, GrantRequestsDto, SetupResultDto, SetupStatusDto } from './users-responses.dto';
import { AccountsQueryDto, GetAccountQuery, ListAccountsQuery } from '../../read-models/accounts/accounts.query';
import { ReadModelQueryDto } from '../../read-models/read-model-query.dto';

@ApiTag('users')
@Controller('v1')
export class UsersController {
  constructor(
    private readonly runner: CommandRunner,
    private readonly createUser: CreateUserWorkflow,
    private readonly queries: QueryBus,
    private readonly setup: SetupService,
    private readonly ids: IdGenerator,
    private readonly throttle: LoginThrottle,
  ) {}

  /** For the UI to show its first-run page: says whether setup is done, and nothing else (not the token). */
  @Public()
  @Get('setup')
  @ApiOperation({ operationId: 'getSetupStatus', summary: 'Whether the first administrator is still to be created' })
  @ApiOkResponse({ type: SetupStatusDto })
  async setupStatus(): Promise<SetupStatusDto> {
    return { needed: !(await this.setup.isComplete()) };
  }

  @Public()
  @Post('setup')
  @HttpCode(201)
  @ApiOperation({ operationId: 'setUp', summary: 'First run: create the first administrator with the setup token the server printed' })
  @ApiCreatedResponse({ type: SetupResultDto, description: 'The first administrator was created' })
  @ApiForbiddenResponse({ description: 'The setup token is wrong or already used' })
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
  @ApiOperation({ operationId: 'createUser', summary: 'Create a user account' })
  @ApiCreatedResponse({ type: CommandResponseDto, description: '`id` is the new user' })
  async create(@Body() body: CreateUserDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const outcome = await this.createUser.run(body, ctx);
    return respond(res, outcome, outcome.userId);
  }

  /**
   * Grants a role at once, or, when the account would hold the administrator role together with a role
   * that reads case files, records a request that a second administrator must approve (202, `id` is
   * the request). No one grants roles to themselves.
   */
  @Post('users/:userId/roles')
  @HttpCode(200)
  @Requires('admin.users')
  @ApiOperation({ operationId: 'grantRole', summary: 'Grant a role (or ask a second administrator to approve it)' })
  @ApiOkResponse({ type: CommandResponseDto, description: 'The role was granted' })
  @ApiAcceptedResponse({ type: CommandResponseDto, description: 'A second administrator must approve: `id` names the grant request' })
  async grant(
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @Body() body: RoleGrantDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const requestId = idForNewRecord(this.ids, ctx, 'grant-request');
    const command = { type: 'GrantRole' as const, userId, role: body.role, facilityIds: body.facilityIds, requestedBy: ctx.actor.userId, requestId };
    const outcome = await this.runner.run({ decider: userDecider, stream: userStream(userId), command }, ctx);
    if (!outcome.events.includes('RoleGrantRequested')) return respond(res, outcome, userId);
    res.status(202);
    return respond(res, outcome, requestId);
  }

  /** Grant requests waiting for a second administrator (or, with `status`, those already decided). */
  @Get('users/grant-requests')
  @Requires('admin.users')
  @ApiOperation({ operationId: 'listGrantRequests', summary: 'Grant requests waiting for a second administrator, or those decided' })
  @ApiOkResponse({ type: GrantRequestsDto, description: 'The grant requests, oldest first' })
  async grantRequests(@Query() q: GrantRequestsQueryDto) {
    return this.queries.execute(new ListGrantRequestsQuery({ status: q.status ?? 'pending', userId: q.userId, minPosition: q.minPosition }));
  }

  /** Accounts by username, for an administrator to find one (to disable it, reset its password, change its roles). */
  @Get('users')
  @Requires('admin.users')
  @ApiOperation({ operationId: 'listUsers', summary: 'List user accounts, by username; filter by words of the name and by role' })
  @ApiOkResponse({ type: AccountListDto })
  async list(@Query() q: AccountsQueryDto) {
    return this.queries.execute(new ListAccountsQuery({ q: q.q, role: q.role, limit: q.limit ?? 50, offset: q.offset ?? 0, minPosition: q.minPosition }));
  }

  /** Declared after `users/grant-requests`, which it would otherwise shadow. */
  @Get('users/:userId')
  @Requires('admin.users')
  @ApiOperation({ operationId: 'getUser', summary: 'One user account with its roles in effect' })
  @ApiOkResponse({ type: AccountDto })
  @ApiNotFoundResponse({ description: 'No such user' })
  async one(@Param('userId', new ParseUUIDPipe()) userId: string, @Query() q: ReadModelQueryDto) {
    return this.queries.execute(new GetAccountQuery({ userId, minPosition: q.minPosition }));
  }

  /** A second administrator approves: the grant takes effect. Neither the one who asked nor the user may approve. */
  @Post('users/:userId/grant-requests/:requestId/approve')
  @HttpCode(200)
  @Requires('admin.users')
  @ApiOperation({ operationId: 'approveRoleGrant', summary: 'Approve a grant request (a second administrator)' })
  @ApiOkResponse({ type: CommandResponseDto })
  async approve(
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @Param('requestId', new ParseUUIDPipe()) requestId: string,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, userId, { type: 'ApproveRoleGrant', userId, requestId, approvedBy: ctx.actor.userId }, ctx);
  }

  @Post('users/:userId/grant-requests/:requestId/reject')
  @HttpCode(200)
  @Requires('admin.users')
  @ApiOperation({ operationId: 'rejectRoleGrant', summary: 'Reject a grant request' })
  @ApiOkResponse({ type: CommandResponseDto })
  async reject(
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @Param('requestId', new ParseUUIDPipe()) requestId: string,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, userId, { type: 'RejectRoleGrant', userId, requestId, rejectedBy: ctx.actor.userId }, ctx);
  }

  @Post('users/:userId/roles/revoke')
  @HttpCode(200)
  @Requires('admin.users')
  @ApiOperation({ operationId: 'revokeRole', summary: 'Revoke a role' })
  @ApiOkResponse({ type: CommandResponseDto })
  async revoke(
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @Body() body: RoleGrantDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, userId, { type: 'RevokeRole', userId, role: body.role }, ctx);
  }

  @Post('users/:userId/password')
  @HttpCode(200)
  @Requires('admin.users')
  @ApiOperation({ operationId: 'changePassword', summary: 'Set a user’s password (ends their sessions)' })
  @ApiOkResponse({ type: CommandResponseDto })
  async password(
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @Body() body: ChangePasswordDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, userId, { type: 'ChangePassword', userId, passwordHash: await hashPassword(body.password) }, ctx);
  }

  @Post('users/:userId/disable')
  @HttpCode(200)
  @Requires('admin.users')
  @ApiOperation({ operationId: 'disableUser', summary: 'Disable a user (ends their sessions)' })
  @ApiOkResponse({ type: CommandResponseDto })
  async disable(@Param('userId', new ParseUUIDPipe()) userId: string, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, userId, { type: 'DisableUser', userId }, ctx);
  }

  @Post('users/:userId/enable')
  @HttpCode(200)
  @Requires('admin.users')
  @ApiOperation({ operationId: 'enableUser', summary: 'Enable a disabled user' })
  @ApiOkResponse({ type: CommandResponseDto })
  async enable(@Param('userId', new ParseUUIDPipe()) userId: string, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, userId, { type: 'EnableUser', userId }, ctx);
  }

  private async run(res: Response, userId: string, command: Parameters<typeof userDecider.decide>[0], ctx: CommandContext) {
    const outcome = await this.runner.run({ decider: userDecider, stream: userStream(userId), command }, ctx);
    return respond(res, outcome, userId);
  }
}
