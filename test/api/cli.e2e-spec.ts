import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/spawn-api';
import { startTestApp } from '../support/test-app';

const PASSWORD = 'a proper long password';

// Each command starts the app in a process of its own: seconds apiece, more on a busy machine.
jest.setTimeout(600_000);

/** `npm run cli -- …`: the source, through SWC. */
function cli(dataDir: string, args: string[], password = PASSWORD) {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', join(REPO_ROOT, 'apps/api/src/cli/cli.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, ROP_PASSWORD: password },
    encoding: 'utf8',
  });
}

describe('npm run cli -- users:add', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'rop-cli-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates the first administrator on a fresh data dir, who can then log in', async () => {
    const run = cli(dataDir, ['users:add', '--username', 'siri.admin', '--display-name', 'Siri', '--role', 'admin']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Created admin siri\.admin/);
    const again = cli(dataDir, ['users:add', '--username', 'siri.admin', '--display-name', 'Siri', '--role', 'auditor']);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/user\.username_taken/);

    const t = await startTestApp({}, [], { dataDir });
    try {
      const token = await t.login('siri.admin', PASSWORD);
      expect((await t.request('GET', '/api/v1/auth/me', { token })).body.grants).toEqual([{ role: 'admin', facilityIds: [] }]);
    } finally {
      await t.close();
    }
  });

  it('refuses a weak password and an unknown role', () => {
    const weak = cli(dataDir, ['users:add', '--username', 'x.y', '--display-name', 'X', '--role', 'auditor'], 'short');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/at least 12 characters/);
    const role = cli(dataDir, ['users:add', '--username', 'x.y', '--display-name', 'X', '--role', 'king']);
    expect(role.status).toBe(2);
  });
});

