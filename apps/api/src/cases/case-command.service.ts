import { Injectable } from '@nestjs/common';
import {
  CaseCommand,
  caseDecider,
  CaseState,
  caseStream,
  CommandOf,
  facilityDecider,
  facilityStream,
  MoveIn,
  personDecider,
  personStream,
  RegisterReferral,
  TransferUnit,
  unitDecider,
  UnitState,
  unitStream,
} from '@app/domain';
import { assertCan } from '../application/authorization';
import { DomainRuleViolation, NotFound } from '../application/command-errors';
import { CommandContext, CommandOutcome, CommandRunner, stepContext } from '../application/command-runner';
import { idForNewRecord, IdGenerator } from '../application/ids';
import { UnitFollowUpService } from '../processes/unit-follow-up.service';
import { actionFor } from './case-permissions';

export type NewReferral = Omit<RegisterReferral, 'type' | 'caseId' | 'facility' | 'person'> & { facilityId: string };
export type MoveInInput = Omit<MoveIn, 'unit' | 'facilityMaxStayDays'>;
export type TransferInput = Omit<TransferUnit, 'unit'>;
/** Any case command, with the snapshots the service loads itself left out. */
export type CaseCommandInput = Exclude<CaseCommand, RegisterReferral | MoveIn | TransferUnit> | MoveInInput | TransferInput;

type ActiveUnit = Extract<UnitState, { status: 'active' }>;

const rule = (name: string, message: string, field?: string) => new DomainRuleViolation({ kind: 'domain_error', rule: name, message, field });

/**
 * Runs case commands: checks the actor's role and facility, loads the facts the decider needs from
 * other aggregates, and carries out the commands that touch a unit as well as the case. The case is
 * the source of truth; a unit place is secured before the case is written (an offer reserves it, a
 * transfer occupies the new unit) and released again if the case refuses, and every other unit change
 * follows from the case event (UnitFollowUpService, repaired after crashes by UnitRepairProcess).
 */
@Injectable()
export class CaseCommandService {
  constructor(
    private readonly runner: CommandRunner,
    private readonly followUps: UnitFollowUpService,
    private readonly ids: IdGenerator,
  ) {}

  async registerReferral(input: NewReferral, ctx: CommandContext): Promise<CommandOutcome & { caseId: string }> {
    assertCan(ctx.actor, 'case.command', input.facilityId);
    const facility = await this.runner.load(facilityDecider, facilityStream(input.facilityId));
    if (facility.state.status !== 'active') throw rule('referral.facility_not_found', 'No such facility', 'facilityId');
    const person = await this.runner.load(personDecider, personStream(input.personId));
    if (person.state.status !== 'registered') throw rule('referral.person_not_found', 'No such person', 'personId');
    const caseId = idForNewRecord(this.ids, ctx, 'case');
    const { facilityId, ...rest } = input;
    const { profile } = facility.state;
    const command: RegisterReferral = {
      ...rest,
      type: 'RegisterReferral',
      caseId,
      facility: { facilityId, kind: profile.kind, targetGroup: profile.targetGroup, maxStayDays: profile.maxStayDays, exclusionReasons: profile.exclusionReasons },
      person: { birthDate: person.state.details.birthDate, gender: person.state.details.gender },
    };
    const outcome = await this.runner.run({ decider: caseDecider, stream: caseStream(caseId), command, effectiveDate: input.on }, { ...ctx, expectedRevision: undefined });
    return { ...outcome, caseId };
  }

  async execute(input: CaseCommandInput, ctx: CommandContext): Promise<CommandOutcome> {
    const authorize = (state: CaseState) => this.authorize(state, input, ctx);
    switch (input.type) {
      case 'OfferUnit':
        return this.offer(input, ctx, authorize);
      case 'MoveIn':
        return this.moveIn(input, ctx, authorize);
      case 'TransferUnit':
        return this.transfer(input, ctx, authorize);
      default:
        return this.onCase(input, ctx, authorize);
    }
  }

  /** The case as the command side folds it. Access is decided (and recorded) by the reading route. */
  async read(caseId: string) {
    const loaded = await this.runner.load(caseDecider, caseStream(caseId));
    if (loaded.state.status === 'none') throw new NotFound('Case');
    return loaded as typeof loaded & { state: Exclude<CaseState, { status: 'none' }> };
  }

  private authorize(state: CaseState, input: CaseCommandInput, ctx: CommandContext): void {
    if (state.status === 'none') throw new NotFound('Case');
    assertCan(ctx.actor, actionFor(input.type), state.facility.facilityId);
  }

