import { ApiProperty } from '@nestjs/swagger';
import { allowedCaseCommands, can, CASE_COMMAND_TYPES, CASE_STATUSES, CaseCommandType, CaseState, CaseStatus, consentOn, IsoDate } from '@app/domain';
import { Actor } from '../../platform/auth/actor';
import { NotFound } from '../../platform/errors/command-errors';
import type { LoadedStream } from '../../platform/streams/stream-reader';
import { CASE_COMMANDS, casePath } from './case-commands';

export class AllowedCommandDto {
  @ApiProperty({ enum: CASE_COMMAND_TYPES })
  type!: CaseCommandType;

  @ApiProperty({ enum: ['POST'] })
  method!: 'POST';

  @ApiProperty({ example: '/api/v1/cases/2b1c…/incidents' })
  path!: string;
}

/** The case as the command side folds it; the fields beyond these depend on the status. */
export class CaseViewDto {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ example: '7', description: 'Stream revision: send it as If-Match with the next command' })
  revision!: string;

  @ApiProperty({ enum: CASE_STATUSES.filter((s) => s !== 'none') })
  status!: Exclude<CaseStatus, 'none'>;

  @ApiProperty({ type: [AllowedCommandDto], description: 'What this case allows now and the reader’s role permits' })
  allowedCommands!: AllowedCommandDto[];
}

/**
 * The case for a reader: its state, its revision as a string (JSON has no bigint), and the actions
 * the UI may offer — those the case allows in its status (allowedCaseCommands) that the reader's
 * role permits in the case's facility. A supervisor or an auditor sees none. The ledger (the
 * decider's record of applied commands, for idempotency) is left out: it repeats event data.
 */
export function caseView(caseId: string, loaded: LoadedStream<CaseState>, actor: Actor, today: IsoDate) {
  const { state, revision } = loaded;
  if (state.status === 'none') throw new NotFound('Case');
  const { ledger: _ledger, ...rest } = state;
  const facilityId = state.facility.facilityId;
  const allowedCommands = allowedCaseCommands(state)
    .filter((type) => can(actor.grants, CASE_COMMANDS[type].action, facilityId))
    .map((type) => ({ type, method: 'POST' as const, path: casePath(caseId, type) }));
  // The consent as it stands today, from its dated entries (the entries themselves are in `consents`).
  return { ...rest, caseId, revision: String(revision), allowedCommands, consent: consentOn(state.consents, today) };
}
