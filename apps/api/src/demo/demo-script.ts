import {
  ActionPlanItem,
  AgreementKind,
  AlternativeHousingType,
  AppealBodyOutcome,
  AppealReviewOutcome,
  AssessmentOutcome,
  BROSET_ITEMS,
  BrosetItem,
  CaseStatus,
  ContactMode,
  Destination,
  ExclusionReason,
  ExitReason,
  IncidentKind,
  IsoDate,
  LeaseTerms,
  ReferralSource,
  Referrer,
  Screening,
  Severity,
  WithdrawalReason,
  addDays,
} from '@app/domain';
import { CaseCommandInput } from '../features/cases/case-command.service';
import { NewReferral } from '../features/cases/workflows/register-referral.workflow';
import { uuidV5 } from '../platform/ids';
import { DemoFacility, DemoUnitKind } from './demo-facilities';
import { DemoPerson } from './demo-people';

/**
 * A demo case written as a script of dated commands, planned first and run later: planning knows every
 * date, so the unit places the scripts need can be handed out (UnitAllocator) before anything runs,
 * and the steps of all scripts can be run in date order, as the municipality would have recorded them.
 * The commands are the application's own inputs (CaseCommandService); the scripts hold no rules.
 */
type WithoutCase<T> = T extends unknown ? Omit<T, 'caseId'> : never;
export type ScriptCommand = WithoutCase<CaseCommandInput>;

/** A place on a unit a script needs for a while: from an offer (or a transfer) to a move-out, decline or expiry. */
export interface UnitHold {
  readonly facility: DemoFacility;
  readonly kind: DemoUnitKind;
  readonly from: IsoDate;
  /** The last day the place is taken; open while the script still holds it. */
  to?: IsoDate;
  /** Set by the allocator. */
  unitId?: string;
  unitLabel?: string;
  readonly owner: string;
}

export type PlannedStep =
  | { readonly kind: 'referral'; readonly on: IsoDate; readonly script: CaseScript; readonly input: Omit<NewReferral, 'personId' | 'facilityId'> }
  | { readonly kind: 'command'; readonly on: IsoDate; readonly script: CaseScript; readonly build: () => ScriptCommand };

export interface ReferralInput {
  readonly source: ReferralSource;
  readonly referrer: Referrer;
  readonly reason: string;
  readonly screening?: Partial<Screening>;
  /** The day the person consented; the referral day when not given. */
  readonly consentOn?: IsoDate;
  readonly consentScope?: string;
}

export interface DecisionText {
  readonly facts: string;
  readonly considerations: string;
  /** Days after the decision the person was told (the appeal deadline runs from then). */
  readonly notifiedAfterDays?: number;
}

export interface MoveInOptions {
  readonly agreement: { kind: AgreementKind; endsOn?: IsoDate; leaseTerms?: LeaseTerms; extensionJustification?: string };
  readonly contactPersons?: readonly string[];
  readonly crisisPlan?: string;
  readonly actionPlan?: readonly ActionPlanItem[];
}

const DEFAULT_ACTION_PLAN: readonly ActionPlanItem[] = [
  { goal: 'Beholde boligen', measure: 'Ukentlig samtale med kontaktperson', responsible: 'Kontaktperson' },
  { goal: 'Stabil økonomi', measure: 'Fast trekk av husleie via NAV', responsible: 'Beboer og NAV-veileder' },
];

export class CaseScript {
  readonly steps: PlannedStep[] = [];
  readonly holds: UnitHold[] = [];
  caseId?: string;
  private hold?: UnitHold;
  private offerId?: string;
  private mappingId?: string;
  private mappingHold?: UnitHold;
  private appealId?: string;
  private refusalId?: string;
  private absenceId?: string;
  private followUpId?: string;
  private enrolmentId?: string;
  private lastOn?: IsoDate;
  private counter = 0;

  constructor(
    readonly key: string,
    readonly person: DemoPerson,
    readonly facility: DemoFacility,
    /** The status the case must end in; the seed checks it after running. */
    readonly expected: CaseStatus,
  ) {}

  /** A stable id for something this script introduces (an offer, a meeting ...): the same on every run. */
  private id(purpose: string): string {
    return uuidV5(`demo:${this.key}:${purpose}:${++this.counter}`);
  }

  private at(on: IsoDate): IsoDate {
    if (this.lastOn !== undefined && on < this.lastOn) throw new Error(`Demo script ${this.key}: ${on} comes before ${this.lastOn}`);
    this.lastOn = on;
    return on;
  }

  private command(on: IsoDate, build: () => ScriptCommand): this {
    this.steps.push({ kind: 'command', on: this.at(on), script: this, build });
    return this;
  }

  private takePlace(from: IsoDate, kind: DemoUnitKind = this.facility.units[0].kind): UnitHold {
    const hold: UnitHold = { facility: this.facility, kind, from, owner: this.key };
    this.holds.push(hold);
    return hold;
  }

