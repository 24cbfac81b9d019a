import {
  AbsenceKind,
  ActionPlanItem,
  AgreementKind,
  AlternativeHousingType,
  AppealBodyOutcome,
  AppealReviewOutcome,
  AssessmentOutcome,
  CaseStatus,
  ContactMode,
  Destination,
  ExitReason,
  HealthCareFollowUp,
  IncidentKind,
  LeaseTerms,
  ReferralSource,
  Referrer,
  Screening,
  Severity,
  WithdrawalReason,
  BROSET_ITEMS,
  BrosetItem,
  LegalBasis,
} from '../case';
import { ExclusionReason } from '../facility/facility.decider';
import { UnitKind } from '../unit/unit.decider';
import { addDays, IsoDate } from '../shared/dates';
import { PlannedCaseCommand, PlannedReferral, ScenarioStep } from './plan';
import { UnitCalendar } from './unit-calendar';

/**
 * One case written as a script of dated commands, planned first and run later. Planning knows every
 * date, so the unit places the scripts need can be handed out (allocatePlaces) before anything runs,
 * and the steps of all scripts can be run in date order. The script remembers what its commands
 * refer to (the open offer, the absence, the appeal ...) and makes their ids with the `ids` it is
 * given; it holds no rules: the deciders judge the plan when it runs.
 */
export interface ScriptFacility {
  readonly facilityId: string;
  readonly units: ReadonlyArray<{ readonly unitId: string; readonly label: string; readonly kind: UnitKind }>;
  /** Who sits in the offer's assessment team (RecordAssessmentMeeting). */
  readonly team: readonly string[];
  /** The legal basis its formal decisions rest on. */
  readonly legalBasis: LegalBasis;
  /** Who decides on behalf of the offer (enkeltvedtak: `decidedBy`). */
  readonly decidedBy: string;
}

/** A place on a unit a script needs for a while: from an offer (or a transfer, or a mapping stay) to its release. */
export interface UnitHold {
  readonly facility: ScriptFacility;
  readonly kind: UnitKind;
  readonly from: IsoDate;
  /** The release day (move-out, decline, expiry, end of mapping); open while the script still holds it. */
  to?: IsoDate;
  /** Given by the script's author, or set by allocatePlaces. */
  unitId?: string;
  unitLabel?: string;
  readonly owner: string;
}

export interface ReferralInput {
  readonly source: ReferralSource;
  readonly referrer: Referrer;
  readonly reason: string;
  /** Within the target group (no children, no active heavy use, a co-occurring disorder) unless said otherwise. */
  readonly screening?: Partial<Screening>;
  /** The day the person consented; the referral day when not given. */
  readonly consentOn?: IsoDate;
  readonly consentScope?: string;
}

export interface DecisionText {
  readonly facts: string;
  readonly considerations: string;
  /** Days after the decision the person was told (the appeal deadline runs from then); 1 for decisions, 0 for exclusions. */
  readonly notifiedAfterDays?: number;
}

export interface MoveInOptions {
  readonly agreement: { kind: AgreementKind; endsOn?: IsoDate; leaseTerms?: LeaseTerms; extensionJustification?: string };
  readonly contactPersons?: readonly string[];
  /** The crisis plan made at move-in; a standard one when not given, none with `false`. */
  readonly crisisPlan?: string | false;
  readonly actionPlan?: readonly ActionPlanItem[];
}

export interface ScriptOptions {
  /** Makes the id of something the script introduces from a name unique within the scenario (e.g. uuidV5 of it). */
  readonly ids: (name: string) => string;
  /** The scenario-wide creation counter (the tie-break on a day); per script when not given. */
  readonly sequence?: () => number;
  /** The status the case must end in, for the executor to check. */
  readonly expected?: CaseStatus;
}

const DEFAULT_ACTION_PLAN: readonly ActionPlanItem[] = [
  { goal: 'Beholde boligen', measure: 'Ukentlig samtale med kontaktperson', responsible: 'Kontaktperson' },
  { goal: 'Stabil økonomi', measure: 'Fast trekk av husleie via NAV', responsible: 'Beboer og NAV-veileder' },
];

type Pending =
  | { readonly kind: 'referral'; readonly on: IsoDate; readonly seq: number; readonly input: PlannedReferral }
  | { readonly kind: 'command'; readonly on: IsoDate; readonly seq: number; readonly build: () => PlannedCaseCommand };

