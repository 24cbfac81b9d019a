/**
 * Where the login throttle keeps its counters. Several app instances must see one state (else an
 * attacker gets the budget once per instance), so the policy (throttle-policy.ts) is pure and a store
 * only has to run it atomically: SQLite in DATA_DIR for one instance, PostgreSQL for several, memory in
 * unit tests. One contract (throttle-store.contract.ts) holds all three to the same behaviour.
 */
export interface ThrottleRow {
  /** The policy's numbers for this key (counters, times in ms). */
  readonly data: Readonly<Record<string, number>>;
  /** Epoch ms after which the row means nothing: a store hides it and may delete it. */
  readonly expiresAt: number;
}

export type ThrottleRows = ReadonlyMap<string, ThrottleRow>;

/** What a decision writes: a row to store under its key, or null to delete the key. */
export type ThrottleWrites = ReadonlyMap<string, ThrottleRow | null>;

export interface ThrottleDecision<T> {
  readonly result: T;
  readonly writes: ThrottleWrites;
}

export interface ThrottleStore {
  /**
   * Reads the live rows of `keys` (rows expired at `now` are left out), runs `decide` on them and
   * stores its writes, as one step: no other update of any of these keys, in this process or another
   * one on the same store, runs in between. `decide` is synchronous and may only write the given keys;
   * if it throws, nothing is written and the error is passed on.
   */
  update<T>(keys: readonly string[], now: number, decide: (rows: ThrottleRows) => ThrottleDecision<T>): Promise<T>;
  close(): Promise<void>;
}

export const THROTTLE_STORE = Symbol('THROTTLE_STORE');

/** The store cannot be reached (PostgreSQL down): logins fail closed with a 503, never unthrottled. */
export class ThrottleStoreUnavailable extends Error {
  constructor(cause?: unknown) {
    super('The login throttle store is unavailable', { cause });
    this.name = 'ThrottleStoreUnavailable';
  }
}

/** A decision wrote a key it was not given: a bug in the policy, refused before anything is stored. */
export function checkWrites(keys: readonly string[], writes: ThrottleWrites): void {
  const allowed = new Set(keys);
  for (const key of writes.keys()) if (!allowed.has(key)) throw new Error('A throttle decision wrote a key it did not read');
}
