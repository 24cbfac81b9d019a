import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { verifyChains } from '../../apps/api/src/audit/chain-verifier';
import { startEsdbTestApp, startTestApp, TestApp } from '../support/test-app';

const profile = (name: string, maxStayDays = 90) => ({
  name,
  kind: 'temporary_housing',
  municipality: 'Bodø',
  targetGroup: { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true, requiresCoOccurringDisorder: false },
  maxStayDays,
  exclusionReasons: ['violence_or_threats'],
});

/** Writes a few streams through the real API: one facility with four events, and others around it. */
async function history(t: TestApp): Promise<string> {
  const admin = await t.adminToken();
  const created = await t.request('POST', '/api/v1/facilities', { token: admin, body: profile('Bolig Nu') });
  for (const days of [60, 75, 80]) await t.request('POST', `/api/v1/facilities/${created.body.id}/profile`, { token: admin, body: profile('Bolig Nu', days) });
  await t.request('POST', '/api/v1/facilities', { token: admin, body: profile('Other') });
  return `facility-${created.body.id}`;
}

describe('tamper evidence on the embedded store', () => {
  let t: TestApp;
  let stream: string;
  let file: string;
  beforeEach(async () => {
    t = await startTestApp();
    stream = await history(t);
    file = join(t.dataDir, 'events.sqlite');
    await t.app.close(); // release the file; tampering happens "offline", as an intruder with file access would
  });
  afterEach(() => t.close().catch(() => undefined));

  const tamper = (sql: (db: Database.Database) => void) => {
    const db = new Database(file);
    sql(db);
    db.close();
  };
  const verify = async (options: { stream?: string } = {}) => {
    const store = new SqliteEventStore({ file });
    try {
      return await verifyChains(store, options);
    } finally {
      await store.close();
    }
  };

  it('verifies an untouched log', async () => {
    const report = await verify();
    expect(report).toMatchObject({ ok: true, firstBroken: undefined });
    expect(report.events).toBeGreaterThan(8);
    expect((await verify({ stream })).events).toBe(4);
  });

  it('detects an altered event and names it', async () => {
    tamper((db) => db.prepare("UPDATE events SET data = json_set(data, '$.maxStayDays', 365) WHERE stream = ? AND revision = 2").run(stream));
    expect((await verify()).firstBroken).toMatchObject({ stream, revision: '2', reason: 'hash_mismatch' });
    expect((await verify({ stream })).firstBroken).toMatchObject({ stream, revision: '2', reason: 'hash_mismatch' });
  });

  it('detects an altered actor in the metadata', async () => {
    tamper((db) => db.prepare("UPDATE events SET metadata = json_set(metadata, '$.actorId', 'someone-else') WHERE stream = ? AND revision = 1").run(stream));
    expect((await verify({ stream })).firstBroken).toMatchObject({ revision: '1', reason: 'hash_mismatch' });
  });

  it('detects a deleted event', async () => {
    tamper((db) => db.prepare('DELETE FROM events WHERE stream = ? AND revision = 1').run(stream));
    expect((await verify({ stream })).firstBroken).toMatchObject({ stream, revision: '2', reason: 'revision_gap' });
    expect((await verify()).ok).toBe(false);
  });

  it('cannot see a deleted LAST event in the chain alone; the stream head still names it (a known limit)', async () => {
    tamper((db) => db.prepare('DELETE FROM events WHERE stream = ? AND revision = 3').run(stream));
    // A hash chain proves what precedes each event, not that nothing follows the last one. The store's
    // stream head still says revision 3; anchoring stream heads outside the log would close this gap.
    const head = new Database(file, { readonly: true }).prepare('SELECT revision FROM streams WHERE stream = ?').get(stream) as { revision: number };
    expect(head.revision).toBe(3);
    expect((await verify({ stream })).events).toBe(3);
  });

  it('detects reordered events', async () => {
    tamper((db) =>
      db.transaction(() => {
        db.prepare('UPDATE events SET revision = -1 WHERE stream = ? AND revision = 1').run(stream);
        db.prepare('UPDATE events SET revision = 1 WHERE stream = ? AND revision = 2').run(stream);
        db.prepare('UPDATE events SET revision = 2 WHERE stream = ? AND revision = -1').run(stream);
      })(),
    );
    expect((await verify({ stream })).firstBroken).toMatchObject({ stream, revision: '1' });
    expect((await verify()).ok).toBe(false);
  });
});

describe('tamper evidence through the EventStoreDB adapter (gRPC test server)', () => {
  let t: Awaited<ReturnType<typeof startEsdbTestApp>>;
  beforeAll(async () => {
    t = await startEsdbTestApp();
  });
  afterAll(() => t.close());

  it('verifies chains read over gRPC and detects an altered event', async () => {
    const stream = await history(t);
    expect((await verifyChains(t.store)).ok).toBe(true);
    const events = t.server.store.events(stream)!;
    const target = events[2];
    const altered = { ...target, data: new TextEncoder().encode(JSON.stringify({ ...JSON.parse(new TextDecoder().decode(target.data)), maxStayDays: 999 })) };
    (events as unknown as unknown[])[2] = altered;
    const log = t.server.store.log as unknown as unknown[];
    log[log.indexOf(target)] = altered;
    expect((await verifyChains(t.store, { stream })).firstBroken).toMatchObject({ stream, revision: '2', reason: 'hash_mismatch' });
  });
});