export class CaseScript {
  private readonly pending: Pending[] = [];
  readonly holds: UnitHold[] = [];
  readonly expected?: CaseStatus;
  /** Set by the executor once the referral has made the case. */
  caseId?: string;
  private drained = 0;
  private hold?: UnitHold;
  private offerId?: string;
  private mappingId?: string;
  private mappingHold?: UnitHold;
  private appealId?: string;
  private refusalId?: string;
  private exclusionDecisionId?: string;
  private absenceId?: string;
  private followUpId?: string;
  private enrolmentId?: string;
  private lastOn?: IsoDate;
  private counter = 0;
  private readonly ids: (name: string) => string;
  private readonly sequence: () => number;

  constructor(
    readonly key: string,
    readonly personKey: string,
    readonly facility: ScriptFacility,
    options: ScriptOptions,
  ) {
    this.ids = options.ids;
    this.expected = options.expected;
    let seq = 0;
    this.sequence = options.sequence ?? (() => seq++);
  }

  /** Every step, with its units resolved (after allocatePlaces when the script left them open). */
  steps(): ScenarioStep[] {
    return this.pending.map((p) => this.resolve(p));
  }

  /** The steps added since the last call: for an executor that runs a script as it is written. */
  drain(): ScenarioStep[] {
    const fresh = this.pending.slice(this.drained);
    this.drained = this.pending.length;
    return fresh.map((p) => this.resolve(p));
  }

  /** The decision an appeal can be about: the last refusal, or the exclusion's decision. */
  get appealableDecisionId(): string | undefined {
    return this.exclusionDecisionId ?? this.refusalId;
  }

  private resolve(p: Pending): ScenarioStep {
    const base = { on: p.on, seq: p.seq, caseKey: this.key };
    return p.kind === 'referral'
      ? { ...base, kind: 'referral', personKey: this.personKey, facilityId: this.facility.facilityId, input: p.input }
      : { ...base, kind: 'command', command: p.build() };
  }

  /** A stable id for something this script introduces (an offer, a meeting ...). */
  private id(purpose: string): string {
    return this.ids(`${this.key}:${purpose}:${++this.counter}`);
  }

  private at(on: IsoDate): IsoDate {
    if (this.lastOn !== undefined && on < this.lastOn) throw new Error(`Scenario script ${this.key}: ${on} comes before ${this.lastOn}`);
    this.lastOn = on;
    return on;
  }

  private command(on: IsoDate, build: () => PlannedCaseCommand): this {
    this.pending.push({ kind: 'command', on: this.at(on), seq: this.sequence(), build });
    return this;
  }

  private takePlace(from: IsoDate, kind: UnitKind, unitId?: string): UnitHold {
    const hold: UnitHold = { facility: this.facility, kind, from, owner: this.key, unitId };
    this.holds.push(hold);
    return hold;
  }

  private unitOf(hold: UnitHold | undefined): string {
    if (!hold?.unitId) throw new Error(`Scenario script ${this.key}: no unit was allocated`);
    return hold.unitId;
  }

  private releasePlace(on: IsoDate): void {
    if (this.hold) this.hold.to = on;
    this.hold = undefined;
  }

  // Referral and assessment

  refer(on: IsoDate, r: ReferralInput): this {
    const screening: Screening = { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: true, ...r.screening };
    const input: PlannedReferral = {
      on,
      referralSource: r.source,
      referrer: r.referrer,
      screening,
      reason: r.reason,
      consent: { given: true, scope: r.consentScope ?? 'Henviser, boligtjenesten og vurderingsteamet', date: r.consentOn ?? on },
    };
    this.pending.push({ kind: 'referral', on: this.at(on), seq: this.sequence(), input });
    return this;
  }

  withdraw(on: IsoDate, reason: WithdrawalReason, note?: string): this {
    return this.command(on, () => ({ type: 'WithdrawReferral', on, reason, note }));
  }

  meeting(on: IsoDate, outcome: AssessmentOutcome, notes: string, priority?: number): this {
    const meetingId = this.id('meeting');
    const members = this.facility.team;
    return this.command(on, () => ({ type: 'RecordAssessmentMeeting', on, meetingId, members, outcome, priority, notes }));
  }

