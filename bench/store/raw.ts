import Database from 'better-sqlite3';
import { EVENT_LOG_SCHEMA } from '../../libs/event-store/src/sqlite/sqlite.schema';
import { Runner, sampleEvent, StreamCursor, timeBoxed } from './harness';

/**
 * The baseline: plain better-sqlite3, same file settings and schema as our store, doing by hand exactly
 * what one durable append must do (BEGIN IMMEDIATE, read the stream's revision, insert the event, upsert
 * the stream, COMMIT). Every statement is prepared once and the loop is synchronous, so this is what the
 * disk and SQLite allow with nothing in between.
 */
export function openRaw(file: string, streams: number): Runner & { synchronous: number } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(EVENT_LOG_SCHEMA);
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const readRevision = db.prepare('SELECT revision FROM streams WHERE stream = ?').pluck();
  const insert = db.prepare('INSERT INTO events (stream, revision, id, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const upsert = db.prepare('INSERT INTO streams (stream, revision) VALUES (?, ?) ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision');
  const cursor = new StreamCursor('raw', streams);
  let n = 0;

  const appendOne = (): number => {
    const { stream, slot, expected } = cursor.next();
    const e = sampleEvent(n++);
    // The same serialisation work our store does per event.
    const data = JSON.stringify(e.data);
    const metadata = JSON.stringify(e.metadata);
    const created = new Date().toISOString();
    begin.run();
    try {
      const current = (readRevision.get(stream) as number | undefined) ?? -1;
      if (current !== expected) throw new Error(`${stream}: expected revision ${expected}, found ${current}`);
      insert.run(stream, current + 1, e.id.toLowerCase(), e.type, data, metadata, created);
      upsert.run(stream, current + 1);
      commit.run();
    } catch (error) {
      if (db.inTransaction) rollback.run();
      throw error;
    }
    cursor.advance(slot);
    return 1;
  };

  return {
    name: 'raw',
    synchronous: db.pragma('synchronous', { simple: true }) as number,
    round: (budgetMs) => timeBoxed(budgetMs, appendOne),
    close: async () => void db.close(),
  };
}
