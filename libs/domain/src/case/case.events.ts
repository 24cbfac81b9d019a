import { IsoDate } from '../shared/dates';
import { BrosetBand } from './broset';
import {
  AcceptOffer,
  AssignContactPersons,
  ChangeWaitingListPriority,
  CloseCase,
  ConvertToLease,
  DecideExclusion,
  DecisionInput,
  DeclineOffer,
  EndAmbulant,
  EndFollowUp,
  EndMapping,
  EnrolAmbulant,
  ExpireOffer,
  ExtendAgreement,
  ForwardAppeal,
  IssueWarning,
  MoveIn,
  MoveOut,
  OfferUnit,
  PlaceOnWaitingList,
  ReceiveAppeal,
  RecordAbsence,
  RecordAlternativeOffered,
  RecordAlternativeRefused,
  RecordAppealOutcome,
  RecordAssessmentMeeting,
  RecordIncident,
  RecordReturn,
  RecordRiskAssessment,
  RegisterReferral,
  RenewConsent,
  ReviewAppeal,
  StartFollowUp,
  StartMapping,
  TransferUnit,
  UpdateActionPlan,
  UpdateCrisisPlan,
  WithdrawConsent,
  WithdrawReferral,
} from './case.commands';
import { UnitKind } from '../unit/unit.decider';
import { AgreementKind, DecisionKind, WaitingListExit } from './case.types';
import type { CaseStatus } from './case.state';
import { DestinationCategory } from './destination';
import { AppealBody, AppealNotice } from './legal-basis';

/**
 * Events of a case, stream `case-<caseId>`. Each carries the fields of the command that caused it
 * (same names, so a repeated command can be recognised) plus what read models need without reading
 * any other stream: who (personId), where (facilityId, unitId) and computed facts (deadlines,
 * categories, counts, lengths of stay). Types are stable, past tense; shapes are versioned below.
 */
type Ev<T extends string, D> = { readonly type: T; readonly data: { readonly caseId: string; readonly on: IsoDate } & Readonly<D> };
/** The command's own fields, without its type, the caseId/on every event has anyway, and `today` (never recorded). */
type Fields<C> = Omit<C, 'type' | 'caseId' | 'on' | 'today'>;
interface Whom {
  readonly personId: string;
  readonly facilityId: string;
}

export type ReferralRegistered = Ev<'ReferralRegistered', Fields<RegisterReferral> & { facilityId: string; ageOnReferral: number }>;
export type ReferralWithdrawn = Ev<'ReferralWithdrawn', Fields<WithdrawReferral> & Whom & { fromStatus: CaseStatus }>;
export type AssessmentMeetingRecorded = Ev<'AssessmentMeetingRecorded', Fields<RecordAssessmentMeeting> & Whom>;
export type MappingStarted = Ev<'MappingStarted', Fields<StartMapping> & Whom>;
export type MappingEnded = Ev<'MappingEnded', Fields<EndMapping> & Whom & { assessmentUnitId?: string; startedOn: IsoDate }>;

export type DecisionIssued = Ev<
  'DecisionIssued',
  DecisionInput & Whom & { kind: DecisionKind; notifiedOn: IsoDate; citation: string; appealNotice: AppealNotice }
>;
interface AboutDecision {
  readonly decisionId: string;
  readonly decisionKind: DecisionKind;
}
export type AppealReceived = Ev<'AppealReceived', Fields<ReceiveAppeal> & Whom & AboutDecision & { deadline: IsoDate; late: boolean }>;
export type AppealReviewed = Ev<'AppealReviewed', Fields<ReviewAppeal> & Whom & AboutDecision>;
export type AppealForwarded = Ev<'AppealForwarded', Fields<ForwardAppeal> & Whom & AboutDecision & { appealBody: AppealBody }>;
export type AppealOutcomeRecorded = Ev<'AppealOutcomeRecorded', Fields<RecordAppealOutcome> & Whom & AboutDecision>;

export type PlacedOnWaitingList = Ev<'PlacedOnWaitingList', Fields<PlaceOnWaitingList> & { personId: string }>;
export type WaitingListPriorityChanged = Ev<'WaitingListPriorityChanged', Fields<ChangeWaitingListPriority> & Whom & { previousPriority: number }>;
export type RemovedFromWaitingList = Ev<
  'RemovedFromWaitingList',
  Whom & { reason: WaitingListExit; note?: string; priority: number; placedOn: IsoDate; waitedDays: number }