  /** A mapping, in an assessment flat when asked (`true`: one allocated later; or the flat's unit id). */
  startMapping(on: IsoDate, plannedEndOn: IsoDate, inAssessmentUnit: boolean | { unitId: string }): this {
    const mappingId = (this.mappingId = this.id('mapping'));
    const given = typeof inAssessmentUnit === 'object' ? inAssessmentUnit.unitId : undefined;
    const hold = inAssessmentUnit ? (this.mappingHold = this.takePlace(on, 'assessment', given)) : undefined;
    return this.command(on, () => ({ type: 'StartMapping', on, mappingId, plannedEndOn, assessmentUnitId: hold ? this.unitOf(hold) : undefined }));
  }

  endMapping(on: IsoDate, summary: string): this {
    const mappingId = this.mappingId!;
    if (this.mappingHold) this.mappingHold.to = on;
    this.mappingHold = undefined;
    return this.command(on, () => ({ type: 'EndMapping', on, mappingId, summary }));
  }

  // Decisions and appeals

  private decision(on: IsoDate, kind: 'grant' | 'refusal', text: DecisionText): this {
    const decisionId = this.id(kind);
    if (kind === 'refusal') this.refusalId = decisionId;
    const { legalBasis, decidedBy } = this.facility;
    const notifiedOn = addDays(on, text.notifiedAfterDays ?? 1);
    return this.command(on, () => ({
      type: 'IssueDecision',
      on,
      decisionId,
      kind,
      legalBasis,
      facts: text.facts,
      mainConsiderations: text.considerations,
      decidedBy,
      notifiedOn,
    }));
  }

  grant(on: IsoDate, text: DecisionText): this {
    return this.decision(on, 'grant', text);
  }

  refuse(on: IsoDate, text: DecisionText): this {
    return this.decision(on, 'refusal', text);
  }

  /** An appeal against a decision: the last refusal (or exclusion) when not named. */
  appeal(on: IsoDate, decisionId = this.appealableDecisionId): this {
    const appealId = (this.appealId = this.id('appeal'));
    if (!decisionId) throw new Error(`Scenario script ${this.key}: an appeal needs a refusal first`);
    return this.command(on, () => ({ type: 'ReceiveAppeal', on, appealId, decisionId, receivedOn: on }));
  }

  reviewAppeal(on: IsoDate, outcome: AppealReviewOutcome, note: string): this {
    const appealId = this.appealId!;
    return this.command(on, () => ({ type: 'ReviewAppeal', on, appealId, outcome, note }));
  }

  forwardAppeal(on: IsoDate): this {
    const appealId = this.appealId!;
    return this.command(on, () => ({ type: 'ForwardAppeal', on, appealId }));
  }

  appealOutcome(on: IsoDate, outcome: AppealBodyOutcome, note: string): this {
    const appealId = this.appealId!;
    return this.command(on, () => ({ type: 'RecordAppealOutcome', on, appealId, outcome, note }));
  }

  // Waiting list and offers

  waitlist(on: IsoDate, priority: number): this {
    const facilityId = this.facility.facilityId;
    return this.command(on, () => ({ type: 'PlaceOnWaitingList', on, facilityId, priority }));
  }

  changePriority(on: IsoDate, priority: number): this {
    return this.command(on, () => ({ type: 'ChangeWaitingListPriority', on, priority }));
  }

  /** An offer of a place: on the unit given, or on one allocatePlaces hands out. */
  offer(on: IsoDate, answerWithinDays = 7, unitId?: string): this {
    const offerId = (this.offerId = this.id('offer'));
    const hold = (this.hold = this.takePlace(on, this.facility.units[0].kind, unitId));
    const { facilityId } = this.facility;
    const expiresOn = addDays(on, answerWithinDays);
    return this.command(on, () => ({ type: 'OfferUnit', on, offerId, unitId: this.unitOf(hold), facilityId, expiresOn }));
  }

  acceptOffer(on: IsoDate): this {
    const offerId = this.offerId!;
    return this.command(on, () => ({ type: 'AcceptOffer', on, offerId }));
  }

  declineOffer(on: IsoDate, reason: string): this {
    const offerId = this.offerId!;
    this.releasePlace(on);
    return this.command(on, () => ({ type: 'DeclineOffer', on, offerId, reason }));
  }

  expireOffer(on: IsoDate): this {
    const offerId = this.offerId!;
    this.releasePlace(on);
    return this.command(on, () => ({ type: 'ExpireOffer', on, offerId }));
  }

  // The stay

