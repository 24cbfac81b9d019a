import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { verifyLog } from '../../apps/api/src/features/audit/log-verifier';
import { SEAL_STREAM } from '../../apps/api/src/features/audit/seals/seal';
import { SealingService } from '../../apps/api/src/features/audit/seals/sealing.service';
import { startEsdbTestServer } from '../esdb-test-server';
import { makeSealKey, SealKey } from '../support/seal-key';
import { REPO_ROOT, runApiExpectingFailure, spawnApi } from '../support/spawn-api';
import { esdbEnv, startTestApp, TestApp } from '../support/test-app';

const facility = (name: string) => ({
  name,
  kind: 'temporary_housing',
  municipality: 'Bodø',
  targetGroup: { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true, requiresCoOccurringDisorder: false },
  maxStayDays: 90,
  exclusionReasons: ['violence_or_threats'],
});

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('log sealing in the running app', () => {
  let key: SealKey;
  beforeAll(() => (key = makeSealKey()));
  afterAll(() => key.remove());

  it('without a signing key (the embedded default) seals nothing, and health and audit:verify say so', async () => {
    const t = await startTestApp();
    try {
      await t.adminToken();
      const health = await t.request('GET', '/api/health');
      expect(health.status).toBe(200);
      expect(health.body.checks.seals).toEqual({
        status: 'off',
        reason: expect.stringContaining('no signing key is configured (SEAL_KEY_FILE or SEAL_PRIVATE_KEY)'),
      });
      const run = spawnSync(process.execPath, ['-r', '@swc-node/register', join(REPO_ROOT, 'apps/api/src/cli/cli.ts'), 'audit:verify'], {
        cwd: REPO_ROOT,
        env: { ...process.env, DATA_DIR: t.dataDir },
        encoding: 'utf8',
      });
      expect(run.status).toBe(0);
      expect(run.stderr).toContain('Seals: NONE. Sealing is not configured');
    } finally {
      await t.close();
    }
  }, 60_000);

  it('with a key, seals in the background at its interval, shows it in health, and exports the latest seal to auditors', async () => {
    const t: TestApp = await startTestApp({ ...key.env, SEAL_INTERVAL_SECONDS: '1' });
    try {
      const admin = await t.adminToken();
      await t.request('POST', '/api/v1/facilities', { token: admin, body: facility('Bolig Nu') });
      const sealed = await until(async () => {
        const { body } = await t.request('GET', '/api/health');
        return body.checks.seals.lastSeal && body.checks.seals.unsealedEvents === 0 ? body.checks.seals : undefined;
      });
      expect(sealed).toMatchObject({ status: 'running', keyId: key.trustedKeys[0].keyId, intervalSeconds: 1 });
      await t.request('POST', '/api/v1/users', {
        token: admin,
        body: { username: 'revisor', displayName: 'R', password: 'a long auditor password', grants: [{ role: 'auditor' }] },
      });
      const auditor = await t.login('revisor', 'a long auditor password');
      expect((await t.request('GET', '/api/v1/audit/seal', { token: admin })).status).toBe(403);
      const exported = await until(async () => {
        const res = await t.request('GET', '/api/v1/audit/seal', { token: auditor });
        return res.status === 200 && res.body.seal.sequence > 0 ? res.body : undefined;
      });
      expect(exported.publicKey).toBe(key.trustedKeys[0].pem);
      const res = await t.request('POST', '/api/v1/audit/verify', { token: auditor, body: { against: exported } });
      expect(res.body).toMatchObject({ ok: true, seals: { status: 'verified', against: { sequence: exported.seal.sequence, found: true } } });
    } finally {
      await t.close();
    }
  }, 60_000);

  it('seals at shutdown what came after the last seal (the real process, stopped with SIGTERM)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rop-seal-shutdown-'));
    try {
      const env = { DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'NORMAL', ...key.env, SEAL_INTERVAL_SECONDS: '3600' };
      // Events written by the CLI, which never seals: only the server's shutdown seal can cover them.
      const add = spawnSync(
        process.execPath,
        [
          '-r',
          '@swc-node/register',
          join(REPO_ROOT, 'apps/api/src/cli/cli.ts'),
          'users:add',
          '--username',
          'kari',
          '--display-name',
          'Kari',
          '--role',
          'admin',
        ],
        {
          cwd: REPO_ROOT,
          env: { ...process.env, ...env, ROP_PASSWORD: 'a long admin password' },
          encoding: 'utf8',
        },
      );
      expect(add.status).toBe(0);
      const api = await spawnApi(env);
      const exit = await api.stop('SIGTERM');
      expect(exit.code ?? 0).toBe(0);
      const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
      try {
        const report = await verifyLog(store, { trustedKeys: key.trustedKeys });
        expect(report.findings).toEqual([]);
        expect(report.seals).toMatchObject({ status: 'verified', count: 1, eventsAfterLatest: 0 });
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('refuses to start with the signing key inside DATA_DIR', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rop-seal-inside-'));
    try {
      const file = join(dataDir, 'seal-key.pem');
      writeFileSync(file, key.signingKey.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      const { code, stderr } = await runApiExpectingFailure({ DATA_DIR: dataDir, SEAL_KEY_FILE: file });
      expect(code).toBe(2);
      expect(stderr).toContain('SEAL_KEY_FILE must be outside DATA_DIR');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('two instances sealing one EventStoreDB at once keep one seal chain (a lost race is a retry, never a fork)', async () => {
    const server = await startEsdbTestServer();
    const env = {
      ...key.env,
      SEAL_INTERVAL_SECONDS: '1',
      EVENT_STORE: 'esdb',
      EVENTSTORE_CONNECTION_STRING: server.connectionString,
      CLAIM_KEY_SECRET: 'a shared claim key secret of enough length',
      JWT_SECRET: 'a shared token secret that is long enough',
    };
    const [a, b] = [await startTestApp(env), await startTestApp(env)];
    try {
      const admin = await a.adminToken();
      // Both write and both seal for a few seconds; every sealNow also races the other's timer.
      for (let i = 0; i < 6; i++) {
        await Promise.all([
          a.request('POST', '/api/v1/facilities', { token: admin, body: facility(`A${i}`) }),
          b.request('POST', '/api/v1/facilities', { token: admin, body: facility(`B${i}`) }),
        ]);
        await Promise.all([a.app.get(SealingService).sealer!.sealNow(), b.app.get(SealingService).sealer!.sealNow()]);
        await new Promise((r) => setTimeout(r, 300));
      }
      await Promise.all([a.app.close(), b.app.close()]);
      const seals = server.store.events(SEAL_STREAM)!;
      expect(seals.length).toBeGreaterThan(3);
      const fresh = await startTestApp(esdbEnv(server.connectionString));
      try {
        const report = await verifyLog(fresh.store, { trustedKeys: key.trustedKeys });
        expect(report.findings).toEqual([]);
        expect(report.seals).toMatchObject({ status: 'verified', count: seals.length, eventsAfterLatest: 0 });
      } finally {
        await fresh.close();
      }
    } finally {
      await a.close().catch(() => undefined);
      await b.close().catch(() => undefined);
      await server.stop();
    }
  }, 90_000);
});
