import { CurrentRevision, ExpectedRevision, describeRevision } from './expected-revision';

/** Base class so callers can tell store errors from programming errors with one `instanceof`. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name; // logs and health name the kind of failure, not just "Error"
  }
}

/** The optimistic concurrency check failed: somebody else appended first. Maps to HTTP 409. */
export class WrongExpectedVersionError extends EventStoreError {
  readonly code = 'wrong_expected_version';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: CurrentRevision,
  ) {
    super(`Wrong expected revision on stream ${stream}: expected ${describeRevision(expected)}, actual ${describeRevision(actual)}`);
  }
}

export class StreamNotFoundError extends EventStoreError {
  readonly code = 'stream_not_found';
  constructor(readonly stream: string) {
    super(`Stream not found: ${stream}`);
  }
}

/**
 * The stream was tombstoned (deleted for good): it can never be read or written again. Also what a
 * soft-deleted stream answers to `stream_exists`, as in EventStoreDB. Maps to HTTP 410.
 */
export class StreamDeletedError extends EventStoreError {
  readonly code = 'stream_deleted';
  constructor(readonly stream: string) {
    super(`Stream deleted: ${stream}`);
  }
}

/**
 * A read or subscription was asked to start at a position that is not an event's in this log (a
 * checkpoint from another store, or a made-up token). EventStoreDB answers InvalidPosition.
 */
export class InvalidPositionError extends EventStoreError {
  readonly code = 'invalid_position';
  constructor(readonly position: { readonly commit: bigint; readonly prepare: bigint }) {
    super(`Not a position in this event log: ${position.commit}/${position.prepare}`);
  }
}

/** The store cannot be reached or cannot write right now. Retrying later may succeed. Maps to 503. */
export class StoreUnavailableError extends EventStoreError {
  readonly code = 'store_unavailable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The store refused this process access: a secure EventStoreDB without (valid) credentials in the
 * connection string, or a user without the rights. Retrying does not help until the configuration or
 * the server's access rules change. Maps to 503; at start the app refuses to run.
 */
export class StoreAccessDeniedError extends EventStoreError {
  readonly code = 'access_denied';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The same event id was appended before with different content or to another place: a re-append is
 * only idempotent when it repeats the original append exactly.
 */
export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'duplicate_event_id';
  constructor(
    readonly stream: string,
    readonly eventId: string,
  ) {
    super(`Event id ${eventId} was already appended elsewhere; not appended to ${stream}`);
  }
}

/** The store was asked for something the contract does not allow (bad stream name, empty append...). */
export class InvalidAppendError extends EventStoreError {
  readonly code = 'invalid_append';
}
