import type { DomainError } from '@app/domain';

/** A domain rule refused the command: 422 with the rule's name, so forms can show it by the field. */
export class DomainRuleViolation extends Error {
  constructor(readonly error: DomainError) {
    super(error.message);
  }
}

/** The actor may not do this (role or facility scope): 403. */
export class AccessDenied extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * A read outside the reader's facilities without a stated purpose: 403 with its own problem type, so a
 * client can ask for the purpose and send it again (X-Access-Purpose) instead of reading the message.
 */
export class AccessPurposeRequired extends AccessDenied {}

/** The record does not exist (or the actor may not know that it does): 404. */
export class NotFound extends Error {
  constructor(readonly what: string) {
    super(`${what} not found`);
  }
}

/**
 * Someone else changed the record since the caller read it: 409. Says who and when, so the person
 * can decide whether to reload.
 */
export class ConcurrencyConflict extends Error {
  constructor(
    readonly stream: string,
    readonly expected: string,
    readonly actual: string,
    readonly lastChange?: { actorId: string; actorRole: string; recordedAt: string; eventType: string },
  ) {
    super(`The record was changed by someone else (expected revision ${expected}, now ${actual})`);
  }
}

/** An Idempotency-Key was reused for a different command or request body: 422, naming the key. */
export class IdempotencyKeyReused extends Error {
  constructor(readonly key: string) {
    super(`The Idempotency-Key "${key}" was already used for a different request: use a new key for a new request`);
  }
}

/** A setup posted to a standby: only the active worker printed the token (503, try the active instance). */
export class SetupOnActiveWorker extends Error {
  constructor() {
    super('Setup is served by the active worker instance, which printed the token (its /api/health says worker.active)');
  }
}
