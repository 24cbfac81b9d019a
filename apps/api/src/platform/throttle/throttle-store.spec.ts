import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, TestPostgres } from '../../../../../test/support/postgres';
import { MemoryThrottleStore } from './memory-throttle-store';
import { PostgresThrottleStore } from './postgres-throttle-store';
import { SqliteThrottleStore } from './sqlite-throttle-store';
import { throttleStoreContract } from './throttle-store.contract';
import { ThrottleStoreUnavailable } from './throttle-store.port';

throttleStoreContract(
  'memory',
  async () => {
    const store = new MemoryThrottleStore();
    return { store, other: store, close: () => store.close() };
  },
  { durable: false },
);

throttleStoreContract(
  'SQLite',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rop-throttle-'));
    const file = join(dir, 'throttle.sqlite');
    let store = new SqliteThrottleStore(file);
    // A second connection to the same file, as the CLI or a restarted process would have.
    const other = new SqliteThrottleStore(file);
    return {
      get store() {
        return store;
      },
      other,
      async reopen() {
        await store.close();
        store = new SqliteThrottleStore(file);
        return new SqliteThrottleStore(file);
      },
      async close() {
        await store.close();
        await other.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { durable: true },
);

describe('PostgreSQL', () => {
  let pg: TestPostgres;
  let databases = 0;
  beforeAll(async () => (pg = await startPostgres()), 120_000);
  afterAll(() => pg?.stop());

  throttleStoreContract(
    'PostgreSQL',
    async () => {
      // A database per test: every test starts empty, as with the other adapters.
      const url = pg.createDatabase(`throttle_${++databases}`);
      let store = new PostgresThrottleStore(url);
      // Another pool: another app instance on the same database.
      const other = new PostgresThrottleStore(url);
      return {
        get store() {
          return store;
        },
        other,
        async reopen() {
          await store.close();
          store = new PostgresThrottleStore(url);
          return new PostgresThrottleStore(url);
        },
        async close() {
          await store.close();
          await other.close();
        },
      };
    },
    { durable: true },
  );

  it('says the store is unavailable (never lets an attempt through unchecked) when the server is out of reach, and recovers after a restart', async () => {
    const url = pg.createDatabase('throttle_outage');
    const store = new PostgresThrottleStore(url);
    try {
      const bump = () =>
        store.update(['k'], 1_000, (rows) => ({
          result: rows.get('k')?.data.n ?? 0,
          writes: new Map([['k', { data: { n: (rows.get('k')?.data.n ?? 0) + 1 }, expiresAt: 9e12 }]]),
        }));
      expect(await bump()).toBe(0);
      pg.restart();
      // The pool's idle connection died with the server: that update may fail, as unavailable, and the next one reconnects.
      const after = await bump().catch((error: unknown) => {
        expect(error).toBeInstanceOf(ThrottleStoreUnavailable);
        return bump();
      });
      expect(after).toBe(1);
    } finally {
      await store.close();
    }
    const unreachable = new PostgresThrottleStore(`postgres://postgres@127.0.0.1:1/none`);
    await expect(unreachable.update(['k'], 1_000, () => ({ result: 1, writes: new Map() }))).rejects.toThrow(ThrottleStoreUnavailable);
    await unreachable.close();
  }, 60_000);
});
