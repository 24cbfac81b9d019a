import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { identityClaimDecider, identityClaimStream, personDecider, personStream } from '@app/domain';
import { NotFound } from '../../platform/errors/command-errors';
import { CommandContext, CommandRunner, stepContext } from '../../platform/commands/command-runner';
import { idForNewRecord, IdGenerator } from '../../platform/ids';
import { Clock } from '../../platform/clock';
import { Requires } from '../../platform/auth/auth.decorators';
import { ClaimKeys } from '../../platform/auth/claim-keys';
import { CommandCtx } from '../../platform/http/command-context.decorator';
import { CommandResponseDto } from '../../platform/http/command-response.dto';
import { respond } from '../../platform/http/respond';
import { CorrectPersonDto, ForgetPersonDto, RegisterPersonDto, ResidentCommentDto } from './people.dto';
import { ForgetPersonWorkflow } from './forget-person.workflow';
import { AccessLogService } from '../privacy/access-log.service';
import { FileAccess, FileAccessParam, PersonalDataRead, PersonalDataWrite } from '../privacy/personal-data-read';
import { PersonFiles } from '../../read-models/person-files/person-files.service';
import { RegisterPersonWorkflow } from './register-person.workflow';
import { StreamReader } from '../../platform/streams/stream-reader';
import { ApiTag } from '../../platform/http/openapi';
import { ForgottenPersonDto, PersonViewDto } from './person-view.dto';

@ApiTag('people')
@ApiExtraModels(PersonViewDto, ForgottenPersonDto)
@Controller('v1/people')
export class PeopleController {
  constructor(
    private readonly registerPerson: RegisterPersonWorkflow,
    private readonly forgetPerson: ForgetPersonWorkflow,
    private readonly runner: CommandRunner,
    private readonly streams: StreamReader,
    private readonly claimKeys: ClaimKeys,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly personFiles: PersonFiles,
    private readonly access: AccessLogService,
  ) {}

  @Post()
  @HttpCode(201)
  @Requires('case.command')
  @ApiOperation({ operationId: 'registerPerson', summary: 'Register a person' })
  @ApiCreatedResponse({ type: CommandResponseDto, description: '`id` is the new person' })
  async register(@Body() body: RegisterPersonDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const outcome = await this.registerPerson.run({ ...body }, ctx);
    return respond(res, outcome, outcome.personId);
  }

  /** The person's registered details as the command side holds them, with the revision for If-Match. */
  @Get(':personId')
  @Requires('read.case')
  @PersonalDataRead('person')
  @ApiOperation({ operationId: 'getPerson', summary: 'A person’s registered details, with the revision for If-Match' })
  @ApiOkResponse({
    schema: { oneOf: [{ $ref: getSchemaPath(PersonViewDto) }, { $ref: getSchemaPath(ForgottenPersonDto) }] },
    description: 'The person and the stream revision; only the revision and the day once they are forgotten',
  })
  async get(@Param('personId', new ParseUUIDPipe()) personId: string, @FileAccessParam() access: FileAccess, @Res({ passthrough: true }) res: Response) {
    const loaded = await this.streams.load(personDecider, personStream(personId));
    if (loaded.state.status === 'none') throw new NotFound('Person');
    access.allow(await this.personFiles.facilitiesOf(personId));
    res.setHeader('ETag', `"${loaded.revision}"`);
    if (loaded.state.status === 'forgotten') return { personId, revision: String(loaded.revision), forgotten: true, forgottenOn: loaded.state.forgottenOn };
    return { personId, revision: String(loaded.revision), ...loaded.state.details };
  }

