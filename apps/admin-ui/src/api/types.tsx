/**
 * Hand-written types for the parts of the API this UI reads. Most query responses carry no schema in
 * /api/openapi.json, so these follow the real answers; test/ui/api-paths.e2e-spec.ts checks that
 * every path the UI calls exists in the OpenAPI document.
 */
export type Role = 'case_worker' | 'team_lead' | 'supervisor' | 'auditor' | 'admin';

export interface Grant {
  role: Role;
  facilityIds?: string[];
}

export interface Me {
  userId: string;
  username: string;
  displayName?: string;
  grants: Grant[];
}

export interface LoginResponse {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  expiresAt: string;
  user: Me;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  fields?: { field: string; message: string }[];
  rule?: string;
  /** A broken rule's field (422), by the same dotted path as `fields[].field`. */
  field?: string;
  details?: Record<string, unknown>;
  lastChange?: { actorId: string; actorRole: string; recordedAt: string; eventType: string };
  expectedRevision?: string;
  actualRevision?: string;
}

export interface CommandResponse {
  id?: string;
  revision: string | null;
  position: string | null;
  events: string[];
  replayed: boolean;
}

export interface PersonName {
  givenName: string;
  familyName: string;
}

export type CaseStatus =
  | 'referred' | 'in_assessment' | 'mapping' | 'accepted' | 'waitlisted' | 'offered' | 'offer_accepted'
  | 'resident' | 'moved_out' | 'ambulant' | 'withdrawn' | 'not_relevant' | 'refused' | 'closed';

export const CASE_STATUSES: CaseStatus[] = [
  'referred', 'in_assessment', 'mapping', 'accepted', 'waitlisted', 'offered', 'offer_accepted',
  'resident', 'moved_out', 'ambulant', 'withdrawn', 'not_relevant', 'refused', 'closed',
];

export interface CaseListItem {
  caseId: string;
  personId: string;
  name: PersonName;
  birthYear: number | null;
  facilityId: string;
  status: CaseStatus;
  unitId: string | null;
  contactPersons: string[];
  referredOn: string;
  lastEventOn: string;
}

export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

export interface AllowedCommand {
  type: string;
  method: 'POST';
  path: string;
}

export interface Agreement {
  kind: 'service_agreement' | 'temporary_agreement' | 'lease';
  startsOn: string;
  endsOn?: string | null;
  limit?: string | null;
}

export interface CaseView {
  caseId: string;
  personId: string;
  revision: string;
  status: CaseStatus;
  facility: { facilityId: string; kind: string; maxStayDays?: number | null; exclusionReasons?: string[] };
  referredOn?: string;
  contactPersons?: string[];
  offers?: Record<string, { offerId: string; unitId: string; facilityId: string; status: string; expiresOn: string }>;
  decisions?: Record<string, { decisionId: string; kind: string; standing?: string }>;
  stay?: { unitId: string; movedInOn: string; agreement: Agreement } | null;
  allowedCommands: AllowedCommand[];
}

export interface Person {
  personId: string;
  revision: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  gender: string;
}

export interface Facility {
  facilityId: string;
  name: string;
  kind: string;
  municipality: string;
  unitCount: number;
}

export interface TimelineEntry {
  position: string;
  eventId: string;
  eventType: string;
  effectiveDate: string | null;
  recordedAt: string;
  actorId: string;
  actorRole: string;
  caseId: string | null;
  facilityId: string | null;
  summary: { key: string; params: Record<string, unknown> };
}

export interface Timeline {
  personId: string;
  total: number;
  entries: TimelineEntry[];
}

export interface OccupancyUnit {
  unitId: string;
  label: string;
  kind: string;
  capacity: number;
  outOfService: { from?: string; reason?: string } | null;
  occupants: { caseId: string; name: PersonName; daysInStay: number; agreement: (Agreement & { daysLeft?: number | null }) | null }[];
  reservations: { offerId: string; caseId: string; name: PersonName; expiresOn: string; status: string }[];
  freePlaces: number;
}

export interface Occupancy {
  facility: { facilityId: string; name: string; kind: string; municipality: string };
  today: string;
  summary: { units: number; capacity: number; occupied: number; reserved: number; free: number; unitsOutOfService: number; occupancyRate: number | null };
  units: OccupancyUnit[];
}

export interface WaitingListSummary {
  today: string;
  facilities: { facilityId: string; facilityName: string; waiting: number; medianDaysWaiting: number | null; longestDaysWaiting: number | null }[];
}

export interface AgreementRow {
  caseId: string;
  personId: string;
  facilityId: string;
  kind: string;
  endsOn: string | null;
  limit: string | null;
  daysToEnd: number | null;
  daysPastLimit: number | null;
}

export interface AgreementsDashboard {
  today: string;
  withinDays: number;
  endingSoon: AgreementRow[];
  pastEnd: AgreementRow[];
  pastLimit: AgreementRow[];
}

export interface AppealRow {
  caseId: string;
  appealId: string;
  facilityId: string;
  decisionKind: string;
  receivedOn: string;
  deadline: string | null;
  daysWaiting?: number;
}

export interface ObligationsDashboard {
  today: string;
  exclusionsAwaitingAlternative: { caseId: string; facilityId: string; reasons: string[]; decidedOn: string; daysOpen: number }[];
  appeals: Record<string, AppealRow[]>;
}

export interface AuditEvent {
  position: string;
  eventId: string;
  stream: string;
  revision: number;
  eventType: string;
  actorId: string;
  actorRole: string;
  recordedAt: string;
  effectiveDate: string | null;
  commandType: string | null;
  correlationId: string | null;
}