  moveIn(on: IsoDate, options: MoveInOptions): this {
    const offerId = this.offerId!;
    const hold = this.hold!;
    const moveInId = this.id('move-in');
    const { kind, endsOn, leaseTerms, extensionJustification } = options.agreement;
    const crisisPlan =
      options.crisisPlan === false
        ? undefined
        : { summary: options.crisisPlan ?? 'Ring vakttelefonen; ved akutt forverring legevakt og ACT-teamet', madeOn: on };
    return this.command(on, () => ({
      type: 'MoveIn',
      on,
      moveInId,
      offerId,
      unitId: this.unitOf(hold),
      agreement: { kind, startsOn: on, endsOn, leaseTerms, extensionJustification },
      houseRulesAcknowledged: true,
      informationLetterAcknowledged: true,
      contactPersons: options.contactPersons ?? ['Primærkontakt (miljøterapeut)', 'Sekundærkontakt'],
      ...(crisisPlan && { crisisPlan }),
      actionPlan: options.actionPlan ?? DEFAULT_ACTION_PLAN,
    }));
  }

  extend(on: IsoDate, endsOn: IsoDate, justification?: string): this {
    return this.command(on, () => ({ type: 'ExtendAgreement', on, endsOn, extensionJustification: justification }));
  }

  convertToLease(on: IsoDate, leaseStartsOn: IsoDate, leaseTerms: LeaseTerms): this {
    return this.command(on, () => ({ type: 'ConvertToLease', on, leaseStartsOn, leaseTerms, residentAgrees: true, landlordAgrees: true }));
  }

  /** An incident, optionally answered with a warning that refers to it. */
  incident(on: IsoDate, kind: IncidentKind, severity: Severity, description: string, warning?: { on: IsoDate; reason: string }): this {
    const incidentId = this.id('incident');
    this.command(on, () => ({ type: 'RecordIncident', on, incidentId, kind, severity, description }));
    if (warning) {
      const warningId = this.id('warning');
      this.command(warning.on, () => ({ type: 'IssueWarning', on: warning.on, warningId, reason: warning.reason, relatedIncidentId: incidentId }));
    }
    return this;
  }

  warning(on: IsoDate, reason: string, relatedIncidentId?: string): this {
    const warningId = this.id('warning');
    return this.command(on, () => ({ type: 'IssueWarning', on, warningId, reason, relatedIncidentId }));
  }

  absence(on: IsoDate, kind: AbsenceKind, from: IsoDate): this {
    const absenceId = (this.absenceId = this.id('absence'));
    return this.command(on, () => ({ type: 'RecordAbsence', on, absenceId, kind, from }));
  }

  returned(on: IsoDate): this {
    const absenceId = this.absenceId!;
    return this.command(on, () => ({ type: 'RecordReturn', on, absenceId }));
  }

  /** A move to another unit of the facility: the one given, or one allocatePlaces hands out. */
  transfer(on: IsoDate, reason: string, unitId?: string): this {
    const transferId = this.id('transfer');
    const kind = this.hold?.kind ?? this.facility.units[0].kind;
    this.releasePlace(on);
    const hold = (this.hold = this.takePlace(on, kind, unitId));
    return this.command(on, () => ({ type: 'TransferUnit', on, transferId, toUnitId: this.unitOf(hold), reason }));
  }

  risk(on: IsoDate, rosSummary: string, present: readonly BrosetItem[]): this {
    const assessmentId = this.id('risk');
    const broset = Object.fromEntries(BROSET_ITEMS.map((item) => [item, present.includes(item)])) as Record<BrosetItem, boolean>;
    return this.command(on, () => ({ type: 'RecordRiskAssessment', on, assessmentId, rosSummary, broset }));
  }

  contactPersons(on: IsoDate, contactPersons: readonly string[]): this {
    return this.command(on, () => ({ type: 'AssignContactPersons', on, contactPersons }));
  }

  crisisPlan(on: IsoDate, summary: string): this {
    return this.command(on, () => ({ type: 'UpdateCrisisPlan', on, crisisPlan: { summary, madeOn: on } }));
  }

  actionPlan(on: IsoDate, actionPlan: readonly ActionPlanItem[]): this {
    return this.command(on, () => ({ type: 'UpdateActionPlan', on, actionPlan }));
  }

  // Leaving

