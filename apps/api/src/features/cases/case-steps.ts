import { Injectable } from '@nestjs/common';
import { CaseCommand, caseDecider, CaseState, caseStream, openClaimOf, unitDecider, UnitState, unitStream } from '@app/domain';
import { authorize } from '../../platform/auth/authorization';
import { CommandContext, CommandOutcome, stepContext } from '../../platform/commands/command-context';
import { CommandRunner } from '../../platform/commands/command-runner';
import { DomainRuleViolation, NotFound } from '../../platform/errors/command-errors';
import { StreamReader } from '../../platform/streams/stream-reader';
import { UnitOccupancySaga } from '../placement/unit-occupancy.saga';
import { CASE_ACCESS } from './case-access';

export type ActiveUnit = Extract<UnitState, { status: 'active' }>;

export const rule = (name: string, message: string, field?: string) => new DomainRuleViolation({ kind: 'domain_error', rule: name, message, field });

/**
 * The steps every case workflow is made of. The case is the source of truth: a command is decided
 * on the case (access first), the unit follows from the case event (UnitOccupancySaga, repaired after
 * crashes by UnitOccupancyRepair).
 */
@Injectable()
export class CaseSteps {
  constructor(
    private readonly runner: CommandRunner,
    private readonly streams: StreamReader,
    private readonly saga: UnitOccupancySaga,
  ) {}

  /** Records the command on the case, then lets the unit follow. */
  async onCase(command: CaseCommand, ctx: CommandContext): Promise<CommandOutcome> {
    const outcome = await this.runner.run(
      { decider: caseDecider, stream: caseStream(command.caseId), command, access: CASE_ACCESS[command.type], effectiveDate: command.on },
      ctx,
    );
    if (outcome.appended) await this.saga.applyAfterCommand(outcome.appended, ctx.correlationId);
    return outcome;
  }

  /**
   * Decides the case command without writing it: refused here, nothing is written anywhere. Under the
   * context the case step runs in, so a retried workflow is recognised as one and answered with its
   * first result (`replay`) before any other stream is touched.
   */
  async precheck(command: CaseCommand, ctx: CommandContext): Promise<{ state: CaseState; replay?: CommandOutcome }> {
    const spec = { decider: caseDecider, stream: caseStream(command.caseId), command, access: CASE_ACCESS[command.type], effectiveDate: command.on };
    const done = await this.runner.check(spec, stepContext(ctx, 'case', true));
    return { state: done.state, replay: done.replay };
  }

  /** Access first, before any unit is looked up: a 403 or 404 says nothing about the units. */
  async authorized(caseId: string, type: CaseCommand['type'], ctx: CommandContext): Promise<void> {
    authorize(CASE_ACCESS[type], (await this.streams.load(caseDecider, caseStream(caseId))).state, ctx.actor);
  }

  /** Extends the case's claim on the unit to `until` when it must end earlier (see ExtendClaim). */
  async holdUntil(unit: ActiveUnit, caseId: string, until: string, ctx: CommandContext): Promise<void> {
    const claim = openClaimOf(unit, caseId);
    if (!claim?.endsBy || until <= claim.endsBy) return;
    const extend = { type: 'ExtendClaim', unitId: unit.unitId, caseId, until } as const;
    await this.runner.run({ decider: unitDecider, stream: unitStream(unit.unitId), command: extend }, stepContext(ctx, 'hold'));
  }

  async unitOf(unitId: string, field = 'unitId'): Promise<ActiveUnit> {
    const { state } = await this.streams.load(unitDecider, unitStream(unitId));
    if (state.status !== 'active') throw rule('unit.not_found', 'No such unit', field);
    return state;
  }

  /** The case as the command side folds it. Access is decided (and recorded) by the reading route. */
  async read(caseId: string) {
    const loaded = await this.streams.load(caseDecider, caseStream(caseId));
    if (loaded.state.status === 'none') throw new NotFound('Case');
    return loaded as typeof loaded & { state: Exclude<CaseState, { status: 'none' }> };
  }
}