export interface AuditEvents {
  entries: AuditEvent[];
  next: string | null;
}

export interface ReplayStep {
  revision: string;
  position: string;
  type: string;
  actorId: string;
  actorRole: string;
  recordedAt: string;
  effectiveDate: string | null;
  reason: string | null;
  changes: { path: string; before: unknown; after: unknown }[];
}

/** POST /api/v1/audit/verify: what the check found, and what the seals cover. */
export interface VerificationReport {
  ok: boolean;
  streams: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  findings: Array<{ kind: string; stream?: string; revision?: string; position?: string; seal?: number; detail: string }>;
  findingsOmitted: number;
  seals: {
    status: 'verified' | 'none' | 'not_configured' | 'unverifiable' | 'broken';
    count: number;
    latest?: { sequence: number; upTo: string; events: number; sealedAt: string; keyId: string };
    eventsAfterLatest?: number;
    scope: 'log' | 'stream';
  };
}

export interface Replay {
  caseId: string;
  stream: string;
  revision: string;
  steps: ReplayStep[];
}

export interface VerifyResult {
  ok: boolean;
  streams: number;
  events: number;
  brokenAt?: unknown;
  [key: string]: unknown;
}

export interface NumberSummary {
  count: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

/** GET /api/v1/reports/outcomes: every figure is defined in apps/api/src/read-models/outcomes/outcome-report.ts. */
export type Population =
  | 'offered' | 'lived_there' | 'moved_out' | 'living_at_end' | 'waiting_at_end'
  | 'offers_made' | 'placed_on_waiting_list' | 'withdrawn' | 'exclusions_decided' | 'incidents';

export interface AgeSummary {
  population: 'offered' | 'lived_there';
  basis: string;
  people: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  under25: number;
}

export interface OutcomeReport {
  facilityIds: string[] | 'everywhere';
  from: string;
  to: string;
  /** Nights are counted up to here: the earlier of `to` and today. */
  countedTo: string;
  people: { offered: number; offeredTwiceOrMore: number; livedThere: number; declined: number; movedOut: number; endedByService: number; livingAtEnd: number; waitingAtEnd: number };
  breakdown: { population: Population; total: number; groups: Record<string, number> };
  exits: { population: Population; total: number; byDestination: Record<string, number>; byCategory: Record<string, number>; byReason: Record<string, number> };
  offers: { population: Population; made: number; accepted: number; declined: number; expired: number; openAtEnd: number };
  waitingList: { placed: number; withdrawnByReason: Record<string, number>; withdrawnFoundHousingThemselves: number };
  lengthOfStay: { population: Population; basis: string; nights: NumberSummary; bands: { band: string; maxNights: number | null; stays: number }[]; over90Nights: number };
  staysAtEnd: { population: Population; basis: string; nightsSoFar: NumberSummary; over90Nights: number };
  bedNights: { population: Population; nights: number };
  ages: { offered: AgeSummary; livedThere: AgeSummary };
  genders: {
    offered: { population: Population; basis: string; byGender: Record<string, { people: number }> };
    livedThere: { population: Population; basis: string; byGender: Record<string, { people: number; stays: number; minNights: number | null; maxNights: number | null }> };
  };
  exclusions: { population: Population; decided: number; byReason: Record<string, number>; endedByServiceByReason: Record<string, number> };
  incidents: { population: Population; total: number; byKind: Record<string, number>; byMonth: { month: string; total: number; byKind: Record<string, number> }[] };
}

/** One read of a person's file (GET /api/v1/audit/access-log). */
export interface AccessLogEntry {
  accessId: string;
  personId: string;
  caseId: string | null;
  view: 'person' | 'case' | 'timeline' | 'replay' | 'export';
  actorId: string;
  actorRole: string;
  at: string;
  flagged: boolean;
  purpose: string | null;
}
export interface WaitingEntry {
  rank: number;
  caseId: string;
  personId: string;
  name: PersonName | null;
  priority: number;
  placedOn: string;
  daysWaiting: number;
  offersDeclined: number;
  currentOffer: { offerId: string; unitId: string; unitLabel: string | null; offeredOn: string; expiresOn: string; status: 'open' | 'accepted'; acceptedOn: string | null } | null;
}

export interface WaitingList {
  facilityId: string;
  facilityName: string;
  today: string;
  entries: WaitingEntry[];
  stats: { waiting: number; medianDaysWaiting: number | null; longestDaysWaiting: number | null; movedInLast12Months: number; medianDaysToMoveIn: number | null };
}

/** Parts of the case state beyond CaseView's core that the case page shows (all optional: they depend on the status). */
export interface CaseDetails {
  waitingList?: { facilityId: string; priority: number; placedOn: string };
  currentOfferId?: string;
  currentMappingId?: string;
  declinedOffers?: number;
  appeals?: Record<string, { appealId: string; decisionId: string; receivedOn: string; review?: { outcome: string }; forwardedOn?: string; outcome?: { outcome: string } }>;
  incidents?: Record<string, { kind: string; severity: string; on: string }>;
  absences?: Record<string, { kind: string; from: string; returnedOn?: string }>;
  warnings?: number;
  latestRisk?: { on: string; score: number; band: string };
  exclusion?: { exclusionId: string; reasons: string[]; effectiveOn: string; alternativeObligation: string };
  moveOut?: { on: string; destination: string; destinationCategory: string };
  followUp?: { followUpId: string; startedOn: string; endsOn: string; endedOn?: string };
  ambulant?: { enrolmentId: string; enrolledOn: string };
}

export type CaseFull = CaseView & CaseDetails;
