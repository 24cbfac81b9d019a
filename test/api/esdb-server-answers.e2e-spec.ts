import { facilityStream } from '@app/domain';
import { formatPosition } from '@app/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessStateStore } from '../../apps/api/src/features/placement/process-state.store';
import { UnitOccupancyRepair } from '../../apps/api/src/features/placement/unit-occupancy.repair';
import { EsdbTestServer, startEsdbTestServer } from '../esdb-test-server';
import { esdbEnv, startEsdbTestApp, startTestApp, TestApp } from '../support/test-app';

const facility = (name: string) => ({
  name,
  kind: 'scattered_site',
  municipality: 'Narvik',
  targetGroup: { excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: false },
  exclusionReasons: [],
});

/** What EventStoreDB can answer besides success, as HTTP answers of the real app (over the gRPC test double). */
describe('EventStoreDB answers over HTTP', () => {
  let t: Awaited<ReturnType<typeof startEsdbTestApp>>;
  let admin: string;
  beforeAll(async () => {
    t = await startEsdbTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const register = (name: string) => t.request('POST', '/api/v1/facilities', { token: admin, body: facility(name) });

  it('a record whose stream an operator tombstoned is 410 Gone, not a 500', async () => {
    const created = await register('Slettet');
    expect(created.status).toBe(201);
    await t.store.tombstoneStream(facilityStream(created.body.id), { expectedRevision: 'any' });
    const changed = await t.request('POST', `/api/v1/facilities/${created.body.id}/profile`, { token: admin, body: facility('Slettet 2') });
    expect(changed.status).toBe(410);
    expect(changed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(changed.body).toMatchObject({ type: 'urn:problem:deleted', status: 410 });
    // An answer about that record, not a store that fails: the instance stays ready.
    expect((await t.request('GET', '/api/health/ready')).status).toBe(200);
  });

  it('access refused at run time is a 503 that names the cause, and health says not ready; it heals without a restart', async () => {
    t.server.denyAccess(true);
    try {
      const refused = await register('Låst');
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(refused.body).toMatchObject({ type: 'urn:problem:store-access-denied' });
      const health = await t.request('GET', '/api/health');
      expect(health.status).toBe(503);
      expect(health.body.checks.eventStore).toMatchObject({ status: 'down', error: 'StoreAccessDeniedError' });
      expect(health.body.notReady).toEqual([{ check: 'eventStore', reason: 'access_denied', since: expect.any(String), error: 'StoreAccessDeniedError' }]);
    } finally {
      t.server.denyAccess(false);
    }
    expect((await register('Låst opp')).status).toBe(201);
  });

  it('after a leader change a command is sent once more, to the new leader; with no leader it is 503 with Retry-After', async () => {
    const leader = await startEsdbTestServer({ store: t.server.store });
    try {
      t.server.becomeFollower({ host: '127.0.0.1', port: leader.port });
      const elected = await register('Ny leder');
      expect(elected.status).toBe(201);
      leader.becomeFollower({ host: '127.0.0.1', port: t.server.port }); // mid-election: nobody leads
      const leaderless = await register('Ingen leder');
      expect(leaderless.status).toBe(503);
      expect(leaderless.headers.get('retry-after')).toBe('5');
      expect(leaderless.body).toMatchObject({ type: 'urn:problem:store-unavailable' });
      // Elected again: the node the client was last sent to refuses, the one retry reaches the leader.
      t.server.becomeLeader();
      expect((await register('Leder igjen')).status).toBe(201);
    } finally {
      t.server.becomeLeader();
      await leader.stop();
    }
  });
});

/**
 * The unit-repair process follows $all with a filter that matches rarely. The server's checkpoints
 * tell how far it has read past its last match; kept, a restart resumes there instead of rescanning.
 */
describe('the unit-repair process on EventStoreDB keeps the server checkpoints of its filtered subscription', () => {
  let server: EsdbTestServer;
  let dataDir: string;
  const start = () => startTestApp(esdbEnv(server.connectionString), [], { dataDir });
  beforeAll(async () => {
    server = await startEsdbTestServer();
    dataDir = mkdtempSync(join(tmpdir(), 'unit-repair-checkpoint-'));
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes after a restart from where the server said it had read, not from the start', async () => {
    // Events the process's filter skips: users and facilities, nothing about units.
    const first: TestApp = await start();
    const admin = await first.adminToken();
    for (let i = 0; i < 5; i++) expect((await first.request('POST', '/api/v1/facilities', { token: admin, body: facility(`F${i}`) })).status).toBe(201);
    await first.close();

    const second = await start();
    await second.app.get(UnitOccupancyRepair).caughtUp();
    const head = server.store.log[server.store.log.length - 1];
    await second.close();
    const state = new ProcessStateStore(dataDir);
    const saved = state.checkpoint('unit-repair');
    state.close();
    expect(saved && formatPosition(saved)).toBe(formatPosition({ commit: head.commit, prepare: head.prepare }));

    const before = server.subscriptionStarts.length;
    const third = await start();
    try {
      await third.app.get(UnitOccupancyRepair).caughtUp();
      const starts = server.subscriptionStarts.slice(before);
      expect(starts).not.toContain('start'); // the read models resume from theirs, the process from the server's
      expect(starts).toContainEqual({ commit: head.commit, prepare: head.prepare });
    } finally {
      await third.close();
    }
  });
});
