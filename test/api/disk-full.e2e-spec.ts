import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readModelDigest } from '../support/read-model-digest';
import { REPO_ROOT, RunningApi, spawnApi } from '../support/spawn-api';

const PASSWORD = 'disk full admin password';

function cli(dataDir: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ['-r', '@swc-node/register', join(REPO_ROOT, 'apps/api/src/cli/cli.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, ROP_PASSWORD: PASSWORD },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`cli ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

/** Writes a file until the file system has no byte left. */
function fillUp(file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (const size of [1 << 20, 64 << 10, 4 << 10, 512, 1]) {
      const chunk = Buffer.alloc(size, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch {
        /* ENOSPC: on to smaller writes */
      }
    }
  } finally {
    closeSync(fd);
  }
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached in time: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function countEvents(eventsFile: string): number {
  const db = new Database(eventsFile, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function auditRows(dataDir: string): number {
  const db = new Database(join(dataDir, 'read-models.sqlite'), { readonly: true });
  try {
    const live = db.prepare("SELECT generation FROM projection_generations WHERE name = 'audit_log' AND status = 'live'").get() as { generation: number };
    return (db.prepare(`SELECT COUNT(*) AS n FROM "audit_log__audit_events__g${live.generation}"`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const facility = (i: number) => ({
  name: `Facility ${i} ${'with a long name '.repeat(8)}`,
  kind: 'staffed_cluster',
  municipality: 'Melhus',
  targetGroup: { excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: false },
  exclusionReasons: [],
});

/**
 * A real full disk (issue 10 finding 10): DATA_DIR on a small tmpfs, filled to the last byte while the
 * app serves. It used to crash (SqliteError in ProjectionGroup.park) after parking a good event, and
 * health said 200 "ok" throughout. Mounting needs root, as the throwaway PostgreSQL of the suite does.
 */
describe('a full disk under a serving app', () => {
  let mount: string;
  let elsewhere: string;
  let api: RunningApi | undefined;
  let exits: Array<number | string | null>;

  beforeEach(() => {
    mount = mkdtempSync(join(tmpdir(), 'rop-full-'));
    elsewhere = mkdtempSync(join(tmpdir(), 'rop-log-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mount]);
    exits = [];
  });
  afterEach(async () => {
    if (api && api.process.exitCode === null) await api.stop();
    api = undefined;
    execFileSync('umount', [mount]);
    rmSync(mount, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  });

  const start = async (dataDir: string) => {
    api = await spawnApi({ DATA_DIR: dataDir });
    api.process.on('exit', (code, signal) => exits.push(code ?? signal));
    const login = await fetch(`${api.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` };
    const running = api;
    return {
      create: async (i: number) => (await fetch(`${running.url}/api/v1/facilities`, { method: 'POST', headers, body: JSON.stringify(facility(i)) })).status,
      health: async () => {
        const res = await fetch(`${running.url}/api/health`);
        return { status: res.status, body: (await res.json()) as any };
      },
    };
  };

  it('read models on a full disk while the log has room: stalled and named, nothing parked, no crash, each event applied once space returns', async () => {
    const dataDir = join(mount, 'data');
    mkdirSync(dataDir);
    // The log lives elsewhere (it has room); the read models stay on the small disk.
    for (const suffix of ['', '-wal', '-shm']) symlinkSync(join(elsewhere, `events.sqlite${suffix}`), join(dataDir, `events.sqlite${suffix}`));
    cli(dataDir, 'users:add', '--username', 'admin', '--display-name', 'Admin', '--role', 'admin');
    const app = await start(dataDir);
    for (let i = 0; i < 5; i++) expect(await app.create(i)).toBe(201);
    await waitFor(app.health, (h) => h.status === 200);

    fillUp(join(mount, 'filler'));
    const accepted: number[] = [];
    for (let i = 5; i < 80; i++) accepted.push(await app.create(i));
    expect(accepted.every((s) => s === 201)).toBe(true); // the log took every command
    const full = await waitFor(app.health, (h) => h.status === 503);
    expect(full.body.notReady).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          check: 'readModel',
          name: 'audit_log',
          reason: 'stalled',
          parkedEvents: 0,
          error: expect.stringMatching(/^SQLITE_(FULL|IOERR)/),
        }),
      ]),
    );
    await new Promise((r) => setTimeout(r, 1500)); // several retries: still nothing parked, still running
    const still = await app.health();
    expect(still.body.checks.projections.map((p: any) => p.parkedEvents)).toEqual(still.body.checks.projections.map(() => 0));
    expect(exits).toEqual([]);

    rmSync(join(mount, 'filler'));
    const recovered = await waitFor(
      app.health,
      (h) => h.status === 200 && h.body.checks.projections.every((p: any) => p.state === 'live' && p.lagEvents === 0),
    );
    expect(recovered.body.checks.projections.every((p: any) => p.parkedEvents === 0)).toBe(true);
    await api!.stop();
    expect(auditRows(dataDir)).toBe(countEvents(join(elsewhere, 'events.sqlite')));

    // After a restart, and against a rebuild from the log: every event applied exactly once.
    const again = await start(dataDir);
    await waitFor(again.health, (h) => h.status === 200 && h.body.checks.projections.every((p: any) => p.lagEvents === 0));
    await api!.stop();
    const served = readModelDigest(dataDir);
    expect(auditRows(dataDir)).toBe(countEvents(join(elsewhere, 'events.sqlite')));
    cli(dataDir, 'projections:rebuild');
    expect(readModelDigest(dataDir)).toEqual(served);
    expect(exits).not.toContain(1);
  }, 120_000);

  it('the log on a full disk: commands 503, readiness 503 naming the failing writes, ready again when space returns without any traffic', async () => {
    const dataDir = join(mount, 'data');
    cli(dataDir, 'users:add', '--username', 'admin', '--display-name', 'Admin', '--role', 'admin');
    const app = await start(dataDir);
    for (let i = 0; i < 5; i++) expect(await app.create(i)).toBe(201);
    await waitFor(app.health, (h) => h.status === 200);

    fillUp(join(mount, 'filler'));
    const statuses: number[] = [];
    for (let i = 5; i < 200 && !statuses.includes(503); i++) statuses.push(await app.create(i));
    expect(statuses).toContain(503);
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    const full = await app.health();
    expect(full.status).toBe(503);
    expect(full.body.notReady).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'writes', reason: 'failing' })]));
    expect(exits).toEqual([]);

    rmSync(join(mount, 'filler'));
    await waitFor(app.health, (h) => h.status === 200);
    expect(await app.create(1000)).toBe(201);
    await waitFor(app.health, (h) => h.status === 200 && h.body.checks.projections.every((p: any) => p.lagEvents === 0));
    await api!.stop();
    expect(auditRows(dataDir)).toBe(countEvents(join(dataDir, 'events.sqlite')));
  }, 120_000);
});
