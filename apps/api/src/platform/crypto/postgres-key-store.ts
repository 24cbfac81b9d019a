import { Client, DatabaseError, Pool, PoolClient } from 'pg';
import { CachedKeyStore, StoredKey } from './cached-key-store';
import { KeyWrapper } from './key-wrapping';
import { KeyStoreUnavailableError, MasterKeyMismatchError } from './key-store.port';

export interface PostgresKeyStoreOptions {
  readonly connectionString: string;
  readonly wrapper: KeyWrapper;
  readonly cacheSize?: number;
  /** Operational messages (no personal data): a lost notification connection, a late start. */
  readonly log?: (message: string) => void;
}

/** NOTIFY channel on which a forget is announced to every instance; the payload is the person's id. */
export const FORGOTTEN_CHANNEL = 'rop_person_forgotten';
/** First half of every advisory lock this store takes ("keys"), so its locks meet no one else's. */
const LOCK_CLASS = 0x6b657973;

/**
 * The key store shared by several app instances: PostgreSQL, keys wrapped by a master key that is
 * given to every instance (KEY_MASTER_KEY or KEY_MASTER_KEY_FILE) and never stored in the database, so
 * a dump of the table, a replica or a backup alone reveals no key.
 *
 * Creating and forgetting one person take the same transaction-scoped advisory lock, so a key can
 * never be made for someone being forgotten. A forget deletes the row and records the person as
 * forgotten in one transaction, and announces it with NOTIFY (delivered at commit): every instance
 * LISTENs and evicts the key and the folded states from its memory at once. PostgreSQL keeps the old
 * row version until VACUUM, and in its WAL and backups: the README says what that means.
 */
export class PostgresKeyStore extends CachedKeyStore {
  private readonly pool: Pool;
  private ready?: Promise<void>;
  private listener?: Client;
  private listenRetryMs = 100;
  private missedNotifications = false;
  private closed = false;

