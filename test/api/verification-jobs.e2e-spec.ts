import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SealingService } from '../../apps/api/src/features/audit/seals/sealing.service';
import { makeSealKey, SealKey } from '../support/seal-key';
import { startTestApp, TestApp } from '../support/test-app';
import { within } from '../support/within';

const profile = (name: string, maxStayDays = 90) => ({
  name,
  kind: 'temporary_housing',
  municipality: 'Bodø',
  targetGroup: { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true, requiresCoOccurringDisorder: false },
  maxStayDays,
  exclusionReasons: ['violence_or_threats'],
});

/**
 * POST /api/v1/audit/verifications starts the check of the chains as a job; the job is polled at its
 * Location until done, and then says what POST /api/v1/audit/verify says at once.
 */
describe('chain verification as a job (/api/v1/audit/verifications)', () => {
  let key: SealKey;
  let t: TestApp;
  let admin: string;
  let auditor: string;
  let facility: string;
  beforeAll(async () => {
    key = makeSealKey();
    t = await startTestApp({ ...key.env, SEAL_INTERVAL_SECONDS: '3600' });
    admin = await t.adminToken();
    await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'revisor', displayName: 'R', password: 'a long auditor password', grants: [{ role: 'auditor' }] },
    });
    const created = await t.request('POST', '/api/v1/facilities', { token: admin, body: profile('Bolig Nu') });
    for (const days of [60, 75]) await t.request('POST', `/api/v1/facilities/${created.body.id}/profile`, { token: admin, body: profile('Bolig Nu', days) });
    facility = `facility-${created.body.id}`;
    await t.app.get(SealingService).sealer!.sealNow();
    auditor = await t.login('revisor', 'a long auditor password');
  });
  afterAll(async () => {
    await t?.close();
    key?.remove();
  });

  /** Starts a job and polls its Location until it has ended. */
  async function runJob(body: object) {
    const started = await t.request('POST', '/api/v1/audit/verifications', { token: auditor, body });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ id: expect.any(String), state: 'running', startedBy: { username: 'revisor' }, startedAt: expect.any(String) });
    const location = started.headers.get('location');
    expect(location).toBe(`/api/v1/audit/verifications/${started.body.id}`);
    return within(30_000, async () => {
      const polled = await t.request('GET', location!, { token: auditor });
      expect(polled.status).toBe(200);
      expect(polled.body.state).not.toBe('running');
      return polled.body;
    });
  }

  it('runs the check as a job that ends done, with the same report as the check at once', async () => {
    const job = await runJob({});
    const now = await t.request('POST', '/api/v1/audit/verify', { token: auditor, body: {} });
    expect(job).toMatchObject({ state: 'done', percent: 100, eventsChecked: now.body.events, total: expect.any(Number), finishedAt: expect.any(String) });
    expect(job.report).toMatchObject({ ok: true, findings: [], streams: now.body.streams, events: now.body.events, seals: now.body.seals });

    const ofStream = await runJob({ stream: facility });
    expect(ofStream).toMatchObject({ state: 'done', stream: facility, total: 3, report: { ok: true, events: 3 } });
  });

  it('names a changed event in the job’s report, as the check at once does', async () => {
    const db = new Database(join(t.dataDir, 'events.sqlite'));
    try {
      db.prepare("UPDATE events SET data = json_set(data, '$.maxStayDays', 365) WHERE stream = ? AND revision = 1").run(facility);
    } finally {
      db.close();
    }
    const job = await runJob({});
    const now = await t.request('POST', '/api/v1/audit/verify', { token: auditor, body: {} });
    expect(job.state).toBe('done');
    expect(job.report.ok).toBe(false);
    expect(job.report.findings).toEqual([expect.objectContaining({ kind: 'altered', stream: facility, revision: '1' })]);
    expect(job.report.findings).toEqual(now.body.findings);
  });

  it('ends failed with a code for a stream that does not exist', async () => {
    expect(await runJob({ stream: 'case-00000000-0000-4000-8000-000000000000' })).toMatchObject({ state: 'failed', failure: 'stream_not_found' });
  });

  it('refuses bad input and other roles, and answers 404 for a job it does not hold (lost on restart)', async () => {
    const bad = await t.request('POST', '/api/v1/audit/verifications', { token: auditor, body: { against: { format: 'something else' } } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.request('POST', '/api/v1/audit/verifications', { token: auditor, body: { stream: '' } })).status).toBe(400);
    expect((await t.request('GET', '/api/v1/audit/verifications/not-a-uuid', { token: auditor })).status).toBe(400);
    const gone = await t.request('GET', '/api/v1/audit/verifications/0b7e7f3c-1d2e-4f50-8a9b-0c1d2e3f4a5b', { token: auditor });
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toContain('application/problem+json');

    const started = await t.request('POST', '/api/v1/audit/verifications', { token: admin, body: {} });
    expect(started.status).toBe(403);
    const own = await t.request('POST', '/api/v1/audit/verifications', { token: auditor, body: { stream: facility } });
    expect((await t.request('GET', `/api/v1/audit/verifications/${own.body.id}`, { token: admin })).status).toBe(403);
  });
});
