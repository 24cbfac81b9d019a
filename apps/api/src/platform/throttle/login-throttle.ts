import { Inject, Injectable, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Clock } from '../clock';
import { ClaimKeys } from '../auth/claim-keys';
import { AttemptKeys, attemptSucceeded, beginAttempt, keysOf, LOGIN_THROTTLE_POLICY, ThrottlePolicy } from './throttle-policy';
import { THROTTLE_STORE, ThrottleStore } from './throttle-store.port';
import { Throttled } from './throttled.error';

export const THROTTLE_POLICY = Symbol('THROTTLE_POLICY');

/** A begun attempt: call `succeeded()` when the credentials were right; a failure needs nothing more. */
export interface ThrottledAttempt {
  succeeded(): Promise<void>;
}

/**
 * The login and setup throttle (rules in throttle-policy.ts) over the configured store. Addresses and
 * usernames are stored only as keyed hashes (the claim key, shared by all instances), never as typed.
 */
@Injectable()
export class LoginThrottle implements OnApplicationShutdown {
  constructor(
    @Inject(THROTTLE_STORE) private readonly store: ThrottleStore,
    private readonly claimKeys: ClaimKeys,
    private readonly clock: Clock,
    @Optional() @Inject(THROTTLE_POLICY) private readonly policy: ThrottlePolicy = LOGIN_THROTTLE_POLICY,
  ) {}

  /** Charges an attempt from `address` (for `username`, when it is a login), or throws Throttled. */
  async begin(address: string, username?: string): Promise<ThrottledAttempt> {
    const keys: AttemptKeys = {
      address: `address:${this.claimKeys.opaque('throttle-address', address)}`,
      pair: username === undefined ? undefined : `pair:${this.claimKeys.opaque('throttle-pair', `${address}\n${username}`)}`,
    };
    const now = this.clock.now().getTime();
    const refused = await this.store.update(keysOf(keys), now, (rows) => beginAttempt(rows, keys, now, this.policy));
    if (refused) throw new Throttled(refused.rule, Math.max(1, Math.ceil(refused.retryAfterMs / 1000)));
    return {
      succeeded: () => {
        const at = this.clock.now().getTime();
        return this.store.update(keysOf(keys), at, (rows) => attemptSucceeded(rows, keys, at, this.policy));
      },
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