>;
export type UnitOffered = Ev<'UnitOffered', Fields<OfferUnit> & { personId: string; offerNumber: number }>;
export type OfferAccepted = Ev<'OfferAccepted', Fields<AcceptOffer> & Whom & { unitId: string }>;
export type OfferDeclined = Ev<'OfferDeclined', Fields<DeclineOffer> & Whom & { unitId: string; declinedOffers: number; afterAccepting: boolean }>;
export type OfferExpired = Ev<'OfferExpired', Fields<ExpireOffer> & Whom & { unitId: string; expiresOn: IsoDate }>;

export type MovedIn = Ev<'MovedIn', Fields<MoveIn> & Whom & { agreementLimit?: IsoDate; ageOnMoveIn: number }>;
export type AgreementExtended = Ev<
  'AgreementExtended',
  Fields<ExtendAgreement> & Whom & { unitId: string; agreementKind: AgreementKind; previousEndsOn: IsoDate; agreementLimit?: IsoDate }
>;
export type AgreementConvertedToLease = Ev<
  'AgreementConvertedToLease',
  Fields<ConvertToLease> & Whom & { unitId: string; previousKind: AgreementKind; previousEndsOn?: IsoDate }
>;

/** `unitId`: the resident's unit; none for an incident in ambulant follow-up. */
export type IncidentRecorded = Ev<'IncidentRecorded', Fields<RecordIncident> & Whom & { unitId?: string }>;
export type WarningIssued = Ev<'WarningIssued', Fields<IssueWarning> & Whom & { unitId: string; warningNumber: number }>;
export type AbsenceRecorded = Ev<'AbsenceRecorded', Fields<RecordAbsence> & Whom & { unitId: string }>;
export type ReturnRecorded = Ev<'ReturnRecorded', Fields<RecordReturn> & Whom & { unitId: string; kind: RecordAbsence['kind']; from: IsoDate; days: number }>;
export type UnitTransferred = Ev<'UnitTransferred', Fields<TransferUnit> & Whom & { fromUnitId: string }>;

export type RiskAssessed = Ev<'RiskAssessed', Fields<RecordRiskAssessment> & Whom & { brosetScore: number; brosetBand: BrosetBand }>;
export type ContactPersonsAssigned = Ev<'ContactPersonsAssigned', Fields<AssignContactPersons> & Whom>;
export type CrisisPlanUpdated = Ev<'CrisisPlanUpdated', Fields<UpdateCrisisPlan> & Whom>;
export type ActionPlanUpdated = Ev<'ActionPlanUpdated', Fields<UpdateActionPlan> & Whom>;

export type ExclusionDecided = Ev<'ExclusionDecided', Omit<Fields<DecideExclusion>, 'decision'> & Whom & { decisionId: string; unitId: string }>;
export type AlternativeOffered = Ev<'AlternativeOffered', Fields<RecordAlternativeOffered> & Whom & { exclusionId: string }>;
export type AlternativeRefused = Ev<'AlternativeRefused', Fields<RecordAlternativeRefused> & Whom & { exclusionId: string }>;
export type MovedOut = Ev<
  'MovedOut',
  Fields<MoveOut> &
    Whom & {
      destinationCategory: DestinationCategory;
      unitId: string;
      unitKind: UnitKind;
      agreementKind: AgreementKind;
      movedInOn: IsoDate;
      /** Bed-nights of this stay (Bolig Nu: "2,394 bed-nights"). */
      nights: number;
      exclusionId?: string;
    }
>;
export type FollowUpStarted = Ev<'FollowUpStarted', Fields<StartFollowUp> & Whom & { periodMonths: number; endsOn: IsoDate }>;
export type FollowUpEnded = Ev<'FollowUpEnded', Fields<EndFollowUp> & Whom>;
export type AmbulantEnrolled = Ev<'AmbulantEnrolled', Fields<EnrolAmbulant> & Whom & { fromStatus: 'accepted' | 'moved_out' }>;
export type AmbulantEnded = Ev<'AmbulantEnded', Fields<EndAmbulant> & Whom & { returnTo: 'accepted' | 'moved_out' }>;
export type CaseClosed = Ev<'CaseClosed', Fields<CloseCase> & Whom & { closedFrom: CaseStatus }>;
export type ConsentRenewed = Ev<'ConsentRenewed', Fields<RenewConsent> & Whom>;
export type ConsentWithdrawn = Ev<'ConsentWithdrawn', Fields<WithdrawConsent> & Whom>;

