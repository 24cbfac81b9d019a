import Database from 'better-sqlite3';
import { EventToAppend } from '../../libs/event-store/src/event-store.port';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite.event-store';
import { now, Round, Runner, sampleEvent, StreamCursor, timeBoxed } from './harness';

const open = (file: string) => new SqliteEventStore({ file, synchronous: 'FULL' });

/**
 * Durable single-event appends, one at a time: each is awaited before the next starts, so each is its
 * own transaction and its own fsync, and carries the stream's exact expected revision.
 */
export function openOursSequential(file: string, streams: number): Runner & { synchronous: number } {
  const store = open(file);
  const cursor = new StreamCursor('ours', streams);
  let n = 0;
  const appendOne = async () => {
    const { stream, slot, expected } = cursor.next();
    await store.appendToStream(stream, [sampleEvent(n++)], { expectedRevision: expectedOf(expected) });
    cursor.advance(slot);
    return 1;
  };
  return {
    name: 'ours',
    synchronous: synchronousOf(store),
    round: (budgetMs) => timeBoxed(budgetMs, appendOne),
    close: () => store.close(),
  };
}

/**
 * Many callers at once, each appending single events to its own stream in a loop: what group commit
 * buys when a busy API serves many requests (appends that arrive in one event-loop turn share a commit).
 */
export function openOursGrouped(file: string, concurrency: number): Runner {
  const store = open(file);
  const revisions = new Array<number>(concurrency).fill(-1);
  let n = 0;
  const round = async (budgetMs: number): Promise<Round> => {
    const start = now();
    let ops = 0;
    const caller = async (c: number) => {
      while (now() - start < budgetMs) {
        const expectedRevision = expectedOf(revisions[c]);
        await store.appendToStream(`grouped-${c}`, [sampleEvent(n++)], { expectedRevision });
        revisions[c]++;
        ops++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, (_, c) => caller(c)));
    return { ops, ms: now() - start };
  };
  return { name: 'grouped', round, close: () => store.close() };
}

/** Fills a store with `total` events quickly: concurrent appends of `perAppend` events each. */
export async function fillForScan(file: string, total: number, perAppend: number, concurrency: number) {
  const store = open(file);
  const start = now();
  let written = 0;
  let n = 0;
  const caller = async (c: number) => {
    for (let revision = -1; written < total; revision += perAppend) {
      const count = Math.min(perAppend, total - written);
      written += count;
      const events: EventToAppend[] = Array.from({ length: count }, () => sampleEvent(n++));
      await store.appendToStream(`scan-${c}`, events, { expectedRevision: expectedOf(revision) });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, c) => caller(c)));
  await store.close();
  return { events: written, ms: now() - start };
}

/**
 * Full forward `readAll`, every event parsed into a RecordedEvent, as a projection rebuild does. A round
 * is one complete scan whatever the time budget.
 */
export function openScan(file: string, expected: number): Runner {
  const store = open(file);
  const round = async (): Promise<Round> => {
    const start = now();
    let ops = 0;
    for await (const event of store.readAll()) {
      if (event.data === undefined) throw new Error('unreachable: uses the parsed event');
      ops++;
    }
    if (ops !== expected) throw new Error(`readAll returned ${ops} events, expected ${expected}`);
    return { ops, ms: now() - start };
  };
  return { name: 'scan', round, close: () => store.close() };
}

/**
 * The level SQLite actually applies on the store's connection (2 = FULL), read back rather than assumed:
 * better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so a missing pragma would silently mean
 * NORMAL. The adapter keeps its connection private, hence the cast.
 */
function synchronousOf(store: SqliteEventStore): number {
  const db = (store as unknown as { db: Database.Database }).db;
  return db.pragma('synchronous', { simple: true }) as number;
}

function expectedOf(revision: number) {
  return revision < 0 ? ('no_stream' as const) : BigInt(revision);
}
