import { useQuery } from '@tanstack/react-query';
import { api, type Query } from './client';
import { lastWritePosition, recordWrite } from './last-write';
import type {
  AccessLogPage,
  AgreementsDashboard,
  AuditEvents,
  CaseSearchResult,
  CaseView,
  Facility,
  ObligationsDashboard,
  Occupancy,
  Person,
  Replay,
  Timeline,
  WaitingList,
  WaitingListSummary,
  OutcomeReport,
  VerificationJob,
  CaseNotes,
  CaseContacts,
  Caseload,
  WorkQueue,
  Handover,
  NoteSearchResult,
  SetupStatus,
  AccountList,
  Account,
  GrantRequests,
  FacilityDetail,
} from './types';

// Every path the UI calls is written here as a literal under /api/v1, so the contract test can find
// them all in the source and check them against /api/openapi.json.
const enc = encodeURIComponent;

export const useFacilities = () =>
  useQuery({ queryKey: ['facilities'], queryFn: () => api<{ facilities: Facility[] }>('/api/v1/facilities'), staleTime: 60_000 });

export const useCases = (query: Query) => useQuery({ queryKey: ['cases', query], queryFn: () => api<CaseSearchResult>('/api/v1/cases', { query }) });
/** Cases found by a name or identity number (nothing is asked for until a search is given). */
export const useCaseSearch = (q: string) =>
  useQuery({ queryKey: ['cases', { q, limit: 10 }], queryFn: () => api<CaseSearchResult>('/api/v1/cases', { query: { q, limit: 10 } }), enabled: q !== '' });

export const useCase = (caseId: string) => useQuery({ queryKey: ['case', caseId], queryFn: () => api<CaseView>(`/api/v1/cases/${enc(caseId)}`) });

export const usePerson = (personId: string | undefined) =>
  useQuery({ queryKey: ['person', personId], enabled: !!personId, queryFn: () => api<Person>(`/api/v1/people/${enc(personId!)}`) });

export const useTimeline = (personId: string | undefined, minPosition?: string) =>
  useQuery({
    queryKey: ['timeline', personId, minPosition],
    enabled: !!personId,
    queryFn: () => api<Timeline>(`/api/v1/people/${enc(personId!)}/timeline`, { query: { minPosition, limit: 200 } }),
  });

export const useCaseNotes = (caseId: string, minPosition?: string) =>
  useQuery({
    queryKey: ['notes', caseId, minPosition],
    queryFn: () => api<CaseNotes>(`/api/v1/cases/${enc(caseId)}/notes`, { query: { minPosition } }),
  });

export const useCaseContacts = (caseId: string) =>
  useQuery({ queryKey: ['contacts', caseId], queryFn: () => api<CaseContacts>(`/api/v1/cases/${enc(caseId)}/contacts`) });

/** What waits for the user; the navigation shows its counts, so it refreshes now and then. */
export const useWorkQueue = (enabled = true) =>
  useQuery({
    queryKey: ['work-queue'],
    enabled,
    refetchInterval: 60_000,
    queryFn: () => api<WorkQueue>('/api/v1/work-queue', { query: { minPosition: lastWritePosition() } }),
  });

export const useContactPersons = () =>
  useQuery({ queryKey: ['contact-persons'], queryFn: () => api<{ contactPersons: string[] }>('/api/v1/caseload/contact-persons') });

export const useCaseload = (contactPerson: string) =>
  useQuery({
    queryKey: ['caseload', contactPerson],
    enabled: contactPerson !== '',
    queryFn: () => api<Caseload>('/api/v1/caseload', { query: { contactPerson, minPosition: lastWritePosition() } }),
  });

export const useHandover = (facilityId: string | undefined, since: string) =>
  useQuery({
    queryKey: ['handover', facilityId, since],
    enabled: !!facilityId && !!since,
    queryFn: () => api<Handover>(`/api/v1/facilities/${enc(facilityId!)}/handover`, { query: { since } }),
  });

