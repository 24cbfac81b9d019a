import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { GENESIS, linkFor } from '../../apps/api/src/platform/streams/hash-chain';
import { verifyLog, VerificationReport, VerifyOptions } from '../../apps/api/src/features/audit/log-verifier';
import { parseExportedSeal, SEAL_STREAM } from '../../apps/api/src/features/audit/seals/seal';
import { SealingService } from '../../apps/api/src/features/audit/seals/sealing.service';
import type { StoredEvent } from '../esdb-test-server/esdb-test-store';
import { makeSealKey, SealKey } from '../support/seal-key';
import { REPO_ROOT } from '../support/spawn-api';
import { startEsdbTestApp, startTestApp, TestApp } from '../support/test-app';

/**
 * The threat: someone who can write the event store's files (DATA_DIR, or EventStoreDB's data) but not
 * the signing key, which lives outside them. Each test makes one change such a person could make, and
 * audit:verify must find it and name it: stream, revision or position, and what happened.
 */

const profile = (name: string, maxStayDays = 90) => ({
  name,
  kind: 'temporary_housing',
  municipality: 'Bodø',
  targetGroup: { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true, requiresCoOccurringDisorder: false },
  maxStayDays,
  exclusionReasons: ['violence_or_threats'],
});

const sealNow = (t: TestApp) => t.app.get(SealingService).sealer!.sealNow();

/**
 * A few streams written through the real API, sealed after every command (as a busy sealer would):
 * one facility with four events (revisions 0–3), and others around it.
 */
async function history(t: TestApp): Promise<string> {
  const admin = await t.adminToken();
  await t.request('POST', '/api/v1/users', {
    token: admin,
    body: { username: 'revisor', displayName: 'R', password: 'a long auditor password', grants: [{ role: 'auditor' }] },
  });
  await sealNow(t);
  const created = await t.request('POST', '/api/v1/facilities', { token: admin, body: profile('Bolig Nu') });
  await sealNow(t);
  for (const days of [60, 75, 80]) {
    expect((await t.request('POST', `/api/v1/facilities/${created.body.id}/profile`, { token: admin, body: profile('Bolig Nu', days) })).status).toBe(200);
    await sealNow(t);
  }
  await t.request('POST', '/api/v1/facilities', { token: admin, body: profile('Other') });
  await sealNow(t);
  return `facility-${created.body.id}`;
}

/** Recomputes the hash chain of a stream from `fromRevision` on, as a careful intruder would after a change. */
function rechain<T extends { revision: bigint; type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }>(
  stream: string,
  events: T[],
): T[] {
  let prev = GENESIS;
  return events.map((e) => {
    const link = linkFor({ stream, revision: e.revision, type: e.type, data: e.data, metadata: e.metadata, prev });
    prev = link.hash;
    return { ...e, metadata: { ...e.metadata, chain: link } };
  });
}

const kinds = (report: VerificationReport) => report.findings.map((f) => f.kind);

