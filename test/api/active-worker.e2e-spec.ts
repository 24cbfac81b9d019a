import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EsdbTestServer, startEsdbTestServer } from '../esdb-test-server';
import { startPostgres, TestPostgres } from '../support/postgres';
import { readSetupToken, RunningApi, spawnApi } from '../support/spawn-api';
import { esdbEnv } from '../support/test-app';
import { within } from '../support/within';

async function get(api: RunningApi, path: string): Promise<any> {
  return (await fetch(`${api.url}${path}`)).json();
}
async function setup(api: RunningApi, setupToken: string, username: string) {
  const res = await fetch(`${api.url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ setupToken, username, displayName: 'Administrator', password: 'correct horse battery staple' }),
  });
  return { status: res.status, body: (await res.json().catch(() => undefined)) as { type?: string } | undefined };
}
/** The setup token an instance keeps in its DATA_DIR (its logs only say where). */
const dataDirs = new Map<RunningApi, string>();
const tokenOf = (api: RunningApi) => readSetupToken(dataDirs.get(api)!);

/**
 * Two app processes on one EventStoreDB (the test server) and one PostgreSQL, as production runs them:
 * the background work (unit repair, the log sealer, the setup token) runs on one of them, the active
 * worker, which holds PostgreSQL's advisory lock; when it is killed the other takes over.
 */
describe('one active worker among app instances (PostgreSQL advisory lock)', () => {
  let pg: TestPostgres;
  let esdb: EsdbTestServer;
  const dirs: string[] = [];
  const apps: RunningApi[] = [];
  const start = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rop-worker-'));
    dirs.push(dir);
    const api = await spawnApi({ ...esdbEnv(esdb.connectionString), DATA_DIR: dir, DATABASE_URL: pg.connectionString, KEY_MASTER_KEY: 'm'.repeat(40) }, 60_000);
    apps.push(api);
    dataDirs.set(api, dir);
    return api;
  };
  beforeAll(async () => {
    pg = await startPostgres();
    esdb = await startEsdbTestServer();
  }, 60_000);
  afterAll(async () => {
    for (const api of apps) await api.stop('SIGKILL');
    await esdb?.stop();
    pg?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('runs the background work on one instance, hands it over when that one is killed, and sets up once', async () => {
    const a = await start();
    const b = await start();
    const worker = async (api: RunningApi) => (await get(api, '/api/health')).checks.worker;
    // One of them is the active worker: it runs unit repair, sealing and setup; the other none of it.
    const [wa, wb] = await within(10_000, async () => {
      const states = [await worker(a), await worker(b)];
      expect(states.filter((w) => w.active)).toHaveLength(1);
      return states;
    });
    const [active, standby] = wa.active ? [a, b] : [b, a];
    expect((wa.active ? wa : wb).running).toEqual(['unit-repair', 'sealer', 'setup']);
    expect(wa.active ? wb : wa).toMatchObject({ active: false, lock: 'postgres', running: [] });
    // Only the active worker made a setup token; the standby refuses a setup, naming where it is served.
    const firstToken = await within(10_000, async () => tokenOf(active) ?? Promise.reject(new Error('no token yet')));
    expect(tokenOf(standby)).toBeUndefined();
    const elsewhere = await setup(standby, firstToken, 'admin.standby');
    expect([elsewhere.status, elsewhere.body?.type]).toEqual([503, 'urn:problem:setup-on-active-worker']);
    // Both instances keep serving and are ready: a standby is not a worse instance.
    await within(10_000, async () => expect((await fetch(`${standby.url}/api/health/ready`)).status).toBe(200));

    // Killed (no shutdown, no unlock): PostgreSQL ends its session and frees the lock; the standby takes over.
    await active.stop('SIGKILL');
    const takenOver = await within(10_000, async () => {
      const w = await worker(standby);
      expect(w).toMatchObject({ active: true, running: ['unit-repair', 'sealer', 'setup'] });
      return w;
    });
    expect(takenOver.lock).toBe('postgres');
    // The new active worker makes a token of its own (the killed one's died with it); setup happens once.
    const token = await within(10_000, async () => tokenOf(standby) ?? Promise.reject(new Error('no token yet')));
    expect(token).not.toBe(firstToken);
    expect((await setup(standby, firstToken, 'admin.old')).status).toBe(403);
    const both = await Promise.all([setup(standby, token, 'admin.one'), setup(standby, token, 'admin.two')]);
    // One setup only: the first takes the token; the other is refused (the token is used, or the
    // setup stream already holds the first's administrator: 403 or 422; or both read the setup stream
    // empty and the second lost the append: 409), never a second administrator.
    const statuses = both.map((r) => r.status).sort();
    expect(statuses[0]).toBe(201);
    expect([403, 409, 422]).toContain(statuses[1]);
    // A new instance now is a standby, and prints no token (setup is done).
    const c = await start();
    expect(await within(5_000, async () => worker(c))).toMatchObject({ active: false });
    expect(tokenOf(c)).toBeUndefined();
  }, 120_000);
});
