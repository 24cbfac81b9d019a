import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DelegatingEventStore,
  EventStore,
  MemoryEventStore,
  RecordedEvent,
  StoreUnavailableError,
  SubscribeToAllOptions,
  Subscription,
} from '@app/event-store';
import { Projection, ProjectionEvent, RowChange } from './projection';
import { ProjectionEngine } from './projection-engine';
import { ReadModelDb } from './read-model-db';

const decode = (e: RecordedEvent): ProjectionEvent => ({ ...e, data: e.data as Record<string, any>, metadata: e.metadata as Record<string, any> });

/** A toy read model: one row per visit, keyed by the visit id, and the latest note per person. */
function visits(version = 1, poison?: (e: ProjectionEvent) => boolean): Projection {
  return {
    name: 'visits',
    version,
    eventTypes: ['Visited'],
    onPoison: 'continue',
    tables: [
      { name: 'visits', columns: 'visit_id TEXT PRIMARY KEY, person TEXT NOT NULL, note TEXT', indexes: ['(person)'] },
      { name: 'latest', columns: 'person TEXT PRIMARY KEY, note TEXT' },
    ],
    handle(e): RowChange[] {
      if (poison?.(e)) throw new Error('cannot handle this one');
      const data = e.data as { visitId: string; person: string; note: string };
      return [
        {
          op: 'upsert',
          table: 'visits',
          key: ['visit_id'],
          row: { visit_id: data.visitId, person: data.person, note: `${data.note}${version > 1 ? ' (v2)' : ''}` },
        },
        { op: 'upsert', table: 'latest', key: ['person'], row: { person: data.person, note: data.note } },
      ];
    },
  };
}