export const useNoteSearch = (q: string) =>
  useQuery({ queryKey: ['note-search', q], enabled: q.trim().length >= 2, queryFn: () => api<NoteSearchResult>('/api/v1/notes', { query: { q } }) });

export const useOccupancy = (facilityId: string | undefined, minPosition?: string) =>
  useQuery({
    queryKey: ['occupancy', facilityId, minPosition],
    enabled: !!facilityId,
    queryFn: () => api<Occupancy>(`/api/v1/facilities/${enc(facilityId!)}/occupancy`, { query: { minPosition } }),
  });

export const useWaitingList = (facilityId: string | undefined, minPosition?: string) =>
  useQuery({
    queryKey: ['waiting-list', facilityId, minPosition],
    enabled: !!facilityId,
    queryFn: () => api<WaitingList>(`/api/v1/facilities/${enc(facilityId!)}/waiting-list`, { query: { minPosition } }),
  });

export const useWaitingListSummary = () =>
  useQuery({ queryKey: ['waiting-list-summary'], queryFn: () => api<WaitingListSummary>('/api/v1/waiting-list/summary') });

export const useAgreementsDashboard = (withinDays: number) =>
  useQuery({ queryKey: ['dash-agreements', withinDays], queryFn: () => api<AgreementsDashboard>('/api/v1/dashboards/agreements', { query: { withinDays } }) });

export const useObligationsDashboard = () =>
  useQuery({ queryKey: ['dash-obligations'], queryFn: () => api<ObligationsDashboard>('/api/v1/dashboards/obligations') });

export const useAuditEvents = (query: Query) =>
  useQuery({ queryKey: ['audit-events', query], queryFn: () => api<AuditEvents>('/api/v1/audit/events', { query }) });

export const useReplay = (caseId: string | undefined) =>
  useQuery({ queryKey: ['replay', caseId], enabled: !!caseId, queryFn: () => api<Replay>(`/api/v1/audit/cases/${enc(caseId!)}/replay`) });

/** Starts checking the chains (of one stream, or the whole log) as a job; answers the job already running for the same scope. */
export const startVerification = (stream?: string) => api<VerificationJob>('/api/v1/audit/verifications', { method: 'POST', body: stream ? { stream } : {} });

const VERIFICATION_POLL_MS = 750;

/** A verification job, polled while it runs (every VERIFICATION_POLL_MS); a 404 means it is gone (the server restarted). */
export const useVerification = (jobId: string | null) =>
  useQuery({
    queryKey: ['verification', jobId],
    enabled: !!jobId,
    queryFn: () => api<VerificationJob>(`/api/v1/audit/verifications/${enc(jobId!)}`),
    refetchInterval: (query) => (query.state.data?.state === 'running' ? VERIFICATION_POLL_MS : false),
    retry: false,
  });

/** Commands: each with the Idempotency-Key its form made, so a retry after a lost answer records nothing twice. */
export const registerPerson = (body: unknown, idempotencyKey: string) =>
  api<{ id: string; position: string | null }>('/api/v1/people', { method: 'POST', body, idempotencyKey });

export const registerReferral = (body: unknown, idempotencyKey: string) =>
  api<{ id: string; position: string | null }>('/api/v1/cases', { method: 'POST', body, idempotencyKey });

export interface ReportPeriod {
  facilityId?: string;
  from: string;
  to: string;
}

export const useOutcomeReport = (period: ReportPeriod | null) =>
  useQuery({
    queryKey: ['outcome-report', period],
    enabled: !!period,
    queryFn: () => api<OutcomeReport>('/api/v1/reports/outcomes', { query: { ...period } }),
  });

/** Downloaded with the token (see DownloadButton), never as a plain link. */
export const OUTCOME_REPORT_CSV_PATH = '/api/v1/reports/outcomes.csv';

export const useAccessLog = (query: Query, enabled = true) =>
  useQuery({ queryKey: ['access-log', query], enabled, queryFn: () => api<AccessLogPage>('/api/v1/audit/access-log', { query }) });

