import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventToAppend, SqliteEventStore } from '@app/event-store';
import { GENESIS, linkFor } from '../../apps/api/src/platform/streams/hash-chain';
import { LogSealer } from '../../apps/api/src/features/audit/seals/log-sealer';
import { makeSealKey, SealKey } from '../support/seal-key';
import { REPO_ROOT } from '../support/spawn-api';
import { startTestApp } from '../support/test-app';

/** Appends chained events exactly as the command runner links them, but in large batches. */
async function chainedLog(file: string, streams: number, perStream: number): Promise<void> {
  const store = new SqliteEventStore({ file, synchronous: 'NORMAL' });
  await Promise.all(
    Array.from({ length: streams }, async () => {
      const stream = `case-${randomUUID()}`;
      let prev = GENESIS;
      const events: EventToAppend[] = [];
      for (let r = 0; r < perStream; r++) {
        const data = { caseId: stream, on: '2026-01-01', n: r, note: 'Notat med æøå' };
        const metadata = {
          schemaVersion: 1,
          commandId: randomUUID(),
          commandType: 'RecordIncident',
          actorId: 'u1',
          actorRole: 'case_worker',
          recordedAt: '2026-01-01T00:00:00.000Z',
        };
        const link = linkFor({ stream, revision: BigInt(r), type: 'IncidentRecorded', data, metadata, prev });
        prev = link.hash;
        events.push({ id: randomUUID(), type: 'IncidentRecorded', data, metadata: { ...metadata, chain: { ...link } } });
      }
      await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
    }),
  );
  await store.close();
}

function verify(dataDir: string, key: SealKey, ...args: string[]) {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', join(REPO_ROOT, 'apps/api/src/cli/cli.ts'), 'audit:verify', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, ...key.env },
    encoding: 'utf8',
  });
}

describe('npm run cli -- audit:verify', () => {
  let dataDir: string;
  let key: SealKey;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'rop-verify-'));
    key = makeSealKey();
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    key.remove();
  });

  it('passes on a clean, sealed 100,000-event log and reports its speed; names what was changed after tampering', async () => {
    const file = join(dataDir, 'events.sqlite');
    await chainedLog(file, 1000, 100);
    const store = new SqliteEventStore({ file, synchronous: 'NORMAL' });
    const sealer = new LogSealer({ store, key: key.signingKey, trustedKeys: key.trustedKeys, intervalMs: 60_000 });
    const sealing = performance.now();
    await sealer.sealNow();
    const sealSeconds = (performance.now() - sealing) / 1000;
    expect(sealer.status()).toMatchObject({ lastSeal: { events: 100_000 }, unsealedEvents: 0 });
    await store.close();

    const clean = verify(dataDir, key);
    expect(clean.status).toBe(0);
    const summary = /OK: 100,002 events in 1,000 streams verified in [\d.]+ s \([\d,]+ events\/s\)/.exec(clean.stderr);
    expect(summary).not.toBeNull();
    expect(clean.stderr).toMatch(/Seals: 2 verified; the latest, seal 1, covers 100,000 events up to position 100000 .*; 0 event\(s\) since/);
    // Measured, not asserted: speed depends on the machine and what else runs on it.
    console.log(
      `audit:verify, 100,000 events + 2 seals: ${summary![0]}; sealing them from scratch took ${sealSeconds.toFixed(2)} s (${Math.round(100_000 / sealSeconds).toLocaleString('en')} events/s)`,
    );

    const db = new Database(file);
    const victim = db.prepare('SELECT stream, revision FROM events WHERE position = 50000').get() as { stream: string; revision: number };
    db.prepare("UPDATE events SET data = json_set(data, '$.note', 'changed') WHERE position = 50000").run();
    db.close();
    const broken = verify(dataDir, key);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('BROKEN: 1 finding(s)');
    expect(broken.stderr).toContain(`altered in ${victim.stream} at revision ${victim.revision} (position 50000)`);
    const oneStream = verify(dataDir, key, victim.stream);
    expect(oneStream.status).toBe(1);
  }, 120_000);
});

describe('POST /api/v1/audit/verify', () => {
  it('verifies for auditors only', async () => {
    const t = await startTestApp();
    try {
      const admin = await t.adminToken();
      await t.request('POST', '/api/v1/users', {
        token: admin,
        body: { username: 'revisor', displayName: 'R', password: 'a long auditor password', grants: [{ role: 'auditor' }] },
      });
      const auditor = await t.login('revisor', 'a long auditor password');
      const res = await t.request('POST', '/api/v1/audit/verify', { token: auditor, body: {} });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ok: true, events: expect.any(Number), streams: expect.any(Number) });
      expect(res.body.events).toBeGreaterThan(3);
      expect((await t.request('POST', '/api/v1/audit/verify', { token: admin, body: {} })).status).toBe(403);
    } finally {
      await t.close();
    }
  });
});