function cli(env: Record<string, string>, ...args: string[]) {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', join(REPO_ROOT, 'apps/api/src/cli/cli.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

describe('tamper evidence on the embedded store (events.sqlite edited while the app is stopped)', () => {
  let key: SealKey;
  let t: TestApp;
  let stream: string;
  let file: string;
  beforeAll(() => (key = makeSealKey()));
  afterAll(() => key.remove());
  beforeEach(async () => {
    t = await startTestApp({ ...key.env, SEAL_INTERVAL_SECONDS: '3600' });
    stream = await history(t);
    file = join(t.dataDir, 'events.sqlite');
    await t.app.close(); // release the file; tampering happens "offline", as an intruder with file access would
  });
  afterEach(() => t.close().catch(() => undefined));

  const tamper = (sql: (db: Database.Database) => void) => {
    const db = new Database(file);
    db.transaction(() => sql(db))();
    db.close();
  };
  const verify = async (options: VerifyOptions = {}) => {
    const store = new SqliteEventStore({ file });
    try {
      return await verifyLog(store, { trustedKeys: key.trustedKeys, ...options });
    } finally {
      await store.close();
    }
  };
  const positionOf = (s: string, revision: number) =>
    (new Database(file, { readonly: true }).prepare('SELECT position FROM events WHERE stream = ? AND revision = ?').get(s, revision) as { position: number })
      .position;

  it('verifies an untouched log: every chain, head row and position, and every seal', async () => {
    const report = await verify();
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.seals).toMatchObject({ status: 'verified', eventsAfterLatest: 0, scope: 'log' });
    expect(report.seals.count).toBe(6);
    expect((await verify({ stream })).events).toBe(4);
  });

  it('names an altered event', async () => {
    tamper((db) => db.prepare("UPDATE events SET data = json_set(data, '$.maxStayDays', 365) WHERE stream = ? AND revision = 2").run(stream));
    expect((await verify()).findings).toEqual([expect.objectContaining({ kind: 'altered', stream, revision: '2' })]);
    expect((await verify({ stream })).findings).toEqual([expect.objectContaining({ kind: 'altered', stream, revision: '2' })]);
  });

  it('names an altered actor in the metadata', async () => {
    tamper((db) => db.prepare("UPDATE events SET metadata = json_set(metadata, '$.actorId', 'someone-else') WHERE stream = ? AND revision = 1").run(stream));
    expect((await verify()).findings).toEqual([expect.objectContaining({ kind: 'altered', stream, revision: '1' })]);
  });

  it('names an event deleted in the middle of a stream, and the hole in the positions', async () => {
    const position = positionOf(stream, 1);
    tamper((db) => db.prepare('DELETE FROM events WHERE stream = ? AND revision = 1').run(stream));
    const report = await verify();
    expect(report.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'deleted', stream, revision: '1' }),
        expect.objectContaining({ kind: 'position_gap', position: String(position) }),
      ]),
    );
    expect(kinds(report)).not.toContain('reordered');
  });

  it('names a stream tail deleted before the last seal, even with the head row moved back to match', async () => {
    tamper((db) => {
      db.prepare('DELETE FROM events WHERE stream = ? AND revision = 3').run(stream);
      db.prepare('UPDATE streams SET revision = 2 WHERE stream = ?').run(stream);
    });
    const report = await verify();
    expect(report.findings).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'tail_deleted', stream, revision: '3', seal: 4 })]));
    expect((await verify({ stream })).findings).toEqual([expect.objectContaining({ kind: 'tail_deleted', stream, revision: '3', seal: 4 })]);
  });

  it('names a whole stream deleted with its head row', async () => {
    tamper((db) => {
      db.prepare('DELETE FROM events WHERE stream = ?').run(stream);
      db.prepare('DELETE FROM streams WHERE stream = ?').run(stream);
    });
    const report = await verify();
    expect(report.findings).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'stream_deleted', stream, revision: '0..3' })]));
    expect(kinds(report)).toContain('position_gap');
    expect((await verify({ stream })).findings).toEqual([expect.objectContaining({ kind: 'stream_deleted', stream, revision: '0..3' })]);
  });

  it('names reordered events', async () => {
    tamper((db) => {
      db.prepare('UPDATE events SET revision = -1 WHERE stream = ? AND revision = 1').run(stream);
      db.prepare('UPDATE events SET revision = 1 WHERE stream = ? AND revision = 2').run(stream);
      db.prepare('UPDATE events SET revision = 2 WHERE stream = ? AND revision = -1').run(stream);
    });
    expect((await verify()).findings).toEqual([expect.objectContaining({ kind: 'reordered', stream, revision: '1' })]);
  });

  it('names a rewrite with recomputed hashes, which the chains alone cannot see; so does the CLI', async () => {
    tamper((db) => {
      const rows = db
        .prepare('SELECT position, revision, type, data, metadata FROM events WHERE stream = ? ORDER BY revision')
        .safeIntegers(true)
        .all(stream) as Array<{ position: bigint; revision: bigint; type: string; data: string; metadata: string }>;
      const events = rows.map((r) => ({ ...r, data: JSON.parse(r.data), metadata: JSON.parse(r.metadata) }));
      events[2].data.maxStayDays = 365;
      for (const e of rechain(stream, events).slice(2))
        db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(JSON.stringify(e.data), JSON.stringify(e.metadata), e.position);
    });
    // Without the public key only the chains count, and they verify: that is what the seals are for.
    expect(kinds(await verify({ trustedKeys: [] }))).toEqual(['seal_unverifiable']);
    expect((await verify()).findings).toEqual([expect.objectContaining({ kind: 'rewritten', stream, revision: '2', seal: 3 })]);
    expect((await verify({ stream })).findings).toEqual([expect.objectContaining({ kind: 'rewritten', stream, revision: '2', seal: 3 })]);

    const run = cli({ DATA_DIR: t.dataDir, ...key.env }, 'audit:verify');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`rewritten in ${stream} at revision 2`);
    expect(run.stderr).toMatch(/Seals: 6 in the log, BROKEN/);
  }, 60_000);

  it('names a forged seal', async () => {
    tamper((db) =>
      db.prepare("UPDATE events SET data = json_set(data, '$.runningHash', ?) WHERE stream = ? AND revision = 2").run('a'.repeat(64), SEAL_STREAM),
    );
    expect((await verify()).findings).toEqual([expect.objectContaining({ kind: 'seal_forged', stream: SEAL_STREAM, seal: 2 })]);
  });

  it('names a seal deleted from the middle of the seal chain', async () => {
    tamper((db) => db.prepare('DELETE FROM events WHERE stream = ? AND revision = 2').run(SEAL_STREAM));
    const report = await verify();
    expect(report.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'seal_missing', stream: SEAL_STREAM, revision: '2', seal: 3 }),
        expect.objectContaining({ kind: 'position_gap' }),
      ]),
    );
  });

  it("cannot see the seal stream's deleted tail from inside the log, but an exported seal can (audit:seal --export, audit:verify --against)", async () => {
    const exported = cli({ DATA_DIR: t.dataDir, ...key.env }, 'audit:seal', '--export');
    expect(exported.status).toBe(0);
    const exportFile = join(key.file, '..', 'latest-seal.json');
    writeFileSync(exportFile, exported.stdout);
    expect(parseExportedSeal(JSON.parse(exported.stdout))).toMatchObject({ seal: { sequence: 5 } });

    // A careful intruder: the last seal, its head row and the position counter all put back.
    tamper((db) => {
      const last = db.prepare('SELECT position FROM events WHERE stream = ? AND revision = 5').get(SEAL_STREAM) as { position: number };
      db.prepare('DELETE FROM events WHERE position = ?').run(last.position);
      db.prepare('UPDATE streams SET revision = 4 WHERE stream = ?').run(SEAL_STREAM);
      db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'events'").run(last.position - 1);
    });
    const inside = await verify();
    expect(inside.findings).toEqual([]);
    expect(inside.seals.eventsAfterLatest).toBeGreaterThan(0); // what the report does show: events no seal covers

    const against = cli({ DATA_DIR: t.dataDir, ...key.env }, 'audit:verify', '--against', exportFile);
    expect(against.status).toBe(1);
    expect(against.stderr).toMatch(/seal_missing in log-seals .*the exported seal 5 is gone/);
    // An auditor without the signing key: the exported file's public key is enough.
    const auditor = cli({ DATA_DIR: t.dataDir }, 'audit:verify', '--against', exportFile);
    expect(auditor.status).toBe(1);
    expect(auditor.stderr).toContain('seal_missing');
  }, 60_000);
});

