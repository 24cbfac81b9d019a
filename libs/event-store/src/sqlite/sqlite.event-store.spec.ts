import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../contract/event-store.contract';
import { SubscriptionProbe } from '../contract/subscription-probe';
import { StoreUnavailableError } from '../errors';
import { formatPosition, parsePosition } from '../position';
import { SqliteEventStore, SqliteEventStoreOptions } from './sqlite.event-store';

eventStoreContract(
  'sqlite',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'es-contract-'));
    // Small pages, so a consumer that falls behind is seen catching up again within the contract's test.
    const open = () => new SqliteEventStore({ file: join(dir, 'events.sqlite'), subscription: { batchSize: 16 } });
    let store = open();
    return {
      store,
      notAPosition: (valid) => ({ commit: valid.commit, prepare: valid.commit + 1n }),
      restart: async () => {
        await store.close();
        store = open();
        return store;
      },
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { durable: true },
);

describe('sqlite store specifics', () => {
  let dir: string;
  let file: string;
  const event = (n: number) => ({ id: randomUUID(), type: 'N', data: { n } });
  const open = (extra: Partial<SqliteEventStoreOptions> = {}) => new SqliteEventStore({ file, ...extra });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'es-sqlite-'));
    file = join(dir, 'nested', 'events.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates its folder, uses WAL and synchronous=FULL by default, and NORMAL when configured', async () => {
    const store = open();
    await store.appendToStream('s', [event(0)], { expectedRevision: 'no_stream' });
    await store.close();
    const raw = new Database(file);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const pragmaOf = (s: SqliteEventStore) => (s as unknown as { db: Database.Database }).db.pragma('synchronous', { simple: true });
    const full = open();
    expect(pragmaOf(full)).toBe(2);
    await full.close();
    const normal = open({ synchronous: 'NORMAL' });
    expect(pragmaOf(normal)).toBe(1);
    await normal.close();
  });

  it('keeps data across a reopen and resumes a subscription from its checkpoint', async () => {
    const first = open();
    await first.appendToStream('s', [event(0), event(1)], { expectedRevision: 'no_stream' });
    const probe = new SubscriptionProbe(first.subscribeToAll());
    await probe.waitFor((p) => p.caughtUpCount > 0);
    const checkpoint = formatPosition(probe.events[1].position);
    await probe.stop();
    await first.close();

    const second = open();
    await second.appendToStream('s', [event(2)], { expectedRevision: 1n });
    const resumed = new SubscriptionProbe(second.subscribeToAll({ fromPosition: parsePosition(checkpoint) }));
    await resumed.waitFor((p) => p.caughtUpCount > 0);
    expect(resumed.events.map((e) => e.data.n)).toEqual([2]);
    await resumed.stop();
    await second.close();
  });

  it('never reuses a global position, even after the newest rows are deleted by hand', async () => {
    const store = open();
    const before = await store.appendToStream('s', [event(0), event(1)], { expectedRevision: 'no_stream' });
    await store.close();
    const raw = new Database(file);
    raw.prepare('DELETE FROM events WHERE position = ?').run(before.position.commit);
    raw.prepare("UPDATE streams SET revision = 0 WHERE stream = 's'").run();
    raw.close();
    const reopened = open();
    const after = await reopened.appendToStream('s', [event(2)], { expectedRevision: 0n });
    expect(after.position.commit > before.position.commit).toBe(true);
    await reopened.close();
  });

  it('wakes subscribers right after a commit, without waiting for the poll interval', async () => {
    const store = open({ subscription: { pollIntervalMs: 60_000 } });
    const probe = new SubscriptionProbe(store.subscribeToAll());
    await probe.waitFor((p) => p.caughtUpCount > 0);
    await store.appendToStream('s', [event(0)], { expectedRevision: 'no_stream' });
    await probe.waitFor((p) => p.events.length === 1, 2_000);
    await probe.stop();
    await store.close();
  });

  it('picks up events another process wrote to the same file by polling', async () => {
    const reader = open({ subscription: { pollIntervalMs: 20 } });
    const writer = open();
    const probe = new SubscriptionProbe(reader.subscribeToAll());
    await probe.waitFor((p) => p.caughtUpCount > 0);
    await writer.appendToStream('s', [event(0)], { expectedRevision: 'no_stream' });
    await probe.waitFor((p) => p.events.length === 1, 2_000);
    await probe.stop();
    await Promise.all([reader.close(), writer.close()]);
  });

  it('answers each of 200 concurrent callers with its own result and writes each append once', async () => {
    const store = open();
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => store.appendToStream(`g-${i}`, [event(i)], { expectedRevision: 'no_stream' })));
    const positions = new Set(results.map((r) => r.position.commit));
    expect(positions.size).toBe(200);
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 200 });
    raw.close();
    await store.close();
  });

  it('reports itself unavailable once closed', async () => {
    const store = open();
    await store.close();
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.appendToStream('s', [event(0)], { expectedRevision: 'any' })).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('probes that it takes a write without storing anything, and refuses the probe once closed', async () => {
    const store = open();
    await store.appendToStream('s', [event(0)], { expectedRevision: 'no_stream' });
    await expect(store.probeWrite()).resolves.toBeUndefined();
    await expect(store.probeWrite()).resolves.toBeUndefined();
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT stream, revision FROM streams').all()).toEqual([{ stream: 's', revision: 0 }]);
    expect(raw.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 1 });
    raw.close();
    await store.close();
    await expect(store.probeWrite()).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('answers an append the file has no room for with StoreUnavailableError (a 503), and takes it once there is room', async () => {
    const store = open();
    await store.appendToStream('s', [event(0)], { expectedRevision: 'no_stream' });
    // SQLite's cap on the file size stands in for a full disk: "database or disk is full".
    const db = (store as unknown as { db: Database.Database }).db;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    // More than the page cache holds, so the inserts themselves spill to the file and meet the cap.
    const big = Array.from({ length: 1500 }, (_, n) => ({ id: randomUUID(), type: 'N', data: { n, text: 'x'.repeat(4000) } }));
    const refused = await store.appendToStream('s', big, { expectedRevision: 0n }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreUnavailableError);
    db.pragma('max_page_count = 1073741823');
    await expect(store.appendToStream('s', big, { expectedRevision: 0n })).resolves.toMatchObject({ nextExpectedRevision: 1500n });
    await store.close();
  });

  it('keeps its bookkeeping for integrity checks: positions stay dense through failed appends, heads are kept apart', async () => {
    const store = open();
    expect(store.bookkeeping().densePositions()).toEqual({ first: 1n, lastAssigned: null });
    await store.appendToStream('a', [event(0), event(1)], { expectedRevision: 'no_stream' });
    const duplicate = event(9);
    await store.appendToStream('b', [duplicate], { expectedRevision: 'no_stream' });
    // Appends that fail, some inside one group commit with appends that succeed: none may use up a position.
    const outcomes = await Promise.allSettled([
      store.appendToStream('a', [event(2)], { expectedRevision: 0n }),
      store.appendToStream('c', [event(0)], { expectedRevision: 'no_stream' }),
      store.appendToStream('d', [{ ...duplicate }], { expectedRevision: 'no_stream' }),
      store.appendToStream('a', [event(2)], { expectedRevision: 1n }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'rejected', 'fulfilled']);
    const positions: bigint[] = [];
    for await (const e of store.readAll()) positions.push(e.position.commit);
    expect(positions).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect(store.bookkeeping().densePositions()).toEqual({ first: 1n, lastAssigned: 5n });
    const heads: Array<[string, bigint]> = [];
    for await (const h of store.bookkeeping().streamHeads()) heads.push([h.stream, h.revision]);
    expect(heads).toEqual([
      ['a', 2n],
      ['b', 0n],
      ['c', 0n],
    ]);
    expect(store.bookkeeping().streamHead('a')).toBe(2n);
    expect(store.bookkeeping().streamHead('d')).toBeUndefined();
    await store.close();
    // Rows deleted by hand leave the counter and the head row as they were: that is what shows the deletion.
    const raw = new Database(file);
    raw.prepare('DELETE FROM events WHERE position = 5').run();
    raw.close();
    const reopened = open();
    expect(reopened.bookkeeping().densePositions()).toEqual({ first: 1n, lastAssigned: 5n });
    expect(reopened.bookkeeping().streamHead('a')).toBe(2n);
    await reopened.close();
  });
});
