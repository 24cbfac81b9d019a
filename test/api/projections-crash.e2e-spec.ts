import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readModelDigest } from '../support/read-model-digest';
import { REPO_ROOT, RunningApi, spawnApi } from '../support/spawn-api';

const PASSWORD = 'crash test admin password';

function cli(dataDir: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ['-r', '@swc-node/register', join(REPO_ROOT, 'apps/api/src/cli/cli.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, ROP_PASSWORD: PASSWORD },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`cli ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

async function waitUntilCaughtUp(api: RunningApi): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const health = (await (await fetch(`${api.url}/api/health`)).json()) as any;
    if (health.checks.projections?.every((p: any) => p.lagEvents === 0 && p.state === 'live')) return;
    if (Date.now() > deadline) throw new Error(`read models did not catch up: ${JSON.stringify(health.checks.projections)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The app is killed with SIGKILL while commands stream in and projections apply batches. After a
 * restart, every read model must equal what a full rebuild from the log produces: no event applied
 * twice, none skipped (rows and checkpoints are committed together).
 */
describe('read models after SIGKILL mid-batch under load', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'rop-proj-crash-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('equal a full rebuild from scratch after restart', async () => {
    cli(dataDir, 'users:add', '--username', 'admin', '--display-name', 'Admin', '--role', 'admin');
    const api = await spawnApi({ DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'NORMAL' });
    const login = await fetch(`${api.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` };

    let acknowledged = 0;
    let killed = false;
    const worker = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const body = {
          name: `Facility ${w}-${i}`,
          kind: 'staffed_cluster',
          municipality: 'Melhus',
          targetGroup: { excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: false },
          exclusionReasons: [],
        };
        try {
          const res = await fetch(`${api.url}/api/v1/facilities`, { method: 'POST', headers, body: JSON.stringify(body) });
          if (res.status === 201) acknowledged++;
        } catch {
          return; // the process is gone
        }
      }
    };
    const load = Promise.all([0, 1, 2, 3, 4, 5].map(worker));
    while (acknowledged < 300) await new Promise((r) => setTimeout(r, 5));
    killed = true;
    api.process.kill('SIGKILL');
    await load;

    const restarted = await spawnApi({ DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'NORMAL' });
    await waitUntilCaughtUp(restarted);
    await restarted.stop();
    const afterCrash = readModelDigest(dataDir);
    expect(Number(afterCrash['audit_log.audit_events'].split(':')[0])).toBeGreaterThanOrEqual(acknowledged);
    // Upserts would hide an event applied twice; the counter, committed with the checkpoint, would not.
    const events = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
    const total = (events.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    events.close();
    const models = new Database(join(dataDir, 'read-models.sqlite'), { readonly: true });
    const applied = (
      models.prepare("SELECT events_applied AS n FROM projection_generations WHERE name = 'audit_log' AND status = 'live'").get() as { n: number }
    ).n;
    models.close();
    expect(applied).toBe(total);

    cli(dataDir, 'projections:rebuild');
    const rebuilt = readModelDigest(dataDir);
    expect(afterCrash).toEqual(rebuilt);
  }, 90_000);
});
