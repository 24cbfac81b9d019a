import { ExclusionReason } from '../facility/facility.decider';
import { IsoDate } from '../shared/dates';
import { BrosetChecklist } from './broset';
import type { ConsentRecipient } from './consent';
import {
  AbsenceKind,
  ActionPlanItem,
  Agreement,
  AlternativeHousingType,
  AppealBodyOutcome,
  AppealReviewOutcome,
  AssessmentOutcome,
  Consent,
  ContactMode,
  CrisisPlan,
  DecisionKind,
  ExitReason,
  FacilitySnapshot,
  HealthCareFollowUp,
  IncidentKind,
  LeaseTerms,
  PersonSnapshot,
  ReferralSource,
  Referrer,
  Screening,
  Severity,
  UnitSnapshot,
  WaitingListRemovalReason,
  WithdrawalReason,
} from './case.types';
import { Destination } from './destination';
import { LegalBasis } from './legal-basis';

/**
 * Commands on a case. Every command names its case and the day it takes effect (`on`); time, ids and
 * facts from other aggregates (facility, person, unit) come in the command, loaded by the application.
 * Date fields are named `on`, `from`, `date`, `…On` or `…Date`: the decider validates them by name.
 * `today` is the municipality's day when the command is given (from the application's clock): what a
 * command says has happened may not lie after it (see case.dates.ts). It is not recorded.
 */
type Cmd<T extends string, F> = { readonly type: T; readonly caseId: string; readonly on: IsoDate; readonly today: IsoDate } & Readonly<F>;

// Referral
export type RegisterReferral = Cmd<
  'RegisterReferral',
  {
    referralSource: ReferralSource;
    referrer: Referrer;
    personId: string;
    facility: FacilitySnapshot;
    person: PersonSnapshot;
    screening: Screening;
    reason: string;
    consent: Consent;
  }
>;
export type WithdrawReferral = Cmd<'WithdrawReferral', { reason: WithdrawalReason; note?: string }>;

// Assessment team and mapping
export type RecordAssessmentMeeting = Cmd<
  'RecordAssessmentMeeting',
  { meetingId: string; members: readonly string[]; outcome: AssessmentOutcome; priority?: number; notes: string }
>;
export type StartMapping = Cmd<
  'StartMapping',
  {
    mappingId: string;
    assessmentUnitId?: string;
    /** The assessment flat as the unit aggregate knows it (loaded by the application with assessmentUnitId). */
    assessmentUnit?: UnitSnapshot & { readonly facilityId: string };
    plannedEndOn?: IsoDate;
  }
>;
export type EndMapping = Cmd<'EndMapping', { mappingId: string; summary: string }>;

/** The parts of a formal decision that a case worker writes (shared by IssueDecision and DecideExclusion). */
export interface DecisionInput {
  readonly decisionId: string;
  readonly legalBasis: LegalBasis;
  readonly facts: string;
  readonly mainConsiderations: string;
  readonly decidedBy: string;
  /** When the person was told; the appeal deadline runs from here. Defaults to the command's `on`. */
  readonly notifiedOn?: IsoDate;
  /**
   * The letter sent with the decision (vedtaksbrev), kept as sent: its text (personal, under the
   * person's key) and the SHA-256 of that text (in the clear, so it outlives a forgetting). The
   * application composes it from the decision; the decider records it as given.
   */
  readonly letter?: DecisionLetter;
}

export interface DecisionLetter {
  readonly text: string;
  readonly sha256: string;
}

// Formal decisions and appeals
export type IssueDecision = Cmd<'IssueDecision', DecisionInput & { kind: DecisionKind }>;
export type ReceiveAppeal = Cmd<'ReceiveAppeal', { appealId: string; decisionId: string; receivedOn: IsoDate }>;
export type ReviewAppeal = Cmd<'ReviewAppeal', { appealId: string; outcome: AppealReviewOutcome; note: string }>;
export type ForwardAppeal = Cmd<'ForwardAppeal', { appealId: string }>;
export type RecordAppealOutcome = Cmd<'RecordAppealOutcome', { appealId: string; outcome: AppealBodyOutcome; note?: string }>;

// Waiting list and offers
export type PlaceOnWaitingList = Cmd<'PlaceOnWaitingList', { facilityId: string; priority: number }>;
export type ChangeWaitingListPriority = Cmd<'ChangeWaitingListPriority', { priority: number }>;
export type RemoveFromWaitingList = Cmd<'RemoveFromWaitingList', { reason: WaitingListRemovalReason; note?: string }>;
export type OfferUnit = Cmd<'OfferUnit', { offerId: string; unitId: string; facilityId: string; expiresOn: IsoDate }>;
export type AcceptOffer = Cmd<'AcceptOffer', { offerId: string }>;
export type DeclineOffer = Cmd<'DeclineOffer', { offerId: string; reason: string }>;
export type ExpireOffer = Cmd<'ExpireOffer', { offerId: string }>;