  private constructor(private readonly options: PostgresKeyStoreOptions) {
    super(options.wrapper, options.cacheSize);
    this.pool = new Pool({ connectionString: options.connectionString, max: 5, connectionTimeoutMillis: 5000 });
    // An idle connection that drops must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  /**
   * Connects, creates the tables and checks the master key. A server that does not answer yet is no
   * reason not to start: the store is then unavailable (503) until it answers. A wrong master key is:
   * it throws MasterKeyMismatchError.
   */
  static async open(options: PostgresKeyStoreOptions): Promise<PostgresKeyStore> {
    const store = new PostgresKeyStore(options);
    try {
      await store.ensureReady();
    } catch (error) {
      if (!(error instanceof KeyStoreUnavailableError)) {
        await store.close();
        throw error;
      }
      options.log?.('The PostgreSQL key store does not answer yet; commands and reads of personal data wait for it (503)');
      void store.listen();
      return store;
    }
    // Listening before the first key is loaded: a forget announced between a load and a LISTEN set up
    // later would be missed, and the key kept in this instance's memory.
    await store.listen();
    return store;
  }

  private ensureReady(): Promise<void> {
    this.ready ??= this.initialise().catch((error) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async initialise(): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_CLASS]);
      await client.query(`
        CREATE TABLE IF NOT EXISTS person_keys (person_id text PRIMARY KEY, wrapped bytea NOT NULL, master_key_id text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE IF NOT EXISTS forgotten_people (person_id text PRIMARY KEY, forgotten_at timestamptz NOT NULL);
        CREATE TABLE IF NOT EXISTS key_store_meta (name text PRIMARY KEY, value text NOT NULL);`);
      await client.query("INSERT INTO key_store_meta (name, value) VALUES ('master_key_id', $1) ON CONFLICT (name) DO NOTHING", [this.wrapper.masterKeyId]);
      const meta = await client.query<{ value: string }>("SELECT value FROM key_store_meta WHERE name = 'master_key_id'");
      const rows = await client.query<{ id: string }>('SELECT DISTINCT master_key_id AS id FROM person_keys');
      const stored = [...new Set([meta.rows[0].value, ...rows.rows.map((r) => r.id)])];
      if (stored.some((id) => id !== this.wrapper.masterKeyId)) throw new MasterKeyMismatchError(stored, this.wrapper.masterKeyId);
    });
  }

  protected async fetch(personIds: readonly string[]): Promise<Map<string, StoredKey>> {
    const result = await this.query<{ person_id: string; wrapped: Buffer | null; forgotten: boolean }>(
      `SELECT p.id AS person_id, k.wrapped, f.person_id IS NOT NULL AS forgotten
         FROM unnest($1::text[]) AS p(id)
         LEFT JOIN person_keys k ON k.person_id = p.id
         LEFT JOIN forgotten_people f ON f.person_id = p.id`,
      [personIds],
    );
    return new Map(result.rows.map((r) => [r.person_id, { wrapped: r.wrapped, forgotten: r.forgotten }]));
  }

  protected async insert(personId: string, wrapped: Buffer): Promise<StoredKey> {
    return this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS, personId]);
      const forgotten = await client.query('SELECT 1 FROM forgotten_people WHERE person_id = $1', [personId]);
      if (forgotten.rowCount) return { wrapped: null, forgotten: true };
      await client.query('INSERT INTO person_keys (person_id, wrapped, master_key_id) VALUES ($1, $2, $3) ON CONFLICT (person_id) DO NOTHING', [
        personId,
        wrapped,
        this.wrapper.masterKeyId,
      ]);
      const stored = await client.query<{ wrapped: Buffer }>('SELECT wrapped FROM person_keys WHERE person_id = $1', [personId]);
      return { wrapped: stored.rows[0].wrapped, forgotten: false };
    });
  }

  protected async remove(personId: string, at: Date): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS, personId]);
      await client.query('DELETE FROM person_keys WHERE person_id = $1', [personId]);
      await client.query('INSERT INTO forgotten_people (person_id, forgotten_at) VALUES ($1, $2) ON CONFLICT (person_id) DO NOTHING', [personId, at]);
      await client.query('SELECT pg_notify($1, $2)', [FORGOTTEN_CHANNEL, personId]);
    });
  }

  async isForgotten(personId: string): Promise<boolean> {
    return ((await this.query('SELECT 1 FROM forgotten_people WHERE person_id = $1', [personId])).rowCount ?? 0) > 0;
  }

  async forgottenCheckpoint(): Promise<string | undefined> {
    const result = await this.query<{ value: string }>("SELECT value FROM key_store_meta WHERE name = 'forgotten_checkpoint'");
    return result.rows[0]?.value;
  }

  async saveForgottenCheckpoint(position: string): Promise<void> {
    await this.query("INSERT INTO key_store_meta (name, value) VALUES ('forgotten_checkpoint', $1) ON CONFLICT (name) DO UPDATE SET value = excluded.value", [
      position,
    ]);
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }

  /**
   * One connection LISTENs for forgets on every instance. When it drops, notifications may be lost
   * until it is back: then every cached key is dropped (they are loaded again on next use) and the
   * listeners are told that anyone may have been forgotten.
   */
  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: this.options.connectionString, connectionTimeoutMillis: 5000 });
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (this.listener === client) this.listener = undefined;
      this.missedNotifications = true;
      void client.end().catch(() => undefined);
      if (this.closed) return;
      this.options.log?.('Lost the key store notification connection; reconnecting');
      setTimeout(() => void this.listen(), this.listenRetryMs).unref();
      this.listenRetryMs = Math.min(this.listenRetryMs * 2, 5000);
    };
    client.on('error', onLost);
    client.on('end', onLost);
    client.on('notification', (message) => {
      if (message.channel === FORGOTTEN_CHANNEL && message.payload) this.forgottenElsewhere(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${FORGOTTEN_CHANNEL}`);
    } catch {
      onLost();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    this.listenRetryMs = 100;
    if (this.missedNotifications) {
      this.missedNotifications = false;
      this.forgottenElsewhere(undefined);
    }
  }

  private async query<R extends object = Record<string, unknown>>(sql: string, params: unknown[] = []) {
    await this.ensureReady();
    try {
      return await this.pool.query<R>(sql, params);
    } catch (error) {
      throw unavailableOr(error);
    }
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw unavailableOr(error);
    }
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw unavailableOr(error);
    } finally {
      client.release();
    }
  }
}

/**
 * Connection failures and a server shutting down or out of resources are "unavailable" (503, retry);
 * any other database error is a bug and stays what it is.
 */
function unavailableOr(error: unknown): unknown {
  if (error instanceof KeyStoreUnavailableError || error instanceof MasterKeyMismatchError) return error;
  if (error instanceof DatabaseError) {
    const code = error.code ?? '';
    return /^(08|53|57P|58)/.test(code) ? new KeyStoreUnavailableError(code) : error;
  }
  // Node's socket errors may come from another realm (a test's VM context): read them by shape.
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  if (
    /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE|Connection terminated|timeout exceeded when trying to connect/i.test(
      `${code ?? ''} ${message ?? ''}`,
    )
  ) {
    return new KeyStoreUnavailableError(typeof code === 'string' ? code : undefined);
  }
  return error;
}
