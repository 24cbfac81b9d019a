/**
 * The API's types as the UI uses them, taken from the generated schema.gen.ts (npm run api:types, from
 * /api/openapi.json; the suite fails when it differs from the API). Only what the API does not
 * document is declared here: the UI's own shapes, and the case state beyond CaseViewDto's core.
 */
import type { components } from './schema.gen';

type Schemas = components['schemas'];

export type LoginResponse = Schemas['LoginResponseDto'];
export type Me = LoginResponse['user'];
export type Role = Schemas['RoleGrantViewDto']['role'];
export type Problem = Schemas['ProblemDetailsDto'];
export type CommandResponse = Schemas['CommandResponseDto'];

export type CaseStatus = Schemas['CaseSummaryDto']['status'];
/** Every status, in lifecycle order (the Record makes the compiler insist on each). */
const STATUS_ORDER: Record<CaseStatus, number> = {
  referred: 0,
  in_assessment: 1,
  mapping: 2,
  accepted: 3,
  waitlisted: 4,
  offered: 5,
  offer_accepted: 6,
  resident: 7,
  moved_out: 8,
  ambulant: 9,
  withdrawn: 10,
  not_relevant: 11,
  refused: 12,
  closed: 13,
};
export const CASE_STATUSES = (Object.keys(STATUS_ORDER) as CaseStatus[]).sort((a, b) => STATUS_ORDER[a] - STATUS_ORDER[b]);

export type CaseSearchResult = Schemas['CaseSearchResultDto'];
export type CaseListItem = CaseSearchResult['items'][number];
export type AllowedCommand = Schemas['AllowedCommandDto'];
export type Person = Schemas['PersonViewDto'];
export type Facility = Schemas['FacilityListDto']['facilities'][number];
export type Timeline = Schemas['TimelineDto'];
export type TimelineEntry = Timeline['entries'][number];
export type Occupancy = Schemas['OccupancyBoardDto'];
export type OccupancyUnit = Occupancy['units'][number];
export type WaitingListSummary = Schemas['WaitingListSummaryDto'];
export type WaitingList = Schemas['FacilityWaitingListDto'];
export type WaitingEntry = WaitingList['entries'][number];
export type AgreementsDashboard = Schemas['AgreementWatchDto'];
export type AgreementRow = AgreementsDashboard['endingSoon'][number];
export type ObligationsDashboard = Schemas['ObligationsDto'];
export type AuditEvents = Schemas['AuditLogPageDto'];
export type Replay = Schemas['CaseReplayDto'];
export type VerificationReport = Schemas['VerificationReportDto'];
export type VerificationJob = Schemas['VerificationJobDto'];
export type Finding = VerificationReport['findings'][number];
export type OutcomeReport = Schemas['OutcomeReportDto'];
export type CaseNotes = Schemas['CaseNotesDto'];
export type Note = Schemas['NoteDto'];
export type Handover = Schemas['HandoverDto'];
export type HandoverIncident = Handover['incidents'][number];
export type HandoverContact = Handover['contacts'][number];
export type NoteSearchResult = Schemas['NoteSearchResultDto'];
export type CaseContacts = Schemas['CaseContactsDto'];
export type Contact = Schemas['ContactDto'];
export type FollowUpContact = Schemas['FollowUpContactDto'];
export type Caseload = Schemas['CaseloadDto'];
export type CaseloadEntry = Caseload['entries'][number];
export type WorkQueue = Schemas['WorkQueueDto'];
export type WorkItem = WorkQueue['items'][number];
type ReportSection = 'breakdown' | 'exits' | 'offers' | 'lengthOfStay' | 'staysAtEnd' | 'bedNights' | 'exclusions' | 'incidents' | 'decisionTime';
/** Whom a figure of the outcome report is counted over: every section's population. */
export type Population =
  | OutcomeReport[ReportSection]['population']
  | OutcomeReport['ages'][keyof OutcomeReport['ages']]['population']
  | OutcomeReport['genders'][keyof OutcomeReport['genders']]['population'];
export type AccessLogPage = Schemas['AccessLogPageDto'];
export type AccessLogEntry = AccessLogPage['items'][number];

export interface PersonName {
  givenName: string;
  familyName: string;
}

export interface Agreement {
  kind: 'service_agreement' | 'temporary_agreement' | 'lease';
  startsOn: string;
  endsOn?: string | null;
  limit?: string | null;
}

/**
 * The case state beyond CaseViewDto's core, as GET /api/v1/cases/{caseId} answers it: the API
 * documents only the core (caseId, revision, status, allowedCommands); the rest depends on the status.
 */
export interface CaseState {
  personId: string;
  facility: { facilityId: string; kind: string; maxStayDays?: number | null; exclusionReasons?: string[] };
  referredOn?: string;
  contactPersons?: string[];
  offers?: Record<string, { offerId: string; unitId: string; facilityId: string; status: string; expiresOn: string }>;
  decisions?: Record<
    string,
    { decisionId: string; kind: string; legalBasis?: string; issuedOn?: string; standing?: string; appealNotice?: { deadline: string; appealBody: string } }
  >;
  stay?: { unitId: string; movedInOn: string; agreement: Agreement } | null;
  waitingList?: { facilityId: string; priority: number; placedOn: string };
  currentOfferId?: string;
  currentMappingId?: string;
  declinedOffers?: number;
  appeals?: Record<
    string,
    { appealId: string; decisionId: string; receivedOn: string; review?: { outcome: string }; forwardedOn?: string; outcome?: { outcome: string } }
  >;
  incidents?: Record<string, { kind: string; severity: string; on: string }>;
  absences?: Record<string, { kind: string; from: string; returnedOn?: string }>;
  warnings?: number;
  latestRisk?: { on: string; score: number; band: string };
  exclusion?: { exclusionId: string; reasons: string[]; effectiveOn: string; alternativeObligation: string };
  moveOut?: { on: string; destination: string; destinationCategory: string };
  followUp?: { followUpId: string; startedOn: string; endsOn: string; endedOn?: string };
  ambulant?: { enrolmentId: string; enrolledOn: string };
  /** The consent as it stands today (worked out by the API from its dated entries). */
  consent?: { status: 'in_force' | 'withdrawn' | 'expired' | 'none'; since?: string; recipients?: string[]; expiresOn?: string };
}

export type CaseView = Schemas['CaseViewDto'] & Pick<CaseState, 'personId' | 'facility'>;
export type CaseFull = Schemas['CaseViewDto'] & CaseState;

export type SetupStatus = Schemas['SetupStatusDto'];
export type AccountList = Schemas['AccountListDto'];
export type Account = Schemas['AccountDto'];
export type GrantRequests = Schemas['GrantRequestsDto'];
export type GrantRequest = GrantRequests['items'][number];
export type FacilityDetail = Schemas['FacilityDetailDto'];
export type FacilityUnit = FacilityDetail['units'][number];