export type CaseEvent =
  | ReferralRegistered
  | ReferralWithdrawn
  | AssessmentMeetingRecorded
  | MappingStarted
  | MappingEnded
  | DecisionIssued
  | AppealReceived
  | AppealReviewed
  | AppealForwarded
  | AppealOutcomeRecorded
  | PlacedOnWaitingList
  | WaitingListPriorityChanged
  | RemovedFromWaitingList
  | UnitOffered
  | OfferAccepted
  | OfferDeclined
  | OfferExpired
  | MovedIn
  | AgreementExtended
  | AgreementConvertedToLease
  | IncidentRecorded
  | WarningIssued
  | AbsenceRecorded
  | ReturnRecorded
  | UnitTransferred
  | RiskAssessed
  | ContactPersonsAssigned
  | CrisisPlanUpdated
  | ActionPlanUpdated
  | ExclusionDecided
  | AlternativeOffered
  | AlternativeRefused
  | MovedOut
  | FollowUpStarted
  | FollowUpEnded
  | AmbulantEnrolled
  | AmbulantEnded
  | CaseClosed
  | ConsentRenewed
  | ConsentWithdrawn;

export type CaseEventType = CaseEvent['type'];
export type EventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

/** The current schema version of each event type; raise one with an upcaster (shared/upcasting.ts). */
export const CASE_EVENT_SCHEMA_VERSIONS: Readonly<Record<CaseEventType, number>> = {
  ReferralRegistered: 1,
  ReferralWithdrawn: 1,
  AssessmentMeetingRecorded: 1,
  MappingStarted: 1,
  MappingEnded: 1,
  DecisionIssued: 1,
  AppealReceived: 1,
  AppealReviewed: 1,
  AppealForwarded: 1,
  AppealOutcomeRecorded: 1,
  PlacedOnWaitingList: 1,
  WaitingListPriorityChanged: 1,
  RemovedFromWaitingList: 1,
  UnitOffered: 1,
  OfferAccepted: 1,
  OfferDeclined: 1,
  OfferExpired: 1,
  MovedIn: 1,
  AgreementExtended: 1,
  AgreementConvertedToLease: 1,
  IncidentRecorded: 1,
  WarningIssued: 1,
  AbsenceRecorded: 1,
  ReturnRecorded: 1,
  UnitTransferred: 1,
  RiskAssessed: 1,
  ContactPersonsAssigned: 1,
  CrisisPlanUpdated: 1,
  ActionPlanUpdated: 1,
  ExclusionDecided: 1,
  AlternativeOffered: 1,
  AlternativeRefused: 1,
  MovedOut: 1,
  FollowUpStarted: 1,
  FollowUpEnded: 1,
  AmbulantEnrolled: 1,
  AmbulantEnded: 1,
  CaseClosed: 1,
  ConsentRenewed: 1,
  ConsentWithdrawn: 1,
};

export const CASE_EVENT_TYPES = Object.keys(CASE_EVENT_SCHEMA_VERSIONS) as CaseEventType[];

/**
 * Data fields holding free text or details about the person (dotted paths for nested fields), to be
 * encrypted with a per-person key so that erasing the key shreds them (GDPR art. 17) while the
 * history, codes, dates and counts stay for audit and statistics. Names of staff (decidedBy, members,
 * contact persons) are not the resident's personal data and stay readable for the audit trail.
 */
export const CASE_PERSONAL_FIELDS: Readonly<Partial<Record<CaseEventType, readonly string[]>>> = {
  // Age on referral stays readable for the age statistics (Bolig Nu: 18–57, mean 34, 13 under 25).
  ReferralRegistered: ['referrer.name', 'referrer.phone', 'reason', 'consent.scope', 'person', 'screening'],
  ReferralWithdrawn: ['note'],
  AssessmentMeetingRecorded: ['notes'],
  MappingEnded: ['summary'],
  DecisionIssued: ['facts', 'mainConsiderations', 'letter.text'],
  AppealReviewed: ['note'],
  AppealOutcomeRecorded: ['note'],
  RemovedFromWaitingList: ['note'],
  OfferDeclined: ['reason'],
  MovedIn: ['agreement.extensionJustification', 'agreement.leaseTerms.shortTermReason', 'crisisPlan.summary', 'actionPlan'],
  AgreementExtended: ['extensionJustification'],
  AgreementConvertedToLease: ['leaseTerms.shortTermReason'],
  IncidentRecorded: ['description'],
  WarningIssued: ['reason'],
  UnitTransferred: ['reason'],
  RiskAssessed: ['rosSummary', 'broset'],
  CrisisPlanUpdated: ['crisisPlan.summary'],
  ActionPlanUpdated: ['actionPlan'],
  ExclusionDecided: ['overallAssessment'],
  AlternativeOffered: ['description'],
  AlternativeRefused: ['note'],
  FollowUpStarted: ['actionPlan'],
  FollowUpEnded: ['outcome'],
  AmbulantEnded: ['note'],
  CaseClosed: ['reason'],
  ConsentRenewed: ['scope'],
  ConsentWithdrawn: ['note'],
};
