import Database from 'better-sqlite3';
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { CachedKeyStore, StoredKey } from './cached-key-store';
import { KeyWrapper } from './key-wrapping';
import { ForgetIncompleteError, MasterKeyMismatchError } from './key-store.port';

export interface SqliteKeyStoreOptions {
  readonly file: string;
  readonly wrapper: KeyWrapper;
  /**
   * How long a forget may wait for readers of the file to let go before it answers "incomplete"
   * (ForgetIncompleteError). Each attempt waits a few milliseconds at most, so the event loop is free
   * in between.
   */
  readonly eraseWithinMs?: number;
  /** Offline tools only (the benchmarks' generator): read keys synchronously on a cache miss. */
  readonly readThrough?: boolean;
  readonly cacheSize?: number;
}

/** The key file's sidecars in WAL mode: all three are "the key store" when we promise a key is gone. */
export const SQLITE_KEY_STORE_FILES = ['', '-wal', '-shm'] as const;

/**
 * The embedded key store: a SQLite file in DATA_DIR (owner-only), keys wrapped by the master key.
 *
 * Forgetting is verified, not hoped for. `secure_delete` makes SQLite overwrite a deleted key's bytes
 * in the page instead of leaving them in a free block; but the page as it was before the deletion is
 * still in the main file (until a checkpoint copies the new page over it) and in older frames of the
 * WAL. So a forget ends with `wal_checkpoint(TRUNCATE)`, and its result is checked: it completes only
 * when no other connection reads an older snapshot (a backup, a `sqlite3` shell, the CLI). A busy
 * checkpoint is retried for a bounded time, each attempt waiting a few milliseconds at most, and then
 * the forget fails with ForgetIncompleteError (503, retryable) rather than claiming success.
 */
export class SqliteKeyStore extends CachedKeyStore {
  private readonly db: Database.Database;
  private readonly eraseWithinMs: number;