/** The right-of-access export of one person, as JSON and as a printable document. */
export const personExportPaths = (personId: string) => ({
  json: `/api/v1/people/${enc(personId)}/export`,
  html: `/api/v1/people/${enc(personId)}/export.html`,
});

/** A decision's letter as kept when it was issued, as a PDF and as a printable page. */
export const decisionLetterPaths = (caseId: string, decisionId: string) => ({
  pdf: `/api/v1/cases/${enc(caseId)}/decisions/${enc(decisionId)}/letter.pdf`,
  html: `/api/v1/cases/${enc(caseId)}/decisions/${enc(decisionId)}/letter.html`,
});

/** People found by name or identity number through the case search (asked only once there is a search). */
export const usePeopleSearch = (q: string) =>
  useQuery({ queryKey: ['cases', { q, limit: 20 }], enabled: q !== '', queryFn: () => api<CaseSearchResult>('/api/v1/cases', { query: { q, limit: 20 } }) });

/** Whether the installation waits for its first administrator (public: the first-run page asks before anyone logs in). */
export const useSetupStatus = () => useQuery({ queryKey: ['setup'], queryFn: () => api<SetupStatus>('/api/v1/setup') });

export const setUp = (body: unknown) => api<{ userId: string }>('/api/v1/setup', { method: 'POST', body });

/** Administration: accounts (after a write, the read model is asked to include it). */
export const useUsers = (query: Query) =>
  useQuery({ queryKey: ['users', query], queryFn: () => api<AccountList>('/api/v1/users', { query: { ...query, minPosition: lastWritePosition() } }) });

export const useUser = (userId: string) =>
  useQuery({ queryKey: ['users', userId], queryFn: () => api<Account>(`/api/v1/users/${enc(userId)}`, { query: { minPosition: lastWritePosition() } }) });

export const useGrantRequests = (userId?: string) =>
  useQuery({
    queryKey: ['users', 'grant-requests', userId],
    queryFn: () => api<GrantRequests>('/api/v1/users/grant-requests', { query: { userId, minPosition: lastWritePosition() } }),
  });

export const useFacility = (facilityId: string) =>
  useQuery({
    queryKey: ['facility', facilityId],
    queryFn: () => api<FacilityDetail>(`/api/v1/facilities/${enc(facilityId)}`, { query: { minPosition: lastWritePosition() } }),
  });

/** The administrator's commands: every path here, so the contract test sees them. */
export const adminPaths = {
  users: '/api/v1/users',
  grant: (userId: string) => `/api/v1/users/${enc(userId)}/roles`,
  revoke: (userId: string) => `/api/v1/users/${enc(userId)}/roles/revoke`,
  password: (userId: string) => `/api/v1/users/${enc(userId)}/password`,
  disable: (userId: string) => `/api/v1/users/${enc(userId)}/disable`,
  enable: (userId: string) => `/api/v1/users/${enc(userId)}/enable`,
  approve: (userId: string, requestId: string) => `/api/v1/users/${enc(userId)}/grant-requests/${enc(requestId)}/approve`,
  reject: (userId: string, requestId: string) => `/api/v1/users/${enc(userId)}/grant-requests/${enc(requestId)}/reject`,
  facilities: '/api/v1/facilities',
  profile: (facilityId: string) => `/api/v1/facilities/${enc(facilityId)}/profile`,
  units: (facilityId: string) => `/api/v1/facilities/${enc(facilityId)}/units`,
  describeUnit: (unitId: string) => `/api/v1/units/${enc(unitId)}/description`,
  outOfService: (unitId: string) => `/api/v1/units/${enc(unitId)}/out-of-service`,
  returnToService: (unitId: string) => `/api/v1/units/${enc(unitId)}/return-to-service`,
};

/** Sends an administrator's command and records its position, so the lists read after it include it. */
export async function adminCommand(path: string, body: unknown, idempotencyKey?: string): Promise<{ id: string; position: string | null }> {
  const res = await api<{ id: string; position: string | null }>(path, { method: 'POST', body, idempotencyKey });
  recordWrite(res.position);
  return res;
}