describe('npm run cli -- users:list, users:disable, users:reset-password', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'rop-cli-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const listed = () => {
    const run = cli(dataDir, ['users:list', '--json']);
    expect(run.status).toBe(0);
    return (JSON.parse(run.stdout) as { users: Array<Record<string, unknown>> }).users;
  };

  it('lists the users, disables one and sets another’s password, as the API would: the disabled cannot log in, the new password works', async () => {
    expect(cli(dataDir, ['users:add', '--username', 'siri.admin', '--display-name', 'Siri Admin', '--role', 'admin']).status).toBe(0);
    expect(cli(dataDir, ['users:add', '--username', 'per.revisor', '--display-name', 'Per Revisor', '--role', 'auditor']).status).toBe(0);
    expect(listed()).toEqual([
      expect.objectContaining({ username: 'per.revisor', displayName: 'Per Revisor', grants: [{ role: 'auditor', facilityIds: [] }], disabled: false }),
      expect.objectContaining({ username: 'siri.admin', displayName: 'Siri Admin', grants: [{ role: 'admin', facilityIds: [] }], disabled: false }),
    ]);
    const table = cli(dataDir, ['users:list']);
    expect(table.stdout).toMatch(/per\.revisor.*Per Revisor.*auditor/);

    const disabled = cli(dataDir, ['users:disable', 'per.revisor']);
    expect(disabled.stderr).toBe('');
    expect(disabled.stdout).toMatch(/Disabled per\.revisor/);
    expect(cli(dataDir, ['users:disable', 'per.revisor']).stdout).toMatch(/already disabled/);
    expect(listed().map((u) => [u.username, u.disabled])).toEqual([
      ['per.revisor', true],
      ['siri.admin', false],
    ]);

    const newPassword = 'another proper long password';
    const reset = cli(dataDir, ['users:reset-password', 'siri.admin'], newPassword);
    expect(reset.status).toBe(0);
    expect(reset.stdout).toMatch(/Password of siri\.admin changed/);
    expect(`${reset.stdout}${reset.stderr}`).not.toContain(newPassword);

    const t = await startTestApp({}, [], { dataDir });
    try {
      const login = (username: string, password: string) => t.request('POST', '/api/v1/auth/login', { body: { username, password } });
      expect((await login('per.revisor', PASSWORD)).status).toBe(401);
      expect((await login('siri.admin', PASSWORD)).status).toBe(401);
      expect((await login('siri.admin', newPassword)).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('refuses an unknown username, a weak password and a missing username, writing nothing', () => {
    expect(cli(dataDir, ['users:add', '--username', 'siri.admin', '--display-name', 'Siri Admin', '--role', 'admin']).status).toBe(0);
    const unknown = cli(dataDir, ['users:disable', 'nobody.here']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/No user with the username nobody\.here/);
    const weak = cli(dataDir, ['users:reset-password', 'siri.admin'], 'short');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/at least 12 characters/);
    expect(cli(dataDir, ['users:reset-password']).status).toBe(2);
    expect(cli(dataDir, ['users:disable', 'a', 'b']).status).toBe(2);
    expect(listed()).toEqual([expect.objectContaining({ username: 'siri.admin', disabled: false })]);
  });
});

describe('npm run cli -- projections and audit, for scripts', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'rop-cli-'));
    expect(cli(dataDir, ['users:add', '--username', 'siri.admin', '--display-name', 'Siri Admin', '--role', 'admin']).status).toBe(0);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('projections:status --json prints one JSON document with every read model, exit 0 when none needs attention', () => {
    const run = cli(dataDir, ['projections:status', '--json']);
    expect(run.status).toBe(0);
    const { projections } = JSON.parse(run.stdout) as { projections: Array<{ name: string; parkedEvents: number; state: string }> };
    expect(projections.map((p) => p.name)).toEqual(expect.arrayContaining(['staff', 'cases', 'access_log']));
    expect(projections.every((p) => p.parkedEvents === 0 && p.state !== 'stalled')).toBe(true);
  });

  it('projections:replay-parked refuses a name that is no read model, listing the known ones', () => {
    const run = cli(dataDir, ['projections:replay-parked', 'case']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Unknown read model\(s\): case\. Known: .*\bcases\b.*\bstaff\b/);
    expect(cli(dataDir, ['projections:replay-parked', 'staff']).stdout).toMatch(/Replayed 0 parked event\(s\) of staff/);
  });

  it('audit:verify --json prints the report as one JSON document, its verdict in the exit code', () => {
    const run = cli(dataDir, ['audit:verify', '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { ok: boolean; events: number; findings: unknown[]; seals: { status: string } };
    expect(report).toMatchObject({ ok: true, findings: [], seals: { status: 'not_configured' } });
    expect(report.events).toBeGreaterThan(0);
  });
});

/** The production image runs the built app without SWC or dev dependencies: `node dist/apps/api/src/cli.js`. */
describe('node dist/apps/api/src/cli.js (the built CLI, as in the image)', () => {
  const entry = join(REPO_ROOT, 'dist/apps/api/src/cli.js');
  let dataDir: string;
  beforeAll(() => {
    if (!existsSync(entry)) throw new Error('dist/apps/api/src/cli.js is missing: run `npm run build` (CI builds before it tests)');
    dataDir = mkdtempSync(join(tmpdir(), 'rop-cli-'));
  });
  afterAll(() => dataDir && rmSync(dataDir, { recursive: true, force: true }));
  const built = (...args: string[]) =>
    spawnSync(process.execPath, [entry, ...args], { cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: dataDir, ROP_PASSWORD: PASSWORD }, encoding: 'utf8' });

  it('creates a user, lists it and reports the read models and the log', () => {
    expect(built('--help').stdout).toMatch(/node dist\/apps\/api\/src\/cli\.js <command>/);
    const add = built('users:add', '--username', 'siri.admin', '--display-name', 'Siri Admin', '--role', 'admin');
    expect(add.stderr).toBe('');
    expect(add.status).toBe(0);
    expect((JSON.parse(built('users:list', '--json').stdout) as { users: unknown[] }).users).toEqual([expect.objectContaining({ username: 'siri.admin' })]);
    expect(built('projections:status', '--json').status).toBe(0);
    expect((JSON.parse(built('audit:verify', '--json').stdout) as { ok: boolean }).ok).toBe(true);
  });
});
