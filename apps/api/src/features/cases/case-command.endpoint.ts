import { applyDecorators, HttpCode, Injectable, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CaseCommandType } from '@app/domain';
import { CommandContext } from '../../platform/commands/command-runner';
import { idForNewRecord, IdGenerator } from '../../platform/ids';
import { Requires } from '../../platform/auth/auth.decorators';
import { CommandResponseDto } from '../../platform/http/command-response.dto';
import { respond } from '../../platform/http/respond';
import { actionFor } from './case-permissions';
import { CaseCommandInput, CaseCommandService } from './case-command.service';
import { onCase } from './case-routes';

/** The `:caseId` of the URL, refused with 400 unless it is a UUID. */
export const CaseId = () => Param('caseId', new ParseUUIDPipe());

/** Documents `:caseId` as a UUID (a parameter decorator alone does not tell OpenAPI the format). */
export const CaseIdDoc = () => ApiParam({ name: 'caseId', format: 'uuid' });

/**
 * Everything a case command endpoint declares, from the command type: its route (case-routes.ts), the
 * role-level action it needs (case-permissions.ts; the service checks the case's facility again), and
 * its status: 201 when the command creates a record (an incident, an offer ...), 200 otherwise.
 */
export function CaseCommandRoute(type: Exclude<CaseCommandType, 'RegisterReferral'>, effect: 'creates' | 'changes') {
  const creates = effect === 'creates';
  return applyDecorators(
    Post(onCase(type)),
    HttpCode(creates ? 201 : 200),
    Requires(actionFor(type)),
    ApiOperation({ summary: type }),
    CaseIdDoc(),
    creates
      ? ApiCreatedResponse({ type: CommandResponseDto, description: '`id` is the new record' })
      : ApiOkResponse({ type: CommandResponseDto, description: '`id` is the case' }),
  );
}

/**
 * What the case command controllers share: run a command on a case and answer with revision and ETag.
 * Endpoints build the command as `{ ...body, type, caseId, <new id> }`: what the server decides comes
 * last, so a body can never set it (validation refuses unknown fields anyway).
 */
@Injectable()
export abstract class CaseCommandController {
  constructor(
    protected readonly cases: CaseCommandService,
    private readonly ids: IdGenerator,
  ) {}

  /** The id of a record the command creates; the same on a retry under the same Idempotency-Key. */
  protected newId(ctx: CommandContext, purpose: string): string {
    return idForNewRecord(this.ids, ctx, purpose);
  }

  /** Runs the command; the answer's `id` is the record it created, or else the case. */
  protected async run(res: Response, ctx: CommandContext, input: CaseCommandInput, createdId?: string) {
    const outcome = await this.cases.execute(input, ctx);
    return respond(res, outcome, createdId ?? input.caseId);
  }
}
