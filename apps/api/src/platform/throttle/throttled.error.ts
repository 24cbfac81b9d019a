import { ThrottleRule } from './throttle-policy';

/** Too many failed attempts: 429 with Retry-After (whole seconds) and the rule that refused it. */
export class Throttled extends Error {
  constructor(
    readonly rule: ThrottleRule,
    readonly retryAfterSeconds: number,
  ) {
    super(
      rule === 'auth.too_many_attempts'
        ? `Too many failed logins for this username from this address; try again in ${retryAfterSeconds} seconds`
        : `Too many failed attempts from this address; try again in ${retryAfterSeconds} seconds`,
    );
  }
}