  private unitOf(hold: UnitHold | undefined): string {
    if (!hold?.unitId) throw new Error(`Demo script ${this.key}: no unit was allocated`);
    return hold.unitId;
  }

  private releasePlace(on: IsoDate): void {
    if (this.hold) this.hold.to = on;
    this.hold = undefined;
  }

  // Referral and assessment

  refer(on: IsoDate, r: ReferralInput): this {
    const screening: Screening = { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: true, ...r.screening };
    const input: Omit<NewReferral, 'personId' | 'facilityId'> = {
      on,
      referralSource: r.source,
      referrer: r.referrer,
      screening,
      reason: r.reason,
      consent: { given: true, scope: r.consentScope ?? 'Henviser, boligtjenesten og vurderingsteamet', date: r.consentOn ?? on },
    };
    this.steps.push({ kind: 'referral', on: this.at(on), script: this, input });
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

  startMapping(on: IsoDate, plannedEndOn: IsoDate, inAssessmentUnit: boolean): this {
    const mappingId = (this.mappingId = this.id('mapping'));
    const hold = inAssessmentUnit ? (this.mappingHold = this.takePlace(on, 'assessment')) : undefined;
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

  /** An appeal against the refusal (the script's only appealable decision). */
  appeal(on: IsoDate): this {
    const appealId = (this.appealId = this.id('appeal'));
    const decisionId = this.refusalId;
    if (!decisionId) throw new Error(`Demo script ${this.key}: an appeal needs a refusal first`);
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

  offer(on: IsoDate, answerWithinDays = 7): this {
    const offerId = (this.offerId = this.id('offer'));
    const hold = (this.hold = this.takePlace(on));
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
      crisisPlan: { summary: options.crisisPlan ?? 'Ring vakttelefonen; ved akutt forverring legevakt og ACT-teamet', madeOn: on },
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

  warning(on: IsoDate, reason: string): this {
    const warningId = this.id('warning');
    return this.command(on, () => ({ type: 'IssueWarning', on, warningId, reason }));
  }

  absence(on: IsoDate, kind: 'agreed' | 'unagreed' | 'hospital_admission', from: IsoDate): this {
    const absenceId = (this.absenceId = this.id('absence'));
    return this.command(on, () => ({ type: 'RecordAbsence', on, absenceId, kind, from }));
  }

  returned(on: IsoDate): this {
    const absenceId = this.absenceId!;
    return this.command(on, () => ({ type: 'RecordReturn', on, absenceId }));
  }

  transfer(on: IsoDate, reason: string): this {
    const transferId = this.id('transfer');
    this.releasePlace(on);
    const hold = (this.hold = this.takePlace(on));
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
    const decisionId = this.id('exclusion-decision');
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

  moveOut(on: IsoDate, destination: Destination, exitReason: ExitReason): this {
    const moveOutId = this.id('move-out');
    this.releasePlace(on);
    return this.command(on, () => ({ type: 'MoveOut', on, moveOutId, destination, exitReason }));
  }

  startFollowUp(on: IsoDate, contactModes: readonly ContactMode[], actionPlan: readonly ActionPlanItem[], healthCare = { offered: true, accepted: true }): this {
    const followUpId = (this.followUpId = this.id('follow-up'));
    return this.command(on, () => ({
      type: 'StartFollowUp',
      on,
      followUpId,
      periodMonths: 3,
      contactModes,
      actionPlan,
      healthCareFollowUp: healthCare,
      brochureHandedOver: true,
      exitConversationHeld: true,
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
 * Hands out unit places to the scripts' holds, earliest first, so that no unit is ever asked to hold
 * more than its capacity (1) on any day: a place is free again the day after the previous holder left.
 * Of the free units it takes the one free the longest, so turnover spreads over the building.
 */
export function allocateUnits(holds: readonly UnitHold[]): void {
  const freeFrom = new Map<string, IsoDate>();
  const sorted = [...holds].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.owner.localeCompare(b.owner)));
  for (const hold of sorted) {
    const candidates = hold.facility.units
      .filter((u) => u.kind === hold.kind && (freeFrom.get(u.unitId) ?? '0000-01-01') <= hold.from)
      .sort((a, b) => ((freeFrom.get(a.unitId) ?? '') < (freeFrom.get(b.unitId) ?? '') ? -1 : (freeFrom.get(a.unitId) ?? '') > (freeFrom.get(b.unitId) ?? '') ? 1 : a.label.localeCompare(b.label)));
    const unit = candidates[0];
    if (!unit) throw new Error(`Demo plan: no free ${hold.kind} unit in ${hold.facility.profile.name} on ${hold.from} (for ${hold.owner})`);
    hold.unitId = unit.unitId;
    hold.unitLabel = unit.label;
    freeFrom.set(unit.unitId, hold.to === undefined ? '9999-12-31' : addDays(hold.to, 1));
  }
}
