import { accessLogStream } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'a long enough password';
const facilityBody = (name: string) => ({
  name,
  kind: 'staffed_cluster',
  municipality: 'Trondheim',
  targetGroup: { minAge: 18, excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: false },
  exclusionReasons: ['violence_or_threats'],
});

/**
 * Every read of personal data leaves an access record (pasientjournalloven § 22): the routes are found
 * in the OpenAPI document by their `x-personal-data` mark, and each is called and checked. A read
 * outside one's facilities needs a purpose (else 403) and is flagged.
 */
describe('access log', () => {
  let t: TestApp;
  let worker: string;
  let outsider: string;
  let auditor: string;
  let personId: string;
  let caseId: string;
  let decisionId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.adminToken();
    const home = (await t.request('POST', '/api/v1/facilities', { token: admin, body: facilityBody('Home') })).body.id;
    const other = (await t.request('POST', '/api/v1/facilities', { token: admin, body: facilityBody('Other') })).body.id;
    await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'worker', displayName: 'W', password: PASSWORD, grants: [{ role: 'case_worker', facilityIds: [home] }] },
    });
    await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'outsider', displayName: 'O', password: PASSWORD, grants: [{ role: 'case_worker', facilityIds: [other] }] },
    });
    await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'auditor', displayName: 'A', password: PASSWORD, grants: [{ role: 'auditor' }] },
    });
    await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'lead', displayName: 'L', password: PASSWORD, grants: [{ role: 'team_lead', facilityIds: [home] }] },
    });
    worker = await t.login('worker', PASSWORD);
    auditor = await t.login('auditor', PASSWORD);
    outsider = await t.login('outsider', PASSWORD);
    personId = (
      await t.request('POST', '/api/v1/people', { token: worker, body: { givenName: 'Ola', familyName: 'Hansen', birthDate: '1980-01-01', gender: 'male' } })
    ).body.id;
    const referral = await t.request('POST', '/api/v1/cases', {
      token: worker,
      body: {
        personId,
        facilityId: home,
        on: '2026-10-01',
        referralSource: 'self',
        referrer: { name: 'Ola Hansen' },
        screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: true },
        reason: 'Needs a home',
        consent: { given: true, scope: 'The municipality', date: '2026-10-01' },
      },
    });
    caseId = referral.body.id;
    // A decision, so its letter can be read too.
    const lead = await t.login('lead', PASSWORD);
    const met = await t.request('POST', `/api/v1/cases/${caseId}/assessment-meetings`, {
      token: lead,
      body: { on: '2026-10-02', members: ['Teamleder'], outcome: 'accepted', notes: 'Innenfor' },
    });
    expect(met.status).toBe(201);
    const decided = await t.request('POST', `/api/v1/cases/${caseId}/decisions`, {
      token: lead,
      body: { on: '2026-10-03', kind: 'grant', legalBasis: 'hotl_3_2', facts: 'Bostedsløs', mainConsiderations: 'Trenger bolig', decidedBy: 'L' },
    });
    expect(decided.status).toBe(201);
    decisionId = decided.body.id;
    await t.request('GET', `/api/v1/people/${personId}?minPosition=${decided.body.position}`, { token: worker });
  });
  afterAll(() => t.close());

  const accessRecords = async (): Promise<RecordedEvent[]> => {
    const out: RecordedEvent[] = [];
    try {
      for await (const e of t.store.readStream(accessLogStream(personId))) out.push(e);
    } catch {
      /* no reads yet */
    }
    return out;
  };

  it('records a read on every route marked as personal data in the OpenAPI document', async () => {
    const doc = (await t.request('GET', '/api/openapi.json')).body;
    const routes = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op['x-personal-data'])
        .map(([method, op]) => ({ method: method.toUpperCase(), path, view: op['x-personal-data'] as string })),
    );
    expect(routes.map((r) => r.view)).toEqual(expect.arrayContaining(['person', 'case', 'timeline', 'replay', 'export']));
    // Any GET route about one person or one case must be marked, so a new one cannot slip past the log.
    const unmarked = Object.entries(doc.paths as Record<string, Record<string, any>>).filter(
      ([path, ops]) => /\{(personId|caseId)\}/.test(path) && ops.get && !ops.get['x-personal-data'],
    );
    expect(unmarked.map(([p]) => p)).toEqual([]);

    for (const route of routes) {
      const before = (await accessRecords()).length;
      const url = route.path.replace('{personId}', personId).replace('{caseId}', caseId).replace('{decisionId}', decisionId);
      // Audit views are the auditor's; the rest the case worker's.
      const [token, role] = route.path.startsWith('/api/v1/audit/') ? [auditor, 'auditor'] : [worker, 'case_worker'];
      const res = await t.request(route.method, url, { token });
      expect([200, 201]).toContain(res.status);
      const after = await accessRecords();
      expect(after.length).toBe(before + 1);
      const last = after[after.length - 1];
      expect(last.type).toBe('PersonalDataAccessed');
      expect(last.data).toMatchObject({ personId, view: route.view, actorRole: role, flagged: false });
    }
  });

  it('refuses a read outside one’s facilities without a purpose (403), and flags it with one', async () => {
    const before = (await accessRecords()).length;
    const refused = await t.request('GET', `/api/v1/cases/${caseId}`, { token: outsider });
    expect(refused.status).toBe(403);
    // A problem type of its own, so the UI can ask for the purpose and retry without reading the message.
    expect(refused.body).toMatchObject({ type: 'urn:problem:access-purpose-required', header: 'X-Access-Purpose' });
    expect((await accessRecords()).length).toBe(before);
    const withPurpose = await t.request('GET', `/api/v1/cases/${caseId}`, {
      token: outsider,
      headers: { 'x-access-purpose': 'Night shift: resident came to our building' },
    });
    expect(withPurpose.status).toBe(200);
    const records = await accessRecords();
    expect(records.length).toBe(before + 1);
    expect(records[records.length - 1].data).toMatchObject({ flagged: true, view: 'case' });
  });

  it('logs an auditor’s replay of a moment before the case began as a read of the case’s person, and the log goes on', async () => {
    const before = (await accessRecords()).length;
    const replay = await t.request('GET', `/api/v1/audit/cases/${caseId}/replay?at=2000-01-01T00:00:00.000Z`, { token: auditor });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ caseId, personId, revision: null, steps: [] });
    const records = await accessRecords();
    expect(records.length).toBe(before + 1);
    expect(records[records.length - 1].data).toMatchObject({ personId, caseId, view: 'replay', actorRole: 'auditor' });
    // Nothing went to a stream of no one.
    const orphans: RecordedEvent[] = [];
    try {
      for await (const e of t.store.readStream('access-undefined')) orphans.push(e);
    } catch {
      /* no such stream: as it should be */
    }
    expect(orphans).toEqual([]);

    // Reads after it keep appearing in the access log: the read model neither parked nor paused.
    const read = await t.request('GET', `/api/v1/cases/${caseId}`, { token: worker });
    expect(read.status).toBe(200);
    const expected = (await accessRecords()).length;
    let log = await t.request('GET', `/api/v1/audit/access-log?personId=${personId}&limit=500`, { token: auditor });
    for (let tries = 0; log.body.total < expected && tries < 100; tries++) {
      await new Promise((r) => setTimeout(r, 20));
      log = await t.request('GET', `/api/v1/audit/access-log?personId=${personId}&limit=500`, { token: auditor });
    }
    expect(log.body.total).toBe(expected);
    expect(log.body.items.slice(0, 2)).toEqual([
      // Staff by their display names, for the auditor to read who looked.
      expect.objectContaining({ personId, caseId, view: 'case', actorRole: 'case_worker', actorName: 'W' }),
      expect.objectContaining({ personId, caseId, view: 'replay', actorRole: 'auditor', actorName: 'A' }),
    ]);
    const health = await t.request('GET', '/api/health');
    expect(health.body.checks.projections.find((p: { name: string }) => p.name === 'access_log')).toMatchObject({ state: 'live', parkedEvents: 0 });
  });

  it('lists the reads for auditors only: per person, and the flagged ones with their purpose', async () => {
    expect((await t.request('GET', `/api/v1/audit/access-log?personId=${personId}`, { token: worker })).status).toBe(403);
    // The read model follows the log asynchronously (an access record returns no position to wait for): poll briefly.
    const expected = (await accessRecords()).length;
    let all = await t.request('GET', `/api/v1/audit/access-log?personId=${personId}&limit=500`, { token: auditor });
    for (let tries = 0; all.body.total < expected && tries < 100; tries++) {
      await new Promise((r) => setTimeout(r, 20));
      all = await t.request('GET', `/api/v1/audit/access-log?personId=${personId}&limit=500`, { token: auditor });
    }
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(expected);
    const flagged = await t.request('GET', `/api/v1/audit/access-log?flagged=true`, { token: auditor });
    expect(flagged.body.items).toEqual([
      expect.objectContaining({
        personId,
        caseId,
        view: 'case',
        actorRole: 'case_worker',
        flagged: true,
        purpose: 'Night shift: resident came to our building',
      }),
    ]);
    expect((await t.request('GET', `/api/v1/audit/access-log?flagged=yes`, { token: auditor })).status).toBe(400);
  });
});
