import { Injectable } from '@nestjs/common';
import {
  addDays,
  can,
  CaseCommand,
  caseDecider,
  CaseState,
  caseStream,
  CommandOf,
  facilityDecider,
  facilityStream,
  MoveIn,
  openClaimOf,
  personDecider,
  personStream,
  referralClaimDecider,
  referralClaimStream,
  referralEnded,
  RegisterReferral,
  StartMapping,
  TransferUnit,
  unitDecider,
  UnitState,
  unitStream,
  WithoutToday,
} from '@app/domain';
import { assertCan } from '../../platform/auth/authorization';
import { DomainRuleViolation, NotFound } from '../../platform/errors/command-errors';
import { CommandContext, CommandOutcome, CommandRunner, stepContext } from '../../platform/commands/command-runner';
import { Clock, idForNewRecord, IdGenerator } from '../../platform/ids';
import { AccessLogService } from '../privacy/access-log.service';
import { UnitFollowUpService } from '../placement/unit-occupancy.saga';
import { PersonFiles } from '../../read-models/person-files/person-files.service';
import { actionFor } from './case-permissions';

export type NewReferral = Omit<RegisterReferral, 'type' | 'caseId' | 'facility' | 'person' | 'today'> & { facilityId: string };
export type MoveInInput = WithoutToday<Omit<MoveIn, 'unit' | 'facilityMaxStayDays'>>;
export type TransferInput = WithoutToday<Omit<TransferUnit, 'unit'>>;
export type StartMappingInput = WithoutToday<Omit<StartMapping, 'assessmentUnit'>>;
/** Any case command as a client gives it: the service adds `today` and the snapshots it loads itself. */
export type CaseCommandInput =
  | WithoutToday<Exclude<CaseCommand, RegisterReferral | MoveIn | TransferUnit | StartMapping>>
  | MoveInInput
  | TransferInput
  | StartMappingInput;

type ActiveUnit = Extract<UnitState, { status: 'active' }>;
type Authorize = (state: CaseState) => void;

const rule = (name: string, message: string, field?: string) => new DomainRuleViolation({ kind: 'domain_error', rule: name, message, field });

/**
 * Runs case commands: checks the actor's role and facility, adds the municipal today and the facts
 * the decider needs from other aggregates, and carries out the commands that touch a unit as well as
 * the case. The case is the source of truth. A command that touches a unit is first decided on the
 * case without being written (so a refused one leaves nothing behind); then the unit place is secured
 * (an offer reserves it, a transfer or an assessment stay occupies it, an end later than a claim's
 * `endsBy` extends the claim) and released again if the case then refuses; every other unit change
 * follows from the case event (UnitFollowUpService, repaired after crashes by UnitRepairProcess).
 */
@Injectable()
export class CaseCommandService {
  constructor(
    private readonly runner: CommandRunner,
    private readonly followUps: UnitFollowUpService,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly access: AccessLogService,
    private readonly personFiles: PersonFiles,
  ) {}