  constructor(private readonly options: SqliteKeyStoreOptions) {
    super(options.wrapper, options.cacheSize);
    this.eraseWithinMs = options.eraseWithinMs ?? 3000;
    mkdirSync(dirname(options.file), { recursive: true, mode: 0o700 });
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS wrapped_keys (person_id TEXT PRIMARY KEY, wrapped BLOB NOT NULL, master_key_id TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS forgotten_people (person_id TEXT PRIMARY KEY, forgotten_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS key_store_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);`);
    this.db.prepare("INSERT OR IGNORE INTO key_store_meta (name, value) VALUES ('master_key_id', ?)").run(this.wrapper.masterKeyId);
    const recorded = this.db.prepare("SELECT value FROM key_store_meta WHERE name = 'master_key_id'").pluck().get() as string;
    const used = (this.db.prepare('SELECT DISTINCT master_key_id AS id FROM wrapped_keys').all() as Array<{ id: string }>).map((r) => r.id);
    const stored = [...new Set([recorded, ...used])];
    if (stored.some((id) => id !== this.wrapper.masterKeyId)) {
      this.db.close();
      throw new MasterKeyMismatchError(stored, this.wrapper.masterKeyId);
    }
    this.wrapLegacyKeys();
  }

  /**
   * Key files written before envelope encryption held the keys in the clear (`person_keys`): wrap them,
   * drop the old table (secure_delete zeroes its pages) and fold the WAL away. Runs once.
   */
  private wrapLegacyKeys(): void {
    const legacy = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'person_keys'").get();
    if (!legacy) return;
    this.db.transaction(() => {
      const insert = this.db.prepare('INSERT OR IGNORE INTO wrapped_keys (person_id, wrapped, master_key_id, created_at) VALUES (?, ?, ?, ?)');
      for (const row of this.db.prepare('SELECT person_id, key, created_at FROM person_keys').all() as Array<{
        person_id: string;
        key: Buffer;
        created_at: string;
      }>) {
        insert.run(row.person_id, this.wrapper.wrap(row.person_id, row.key), this.wrapper.masterKeyId, row.created_at);
      }
      this.db.exec('DROP TABLE person_keys');
    })();
    this.checkpoint();
  }

  /** One statement for the whole batch (the ids passed as a JSON array). */
  protected async fetch(personIds: readonly string[]): Promise<Map<string, StoredKey>> {
    const rows = this.db
      .prepare(
        `SELECT j.value AS person_id, k.wrapped, f.person_id IS NOT NULL AS forgotten
           FROM json_each(?) j
           LEFT JOIN wrapped_keys k ON k.person_id = j.value
           LEFT JOIN forgotten_people f ON f.person_id = j.value`,
      )
      .all(JSON.stringify(personIds)) as Array<{ person_id: string; wrapped: Buffer | null; forgotten: number }>;
    return new Map(rows.map((r) => [r.person_id, { wrapped: r.wrapped, forgotten: r.forgotten === 1 }]));
  }

  protected async insert(personId: string, wrapped: Buffer): Promise<StoredKey> {
    return this.insertSync(personId, wrapped);
  }

  private insertSync(personId: string, wrapped: Buffer): StoredKey {
    // One transaction: a forget between the check and the insert cannot slip in (SQLite has one writer).
    return this.db
      .transaction((): StoredKey => {
        if (this.db.prepare('SELECT 1 FROM forgotten_people WHERE person_id = ?').get(personId)) return { wrapped: null, forgotten: true };
        this.db
          .prepare('INSERT OR IGNORE INTO wrapped_keys (person_id, wrapped, master_key_id, created_at) VALUES (?, ?, ?, ?)')
          .run(personId, wrapped, this.wrapper.masterKeyId, new Date().toISOString());
        const stored = this.db.prepare('SELECT wrapped FROM wrapped_keys WHERE person_id = ?').pluck().get(personId) as Buffer;
        return { wrapped: stored, forgotten: false };
      })
      .immediate();
  }

  protected async remove(personId: string, at: Date): Promise<void> {
    this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM wrapped_keys WHERE person_id = ?').run(personId);
        this.db.prepare('INSERT OR IGNORE INTO forgotten_people (person_id, forgotten_at) VALUES (?, ?)').run(personId, at.toISOString());
      })
      .immediate();
    // Every call checks, also a repeated one: the first may have been answered "incomplete".
    const deadline = Date.now() + this.eraseWithinMs;
    for (;;) {
      if (this.checkpoint()) return;
      if (Date.now() >= deadline) throw new ForgetIncompleteError();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Copies every WAL frame into the main file and truncates the WAL to nothing. True only when that
   * fully happened: SQLite reports busy=0 and the -wal file is empty. Waits at most a few milliseconds
   * for other connections (they may hold an old snapshot for as long as they like).
   */
  private checkpoint(): boolean {
    this.db.pragma('busy_timeout = 20');
    try {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
      return result.busy === 0 && this.walBytes() === 0;
    } finally {
      this.db.pragma('busy_timeout = 5000');
    }
  }

  private walBytes(): number {
    try {
      return statSync(`${this.options.file}-wal`).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
  }

  async isForgotten(personId: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM forgotten_people WHERE person_id = ?').get(personId) !== undefined;
  }

  async forgottenCheckpoint(): Promise<string | undefined> {
    return this.db.prepare("SELECT value FROM key_store_meta WHERE name = 'forgotten_checkpoint'").pluck().get() as string | undefined;
  }

  async saveForgottenCheckpoint(position: string): Promise<void> {
    this.db
      .prepare("INSERT INTO key_store_meta (name, value) VALUES ('forgotten_checkpoint', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value")
      .run(position);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /**
   * For offline tools that write a log without the app (the benchmarks' generator): makes the key of a
   * person being registered, synchronously. The app itself uses `create`.
   */
  createSync(personId: string): Buffer {
    const candidate = this.wrapper.newKey(personId);
    const stored = this.insertSync(personId, candidate.wrapped);
    if (!stored.wrapped) throw new Error('The person was forgotten');
    const key = stored.wrapped.equals(candidate.wrapped) ? candidate.key : this.wrapper.unwrap(personId, stored.wrapped);
    this.remember(personId, key);
    return key;
  }

  protected override readThrough(personId: string): Buffer | null | undefined {
    if (!this.options.readThrough) return undefined;
    const wrapped = this.db.prepare('SELECT wrapped FROM wrapped_keys WHERE person_id = ?').pluck().get(personId) as Buffer | undefined;
    const key = wrapped ? this.wrapper.unwrap(personId, wrapped) : null;
    this.remember(personId, key);
    return key;
  }
}
