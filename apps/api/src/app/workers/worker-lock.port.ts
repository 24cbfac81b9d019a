/**
 * The lock that makes one app instance the active worker: the one that runs the background processes
 * (unit repair, the log sealer, the setup token) while the others serve HTTP only. A holder that dies,
 * however it dies, must not keep it, so another instance can take over.
 *
 * Adapters: PostgreSQL (a session advisory lock on a connection of its own, when DATABASE_URL is set:
 * the server drops the lock with the session when the process dies or its connection breaks), and the
 * embedded one for the single instance of the SQLite default, which always holds it.
 *
 * The lock is not a fence: between a holder losing its connection and noticing (at its next check) a
 * second instance may already hold it. Every background process is therefore also safe when two run at
 * once (idempotency keys, appends with an expected revision); the lock keeps them from doing the work
 * N times and makes the setup token one.
 */
export interface WorkerLock {
  readonly kind: 'postgres' | 'embedded';
  /** Tries once, without waiting: true when this instance holds the lock now (also when it already did). */
  tryAcquire(): Promise<boolean>;
  /** While held: whether it still is (its connection answers). False: lost; stop the work at once. */
  verify(): Promise<boolean>;
  /** Gives the lock up (shutdown); another instance may take it at its next try. */
  release(): Promise<void>;
}

export const WORKER_LOCK = Symbol('WORKER_LOCK');

/** The embedded default runs one instance per DATA_DIR (the CLI runs no background work): it always holds the lock. */
export class EmbeddedWorkerLock implements WorkerLock {
  readonly kind = 'embedded' as const;
  async tryAcquire(): Promise<boolean> {
    return true;
  }
  async verify(): Promise<boolean> {
    return true;
  }
  async release(): Promise<void> {}
}