  /**
   * A correction is a new event; the old value stays in the history. A corrected identity number
   * claims the new number first and releases the old one after, so the person is never without one.
   * Like every write about the person, it needs a purpose from outside their facilities, and is then
   * flagged in their access log (AccessLogService.decideWrite).
   * The correction and the new claim are both decided before either is written, so a refused
   * correction writes nothing; if the correction cannot be written after the claim, the claim is
   * released again. The claims are decided by their state (held by this person: nothing to do), not by
   * the Idempotency-Key, so a retry after such a release claims the number again.
   */
  @Post(':personId/corrections')
  @HttpCode(200)
  @Requires('case.command')
  @PersonalDataWrite()
  @ApiOperation({ operationId: 'correctPerson', summary: 'Correct a person’s details (the old values stay in the history)' })
  @ApiOkResponse({ type: CommandResponseDto })
  async correct(
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Body() body: CorrectPersonDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const before = await this.streams.load(personDecider, personStream(personId));
    if (before.state.status === 'none') throw new NotFound('Person');
    const access = await this.access.decideWrite(ctx.actor, personId, ctx.accessPurpose);
    const oldNumber = before.state.status === 'registered' ? before.state.details.identityNumber : undefined;
    const newNumber = body.changes.identityNumber;
    const correct = {
      decider: personDecider,
      stream: personStream(personId),
      command: { type: 'CorrectPersonDetails', personId, changes: { ...body.changes }, reason: body.reason, on: body.on },
      effectiveDate: body.on,
      beforeAppend: this.access.flaggedWrite(ctx, { personId, view: 'correction' }, access),
    } as const;
    const correctCtx = { ...stepContext(ctx, 'correct', true), reason: body.reason };
    const done = await this.runner.check(correct, correctCtx);
    if (done.replay) return respond(res, done.replay, personId);

    const claimCtx = { ...ctx, idempotencyKey: undefined, expectedRevision: undefined };
    const claimOf = (number: string, type: 'ClaimIdentity' | 'ReleaseIdentity') => {
      const claimKey = this.claimKeys.identityNumber(number);
      return { decider: identityClaimDecider, stream: identityClaimStream(claimKey), command: { type, claimKey, personId } } as const;
    };
    let claimed = false;
    if (newNumber) {
      await this.runner.check(claimOf(newNumber, 'ClaimIdentity'), claimCtx);
      claimed = (await this.runner.run(claimOf(newNumber, 'ClaimIdentity'), claimCtx)).events.length > 0;
    }
    let outcome;
    try {
      outcome = await this.runner.run(correct, correctCtx);
    } catch (error) {
      if (claimed) await this.runner.run(claimOf(newNumber!, 'ReleaseIdentity'), claimCtx).catch(() => undefined);
      throw error;
    }
    if (oldNumber && newNumber !== undefined && newNumber !== oldNumber) {
      await this.runner.run(claimOf(oldNumber, 'ReleaseIdentity'), claimCtx);
    }
    return respond(res, outcome, personId);
  }

  /** Erases the person's personal data (crypto-shredding). Administrators only, with a legal basis. */
  @Post(':personId/forget')
  @HttpCode(200)
  @Requires('privacy.forget')
  @ApiOperation({ operationId: 'forgetPerson', summary: 'Forget a person: erase their personal data (crypto-shredding)' })
  @ApiOkResponse({ type: CommandResponseDto })
  async forget(
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Body() body: ForgetPersonDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.forgetPerson.run(personId, body.legalBasis, body.on, ctx);
    return respond(res, outcome, personId);
  }

  @Post(':personId/comments')
  @HttpCode(201)
  @Requires('case.command')
  @PersonalDataWrite()
  @ApiOperation({ operationId: 'addResidentComment', summary: 'Record a comment from the resident' })
  @ApiCreatedResponse({ type: CommandResponseDto, description: '`id` is the new comment' })
  async comment(
    @Param('personId', new ParseUUIDPipe()) personId: string,
    @Body() body: ResidentCommentDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const commentId = idForNewRecord(this.ids, ctx, 'comment');
    const access = await this.access.decideWrite(ctx.actor, personId, ctx.accessPurpose);
    const outcome = await this.runner.run(
      {
        decider: personDecider,
        stream: personStream(personId),
        command: { type: 'AddResidentComment', personId, commentId, ...body },
        effectiveDate: body.on,
        beforeAppend: this.access.flaggedWrite(ctx, { personId, view: 'comment' }, access),
      },
      ctx,
    );
    return respond(res, outcome, commentId);
  }
}
