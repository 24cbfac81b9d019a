import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkWrites, ThrottleDecision, ThrottleRow, ThrottleRows, ThrottleStore } from './throttle-store.port';

const PURGE_EVERY_MS = 60_000;

/**
 * The throttle in a SQLite file in DATA_DIR (the embedded default): it survives a restart, so
 * restarting the app does not hand an attacker a fresh budget. synchronous=NORMAL: a power cut may
 * lose the last few counts, which costs less than an fsync on every login.
 */
export class SqliteThrottleStore implements ThrottleStore {
  private readonly db: Database.Database;
  private readonly select: Database.Statement;
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly purge: Database.Statement;
  private lastPurge = 0;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // Another process on the same file (the CLI, a second instance) waits for a lock instead of failing.
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS throttle (key TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS throttle_expires_at ON throttle (expires_at);`);
    this.select = this.db.prepare('SELECT data, expires_at AS expiresAt FROM throttle WHERE key = ? AND expires_at > ?');
    this.upsert = this.db.prepare(
      'INSERT INTO throttle (key, data, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at',
    );
    this.remove = this.db.prepare('DELETE FROM throttle WHERE key = ?');
    this.purge = this.db.prepare('DELETE FROM throttle WHERE expires_at <= ?');
  }

  async update<T>(keys: readonly string[], now: number, decide: (rows: ThrottleRows) => ThrottleDecision<T>): Promise<T> {
    const run = this.db.transaction(() => {
      if (now - this.lastPurge >= PURGE_EVERY_MS) {
        this.purge.run(now);
        this.lastPurge = now;
      }
      const rows = new Map<string, ThrottleRow>();
      for (const key of new Set(keys)) {
        const row = this.select.get(key, now) as { data: string; expiresAt: number } | undefined;
        if (row) rows.set(key, { data: JSON.parse(row.data) as Record<string, number>, expiresAt: row.expiresAt });
      }
      const { result, writes } = decide(rows);
      checkWrites(keys, writes);
      for (const [key, row] of writes) {
        if (row) this.upsert.run(key, JSON.stringify(row.data), Math.ceil(row.expiresAt));
        else this.remove.run(key);
      }
      return result;
    });
    // IMMEDIATE takes the write lock before reading, so two processes cannot both read the old count.
    return run.immediate();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
