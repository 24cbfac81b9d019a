import { applyDecorators, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { Response } from 'express';
import { CASE_COMMAND_TYPES, CaseCommandType } from '@app/domain';
import { Clock } from '../../platform/clock';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Requires } from '../../platform/auth/auth.decorators';
import { CommandContext } from '../../platform/commands/command-context';
import { CommandCtx } from '../../platform/http/command-context.decorator';
import { CommandResponseDto } from '../../platform/http/command-response.dto';
import { ApiTag } from '../../platform/http/openapi';
import { respond } from '../../platform/http/respond';
import { idForNewRecord, IdGenerator } from '../../platform/ids';
import { FileAccess, FileAccessParam, PersonalDataRead } from '../privacy/personal-data-read';
import { CaseCommandInput, CaseCommandService } from './case-command.service';
import { CASE_COMMANDS, CASES_BASE } from './case-commands';
import { caseView, CaseViewDto } from './case-view';
import type { NewReferral } from './workflows/register-referral.workflow';

/** The `:caseId` of the URL, refused with 400 unless it is a UUID. */
const CaseId = () => Param('caseId', new ParseUUIDPipe());

/** Documents `:caseId` as a UUID (a parameter decorator alone does not tell OpenAPI the format). */
const CaseIdDoc = () => ApiParam({ name: 'caseId', format: 'uuid' });

type RequestBody = Record<string, unknown>;

/**
 * A case and its commands. The command endpoints are not written out: each row of CASE_COMMANDS
 * becomes one (see defineEndpoint below), so a new command is a row and a DTO, and its route, its
 * role check, its status and its documentation cannot drift from one another.
 */
@ApiTag('cases')
@Controller(CASES_BASE)
export class CaseCommandsController {
  constructor(
    private readonly cases: CaseCommandService,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  /** The case as the command side holds it, with the revision for If-Match and what the reader may do next. */
  @Get(':caseId')
  @Requires('read.case')
  @PersonalDataRead('case')
  @CaseIdDoc()
  @ApiOperation({ operationId: 'getCase', summary: 'A case with its revision (for If-Match) and the commands the reader may issue next' })
  @ApiOkResponse({ type: CaseViewDto })
  async get(@CaseId() caseId: string, @CurrentActor() actor: Actor, @FileAccessParam() access: FileAccess, @Res({ passthrough: true }) res: Response) {
    const loaded = await this.cases.read(caseId);
    access.allow([loaded.state.facility.facilityId]);
    res.setHeader('ETag', `"${loaded.revision}"`);
    return caseView(caseId, loaded, actor, this.clock.today());
  }

  /**
   * Runs a case command and answers with revision and ETag; `id` is the record it created, or else the
   * case. The command is `{ ...body, type, caseId, <new ids> }`: what the server decides comes last, so
   * a body can never set it (validation refuses unknown fields anyway). New ids are derived from the
   * Idempotency-Key when there is one, so a retry makes the same record.
   */
  async command(type: CaseCommandType, caseId: string | undefined, body: RequestBody, ctx: CommandContext, res: Response) {
    if (caseId === undefined) {
      const opened = await this.cases.registerReferral({ ...body } as unknown as NewReferral, ctx);
      return respond(res, opened, opened.caseId);
    }
    const { creates, alsoCreates } = CASE_COMMANDS[type];
    const created = creates && idForNewRecord(this.ids, ctx, creates.purpose);
    const nested = alsoCreates && {
      [alsoCreates.within]: { ...(body[alsoCreates.within] as RequestBody), [alsoCreates.field]: idForNewRecord(this.ids, ctx, alsoCreates.purpose) },
    };
    const input = { ...body, ...nested, type, caseId, ...(creates && { [creates.field]: created }) } as unknown as CaseCommandInput;
    return respond(res, await this.cases.execute(input, ctx), created ?? caseId);
  }
}

/** Adds the endpoint of one command to the controller, with everything a written-out method would declare. */
function defineEndpoint(type: CaseCommandType): void {
  const spec = CASE_COMMANDS[type];
  const proto = CaseCommandsController.prototype as unknown as Record<string, unknown>;
  const name = type[0].toLowerCase() + type.slice(1);
  const opensCase = spec.route === '';
  const handler = opensCase
    ? function (this: CaseCommandsController, body: RequestBody, ctx: CommandContext, res: Response) {
        return this.command(type, undefined, body, ctx, res);
      }
    : function (this: CaseCommandsController, caseId: string, body: RequestBody, ctx: CommandContext, res: Response) {
        return this.command(type, caseId, body, ctx, res);
      };
  Object.defineProperty(handler, 'name', { value: name });
  Object.defineProperty(proto, name, { value: handler, writable: true, configurable: true });
  // What TypeScript would emit for a written-out method: the body's DTO is what validation and OpenAPI read.
  Reflect.defineMetadata('design:paramtypes', opensCase ? [spec.body, Object, Object] : [String, spec.body, Object, Object], proto, name);
  Reflect.defineMetadata('design:returntype', Promise, proto, name);
  const params = [...(opensCase ? [] : [CaseId()]), Body(), CommandCtx(), Res({ passthrough: true })];
  params.forEach((decorate, index) => decorate(proto, name, index));
  const status = spec.creates || opensCase ? 201 : 200;
  const record = opensCase ? 'the new case' : spec.creates ? 'the new record' : 'the case';
  applyDecorators(
    Post(opensCase ? spec.route : `:caseId/${spec.route}`),
    HttpCode(status),
    Requires(spec.action),
    // The operationId is the command's name (registerReferral), which is what the UI's typed calls use.
    ApiOperation({ operationId: name, summary: spec.summary, description: `Command \`${type}\`.` }),
    ...(opensCase ? [] : [CaseIdDoc()]),
    status === 201
      ? ApiCreatedResponse({ type: CommandResponseDto, description: `\`id\` is ${record}` })
      : ApiOkResponse({ type: CommandResponseDto, description: `\`id\` is ${record}` }),
  )(proto, name, Object.getOwnPropertyDescriptor(proto, name)!);
}

// RegisterReferral first: `POST /v1/cases` is registered before the routes under `/:caseId`.
for (const type of CASE_COMMAND_TYPES) defineEndpoint(type);