describe('ProjectionEngine', () => {
  let dir: string;
  let store: MemoryEventStore;
  let db: ReadModelDb;
  const engines: ProjectionEngine[] = [];
  const engine = (projections: Projection[], extra: Partial<ConstructorParameters<typeof ProjectionEngine>[0]> = {}) => {
    const e = new ProjectionEngine({
      store,
      db,
      projections,
      decode,
      positionsCountEvents: true,
      registryPollMs: 0,
      tuning: { retryDelaysMs: [1, 1] },
      ...extra,
    });
    engines.push(e);
    return e;
  };
  const visit = (person: string, note: string, visitId: string = randomUUID()) =>
    store.appendToStream(`person-${person}`, [{ id: randomUUID(), type: 'Visited', data: { visitId, person, note } }], { expectedRevision: 'any' });
  const rows = (table = 'visits') => db.db.prepare(`SELECT * FROM "${db.table('visits', table)}" ORDER BY 1`).all() as any[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'projections-'));
    store = new MemoryEventStore();
    db = new ReadModelDb(join(dir, 'read-models.sqlite'));
  });
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.stop()));
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies stored and live events, and commits the checkpoint with the rows', async () => {
    await visit('p1', 'first');
    const e = engine([visits()]);
    await e.start();
    const { position } = await visit('p1', 'second');
    expect(await e.waitFor(['visits'], position, 2000)).toBe(true);
    expect(rows()).toHaveLength(2);
    expect(rows('latest')).toEqual([{ person: 'p1', note: 'second' }]);
    expect(db.live('visits')?.position).toEqual(position);
    expect(db.live('visits')?.eventsApplied).toBe(2);
  });

  it('resumes from its checkpoint after a restart without applying anything twice', async () => {
    await visit('p1', 'a');
    const first = engine([visits()]);
    await first.start();
    const { position } = await visit('p2', 'b');
    await first.waitFor(['visits'], position, 2000);
    await first.stop();
    const after = await visit('p3', 'c');
    const second = engine([visits()]);
    await second.start();
    expect(await second.waitFor(['visits'], after.position, 2000)).toBe(true);
    expect(db.live('visits')?.eventsApplied).toBe(3);
    expect(rows()).toHaveLength(3);
  });

  it('commits a live batch within its age limit while events keep arriving', async () => {
    const e = engine([visits()]);
    await e.start();
    await e.waitFor(['visits'], (await visit('p0', 'first')).position, 2000);
    // Steady load: an event every millisecond or so, for longer than a full batch would take to fill.
    let loading = true;
    const load = (async () => {
      for (let i = 0; loading; i++) {
        await visit(`p${i % 9}`, `load ${i}`);
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    const marker = await visit('p1', 'marker');
    // A batch that only committed when full (1,000 events) would take over a second to reach the marker.
    const seen = await e.waitFor(['visits'], marker.position, 400);
    loading = false;
    await load;
    expect(seen).toBe(true);
  });

  it('waits for a position and gives up after the timeout', async () => {
    const e = engine([visits()]);
    await e.start();
    const { position } = await visit('p1', 'x');
    expect(await e.waitFor(['visits'], { commit: position.commit + 100n, prepare: position.prepare + 100n }, 50)).toBe(false);
  });

  it('parks a poison event after retries and goes on; a replay after the fix applies it', async () => {
    let broken = true;
    const e = engine([visits(1, (ev) => broken && ev.data.note === 'poison')]);
    await e.start();
    await visit('p1', 'fine');
    await visit('p2', 'poison', 'v-poison');
    const { position } = await visit('p3', 'after');
    expect(await e.waitFor(['visits'], position, 3000)).toBe(true);
    expect(
      rows()
        .map((r) => r.note)
        .sort(),
    ).toEqual(['after', 'fine']);
    expect(db.parked('visits')).toEqual([expect.objectContaining({ eventType: 'Visited', error: expect.stringContaining('cannot handle') })]);
    expect((await e.status())[0].parkedEvents).toBe(1);

    broken = false;
    expect(await e.replayParked('visits')).toBe(1);
    expect(rows().map((r) => r.visit_id)).toContain('v-poison');
    expect(db.parked('visits')).toEqual([]);
  });

  // Waits for a state the engine reaches by itself; a fixed sleep is too short on a loaded CI machine.
  const until = async (check: () => boolean | Promise<boolean>, timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not reached in time');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('pauses a projection that asks for it, keeps it paused, and resumes after the replay', async () => {
    let broken = true;
    const pausing = { ...visits(1, (ev) => broken && ev.data.note === 'poison'), onPoison: 'pause' as const };
    const e = engine([pausing]);
    await e.start();
    await visit('p1', 'poison', 'v-poison');
    const later = await visit('p2', 'later');
    await until(async () => (await e.status())[0].state === 'paused');
    expect(rows()).toHaveLength(0);
    broken = false;
    await e.replayParked('visits');
    expect(await e.waitFor(['visits'], later.position, 2000)).toBe(true);
    expect(
      rows()
        .map((r) => r.visit_id)
        .sort(),
    ).toEqual(expect.arrayContaining(['v-poison']));
    expect(rows()).toHaveLength(2);
    expect((await e.status())[0].state).not.toBe('paused');
  });

  it.each(['continue', 'pause'] as const)(
    'waits out a full read-model file (onPoison: %s): stalled, nothing parked, each event applied once when space returns',
    async (onPoison) => {
      const e = engine([{ ...visits(), onPoison }], { tuning: { retryDelaysMs: [1, 1], stallDelaysMs: [5, 10, 20] } });
      await e.start();
      await e.waitFor(['visits'], (await visit('p0', 'before')).position, 2000);
      // SQLite's own cap on the file: every page it needs beyond what it has is "database or disk is full".
      const pages = db.db.pragma('page_count', { simple: true }) as number;
      db.db.pragma(`max_page_count = ${pages}`);
      let last = await visit('p1', 'x'.repeat(4000));
      for (let i = 0; i < 20; i++) last = await visit(`p${i}`, `${i} ${'y'.repeat(4000)}`);
      await until(async () => (await e.status())[0].state === 'stalled');
      expect((await e.status())[0]).toMatchObject({ state: 'stalled', parkedEvents: 0, stall: { kind: 'storage', error: 'SQLITE_FULL' } });
      await new Promise((r) => setTimeout(r, 100));
      expect(db.parked('visits')).toEqual([]);

      db.db.pragma('max_page_count = 1073741823');
      expect(await e.waitFor(['visits'], last.position, 3000)).toBe(true);
      expect((await e.status())[0]).toMatchObject({ state: 'live', parkedEvents: 0, stall: undefined });
      expect(rows().filter((r) => r.note.endsWith('y'.repeat(10)))).toHaveLength(20);
      expect(db.live('visits')?.eventsApplied).toBe(22);
    },
  );

  it('waits out a log that cannot be read, then goes on from its checkpoint', async () => {
    let failures = 3;
    class FlakyLog extends DelegatingEventStore {
      override subscribeToAll(options?: SubscribeToAllOptions): Subscription {
        const inner = super.subscribeToAll(options);
        return {
          unsubscribe: () => inner.unsubscribe(),
          [Symbol.asyncIterator]: () => {
            const it = inner[Symbol.asyncIterator]();
            return { next: () => (failures-- > 0 ? Promise.reject(new StoreUnavailableError('The event log could not be read')) : it.next()) };
          },
        };
      }
    }
    await visit('p1', 'a');
    const e = engine([visits()], { store: new FlakyLog(store), tuning: { stallDelaysMs: [30] } });
    await e.start();
    await until(async () => (await e.status())[0].state === 'stalled');
    expect((await e.status())[0].stall).toMatchObject({ kind: 'log', error: 'store_unavailable' });
    const { position } = await visit('p2', 'b');
    expect(await e.waitFor(['visits'], position, 3000)).toBe(true);
    expect((await e.status())[0]).toMatchObject({ state: 'live', stall: undefined });
    expect(
      rows()
        .map((r) => r.note)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('rebuilds beside the live generation after a version bump and swaps without an empty window', async () => {
    for (let i = 0; i < 300; i++) await visit(`p${i % 7}`, `n${i}`);
    const v1 = engine([visits(1)]);
    await v1.start();
    const head = await visit('p0', 'last');
    await v1.waitFor(['visits'], head.position, 5000);
    await v1.stop();

    const v2 = engine([visits(2)], { tuning: { maxBatch: 20 } });
    const counts: number[] = [];
    const reader = setInterval(() => counts.push(rows().length), 1);
    await v2.start();
    expect(v2.serving('visits')).toBe(false); // queries wait for v2 instead of reading v1's shape
    const deadline = Date.now() + 5000;
    while (!v2.serving('visits') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    clearInterval(reader);
    expect(v2.serving('visits')).toBe(true);
    expect(counts.every((n) => n === 301)).toBe(true);
    expect(rows().every((r) => r.note.endsWith('(v2)'))).toBe(true);
    expect(db.generations('visits').map((g) => g.status)).toEqual(['live']);
  });

  it('rebuilds on request while queries keep answering from the live generation', async () => {
    for (let i = 0; i < 200; i++) await visit(`p${i % 5}`, `n${i}`);
    const e = engine([visits()], { tuning: { maxBatch: 10 } });
    await e.start();
    const head = await visit('p9', 'last');
    await e.waitFor(['visits'], head.position, 5000);
    const before = db.live('visits')!.generation;
    const seen: number[] = [];
    const progress: number[] = [];
    const reader = setInterval(() => seen.push(rows().length), 1);
    await e.rebuild(['visits'], (p) => progress.push(p.applied));
    clearInterval(reader);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((n) => n === 201)).toBe(true);
    expect(db.live('visits')!.generation).toBe(before + 1);
    expect(progress.at(-1)).toBe(201);
    const after = await visit('p1', 'after rebuild');
    expect(await e.waitFor(['visits'], after.position, 2000)).toBe(true);
    expect(rows()).toHaveLength(202);
  });

  describe('when the store fails under it', () => {
    it('pauses, with the reason, a projection whose checkpoint is not in this log, instead of failing the process', async () => {
      await visit('p1', 'a');
      const e = engine([visits()]);
      await e.start();
      await e.waitFor(['visits'], (await visit('p1', 'b')).position, 2000);
      await e.stop();
      // Read models copied from another log: a checkpoint this store never handed out.
      const live = db.live('visits')!;
      db.checkpoint('visits', live.generation, { commit: 1n, prepare: 7n }, 0);
      const again = engine([visits()]);
      await again.start();
      const deadline = Date.now() + 2000;
      while ((await again.status())[0].state !== 'paused' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect((await again.status())[0].state).toBe('paused');
      expect(db.live('visits')!.failure).toMatch(/InvalidPositionError: checkpoint 1\/7 is not in this event log; rebuild/);
    });

    it('subscribes again from its last committed batch after the store failed the subscription', async () => {
      const failing = new FailingOnce(store);
      const e = engine([visits()], { store: failing });
      await e.start();
      await e.waitFor(['visits'], (await visit('p1', 'before')).position, 2000);
      failing.failNextRead = true;
      const after = await visit('p2', 'after');
      expect(await e.waitFor(['visits'], after.position, 3000)).toBe(true);
      expect(failing.failures).toBe(1);
      expect(
        rows()
          .map((r) => r.note)
          .sort(),
      ).toEqual(['after', 'before']);
    });

    it('tries the rebuild after a version bump again until the store answers', async () => {
      for (let i = 0; i < 5; i++) await visit(`p${i}`, `n${i}`);
      const v1 = engine([visits(1)]);
      await v1.start();
      await v1.waitFor(['visits'], (await visit('p9', 'last')).position, 2000);
      await v1.stop();
      const down = new FailingOnce(store);
      down.unavailable = true; // the store is not there when the app starts
      const v2 = engine([visits(2)], { store: down });
      await v2.start();
      await new Promise((r) => setTimeout(r, 100));
      expect(v2.serving('visits')).toBe(false);
      down.unavailable = false;
      const deadline = Date.now() + 5000;
      while (!v2.serving('visits') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(v2.serving('visits')).toBe(true);
      expect(rows().every((r) => r.note.endsWith('(v2)'))).toBe(true);
    });
  });
});

/** A store whose $all reads fail while `unavailable`, and whose next subscription read fails once when asked. */
class FailingOnce extends DelegatingEventStore {
  unavailable = false;
  failNextRead = false;
  failures = 0;

  override readAll(...args: Parameters<EventStore['readAll']>) {
    if (this.unavailable) return failing<RecordedEvent>(new StoreUnavailableError('down'));
    return this.inner.readAll(...args);
  }

  override subscribeToAll(...args: Parameters<EventStore['subscribeToAll']>): Subscription {
    const inner = this.inner.subscribeToAll(...args);
    const failsNow = () => {
      if (!this.failNextRead) return false;
      this.failNextRead = false;
      this.failures++;
      return true;
    };
    return {
      async *[Symbol.asyncIterator]() {
        for await (const message of inner) {
          if (message.kind === 'event' && failsNow()) {
            throw new StoreUnavailableError('the log could not be read');
          }
          yield message;
        }
      },
      unsubscribe: () => inner.unsubscribe(),
    };
  }
}

function failing<T>(error: Error): AsyncIterable<T> {
  return { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }) };
}
