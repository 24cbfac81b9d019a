import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventToAppend, SqliteEventStore } from '@app/event-store';
import { GENESIS, linkFor } from '../../apps/api/src/application/hash-chain';
import { REPO_ROOT } from '../support/spawn-api';
import { startTestApp } from '../support/test-app';

/** Appends chained events exactly as the command runner links them, but in large batches. */
async function chainedLog(file: string, streams: number, perStream: number): Promise<void> {
  const store = new SqliteEventStore({ file, synchronous: 'NORMAL' });
  await Promise.all(
    Array.from({ length: streams }, async (_, s) => {
      const stream = `case-${randomUUID()}`;
      let prev = GENESIS;
      const events: EventToAppend[] = [];
      for (let r = 0; r < perStream; r++) {
        const data = { caseId: stream, on: '2026-01-01', n: r, note: 'Notat med æøå' };
        const metadata = { schemaVersion: 1, commandId: randomUUID(), commandType: 'RecordIncident', actorId: 'u1', actorRole: 'case_worker', recordedAt: '2026-01-01T00:00:00.000Z' };
        const link = linkFor({ stream, revision: BigInt(r), type: 'IncidentRecorded', data, metadata, prev });
        prev = link.hash;
        events.push({ id: randomUUID(), type: 'IncidentRecorded', data, metadata: { ...metadata, chain: { ...link } } });
      }
      await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
    }),
  );
  await store.close();
}

function verify(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', join(REPO_ROOT, 'apps/api/src/cli.ts'), 'audit:verify', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  });
}

describe('npm run cli -- audit:verify', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'rop-verify-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('passes on a clean 100,000-event log and reports its speed; names the first broken link after tampering', async () => {
    await chainedLog(join(dataDir, 'events.sqlite'), 1000, 100);
    const clean = verify(dataDir);
    expect(clean.status).toBe(0);
    expect(clean.stderr).toMatch(/OK: 100,000 events in 1,000 streams verified in [\d.]+ s \([\d,]+ events\/s\)/);

    const db = new Database(join(dataDir, 'events.sqlite'));
    const victim = db.prepare('SELECT stream FROM events WHERE position = 50000').get() as { stream: string };
    db.prepare("UPDATE events SET data = json_set(data, '$.note', 'changed') WHERE position = 50000").run();
    db.close();
    const broken = verify(dataDir);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`BROKEN: first broken link in ${victim.stream}`);
    expect(broken.stderr).toContain('(hash_mismatch)');
    const oneStream = verify(dataDir, victim.stream);
    expect(oneStream.status).toBe(1);
  }, 60_000);
});

describe('POST /api/v1/audit/verify', () => {
  it('verifies for auditors only', async () => {
    const t = await startTestApp();
    try {
      const admin = await t.adminToken();
      await t.request('POST', '/api/v1/users', { token: admin, body: { username: 'revisor', displayName: 'R', password: 'a long auditor password', grants: [{ role: 'auditor' }] } });
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