  exclude(on: IsoDate, reasons: readonly ExclusionReason[], overallAssessment: string, effectiveOn: IsoDate, text: DecisionText): this {
    const exclusionId = this.id('exclusion');
    const decisionId = (this.exclusionDecisionId = this.id('exclusion-decision'));
    const { legalBasis, decidedBy } = this.facility;
    const notifiedOn = addDays(on, text.notifiedAfterDays ?? 0);
    return this.command(on, () => ({
      type: 'DecideExclusion',
      on,
      exclusionId,
      reasons,
      overallAssessment,
      effectiveOn,
      decision: { decisionId, legalBasis, facts: text.facts, mainConsiderations: text.considerations, decidedBy, notifiedOn },
    }));
  }

  alternativeOffered(on: IsoDate, housingType: AlternativeHousingType, description: string): this {
    return this.command(on, () => ({ type: 'RecordAlternativeOffered', on, housingType, description }));
  }

  alternativeRefused(on: IsoDate, note?: string): this {
    return this.command(on, () => ({ type: 'RecordAlternativeRefused', on, note }));
  }

  moveOut(on: IsoDate, destination: Destination, exitReason: ExitReason): this {
    const moveOutId = this.id('move-out');
    this.releasePlace(on);
    return this.command(on, () => ({ type: 'MoveOut', on, moveOutId, destination, exitReason }));
  }

  startFollowUp(
    on: IsoDate,
    contactModes: readonly ContactMode[],
    actionPlan: readonly ActionPlanItem[],
    healthCare: HealthCareFollowUp = { offered: true, accepted: true },
    options: { periodMonths?: number; exitConversationHeld?: boolean } = {},
  ): this {
    const followUpId = (this.followUpId = this.id('follow-up'));
    return this.command(on, () => ({
      type: 'StartFollowUp',
      on,
      followUpId,
      periodMonths: options.periodMonths ?? 3,
      contactModes,
      actionPlan,
      healthCareFollowUp: healthCare,
      brochureHandedOver: true,
      exitConversationHeld: options.exitConversationHeld ?? true,
    }));
  }

  endFollowUp(on: IsoDate, outcome: string): this {
    const followUpId = this.followUpId!;
    return this.command(on, () => ({ type: 'EndFollowUp', on, followUpId, outcome }));
  }

  enrolAmbulant(on: IsoDate, contactModes: readonly ContactMode[]): this {
    const enrolmentId = (this.enrolmentId = this.id('ambulant'));
    return this.command(on, () => ({ type: 'EnrolAmbulant', on, enrolmentId, contactModes }));
  }

  endAmbulant(on: IsoDate, note?: string): this {
    const enrolmentId = this.enrolmentId!;
    return this.command(on, () => ({ type: 'EndAmbulant', on, enrolmentId, note }));
  }

  close(on: IsoDate, reason: string): this {
    return this.command(on, () => ({ type: 'CloseCase', on, reason }));
  }
}

/**
 * Hands out unit places to the holds the scripts left open, earliest first, so that no unit is ever
 * asked to hold more than one place on a day: a place is free again the day after its release. Of
 * the free units of the kind it takes the one free the longest, so turnover spreads over the building.
 */
export function allocatePlaces(holds: readonly UnitHold[]): void {
  const calendars = new Map<ScriptFacility, UnitCalendar>();
  const calendarOf = (f: ScriptFacility) =>
    calendars.get(f) ??
    calendars
      .set(
        f,
        new UnitCalendar(
          f.units.map(() => 1),
          1,
        ),
      )
      .get(f)!;
  const sorted = [...holds].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.owner.localeCompare(b.owner)));
  for (const hold of sorted) {
    const units = hold.facility.units;
    const calendar = calendarOf(hold.facility);
    const indexOf = (unitId: string) => units.findIndex((u) => u.unitId === unitId);
    let unit: number | undefined;
    if (hold.unitId) unit = indexOf(hold.unitId);
    else {
      const candidates = units
        .map((u, i) => ({ u, i }))
        .filter(({ u }) => u.kind === hold.kind)
        .sort((a, b) => a.u.label.localeCompare(b.u.label))
        .map(({ i }) => i);
      unit = calendar.leastRecentlyUsed(candidates, hold.from, hold.to);
      if (unit === undefined) throw new Error(`Scenario plan: no free ${hold.kind} unit in ${hold.facility.facilityId} on ${hold.from} (for ${hold.owner})`);
      hold.unitId = units[unit].unitId;
    }
    hold.unitLabel = units[unit].label;
    calendar.take({ unit, owner: hold.owner, from: hold.from, to: hold.to });
  }
}
