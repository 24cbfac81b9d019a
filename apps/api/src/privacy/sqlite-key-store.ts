import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeyStore, PersonForgottenError } from './key-store.port';

/**
 * The key store as a SQLite file in DATA_DIR (owner-only in production). `secure_delete` makes SQLite
 * overwrite a deleted key's bytes instead of leaving them in a free page; the WAL is truncated after a
 * deletion so no old copy of the page survives there either.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  private readonly cache = new Map<string, Buffer>();

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS person_keys (person_id TEXT PRIMARY KEY, key BLOB NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS forgotten_people (person_id TEXT PRIMARY KEY, forgotten_at TEXT NOT NULL);`);
  }

  keyFor(personId: string): Buffer {
    const existing = this.existingKey(personId);
    if (existing) return existing;
    if (this.isForgotten(personId)) throw new PersonForgottenError();
    // INSERT OR IGNORE and read back: two writers racing on a first key agree on one.
    this.db.prepare('INSERT OR IGNORE INTO person_keys (person_id, key, created_at) VALUES (?, ?, ?)').run(personId, randomBytes(32), new Date().toISOString());
    return this.existingKey(personId)!;
  }

  existingKey(personId: string): Buffer | undefined {
    const cached = this.cache.get(personId);
    if (cached) return cached;
    const row = this.db.prepare('SELECT key FROM person_keys WHERE person_id = ?').get(personId) as { key: Buffer } | undefined;
    if (row) this.cache.set(personId, row.key);
    return row?.key;
  }

  isForgotten(personId: string): boolean {
    return this.db.prepare('SELECT 1 FROM forgotten_people WHERE person_id = ?').get(personId) !== undefined;
  }

  forget(personId: string, at: Date): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM person_keys WHERE person_id = ?').run(personId);
      this.db.prepare('INSERT OR IGNORE INTO forgotten_people (person_id, forgotten_at) VALUES (?, ?)').run(personId, at.toISOString());
    })();
    this.cache.delete(personId);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    this.db.close();
  }
}
