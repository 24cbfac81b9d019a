import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/spawn-api';
import { startTestApp } from '../support/test-app';

function cli(dataDir: string, args: string[], password = 'a proper long password') {
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
      const token = await t.login('siri.admin', 'a proper long password');
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
