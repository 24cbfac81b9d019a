import { ThrottleDecision, ThrottleRow, ThrottleRows } from './throttle-store.port';

/**
 * How failed logins are slowed, as pure functions over the store's rows (no clock, no I/O).
 *
 * Two rules, both keyed on the client's address so that nobody elsewhere can lock the real user out:
 * - per (address, username): a few free failures, then a wait that doubles with every further failure
 *   (1 s, 2 s, 4 s … up to 15 minutes), cleared by a successful login;
 * - per address, across all usernames: a budget of failures that refills slowly (a token bucket), so
 *   one client cannot try one password on many accounts either. /setup spends the same budget.
 *
 * An attempt is charged when it begins, before the password is checked, and refunded when it
 * succeeds: a burst of parallel guesses cannot all pass the check before the first failure counts.
 */
export interface ThrottlePolicy {
  /** Failures per (address, username) with no wait after them. */
  readonly freeFailures: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** A quiet (address, username) is forgotten after this long. */
  readonly pairMemoryMs: number;
  /** Failures one address may spend at once across usernames… */
  readonly addressBudget: number;
  /** …and how fast one more comes back. */
  readonly addressRefillMs: number;
}

export const LOGIN_THROTTLE_POLICY: ThrottlePolicy = {
  freeFailures: 3,
  backoffBaseMs: 1_000,
  backoffMaxMs: 15 * 60_000,
  pairMemoryMs: 24 * 60 * 60_000,
  addressBudget: 20,
  addressRefillMs: 30_000,
};

export const THROTTLE_RULES = ['auth.too_many_attempts', 'auth.too_many_from_address'] as const;
export type ThrottleRule = (typeof THROTTLE_RULES)[number];

export interface Refusal {
  readonly rule: ThrottleRule;
  readonly retryAfterMs: number;
}

/** The rows one attempt touches: the address's budget and, for a login, the (address, username) pair. */
export interface AttemptKeys {
  readonly address: string;
  readonly pair?: string;
}

export const keysOf = (k: AttemptKeys): string[] => (k.pair ? [k.address, k.pair] : [k.address]);

/** The wait after `failures` failures of one (address, username). */
export function backoffMs(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.backoffBaseMs * 2 ** (failures - policy.freeFailures), policy.backoffMaxMs);
}

/** The address's budget at `now`: what was left, plus what has come back since. */
function budgetAt(row: ThrottleRow | undefined, now: number, policy: ThrottlePolicy): number {
  if (!row) return policy.addressBudget;
  return Math.min(policy.addressBudget, row.data.tokens + Math.max(0, now - row.data.at) / policy.addressRefillMs);
}

function budgetRow(tokens: number, now: number, policy: ThrottlePolicy): ThrottleRow | null {
  if (tokens >= policy.addressBudget) return null;
  // Once the budget is full again the row says nothing a missing row would not.
  return { data: { tokens, at: now }, expiresAt: now + (policy.addressBudget - tokens) * policy.addressRefillMs };
}

/** Refuses the attempt (with the longest wait) or charges it to every rule. */
export function beginAttempt(rows: ThrottleRows, keys: AttemptKeys, now: number, policy: ThrottlePolicy): ThrottleDecision<Refusal | undefined> {
  const refusals: Refusal[] = [];
  const pair = keys.pair ? rows.get(keys.pair) : undefined;
  if (pair && now < pair.data.blockedUntil) refusals.push({ rule: 'auth.too_many_attempts', retryAfterMs: pair.data.blockedUntil - now });
  const budget = budgetAt(rows.get(keys.address), now, policy);
  if (budget < 1) refusals.push({ rule: 'auth.too_many_from_address', retryAfterMs: Math.ceil((1 - budget) * policy.addressRefillMs) });
  if (refusals.length > 0) {
    return { result: refusals.reduce((a, b) => (b.retryAfterMs > a.retryAfterMs ? b : a)), writes: new Map() };
  }
  const writes = new Map<string, ThrottleRow | null>([[keys.address, budgetRow(budget - 1, now, policy)]]);
  if (keys.pair) {
    const failures = (pair?.data.failures ?? 0) + 1;
    const wait = backoffMs(failures, policy);
    // A free failure blocks nothing (0, not `now`): `now` is read before the store serialises the
    // attempts, so a concurrent attempt (or another instance) can hold a reading a few milliseconds
    // older, and `now < now'` must not refuse it.
    const blockedUntil = wait > 0 ? now + wait : 0;
    writes.set(keys.pair, { data: { failures, blockedUntil }, expiresAt: Math.max(now, blockedUntil) + policy.pairMemoryMs });
  }
  return { result: undefined, writes };
}

/** A successful attempt: its charge comes back and the pair starts again from nothing. */
export function attemptSucceeded(rows: ThrottleRows, keys: AttemptKeys, now: number, policy: ThrottlePolicy): ThrottleDecision<void> {
  const writes = new Map<string, ThrottleRow | null>([
    [keys.address, budgetRow(Math.min(policy.addressBudget, budgetAt(rows.get(keys.address), now, policy) + 1), now, policy)],
  ]);
  if (keys.pair) writes.set(keys.pair, null);
  return { result: undefined, writes };
}
