import type { ConsentEntry } from './consent';
import { ExclusionReason } from '../facility/facility.decider';
import { IsoDate } from '../shared/dates';
import { BrosetBand } from './broset';
import {
  AbsenceKind,
  ActionPlanItem,
  AgreementKind,
  AssessmentOutcome,
  ContactMode,
  CrisisPlan,
  DecisionKind,
  FacilitySnapshot,
  IncidentKind,
  LeaseTerms,
  Severity,
} from './case.types';
import { UnitKind } from '../unit/unit.decider';
import { Destination, DestinationCategory } from './destination';
import { AppealNotice, LegalBasis } from './legal-basis';
import type { CaseEventType } from './case.events';

/**
 * What the case decider needs to know to decide (not a read model). One status at a time; the data
 * every status may need lives in CaseCore, and each status narrows what it guarantees to be there.
 */
export const CASE_STATUSES = [
  'none',
  'referred', // registered, not yet discussed by the assessment team
  'in_assessment', // discussed; waiting for mapping or another meeting
  'mapping', // kartlegging in progress, possibly in an assessment flat
  'accepted', // the team accepted; offers need a standing grant decision
  'waitlisted', // on the facility's waiting list
  'offered', // one unit offered, waiting for an answer
  'offer_accepted', // the offer was accepted; move-in is next
  'resident',
  'moved_out',
  'ambulant', // followed up without living in one of the units
  'withdrawn',
  'not_relevant',
  'refused',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A decision stands until the issuing unit or the appeal body reverses it or sends it back. */
export type DecisionStanding = 'standing' | 'reversed' | 'remitted';

export interface DecisionRecord {
  readonly decisionId: string;
  readonly kind: DecisionKind;
  readonly legalBasis: LegalBasis;
  readonly issuedOn: IsoDate;
  readonly notifiedOn: IsoDate;
  readonly appealNotice: AppealNotice;
  readonly standing: DecisionStanding;
}

export interface AppealRecord {
  readonly appealId: string;
  readonly decisionId: string;
  readonly receivedOn: IsoDate;
  readonly late: boolean;
  readonly review?: { readonly outcome: 'reversed' | 'upheld'; readonly on: IsoDate };
  readonly forwardedOn?: IsoDate;
  readonly outcome?: { readonly outcome: 'upheld' | 'reversed' | 'remitted'; readonly on: IsoDate };
}

export interface MappingRecord {
  readonly mappingId: string;
  readonly startedOn: IsoDate;
  readonly assessmentUnitId?: string;
  readonly plannedEndOn?: IsoDate;
  readonly endedOn?: IsoDate;
}

export interface WaitingListEntry {
  readonly facilityId: string;
  readonly priority: number;
  readonly placedOn: IsoDate;
  /** The day of the latest priority change (or the placement). */
  readonly changedOn: IsoDate;
}

export type OfferStatus = 'open' | 'accepted' | 'declined' | 'expired';
export interface OfferRecord {
  readonly offerId: string;
  readonly unitId: string;
  readonly facilityId: string;
  readonly offeredOn: IsoDate;
  readonly expiresOn: IsoDate;
  readonly status: OfferStatus;
}

export interface AgreementRecord {
  readonly kind: AgreementKind;
  readonly startsOn: IsoDate;
  readonly endsOn?: IsoDate;
  /** Latest end allowed, counted from the agreement's original start (none for a lease). */
  readonly limit?: IsoDate;
  /** The written justification of the latest end date, when one was given. */
  readonly justification?: string;
  readonly leaseTerms?: LeaseTerms;
}

export interface Stay {
  readonly moveInId: string;
  readonly offerId: string;
  readonly movedInOn: IsoDate;
  /** The unit the accepted offer was for; `unitId` is where the person lives now (after transfers). */
  readonly movedInUnitId: string;
  readonly unitId: string;
  /** In `unitId` since: the move-in, or the latest transfer. */
  readonly inUnitSince: IsoDate;
  readonly unitKind: UnitKind;
  readonly agreement: AgreementRecord;
}

export interface MoveOutRecord {
  readonly moveOutId: string;
  readonly on: IsoDate;
  readonly destination: Destination;
  readonly destinationCategory: DestinationCategory;
}

export type ObligationState = 'open' | 'alternative_offered' | 'alternative_refused';
export interface ExclusionRecord {
  readonly exclusionId: string;
  readonly decisionId: string;
  readonly reasons: readonly ExclusionReason[];
  readonly decidedOn: IsoDate;
  readonly effectiveOn: IsoDate;
  /** The municipality must offer other suitable housing; open until offered or refused. */
  readonly alternativeObligation: ObligationState;
}

export interface FollowUpRecord {
  readonly followUpId: string;
  readonly startedOn: IsoDate;
  readonly endsOn: IsoDate;
  readonly endedOn?: IsoDate;
}

export interface AmbulantRecord {
  readonly enrolmentId: string;
  readonly enrolledOn: IsoDate;
  readonly contactModes: readonly ContactMode[];
  readonly returnTo: 'accepted' | 'moved_out';
}

export interface ClosureRecord {
  readonly on: IsoDate;
  readonly closedFrom: CaseStatus;
}

export interface CaseCore {
  readonly caseId: string;
  readonly personId: string;
  readonly facility: FacilitySnapshot;
  readonly birthDate: IsoDate;
  readonly referredOn: IsoDate;
  /** The assessment team's latest outcome, and the day of that meeting. */
  readonly assessment?: AssessmentOutcome;
  readonly assessedOn?: IsoDate;
  readonly decisions: Readonly<Record<string, DecisionRecord>>;
  readonly appeals: Readonly<Record<string, AppealRecord>>;
  /** The standing grant (offers need one unless the person is waitlisted). */
  readonly grantDecisionId?: string;
  /** The standing refusal, once issued. */
  readonly refusalDecisionId?: string;
  readonly mappings: Readonly<Record<string, MappingRecord>>;
  readonly currentMappingId?: string;
  readonly waitingList?: WaitingListEntry;
  readonly offers: Readonly<Record<string, OfferRecord>>;
  readonly currentOfferId?: string;
  readonly declinedOffers: number;
  readonly stay?: Stay;
  readonly moveOut?: MoveOutRecord;
  readonly incidents: Readonly<Record<string, { readonly kind: IncidentKind; readonly severity: Severity; readonly on: IsoDate }>>;
  readonly warnings: number;
  readonly absences: Readonly<Record<string, { readonly kind: AbsenceKind; readonly from: IsoDate; readonly returnedOn?: IsoDate }>>;
  readonly latestRisk?: { readonly on: IsoDate; readonly score: number; readonly band: BrosetBand };
  readonly contactPersons: readonly string[];
  readonly crisisPlan?: CrisisPlan;
  readonly actionPlan: readonly ActionPlanItem[];
  readonly exclusion?: ExclusionRecord;
  readonly followUp?: FollowUpRecord;
  readonly ambulant?: AmbulantRecord;
  readonly closure?: ClosureRecord;
  /** The consent given with the referral, renewed and withdrawn, as dated entries (see consent.ts). */
  readonly consents: readonly ConsentEntry[];
  /** The day the case came into its current status, and the step that brought it: a later step is not dated before. */
  readonly statusSince: IsoDate;
  readonly statusStep: CaseEventType;
  /** The latest day of anything recorded outside appeals (what a move-out or withdrawal comes after), and its step. */
  readonly activityOn: IsoDate;
  readonly activityStep: CaseEventType;
  /** The latest day of anything recorded (what closing comes after), and its step. */
  readonly lastOn: IsoDate;
  readonly lastStep: CaseEventType;
  /**
   * What each command with an id left behind (its event's data, keyed `EventType:id`), so a repeat of
   * an applied command is recognised as such (idempotency) and a different one under a used id is not.
   */
  readonly ledger: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * State fields that are the decider's own bookkeeping, not facts about the case: the ledger repeats
 * each recorded event's data so a retried command is recognised. An auditor's "what changed" leaves
 * them out (the event's data is shown on its own).
 */
export const CASE_BOOKKEEPING_FIELDS: readonly (keyof CaseCore)[] = ['ledger', 'statusSince', 'statusStep', 'activityOn', 'activityStep', 'lastOn', 'lastStep'];

export type CaseState =
  | { readonly status: 'none' }
  | (CaseCore & {
      readonly status: 'referred' | 'in_assessment' | 'accepted' | 'waitlisted' | 'refused' | 'not_relevant' | 'withdrawn';
    })
  | (CaseCore & { readonly status: 'mapping'; readonly currentMappingId: string })
  | (CaseCore & { readonly status: 'offered' | 'offer_accepted'; readonly currentOfferId: string })
  | (CaseCore & { readonly status: 'resident'; readonly stay: Stay })
  | (CaseCore & { readonly status: 'moved_out'; readonly stay: Stay; readonly moveOut: MoveOutRecord })
  | (CaseCore & { readonly status: 'ambulant'; readonly ambulant: AmbulantRecord })
  | (CaseCore & { readonly status: 'closed'; readonly closure: ClosureRecord });

/** A case that exists and is not closed: the only kind a command other than RegisterReferral can act on. */
export type OpenCase = Exclude<CaseState, { status: 'none' } | { status: 'closed' }>;
/** The state in status S (also when S is one of several statuses a member of the union shares). */
export type CaseIn<S extends CaseStatus> = InStatus<CaseState, S>;
type InStatus<M, S> = M extends { readonly status: infer X } ? ([Extract<X, S>] extends [never] ? never : M & { readonly status: Extract<X, S> }) : never;
export type ResidentCase = CaseIn<'resident'>;

export function openAbsenceId(state: CaseCore): string | undefined {
  return Object.keys(state.absences).find((id) => state.absences[id].returnedOn === undefined);
}

/** The grant decision, while it stands (offers, move-ins, the waiting list and ambulant follow-up rest on it). */
export function standingGrant(state: CaseCore): DecisionRecord | undefined {
  const grant = state.grantDecisionId ? state.decisions[state.grantDecisionId] : undefined;
  return grant?.standing === 'standing' ? grant : undefined;
}

/** The day a decision was set aside (reversed by the unit, or reversed or remitted by the appeal body). */
export function setAsideOn(state: CaseCore, decisionId: string): IsoDate | undefined {
  for (const appeal of Object.values(state.appeals)) {
    if (appeal.decisionId !== decisionId) continue;
    if (appeal.review?.outcome === 'reversed') return appeal.review.on;
    if (appeal.outcome && appeal.outcome.outcome !== 'upheld') return appeal.outcome.on;
  }
  return undefined;
}

/**
 * Has the referral episode ended, so the person may be referred to the facility anew? Withdrawn,
 * closed, or moved out (a move-out ends the stay the referral led to; follow-up after it is no
 * referral, and a return to homelessness is a new one). Never turns back once true.
 */
export function referralEnded(state: CaseState): boolean {
  if (state.status === 'withdrawn' || state.status === 'moved_out' || state.status === 'closed') return true;
  return state.status === 'ambulant' && state.ambulant.returnTo === 'moved_out';
}

/** An appeal is pending from receipt until the unit reverses the decision or the appeal body concludes. */
export function isAppealPending(appeal: AppealRecord): boolean {
  return appeal.review?.outcome !== 'reversed' && appeal.outcome === undefined;
}