  /**
   * A referral claims the person–facility pair first (one open referral at a time, see
   * referral-claim.decider.ts), then writes the case. A claim left by a case that was never written is
   * adopted: the referral takes that case id, so two adopters cannot both write it (the second finds
   * the stream and gets a 409).
   *
   * A referral to one's own facility needs no purpose (referrals come from outside: the referral says
   * why), and it widens no reads: the facility sees the person's registered details and its own case,
   * not the cases recorded elsewhere (AccessLogService.decide). When the person's file is held only by
   * facilities outside the registrar's, the referral is flagged in the person's access log, so that a
   * reviewer sees that a new facility now works with the person.
   */
  async registerReferral(input: NewReferral, ctx: CommandContext): Promise<CommandOutcome & { caseId: string }> {
    assertCan(ctx.actor, 'case.command', input.facilityId);
    const facility = await this.runner.load(facilityDecider, facilityStream(input.facilityId));
    if (facility.state.status !== 'active') throw rule('referral.facility_not_found', 'No such facility', 'facilityId');
    const person = await this.runner.load(personDecider, personStream(input.personId));
    if (person.state.status !== 'registered') throw rule('referral.person_not_found', 'No such person', 'personId');
    const { facilityId, ...rest } = input;
    const { profile } = facility.state;
    const { details } = person.state;
    const command = (caseId: string): RegisterReferral => ({
      ...rest,
      type: 'RegisterReferral',
      caseId,
      today: this.clock.today(),
      facility: { facilityId, kind: profile.kind, targetGroup: profile.targetGroup, maxStayDays: profile.maxStayDays, exclusionReasons: profile.exclusionReasons },
      person: { birthDate: details.birthDate, gender: details.gender },
    });
    let caseId = idForNewRecord(this.ids, ctx, 'case');
    const done = await this.runner.check({ decider: caseDecider, stream: caseStream(caseId), command: command(caseId) }, { ...stepContext(ctx, 'case'), expectedRevision: undefined });
    if (done.replay) return { ...done.replay, caseId };

    const claimStream = referralClaimStream(input.personId, facilityId);
    const claim = await this.runner.load(referralClaimDecider, claimStream);
    let endedHolder: string | undefined;
    if (claim.state.status === 'claimed' && claim.state.caseId !== caseId) {
      const holder = await this.runner.load(caseDecider, caseStream(claim.state.caseId));
      if (holder.state.status === 'none') caseId = claim.state.caseId;
      else if (referralEnded(holder.state)) endedHolder = claim.state.caseId;
    }
    const claimCommand = { type: 'ClaimReferral', personId: input.personId, facilityId, caseId, endedHolder } as const;
    await this.runner.run({ decider: referralClaimDecider, stream: claimStream, command: claimCommand }, stepContext(ctx, 'claim'));
    const heldBy = await this.personFiles.facilitiesOf(input.personId);
    const known = heldBy.length === 0 || heldBy.some((f) => can(ctx.actor.grants, 'read.case', f));
    const flag = { flagged: !known, purpose: ctx.accessPurpose, show: 'everything' as const };
    const beforeAppend = this.access.flaggedWrite(ctx, { personId: input.personId, caseId, view: 'referral' }, flag);
    const outcome = await this.runner.run(
      { decider: caseDecider, stream: caseStream(caseId), command: command(caseId), effectiveDate: input.on, beforeAppend },
      { ...stepContext(ctx, 'case'), expectedRevision: undefined },
    );
    return { ...outcome, caseId };
  }