describe('tamper evidence without a signing key (the embedded default)', () => {
  it("still names a stream's deleted last event by its head row, and says plainly that nothing is sealed", async () => {
    const t = await startTestApp();
    try {
      const stream = await (async () => {
        const admin = await t.adminToken();
        const created = await t.request('POST', '/api/v1/facilities', { token: admin, body: profile('Bolig Nu') });
        await t.request('POST', `/api/v1/facilities/${created.body.id}/profile`, { token: admin, body: profile('Bolig Nu', 60) });
        await t.request('POST', '/api/v1/facilities', { token: admin, body: profile('Other') });
        return `facility-${created.body.id}`;
      })();
      expect(t.app.get(SealingService).sealer).toBeUndefined();
      await t.app.close();
      const file = join(t.dataDir, 'events.sqlite');
      const db = new Database(file);
      db.prepare('DELETE FROM events WHERE stream = ? AND revision = 1').run(stream);
      db.close();
      const store = new SqliteEventStore({ file });
      const report = await verifyLog(store);
      await store.close();
      expect(report.findings).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'tail_deleted', stream, revision: '1' })]));
      expect(report.seals.status).toBe('not_configured');
    } finally {
      await t.close().catch(() => undefined);
    }
  });
});

describe('tamper evidence on EventStoreDB (through the gRPC test server, its log edited in memory)', () => {
  let key: SealKey;
  let t: Awaited<ReturnType<typeof startEsdbTestApp>>;
  let stream: string;
  let original: StoredEvent[];
  let auditor: string;
  beforeAll(async () => {
    key = makeSealKey();
    t = await startEsdbTestApp({ ...key.env, SEAL_INTERVAL_SECONDS: '3600' });
    stream = await history(t);
    auditor = await t.login('revisor', 'a long auditor password');
    // The sealer stops as at shutdown; the app keeps answering, over the log as the intruder leaves it.
    await t.app.get(SealingService).stop();
    original = [...t.server.store.log];
  });
  afterEach(() => t.server.store.tamperForTests(() => original));
  afterAll(async () => {
    await t.close();
    key.remove();
  });

  const decode = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes));
  const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  const verify = (options: VerifyOptions = {}) => verifyLog(t.store, { trustedKeys: key.trustedKeys, ...options });
  const tamper = (edit: (log: StoredEvent[]) => StoredEvent[]) => t.server.store.tamperForTests(edit);
  const isTarget = (e: StoredEvent, revision: number) => e.stream === stream && e.revision === BigInt(revision);

  it('verifies the untouched log, and over HTTP', async () => {
    expect((await verify()).findings).toEqual([]);
    const res = await t.request('POST', '/api/v1/audit/verify', { token: auditor, body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, findings: [], seals: { status: 'verified', count: 6 } });
  });

  it('names an altered event', async () => {
    tamper((log) => log.map((e) => (isTarget(e, 2) ? { ...e, data: encode({ ...decode(e.data), maxStayDays: 999 }) } : e)));
    expect((await verify()).findings).toEqual([expect.objectContaining({ kind: 'altered', stream, revision: '2' })]);
  });

  it('names an event deleted in the middle of a stream', async () => {
    tamper((log) => log.filter((e) => !isTarget(e, 1)));
    const report = await verify();
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'deleted', stream, revision: '1' })]);
  });

  it('names a stream tail deleted before the last seal, from the seals alone (no head rows, sparse positions)', async () => {
    tamper((log) => log.filter((e) => !isTarget(e, 3)));
    expect((await verify()).findings).toEqual([expect.objectContaining({ kind: 'tail_deleted', stream, revision: '3', seal: 4 })]);
    // And over HTTP, for an auditor.
    const res = await t.request('POST', '/api/v1/audit/verify', { token: auditor, body: {} });
    expect(res.body).toMatchObject({ ok: false, findings: [{ kind: 'tail_deleted', stream, revision: '3', seal: 4 }], seals: { status: 'broken' } });
  });

  it('names a whole stream deleted', async () => {
    tamper((log) => log.filter((e) => e.stream !== stream));
    expect((await verify()).findings).toEqual([expect.objectContaining({ kind: 'stream_deleted', stream, revision: '0..3' })]);
    expect((await verify({ stream })).findings).toEqual([expect.objectContaining({ kind: 'stream_deleted', stream, revision: '0..3' })]);
  });

  it('names reordered events (two events of a stream swapped in the log)', async () => {
    tamper((log) => {
      const [i, j] = [log.findIndex((e) => isTarget(e, 1)), log.findIndex((e) => isTarget(e, 2))];
      const [a, b] = [log[i], log[j]];
      log[i] = { ...b, commit: a.commit, prepare: a.prepare };
      log[j] = { ...a, commit: b.commit, prepare: b.prepare };
      return log;
    });
    expect((await verify()).findings).toEqual([expect.objectContaining({ kind: 'reordered', stream, revision: '1' })]);
  });

  it('names a rewrite with recomputed hashes', async () => {
    tamper((log) => {
      const events = log.filter((e) => e.stream === stream).map((e) => ({ ...e, data: decode(e.data), metadata: decode(e.metadata) }));
      events[2].data.maxStayDays = 365;
      const rewritten = new Map(rechain(stream, events).map((e) => [e.revision, { ...e, data: encode(e.data), metadata: encode(e.metadata) }]));
      return log.map((e) => (e.stream === stream && e.revision >= 2n ? rewritten.get(e.revision)! : e));
    });
    expect(kinds(await verify({ trustedKeys: [] }))).toEqual(['seal_unverifiable']);
    expect((await verify()).findings).toEqual([expect.objectContaining({ kind: 'rewritten', stream, revision: '2', seal: 3 })]);
  });

  it('names a forged seal and a seal missing from the middle', async () => {
    const sealAt = (e: StoredEvent, revision: number) => e.stream === SEAL_STREAM && e.revision === BigInt(revision);
    tamper((log) => log.map((e) => (sealAt(e, 1) ? { ...e, data: encode({ ...decode(e.data), events: 1 }) } : e)).filter((e) => !sealAt(e, 3)));
    expect((await verify()).findings).toEqual([
      expect.objectContaining({ kind: 'seal_forged', stream: SEAL_STREAM, seal: 1 }),
      expect.objectContaining({ kind: 'seal_missing', stream: SEAL_STREAM, revision: '3', seal: 4 }),
    ]);
  });

  it("finds the seal stream's deleted tail with a seal exported before (GET /audit/seal, verify with against)", async () => {
    const exported = await t.request('GET', '/api/v1/audit/seal', { token: auditor });
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ format: 'rop-log-seal-export/1', seal: { sequence: 5 }, publicKey: expect.stringContaining('BEGIN PUBLIC KEY') });
    tamper((log) => log.filter((e) => !(e.stream === SEAL_STREAM && e.revision === 5n)));
    expect((await verify()).findings).toEqual([]);
    const res = await t.request('POST', '/api/v1/audit/verify', { token: auditor, body: { against: exported.body } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, findings: [{ kind: 'seal_missing', seal: 5 }], seals: { against: { sequence: 5, found: false } } });
    // A file that is not an exported seal is bad input, not a finding.
    const bad = await t.request('POST', '/api/v1/audit/verify', {
      token: auditor,
      body: { against: { ...exported.body, seal: { ...exported.body.seal, events: 1 } } },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });
});
