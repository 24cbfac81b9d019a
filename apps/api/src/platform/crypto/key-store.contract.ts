import { randomUUID } from 'node:crypto';
import { KeyNotLoadedError, KeyStore, MasterKeyMismatchError, PersonForgottenError } from './key-store.port';

/** What each adapter's spec provides so that one contract runs against it. */
export interface KeyStoreHarness {
  /** A store on the shared storage, as one more app instance (or a restart) would open it. */
  open(masterKey?: string): Promise<KeyStore>;
  /** The person's key as the storage holds it (wrapped), read around the store; undefined when none. */
  storedKey(personId: string): Promise<Buffer | undefined>;
  /** Everything the storage holds, as an operator's copy would (the files; a dump of the tables). */
  rawBytes(): Promise<Buffer>;
  /** A backup by the storage's own tool, and its restore (every store closed first). */
  backup(): Promise<string>;
  restore(backup: string): Promise<void>;
  /** The store tells other instances about a forget itself (PostgreSQL NOTIFY). */
  readonly notifiesOtherInstances: boolean;
  close(): Promise<void>;
}

export const CONTRACT_MASTER_KEY = 'the master key of the key-store contract tests';

function holds(bytes: Buffer, secret: Buffer): boolean {
  return bytes.includes(secret) || bytes.includes(Buffer.from(secret.toString('hex'))) || bytes.includes(Buffer.from(secret.toString('base64')));
}

