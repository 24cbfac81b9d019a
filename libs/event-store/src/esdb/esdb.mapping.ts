import {
  AccessDeniedError,
  AllStreamRecordedEvent,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  RecordedEvent as EsdbRecordedEvent,
  StreamDeletedError as EsdbStreamDeletedError,
  StreamNotFoundError as EsdbStreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  convertToCommandError,
} from '@eventstore/db-client';
import {
  EventStoreError,
  InvalidAppendError,
  InvalidPositionError,
  StoreAccessDeniedError,
  StoreUnavailableError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '../errors';
import { JsonObject, RecordedEvent } from '../event-store.port';
import { ExpectedRevision } from '../expected-revision';
import { Position, START } from '../position';

/** Maps the client's event to ours. Positions stay bigints from the wire to here. */
export function toRecorded(event: EsdbRecordedEvent | AllStreamRecordedEvent): RecordedEvent {
  if (!event.position) {
    // Stream reads carry positions from EventStoreDB 22.6 on; the contract needs them everywhere.
    throw new StoreUnavailableError('EventStoreDB returned an event without a log position (server older than 22.6?)');
  }
  return {
    stream: event.streamId,
    revision: event.revision,
    position: { commit: event.position.commit, prepare: event.position.prepare },
    id: event.id,
    type: event.type,
    data: jsonObject(event.data),
    metadata: jsonObject(event.metadata),
    created: event.created,
  };
}

/** JSON events arrive parsed; binary ones (written by other tools) arrive as bytes. Absent or not JSON: {}. */
function jsonObject(value: unknown): JsonObject {
  if (value instanceof Uint8Array) {
    if (value.length === 0) return {};
    try {
      value = JSON.parse(Buffer.from(value).toString('utf8'));
    } catch {
      return {};
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

/**
 * Network-level failures: the server is down, unreachable, not the leader, dropped or timed the call out.
 * Retrying later (or elsewhere) may succeed, so they become StoreUnavailableError, and a subscription
 * resubscribes after them.
 */
export function isTransient(error: unknown): boolean {
  const e = asCommandError(error);
  return (
    e instanceof UnavailableError ||
    e instanceof CancelledError ||
    e instanceof DeadlineExceededError ||
    e instanceof TimeoutError ||
    e instanceof NotLeaderError
  );
}

/** The node answered that it is not the leader (after a leader change): the client now knows where the leader is. */
export function isNotLeader(error: unknown): boolean {
  return asCommandError(error) instanceof NotLeaderError;
}

/** Worth a resubscription: a network failure, or access refused (the server's rules may be fixed meanwhile). */
export function isRetryable(error: unknown): boolean {
  return isTransient(error) || asCommandError(error) instanceof AccessDeniedError;
}

export interface ErrorContext {
  readonly stream?: string;
  readonly expected?: ExpectedRevision;
  /** The position a read or subscription started from, for InvalidPosition. */
  readonly position?: Position;
}

/**
 * Turns a client error into the contract's errors, so that every answer the server can give has a
 * meaning upstream; anything unexpected passes through unchanged.
 */
export function toStoreError(error: unknown, context: ErrorContext = {}): unknown {
  if (error instanceof EventStoreError) return error;
  const e = asCommandError(error);
  if (e instanceof EsdbWrongExpectedVersionError) {
    // Our expectation is passed through as given; the client reports 'any' for expectations it cannot name,
    // and a delete's conflict names a missing stream -1.
    const expected = context.expected ?? (e.expectedVersion as ExpectedRevision);
    const actual = typeof e.actualVersion === 'bigint' && e.actualVersion < 0n ? 'no_stream' : e.actualVersion;
    return new WrongExpectedVersionError(context.stream ?? e.streamName, expected, actual);
  }
  if (e instanceof EsdbStreamNotFoundError) return new StreamNotFoundError(context.stream ?? e.streamName);
  if (e instanceof EsdbStreamDeletedError) return new StreamDeletedError(context.stream ?? e.streamName);
  if (e instanceof AccessDeniedError) {
    return new StoreAccessDeniedError(
      'EventStoreDB refused access: a secure server needs a user with the rights in the connection string (esdb://USER:PASSWORD@host:2113?tls=true)',
      { cause: error },
    );
  }
  if (isInvalidPosition(e)) return new InvalidPositionError(context.position ?? START);
  if (e instanceof MaxAppendSizeExceededError) {
    return new InvalidAppendError(`The append exceeds EventStoreDB's maximum append size (${e.maxAppendSize} bytes)`);
  }
  if (e instanceof NotLeaderError) {
    return new StoreUnavailableError('EventStoreDB has no reachable leader right now (a leader election?)', { cause: error });
  }
  if (isTransient(e)) return new StoreUnavailableError(`EventStoreDB is unavailable: ${messageOf(e)}`, { cause: error });
  return e;
}

const INVALID_ARGUMENT = 3; // gRPC status code

/** Streams.Read answers a position inside a record with a bare InvalidArgument, which the client calls unknown. */
function isInvalidPosition(e: unknown): boolean {
  if (!(e instanceof UnknownError)) return false;
  const raw = e as UnknownError & { code?: number };
  return raw.code === INVALID_ARGUMENT && /invalid position/i.test(messageOf(e));
}

function asCommandError(error: unknown): unknown {
  // convertToCommandError uses `in` on its argument, which throws on strings (the client throws some).
  return typeof error === 'object' && error !== null ? convertToCommandError(error as Error) : error;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
