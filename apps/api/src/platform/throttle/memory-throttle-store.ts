import { checkWrites, ThrottleDecision, ThrottleRow, ThrottleRows, ThrottleStore } from './throttle-store.port';

/** For unit tests: one process, forgotten on exit. `decide` is synchronous, so each update is atomic. */
export class MemoryThrottleStore implements ThrottleStore {
  private readonly rows = new Map<string, ThrottleRow>();

  async update<T>(keys: readonly string[], now: number, decide: (rows: ThrottleRows) => ThrottleDecision<T>): Promise<T> {
    const live = new Map<string, ThrottleRow>();
    for (const key of keys) {
      const row = this.rows.get(key);
      if (row && row.expiresAt > now) live.set(key, row);
      else this.rows.delete(key);
    }
    const { result, writes } = decide(live);
    checkWrites(keys, writes);
    for (const [key, row] of writes) {
      if (row) this.rows.set(key, { data: { ...row.data }, expiresAt: row.expiresAt });
      else this.rows.delete(key);
    }
    return result;
  }

  async close(): Promise<void> {}
}