async function until(condition: () => boolean, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/**
 * The key-store contract: every adapter (SQLite, PostgreSQL) passes it. `start` makes fresh storage
 * for each test.
 */
export function keyStoreContract(name: string, start: () => Promise<KeyStoreHarness>): void {
  describe(`key store contract: ${name}`, () => {
    let harness: KeyStoreHarness;
    const open: KeyStore[] = [];
    const store = async (masterKey?: string) => {
      const s = await harness.open(masterKey);
      open.push(s);
      return s;
    };
    const closeAll = async () => {
      for (const s of open.splice(0)) await s.close();
    };

    beforeEach(async () => {
      harness = await start();
    });
    afterEach(async () => {
      await closeAll();
      await harness.close();
    });

    it('makes a key only at registration: keyFor never makes one, and a key must be loaded before use', async () => {
      const a = await store();
      const person = randomUUID();
      await a.load([person]);
      expect(a.existingKey(person)).toBeUndefined();
      expect(() => a.keyFor(person)).toThrow(PersonForgottenError);
      expect(await harness.storedKey(person)).toBeUndefined();

      expect(await a.create(person)).toBe('created');
      const key = a.keyFor(person);
      expect(key).toHaveLength(32);

      const b = await store();
      expect(() => b.keyFor(person)).toThrow(KeyNotLoadedError);
      expect(b.isLoaded(person)).toBe(false);
      await b.load([person]);
      expect(b.keyFor(person).equals(key)).toBe(true);
    });

    it('never makes a second key for a person, on any instance', async () => {
      const a = await store();
      const b = await store();
      const person = randomUUID();
      expect(await a.create(person)).toBe('created');
      const key = a.keyFor(person);
      const stored = await harness.storedKey(person);
      expect(await a.create(person)).toBe('exists');
      expect(await b.create(person)).toBe('exists');
      expect(b.keyFor(person).equals(key)).toBe(true);
      expect((await harness.storedKey(person))!.equals(stored!)).toBe(true);
    });

    it('agrees on one key when instances create it concurrently', async () => {
      const a = await store();
      const b = await store();
      const person = randomUUID();
      const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).create(person)));
      expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'exists')).toHaveLength(11);
      expect(a.keyFor(person).equals(b.keyFor(person))).toBe(true);
    });

    it('loads the keys of a whole batch in one call, the absent ones too', async () => {
      const a = await store();
      const people = Array.from({ length: 50 }, () => randomUUID());
      for (const p of people.slice(0, 40)) await a.create(p);
      const b = await store();
      await b.load(people);
      expect(people.slice(0, 40).every((p) => b.isLoaded(p))).toBe(true);
      expect(people.filter((p) => b.existingKey(p) !== undefined)).toHaveLength(40);
      expect(people.slice(0, 40).every((p) => b.keyFor(p).equals(a.keyFor(p)))).toBe(true);
    });

    it('asks again at the next load for a person it found without a key: one registered meanwhile elsewhere is found', async () => {
      const a = await store();
      const b = await store();
      const person = randomUUID();
      await b.load([person]);
      expect(b.existingKey(person)).toBeUndefined();
      expect(b.isLoaded(person)).toBe(false);
      await a.create(person);
      await b.load([person]);
      expect(b.keyFor(person).equals(a.keyFor(person))).toBe(true);
    });

    it('forgets: the key is deleted for good, and a forgotten person stays forgotten', async () => {
      const a = await store();
      const person = randomUUID();
      const other = randomUUID();
      await a.create(person);
      await a.create(other);
      const otherKey = a.keyFor(other);
      const wrapped = (await harness.storedKey(person))!;

      await a.forget(person, new Date('2026-11-22T10:00:00Z'));
      expect(a.existingKey(person)).toBeUndefined();
      expect(() => a.keyFor(person)).toThrow(PersonForgottenError);
      expect(await a.isForgotten(person)).toBe(true);
      expect(await harness.storedKey(person)).toBeUndefined();
      expect(holds(await harness.rawBytes(), wrapped)).toBe(false);

      // No new key, on this instance or another, now or after a restart; forgetting again is harmless.
      expect(await a.create(person)).toBe('forgotten');
      const b = await store();
      expect(await b.create(person)).toBe('forgotten');
      await b.load([person]);
      expect(b.existingKey(person)).toBeUndefined();
      await a.forget(person, new Date());
      await closeAll();
      const restarted = await store();
      expect(await restarted.isForgotten(person)).toBe(true);
      expect(await restarted.create(person)).toBe('forgotten');
      expect(await harness.storedKey(person)).toBeUndefined();
      await restarted.load([other]);
      expect(restarted.keyFor(other).equals(otherKey)).toBe(true);
    });

    it('evicts on another instance: a load already under way cannot bring the key back', async () => {
      const a = await store();
      const b = await store();
      const person = randomUUID();
      await a.create(person);
      await b.load([person]);
      expect(b.existingKey(person)).toBeDefined();
      const told: Array<string | undefined> = [];
      b.onForgotten((id) => told.push(id));

      await a.forget(person, new Date());
      if (harness.notifiesOtherInstances) {
        // The store announces it (NOTIFY): B drops the key by itself, within a second.
        expect(await until(() => b.existingKey(person) === undefined, 1000)).toBe(true);
        expect(told).toContain(person);
      } else {
        // The log announces it (PersonForgotten, see ForgottenPeopleFollower): B is told to evict.
        expect(b.existingKey(person)).toBeDefined();
        b.evict(person);
        expect(b.existingKey(person)).toBeUndefined();
      }

      const c = await store();
      const racing = randomUUID();
      await a.create(racing);
      const loading = c.load([racing]);
      c.evict(racing);
      await loading;
      expect(c.existingKey(racing)).toBeUndefined();
    });

    it('keeps keys wrapped at rest: a copy of the storage alone reveals no key, and another master key opens nothing', async () => {
      const a = await store();
      const people = Array.from({ length: 5 }, () => randomUUID());
      for (const p of people) await a.create(p);
      const bytes = await harness.rawBytes();
      expect(bytes.length).toBeGreaterThan(0);
      for (const p of people) {
        const stored = (await harness.storedKey(p))!;
        expect(holds(bytes, stored)).toBe(true); // the wrapped key is there...
        expect(holds(bytes, a.keyFor(p))).toBe(false); // ...the key itself is not
        expect(stored.includes(a.keyFor(p))).toBe(false);
      }
      await expect(store('another master key, of at least thirty-two characters')).rejects.toThrow(MasterKeyMismatchError);
    });

    it('a restore brings back what the backup held; re-applying the forgotten list forgets them again', async () => {
      const a = await store();
      const forgotten = randomUUID();
      const kept = randomUUID();
      const later = randomUUID();
      await a.create(forgotten);
      await a.create(kept);
      const keptKey = a.keyFor(kept);
      await a.saveForgottenCheckpoint('position-before-the-forget');
      const backup = await harness.backup();

      await a.forget(forgotten, new Date());
      await a.create(later);
      await a.saveForgottenCheckpoint('position-after-the-forget');
      await closeAll();
      await harness.restore(backup);

      const restored = await store();
      // The backup's checkpoint: the follower of the log re-applies every forget recorded after it.
      expect(await restored.forgottenCheckpoint()).toBe('position-before-the-forget');
      await restored.load([forgotten, kept, later]);
      expect(restored.existingKey(forgotten)).toBeDefined();
      expect(restored.existingKey(later)).toBeUndefined(); // made after the backup: lost with it
      await restored.forget(forgotten, new Date());
      expect(await restored.isForgotten(forgotten)).toBe(true);
      expect(await harness.storedKey(forgotten)).toBeUndefined();
      expect(restored.keyFor(kept).equals(keptKey)).toBe(true);
      await restored.saveForgottenCheckpoint('position-after-the-forget');
      expect(await restored.forgottenCheckpoint()).toBe('position-after-the-forget');
    });
  });
}