// Move-in and agreements
export type MoveIn = Cmd<
  'MoveIn',
  {
    moveInId: string;
    offerId: string;
    unitId: string;
    unit: UnitSnapshot;
    /** The facility's current longest stay, if it has one (loaded at move-in; the referral's may be old). */
    facilityMaxStayDays?: number;
    agreement: Agreement;
    houseRulesAcknowledged: boolean;
    informationLetterAcknowledged: boolean;
    contactPersons: readonly string[];
    crisisPlan?: CrisisPlan;
    actionPlan: readonly ActionPlanItem[];
  }
>;
export type ExtendAgreement = Cmd<'ExtendAgreement', { endsOn: IsoDate; extensionJustification?: string }>;
export type ConvertToLease = Cmd<
  'ConvertToLease',
  { leaseStartsOn: IsoDate; endsOn?: IsoDate; leaseTerms: LeaseTerms; residentAgrees: boolean; landlordAgrees: boolean }
>;

// During the stay
export type RecordIncident = Cmd<'RecordIncident', { incidentId: string; kind: IncidentKind; severity: Severity; description: string }>;
export type IssueWarning = Cmd<'IssueWarning', { warningId: string; reason: string; relatedIncidentId?: string }>;
export type RecordAbsence = Cmd<'RecordAbsence', { absenceId: string; kind: AbsenceKind; from: IsoDate }>;
export type RecordReturn = Cmd<'RecordReturn', { absenceId: string }>;
export type TransferUnit = Cmd<'TransferUnit', { transferId: string; toUnitId: string; unit: UnitSnapshot; reason: string }>;

// Care: risk, contact persons, plans (while resident or in ambulant follow-up)
export type RecordRiskAssessment = Cmd<'RecordRiskAssessment', { assessmentId: string; rosSummary: string; broset: BrosetChecklist }>;
export type AssignContactPersons = Cmd<'AssignContactPersons', { contactPersons: readonly string[] }>;
export type UpdateCrisisPlan = Cmd<'UpdateCrisisPlan', { crisisPlan: CrisisPlan }>;
export type UpdateActionPlan = Cmd<'UpdateActionPlan', { actionPlan: readonly ActionPlanItem[] }>;

// Exclusion, move-out, follow-up, ambulant, close
export type DecideExclusion = Cmd<
  'DecideExclusion',
  {
    exclusionId: string;
    reasons: readonly ExclusionReason[];
    overallAssessment: string;
    effectiveOn: IsoDate;
    decision: DecisionInput;
  }
>;
export type RecordAlternativeOffered = Cmd<'RecordAlternativeOffered', { description: string; housingType: AlternativeHousingType }>;
export type RecordAlternativeRefused = Cmd<'RecordAlternativeRefused', { note?: string }>;
export type MoveOut = Cmd<'MoveOut', { moveOutId: string; destination: Destination; exitReason: ExitReason }>;
export type StartFollowUp = Cmd<
  'StartFollowUp',
  {
    followUpId: string;
    /** Length of the follow-up agreement; Bolig Nu's form says 3 months, the default. */
    periodMonths?: number;
    contactModes: readonly ContactMode[];
    actionPlan: readonly ActionPlanItem[];
    healthCareFollowUp: HealthCareFollowUp;
    brochureHandedOver: boolean;
    exitConversationHeld: boolean;
  }
>;
export type EndFollowUp = Cmd<'EndFollowUp', { followUpId: string; outcome: string }>;
export type EnrolAmbulant = Cmd<'EnrolAmbulant', { enrolmentId: string; contactModes: readonly ContactMode[] }>;
export type EndAmbulant = Cmd<'EndAmbulant', { enrolmentId: string; note?: string }>;
export type CloseCase = Cmd<'CloseCase', { reason: string }>;

// Consent
export type RenewConsent = Cmd<'RenewConsent', { scope: string; recipients: readonly ConsentRecipient[]; expiresOn?: IsoDate }>;
export type WithdrawConsent = Cmd<'WithdrawConsent', { note?: string }>;

export type CaseCommand =
  | RegisterReferral
  | WithdrawReferral
  | RecordAssessmentMeeting
  | StartMapping
  | EndMapping
  | IssueDecision
  | ReceiveAppeal
  | ReviewAppeal
  | ForwardAppeal
  | RecordAppealOutcome
  | PlaceOnWaitingList
  | ChangeWaitingListPriority
  | RemoveFromWaitingList
  | OfferUnit
  | AcceptOffer
  | DeclineOffer
  | ExpireOffer
  | MoveIn
  | ExtendAgreement
  | ConvertToLease
  | RecordIncident
  | IssueWarning
  | RecordAbsence
  | RecordReturn
  | TransferUnit
  | RecordRiskAssessment
  | AssignContactPersons
  | UpdateCrisisPlan
  | UpdateActionPlan
  | DecideExclusion
  | RecordAlternativeOffered
  | RecordAlternativeRefused
  | MoveOut
  | StartFollowUp
  | EndFollowUp
  | EnrolAmbulant
  | EndAmbulant
  | CloseCase
  | RenewConsent
  | WithdrawConsent;

export type CaseCommandType = CaseCommand['type'];
export type CommandOf<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>;
/** A command as a client sends it: the application adds `today` from its clock. */
export type WithoutToday<C> = C extends unknown ? Omit<C, 'today'> : never;
