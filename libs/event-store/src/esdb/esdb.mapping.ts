import {
  AllStreamRecordedEvent,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  RecordedEvent as EsdbRecordedEvent,
  StreamNotFoundError as EsdbStreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  convertToCommandError,
} from '@eventstore/db-client';
import {
  EventStoreError,
  InvalidAppendError,
  StoreUnavailableError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '../errors';
import { JsonObject, RecordedEvent } from '../event-store.port';
import { ExpectedRevision } from '../expected-revision';

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

/** Turns a client error into the contract's errors; anything unexpected passes through unchanged. */
export function toStoreError(error: unknown, context: { stream?: string; expected?: ExpectedRevision } = {}): unknown {
  if (error instanceof EventStoreError) return error;
  const e = asCommandError(error);
  if (e instanceof EsdbWrongExpectedVersionError) {
    // Our expectation is passed through as given; the client reports 'any' for expectations it cannot name.
    const expected = context.expected ?? (e.expectedVersion as ExpectedRevision);
    return new WrongExpectedVersionError(context.stream ?? e.streamName, expected, e.actualVersion);
  }
  if (e instanceof EsdbStreamNotFoundError) return new StreamNotFoundError(context.stream ?? e.streamName);
  if (e instanceof MaxAppendSizeExceededError) {
    return new InvalidAppendError(`The append exceeds EventStoreDB's maximum append size (${e.maxAppendSize} bytes)`);
  }
  if (isTransient(e)) return new StoreUnavailableError(`EventStoreDB is unavailable: ${messageOf(e)}`, { cause: error });
  return e;
}

function asCommandError(error: unknown): unknown {
  // convertToCommandError uses `in` on its argument, which throws on strings (the client throws some).
  return typeof error === 'object' && error !== null ? convertToCommandError(error as Error) : error;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
