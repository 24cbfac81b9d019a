import { Clock } from '../clock';
import { ClaimKeys } from '../auth/claim-keys';
import { AppConfig } from '../config/app-config';
import { LoginThrottle } from './login-throttle';
import { MemoryThrottleStore } from './memory-throttle-store';
import { backoffMs, LOGIN_THROTTLE_POLICY } from './throttle-policy';
import { Throttled } from './throttled.error';

class FakeClock extends Clock {
  at = Date.parse('2026-05-01T08:00:00Z');
  now(): Date {
    return new Date(this.at);
  }
}

const claimKeys = new ClaimKeys({ claimKeySecret: 'k'.repeat(32), dataDir: '/nonexistent' } as AppConfig);
const policy = LOGIN_THROTTLE_POLICY;

/** One login that fails (wrong password): the throttle's view of it. */
async function fail(throttle: LoginThrottle, address: string, username?: string): Promise<Throttled | undefined> {
  try {
    await throttle.begin(address, username);
    return undefined;
  } catch (error) {
    if (error instanceof Throttled) return error;
    throw error;
  }
}

describe('the login throttle', () => {
  let clock: FakeClock;
  let store: MemoryThrottleStore;
  let throttle: LoginThrottle;
  beforeEach(() => {
    clock = new FakeClock();
    store = new MemoryThrottleStore();
    throttle = new LoginThrottle(store, claimKeys, clock, policy);
  });

  it('slows 60 usernames tried from one address at once: the budget passes, the rest wait for it to refill', async () => {
    const outcomes = await Promise.all(Array.from({ length: 60 }, (_, i) => fail(throttle, '203.0.113.9', `user${i}`)));
    const refused = outcomes.filter((o) => o !== undefined);
    expect(60 - refused.length).toBe(policy.addressBudget);
    expect(new Set(refused.map((r) => r!.rule))).toEqual(new Set(['auth.too_many_from_address']));
    expect(refused[0]!.retryAfterSeconds).toBe(policy.addressRefillMs / 1000);
    // One attempt more comes back per refill interval, not the whole budget.
    clock.at += policy.addressRefillMs;
    expect(await fail(throttle, '203.0.113.9', 'user60')).toBeUndefined();
    expect((await fail(throttle, '203.0.113.9', 'user61'))?.rule).toBe('auth.too_many_from_address');
  });

  it('backs off one (address, username) exponentially, while the real user logs in from another address', async () => {
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const refused = await fail(throttle, '198.51.100.7', 'kari');
      if (refused) {
        expect(refused.rule).toBe('auth.too_many_attempts');
        waits.push(refused.retryAfterSeconds);
        clock.at += refused.retryAfterSeconds * 1000;
        expect(await fail(throttle, '198.51.100.7', 'kari')).toBeUndefined();
      }
    }
    // Three free failures, then 1 s, 2 s, 4 s, … before each next try.
    expect(waits).toEqual([1, 2, 4, 8, 16]);
    const real = await throttle.begin('192.0.2.44', 'kari');
    await real.succeeded();
    expect((await fail(throttle, '198.51.100.7', 'kari'))?.rule).toBe('auth.too_many_attempts');
  });

  it('caps the wait at 15 minutes', () => {
    expect(backoffMs(policy.freeFailures, policy)).toBe(1_000);
    expect(backoffMs(1_000, policy)).toBe(15 * 60_000);
  });

  it('clears the pair on success, so a user who mistypes twice now and then is never made to wait', async () => {
    for (let day = 0; day < 5; day++) {
      expect(await fail(throttle, '192.0.2.44', 'kari')).toBeUndefined();
      expect(await fail(throttle, '192.0.2.44', 'kari')).toBeUndefined();
      await (await throttle.begin('192.0.2.44', 'kari')).succeeded();
    }
  });

  it('gives a successful login its charge back, so many colleagues behind one address can all log in', async () => {
    for (let i = 0; i < policy.addressBudget - 1; i++) expect(await fail(throttle, '192.0.2.1', `typo${i}`)).toBeUndefined();
    for (let i = 0; i < 50; i++) await (await throttle.begin('192.0.2.1', `colleague${i}`)).succeeded();
    expect(await fail(throttle, '192.0.2.1', 'one.more.typo')).toBeUndefined();
    expect((await fail(throttle, '192.0.2.1', 'and.another'))?.rule).toBe('auth.too_many_from_address');
  });

  it('lets a burst of parallel guesses for one (address, username) through only up to the free failures', async () => {
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => fail(throttle, '198.51.100.7', 'kari')));
    expect(outcomes.filter((o) => o === undefined)).toHaveLength(policy.freeFailures);
  });

  it('does not refuse a free failure whose clock reading is older than the one before it (readings are taken before the store serialises)', async () => {
    expect(await fail(throttle, '198.51.100.8', 'kari')).toBeUndefined();
    clock.at -= 5; // a concurrent attempt read the clock first but reached the store second
    expect(await fail(throttle, '198.51.100.8', 'kari')).toBeUndefined();
    clock.at += 10;
    expect(await fail(throttle, '198.51.100.8', 'kari')).toBeUndefined();
    expect((await fail(throttle, '198.51.100.8', 'kari'))?.rule).toBe('auth.too_many_attempts');
  });

  it('keeps neither address nor username as typed in the store', async () => {
    const keys: string[] = [];
    const spy = jest.spyOn(store, 'update').mockImplementation(async (k) => (keys.push(...k), undefined as never));
    await throttle.begin('198.51.100.7', 'kari.nordmann');
    spy.mockRestore();
    expect(keys).toHaveLength(2);
    expect(keys.join()).not.toMatch(/198\.51|kari/);
  });
});