  private async onCase(command: CaseCommand, ctx: CommandContext, authorize: (s: CaseState) => void, effectiveDate = command.on): Promise<CommandOutcome> {
    const outcome = await this.runner.run({ decider: caseDecider, stream: caseStream(command.caseId), command, authorize, effectiveDate }, ctx);
    if (outcome.appended) await this.followUps.applyAfterCommand(outcome.appended, ctx.correlationId);
    return outcome;
  }

  /** Reserve a place on the unit, then record the offer; release the place if the case refuses. */
  private async offer(command: CommandOf<'OfferUnit'>, ctx: CommandContext, authorize: (s: CaseState) => void): Promise<CommandOutcome> {
    const current = await this.runner.load(caseDecider, caseStream(command.caseId));
    authorize(current.state);
    const unit = await this.unitOf(command.unitId);
    if (unit.facilityId !== command.facilityId) throw rule('offer.unit_not_in_facility', 'The unit belongs to another facility', 'unitId');
    const reserve = { type: 'ReserveUnit', unitId: command.unitId, caseId: command.caseId, offerId: command.offerId, on: command.on, expiresOn: command.expiresOn } as const;
    await this.runner.run({ decider: unitDecider, stream: unitStream(command.unitId), command: reserve }, stepContext(ctx, 'reserve'));
    try {
      return await this.onCase(command, stepContext(ctx, 'case', true), authorize);
    } catch (error) {
      const release = { type: 'ReleaseReservation', unitId: command.unitId, offerId: command.offerId, on: command.on, reason: 'withdrawn' } as const;
      await this.runner.run({ decider: unitDecider, stream: unitStream(command.unitId), command: release }, stepContext(ctx, 'release')).catch(() => undefined);
      throw error;
    }
  }

  /** The offer already holds the place; the case records the move-in and the unit follows. */
  private async moveIn(input: MoveInInput, ctx: CommandContext, authorize: (s: CaseState) => void): Promise<CommandOutcome> {
    const unit = await this.unitOf(input.unitId);
    const facility = await this.runner.load(facilityDecider, facilityStream(unit.facilityId));
    const maxStay = facility.state.status === 'active' ? facility.state.profile.maxStayDays : undefined;
    return this.onCase({ ...input, unit: { kind: unit.kind }, facilityMaxStayDays: maxStay }, ctx, authorize);
  }

  /** Occupy the new unit first (the capacity check), then move the case; free the new unit if the case refuses. */
  private async transfer(input: TransferInput, ctx: CommandContext, authorize: (s: CaseState) => void): Promise<CommandOutcome> {
    const current = await this.runner.load(caseDecider, caseStream(input.caseId));
    authorize(current.state);
    if (current.state.status !== 'resident') throw rule('transfer.not_resident', 'Only a resident can be transferred');
    const unit = await this.unitOf(input.toUnitId);
    if (unit.facilityId !== current.state.facility.facilityId) throw rule('transfer.unit_not_in_facility', 'The unit belongs to another facility', 'toUnitId');
    // A reason for a forgotten person is refused before the unit is touched: a refused transfer leaves nothing behind.
    await this.runner.assertEncodable([{ type: 'UnitTransferred', data: { caseId: input.caseId, personId: current.state.personId, reason: input.reason } }], ctx, input.type);
    const occupy = { type: 'OccupyUnitByTransfer', unitId: input.toUnitId, caseId: input.caseId, personId: current.state.personId, transferId: input.transferId, on: input.on } as const;
    await this.runner.run({ decider: unitDecider, stream: unitStream(input.toUnitId), command: occupy }, stepContext(ctx, 'occupy'));
    try {
      return await this.onCase({ ...input, unit: { kind: unit.kind } }, stepContext(ctx, 'case', true), authorize);
    } catch (error) {
      const vacate = { type: 'VacateUnit', unitId: input.toUnitId, caseId: input.caseId, on: input.on, transferId: input.transferId } as const;
      await this.runner.run({ decider: unitDecider, stream: unitStream(input.toUnitId), command: vacate }, stepContext(ctx, 'undo')).catch(() => undefined);
      throw error;
    }
  }

  private async unitOf(unitId: string): Promise<ActiveUnit> {
    const { state } = await this.runner.load(unitDecider, unitStream(unitId));
    if (state.status !== 'active') throw rule('unit.not_found', 'No such unit', 'unitId');
    return state;
  }
}
