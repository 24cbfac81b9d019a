import { ThrottleRow, ThrottleStore } from './throttle-store.port';

export interface ThrottleStoreUnderTest {
  /** The store under test. */
  readonly store: ThrottleStore;
  /** A second store on the same data (another connection, or another instance's view): the same for memory. */
  readonly other: ThrottleStore;
  /** A new store on the same data after closing `store`, when the adapter is durable. */
  reopen?(): Promise<ThrottleStore>;
  close(): Promise<void>;
}

const row = (n: number, expiresAt = 10_000_000): ThrottleRow => ({ data: { n }, expiresAt });
const read = (store: ThrottleStore, key: string, now = 1_000) => store.update([key], now, (rows) => ({ result: rows.get(key), writes: new Map() }));
const write = (store: ThrottleStore, key: string, value: ThrottleRow | null, now = 1_000) =>
  store.update([key], now, () => ({ result: undefined, writes: new Map([[key, value]]) }));
/** Adds one to `key` the way the policy does: read, decide, write, in one update. */
const increment = (store: ThrottleStore, key: string) =>
  store.update([key], 1_000, (rows) => ({ result: undefined, writes: new Map([[key, row((rows.get(key)?.data.n ?? 0) + 1)]]) }));

/**
 * What every throttle store must do, run against memory, SQLite and PostgreSQL. `open` gives a fresh,
 * empty store each time; a test that writes uses keys of its own.
 */
export function throttleStoreContract(name: string, open: () => Promise<ThrottleStoreUnderTest>, options: { durable: boolean }): void {
  describe(`${name} throttle store (contract)`, () => {
    let t: ThrottleStoreUnderTest;
    beforeEach(async () => (t = await open()));
    afterEach(() => t.close());

    it('has no row for a key never written, and returns what was written', async () => {
      expect(await read(t.store, 'never')).toBeUndefined();
      await write(t.store, 'a', { data: { tokens: 2.5, at: 1_234 }, expiresAt: 99_000 });
      expect(await read(t.store, 'a')).toEqual({ data: { tokens: 2.5, at: 1_234 }, expiresAt: 99_000 });
    });

    it('deletes a key written as null', async () => {
      await write(t.store, 'gone', row(1));
      await write(t.store, 'gone', null);
      expect(await read(t.store, 'gone')).toBeUndefined();
    });

    it('hides a row from the moment it expires, and a write brings the key back', async () => {
      await write(t.store, 'short', row(1, 5_000));
      expect(await read(t.store, 'short', 4_999)).toEqual(row(1, 5_000));
      expect(await read(t.store, 'short', 5_000)).toBeUndefined();
      await write(t.store, 'short', row(2, 9_000), 6_000);
      expect(await read(t.store, 'short', 6_000)).toEqual(row(2, 9_000));
    });

    it('gives the decision the rows of every key it names, and writes several keys at once', async () => {
      await write(t.store, 'x', row(1));
      const seen = await t.store.update(['x', 'y'], 1_000, (rows) => ({
        result: [...rows.keys()],
        writes: new Map([
          ['x', null],
          ['y', row(7)],
        ]),
      }));
      expect(seen).toEqual(['x']);
      expect(await read(t.store, 'x')).toBeUndefined();
      expect(await read(t.store, 'y')).toEqual(row(7));
    });

    it('writes nothing when the decision throws, and passes its error on', async () => {
      await write(t.store, 'keep', row(1));
      await expect(
        t.store.update(['keep'], 1_000, () => {
          throw new RangeError('policy failed');
        }),
      ).rejects.toThrow(RangeError);
      expect(await read(t.store, 'keep')).toEqual(row(1));
    });

    it('refuses a decision that writes a key it did not name, and writes none of it', async () => {
      await expect(
        t.store.update(['mine'], 1_000, () => ({
          result: undefined,
          writes: new Map([
            ['mine', row(1)],
            ['theirs', row(1)],
          ]),
        })),
      ).rejects.toThrow(/did not read/);
      expect(await read(t.store, 'mine')).toBeUndefined();
      expect(await read(t.store, 'theirs')).toBeUndefined();
    });

    it('loses no increment when two stores on the same data update one key at the same time', async () => {
      await Promise.all(Array.from({ length: 40 }, (_, i) => increment(i % 2 ? t.other : t.store, 'counter')));
      expect((await read(t.store, 'counter'))?.data.n).toBe(40);
      expect((await read(t.other, 'counter'))?.data.n).toBe(40);
    });

    it('moves between two keys in either order without losing a unit or deadlocking', async () => {
      await t.store.update(['left', 'right'], 1_000, () => ({
        result: undefined,
        writes: new Map([
          ['left', row(50)],
          ['right', row(50)],
        ]),
      }));
      const move = (store: ThrottleStore, from: string, to: string) =>
        store.update([from, to], 1_000, (rows) => ({
          result: undefined,
          writes: new Map([
            [from, row(rows.get(from)!.data.n - 1)],
            [to, row(rows.get(to)!.data.n + 1)],
          ]),
        }));
      await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? move(t.other, 'left', 'right') : move(t.store, 'right', 'left'))));
      const [left, right] = [await read(t.store, 'left'), await read(t.store, 'right')];
      expect(left!.data.n + right!.data.n).toBe(100);
      expect(left!.data.n).toBe(50);
    });

    if (options.durable) {
      it('keeps its rows when the store is closed and opened again (an app restart)', async () => {
        await write(t.store, 'durable', row(3));
        const reopened = await t.reopen!();
        try {
          expect(await read(reopened, 'durable')).toEqual(row(3));
        } finally {
          await reopened.close();
        }
      });
    }
  });
}
