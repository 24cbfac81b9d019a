import { createHash } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { checkWrites, ThrottleDecision, ThrottleRow, ThrottleRows, ThrottleStore, ThrottleStoreUnavailable } from './throttle-store.port';

const PURGE_EVERY_MS = 60_000;
/** The first key of the two-key advisory locks this store takes ('ROPT'), apart from anyone else's locks. */
const LOCK_SPACE = 0x524f5054;

/** A lock id per key: the same in every process, so two instances serialise on the same key. */
function lockId(key: string): number {
  return createHash('sha256').update(key, 'utf8').digest().readInt32BE(0);
}

/**
 * The throttle in PostgreSQL (DATABASE_URL), shared by every app instance on it. An update holds a
 * transaction-scoped advisory lock per key (taken in ascending id order, so two updates of the same
 * keys can never deadlock) while it reads, decides and writes; the locks go with the transaction,
 * also when the process dies.
 */
export class PostgresThrottleStore implements ThrottleStore {
  private readonly pool: Pool;
  private ready?: Promise<void>;
  private lastPurge = 0;

  constructor(connectionString: string) {
    this.pool = new Pool({ connectionString, max: 4, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
    // A connection that drops (a server restart) fails its query or is replaced on the next use; its
    // 'error' event, which can come after the query failed, must not crash the process.
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  async update<T>(keys: readonly string[], now: number, decide: (rows: ThrottleRows) => ThrottleDecision<T>): Promise<T> {
    await this.schema();
    const client = await this.connect();
    let decided = false;
    try {
      await client.query('BEGIN');
      const ids = [...new Set(keys.map(lockId))].sort((a, b) => a - b);
      for (const id of ids) await client.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [LOCK_SPACE, id]);
      const found = await client.query<{ key: string; data: Record<string, number>; expires_at: string }>(
        'SELECT key, data, expires_at FROM login_throttle WHERE key = ANY($1::text[]) AND expires_at > $2',
        [[...new Set(keys)], now],
      );
      const rows = new Map<string, ThrottleRow>(found.rows.map((r) => [r.key, { data: r.data, expiresAt: Number(r.expires_at) }]));
      decided = true;
      const { result, writes } = decide(rows);
      checkWrites(keys, writes);
      decided = false;
      for (const [key, row] of writes) {
        if (row) {
          await client.query(
            'INSERT INTO login_throttle (key, data, expires_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at',
            [key, JSON.stringify(row.data), Math.ceil(row.expiresAt)],
          );
        } else {
          await client.query('DELETE FROM login_throttle WHERE key = $1', [key]);
        }
      }
      await client.query('COMMIT');
      client.release();
      this.purgeIfDue(now);
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      // The policy's own errors pass through; anything from the database means it is out of reach.
      if (decided) throw error;
      throw new ThrottleStoreUnavailable(error);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async connect(): Promise<PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw new ThrottleStoreUnavailable(error);
    }
  }

  /** Creates the table once per process; under a lock, since concurrent CREATE IF NOT EXISTS can collide. */
  private schema(): Promise<void> {
    this.ready ??= (async () => {
      const client = await this.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1::int, 0)', [LOCK_SPACE]);
        await client.query('CREATE TABLE IF NOT EXISTS login_throttle (key TEXT PRIMARY KEY, data JSONB NOT NULL, expires_at BIGINT NOT NULL)');
        await client.query('CREATE INDEX IF NOT EXISTS login_throttle_expires_at ON login_throttle (expires_at)');
        await client.query('COMMIT');
        client.release();
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release(true);
        throw new ThrottleStoreUnavailable(error);
      }
    })().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private purgeIfDue(now: number): void {
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    this.pool.query('DELETE FROM login_throttle WHERE expires_at <= $1', [now]).catch(() => undefined);
  }
}