  async execute(input: CaseCommandInput, ctx: CommandContext): Promise<CommandOutcome> {
    const authorize = (state: CaseState) => this.authorize(state, input, ctx);
    const today = this.clock.today();
    switch (input.type) {
      case 'OfferUnit':
        return this.offer({ ...input, today }, ctx, authorize);
      case 'MoveIn':
        return this.moveIn(input, today, ctx, authorize);
      case 'TransferUnit':
        return this.transfer(input, today, ctx, authorize);
      case 'StartMapping':
        return this.startMapping(input, today, ctx, authorize);
      case 'DeclineOffer':
      case 'ExpireOffer':
      case 'MoveOut':
      case 'EndMapping':
        return this.ending({ ...input, today } as CaseCommand, ctx, authorize);
      default:
        return this.onCase({ ...input, today } as CaseCommand, ctx, authorize);
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

  private async onCase(command: CaseCommand, ctx: CommandContext, authorize: Authorize): Promise<CommandOutcome> {
    const outcome = await this.runner.run({ decider: caseDecider, stream: caseStream(command.caseId), command, authorize, effectiveDate: command.on }, ctx);
    if (outcome.appended) await this.followUps.applyAfterCommand(outcome.appended, ctx.correlationId);
    return outcome;
  }

  /**
   * Decides the case command without writing it: refused here, nothing is written anywhere. Under the
   * context the case step runs in, so a retried workflow is recognised as one and answered with its
   * first result (`replay`) before any other stream is touched.
   */
  private async precheck(command: CaseCommand, ctx: CommandContext, authorize: Authorize): Promise<{ state: CaseState; replay?: CommandOutcome }> {
    const done = await this.runner.check({ decider: caseDecider, stream: caseStream(command.caseId), command, authorize, effectiveDate: command.on }, stepContext(ctx, 'case', true));
    return { state: done.state, replay: done.replay };
  }

  /** Access first, before any unit is looked up: a 403 or 404 says nothing about the units. */
  private async authorized(caseId: string, authorize: Authorize): Promise<void> {
    authorize((await this.runner.load(caseDecider, caseStream(caseId))).state);
  }

  /**
   * Reserve a place on the unit, then record the offer; release the place if the case refuses. Both
   * the unit and the offer are checked first: a refused offer leaves no reservation behind.
   */
  private async offer(command: CommandOf<'OfferUnit'>, ctx: CommandContext, authorize: Authorize): Promise<CommandOutcome> {
    const { replay } = await this.precheck(command, ctx, authorize);
    if (replay) return replay;
    const unit = await this.unitOf(command.unitId);
    if (unit.facilityId !== command.facilityId) throw rule('offer.unit_not_in_facility', 'The unit belongs to another facility', 'unitId');
    const reserve = { type: 'ReserveUnit', unitId: command.unitId, caseId: command.caseId, offerId: command.offerId, on: command.on, expiresOn: command.expiresOn } as const;
    await this.runner.run({ decider: unitDecider, stream: unitStream(command.unitId), command: reserve, effectiveDate: command.on }, stepContext(ctx, 'reserve'));
    try {
      return await this.onCase(command, stepContext(ctx, 'case', true), authorize);
    } catch (error) {
      const release = { type: 'ReleaseReservation', unitId: command.unitId, offerId: command.offerId, on: command.on, reason: 'withdrawn' } as const;
      await this.runner.run({ decider: unitDecider, stream: unitStream(command.unitId), command: release }, stepContext(ctx, 'release')).catch(() => undefined);
      throw error;
    }
  }

  /** The offer holds the place; the case records the move-in and the unit follows (the reservation held through the night of the move-in). */
  private async moveIn(input: MoveInInput, today: string, ctx: CommandContext, authorize: Authorize): Promise<CommandOutcome> {
    await this.authorized(input.caseId, authorize);
    const unit = await this.unitOf(input.unitId);
    const facility = await this.runner.load(facilityDecider, facilityStream(unit.facilityId));
    const maxStay = facility.state.status === 'active' ? facility.state.profile.maxStayDays : undefined;
    const command: MoveIn = { ...input, today, unit: { kind: unit.kind }, facilityMaxStayDays: maxStay };
    const { replay } = await this.precheck(command, ctx, authorize);
    if (replay) return replay;
    await this.holdUntil(unit, command.caseId, addDays(command.on, 1), ctx);
    return this.onCase(command, stepContext(ctx, 'case', true), authorize);
  }

  /** Occupy the new unit first (the capacity check), then move the case; free the new unit if the case refuses. */
  private async transfer(input: TransferInput, today: string, ctx: CommandContext, authorize: Authorize): Promise<CommandOutcome> {
    await this.authorized(input.caseId, authorize);
    const unit = await this.unitOf(input.toUnitId);
    const command: TransferUnit = { ...input, today, unit: { kind: unit.kind } };
    const { state, replay } = await this.precheck(command, ctx, authorize);
    if (replay) return replay;
    if (state.status !== 'resident') throw rule('transfer.not_resident', 'Only a resident can be transferred');
    if (unit.facilityId !== state.facility.facilityId) throw rule('transfer.unit_not_in_facility', 'The unit belongs to another facility', 'toUnitId');
    await this.holdUntil(await this.unitOf(state.stay.unitId), input.caseId, input.on, ctx);
    const occupy = { type: 'OccupyUnitByTransfer', unitId: input.toUnitId, caseId: input.caseId, personId: state.personId, transferId: input.transferId, on: input.on } as const;
    await this.runner.run({ decider: unitDecider, stream: unitStream(input.toUnitId), command: occupy, effectiveDate: input.on }, stepContext(ctx, 'occupy'));
    try {
      return await this.onCase(command, stepContext(ctx, 'case', true), authorize);
    } catch (error) {
      const vacate = { type: 'VacateUnit', unitId: input.toUnitId, caseId: input.caseId, on: input.on, transferId: input.transferId } as const;
      await this.runner.run({ decider: unitDecider, stream: unitStream(input.toUnitId), command: vacate }, stepContext(ctx, 'undo')).catch(() => undefined);
      throw error;
    }
  }

  /** An assessment stay takes its place in the flat first, as a transfer does; freed again if the case refuses. */
  private async startMapping(input: StartMappingInput, today: string, ctx: CommandContext, authorize: Authorize): Promise<CommandOutcome> {
    const unitId = input.assessmentUnitId;
    if (unitId === undefined) return this.onCase({ ...input, today }, ctx, authorize);
    await this.authorized(input.caseId, authorize);
    const unit = await this.unitOf(unitId, 'assessmentUnitId');
    const command: StartMapping = { ...input, today, assessmentUnit: { facilityId: unit.facilityId, kind: unit.kind } };
    const { state, replay } = await this.precheck(command, ctx, authorize);
    if (replay) return replay;
    if (state.status === 'none') throw new NotFound('Case');
    const occupy = { type: 'OccupyUnitForMapping', unitId, caseId: input.caseId, personId: state.personId, mappingId: input.mappingId, on: input.on } as const;
    await this.runner.run({ decider: unitDecider, stream: unitStream(unitId), command: occupy, effectiveDate: input.on }, stepContext(ctx, 'occupy'));
    try {
      return await this.onCase(command, stepContext(ctx, 'case', true), authorize);
    } catch (error) {
      const vacate = { type: 'VacateUnit', unitId, caseId: input.caseId, on: input.on, mappingId: input.mappingId } as const;
      await this.runner.run({ decider: unitDecider, stream: unitStream(unitId), command: vacate }, stepContext(ctx, 'undo')).catch(() => undefined);
      throw error;
    }
  }

  /**
   * A decline, an expiry, a move-out or the end of an assessment stay gives up a place; the unit
   * follows the case. When the place's claim was entered after the fact and must end by a day a later
   * claim took the place, and this end is later, the unit is asked to hold it longer first (refused:
   * the place is taken, nothing is written).
   */
  private async ending(command: CaseCommand, ctx: CommandContext, authorize: Authorize): Promise<CommandOutcome> {
    const { state, replay } = await this.precheck(command, ctx, authorize);
    if (replay) return replay;
    const unitId = placeGivenUp(command, state);
    if (unitId !== undefined) {
      const { state: unit } = await this.runner.load(unitDecider, unitStream(unitId));
      if (unit.status === 'active') await this.holdUntil(unit, command.caseId, command.on, ctx);
    }
    return this.onCase(command, stepContext(ctx, 'case', true), authorize);
  }

  /** Extends the case's claim on the unit to `until` when it must end earlier (see ExtendClaim). */
  private async holdUntil(unit: ActiveUnit, caseId: string, until: string, ctx: CommandContext): Promise<void> {
    const claim = openClaimOf(unit, caseId);
    if (!claim?.endsBy || until <= claim.endsBy) return;
    const extend = { type: 'ExtendClaim', unitId: unit.unitId, caseId, until } as const;
    await this.runner.run({ decider: unitDecider, stream: unitStream(unit.unitId), command: extend }, stepContext(ctx, 'hold'));
  }

  private async unitOf(unitId: string, field = 'unitId'): Promise<ActiveUnit> {
    const { state } = await this.runner.load(unitDecider, unitStream(unitId));
    if (state.status !== 'active') throw rule('unit.not_found', 'No such unit', field);
    return state;
  }
}

/** The unit whose place the command gives up, if any. */
function placeGivenUp(command: CaseCommand, state: CaseState): string | undefined {
  if (state.status === 'none' || state.status === 'closed') return undefined;
  switch (command.type) {
    case 'DeclineOffer':
    case 'ExpireOffer':
      return state.offers[command.offerId]?.unitId;
    case 'MoveOut':
      return state.stay?.unitId;
    case 'EndMapping':
      return state.mappings[command.mappingId]?.assessmentUnitId;
    default:
      return undefined;
  }
}
