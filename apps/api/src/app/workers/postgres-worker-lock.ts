import { Client } from 'pg';
import { WorkerLock } from './worker-lock.port';

/** The two keys of the advisory lock ('ROPW', 1): apart from the throttle's and anyone else's locks. */
const LOCK_SPACE = 0x524f5057;
const LOCK_ID = 1;

/**
 * A session advisory lock on a connection of its own. PostgreSQL holds it for as long as the session
 * lives, and ends the session when the process dies (the socket closes) or the connection breaks, so
 * a killed holder frees the lock with no lease to wait out.
 */
export class PostgresWorkerLock implements WorkerLock {
  readonly kind = 'postgres' as const;
  private client?: Client;
  private held = false;

  constructor(private readonly connectionString: string) {}

  async tryAcquire(): Promise<boolean> {
    if (this.held && (await this.verify())) return true;
    try {
      const client = await this.connection();
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::int, $2::int) AS locked', [LOCK_SPACE, LOCK_ID]);
      this.held = rows[0]?.locked === true;
      return this.held;
    } catch {
      await this.drop();
      return false;
    }
  }

  async verify(): Promise<boolean> {
    if (!this.held || !this.client) return false;
    try {
      // The session's own lock, granted to this backend: gone if the session was ended or replaced.
      const { rows } = await this.client.query<{ held: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = $1::oid AND objid = $2::oid AND pid = pg_backend_pid() AND granted) AS held`,
        [LOCK_SPACE, LOCK_ID],
      );
      if (rows[0]?.held === true) return true;
    } catch {
      // the connection is gone: so is the lock
    }
    await this.drop();
    return false;
  }

  async release(): Promise<void> {
    if (this.held && this.client) await this.client.query('SELECT pg_advisory_unlock($1::int, $2::int)', [LOCK_SPACE, LOCK_ID]).catch(() => undefined);
    await this.drop();
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ connectionString: this.connectionString, connectionTimeoutMillis: 5_000 });
    // A dropped connection fails the next query (verify says lost); its late 'error' must not crash us.
    client.on('error', () => undefined);
    await client.connect();
    this.client = client;
    return client;
  }

  private async drop(): Promise<void> {
    this.held = false;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
