import { StoreBookkeeping } from './bookkeeping';
import { ExpectedRevision } from './expected-revision';
import { EventFilter } from './filter';
import { Position } from './position';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** An event as the writer hands it over. The id is a UUID chosen by the writer, which makes retries safe. */
export interface EventToAppend {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata?: JsonObject;
}

/** An event as the store hands it back. */
export interface RecordedEvent {
  readonly stream: string;
  /** 0-based place in its stream. */
  readonly revision: bigint;
  /** Place in the global log. */
  readonly position: Position;
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  /** When the store recorded it (the store's clock, not the domain's effective date). */
  readonly created: Date;
}

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the stream's last event after this append: pass it as the next expected revision. */
  readonly nextExpectedRevision: bigint;
  /** The global position of the last event appended. */
  readonly position: Position;
}

export interface DeleteOptions {
  /** As for appends, without `stream_exists` (EventStoreDB's clients cannot send it with a delete). */
  readonly expectedRevision: Exclude<ExpectedRevision, 'stream_exists'>;
}

/**
 * A stream's settings, with EventStoreDB's meanings ($maxAge, $maxCount, $tb). They limit what reads of
 * the stream return; $all keeps every event (EventStoreDB removes them only when it scavenges).
 */
export interface StreamMetadata {
  /** Events older than this many seconds are no longer read from the stream. */
  readonly maxAge?: number;
  /** Only the newest this many events are read from the stream. */
  readonly maxCount?: number;
  /** Events before this revision are no longer read from the stream. */
  readonly truncateBefore?: bigint;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Inclusive. Default: the start (forwards) or the end (backwards). */
  readonly fromRevision?: bigint | 'start' | 'end';
  readonly direction?: Direction;
  readonly maxCount?: bigint | number;
}

export interface ReadAllOptions {
  /** Inclusive. Default: the start (forwards) or the end (backwards). */
  readonly fromPosition?: Position | 'start' | 'end';
  readonly direction?: Direction;
  readonly maxCount?: bigint | number;
  readonly filter?: EventFilter;
}

export interface SubscribeToAllOptions {
  /**
   * Exclusive: a checkpoint, the position of the last event already processed. Delivery begins with the
   * first event after it. Default: the start of the log.
   */
  readonly fromPosition?: Position | 'start';
  readonly filter?: EventFilter;
}

/**
 * What a catch-up subscription yields: stored events, then live ones, in log order without gaps or
 * duplicates. `caughtUp` is yielded each time the subscription has delivered everything stored and
 * switches to waiting for new events (again after falling behind a fast writer); `position` is the
 * last position it has seen. `checkpoint` says the subscription has considered the log up to
 * `position`, past the last delivered event, because its filter skipped what came after: a consumer
 * may keep it as the position to resume from, so a rarely matching filter does not scan the same
 * events again after a restart. Both positions are valid `fromPosition`s.
 */
export type SubscriptionMessage =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  | { readonly kind: 'caughtUp'; readonly position: Position }
  | { readonly kind: 'checkpoint'; readonly position: Position };

export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  /** Stops delivery; a pending iteration ends without error. */
  unsubscribe(): Promise<void>;
}

/**
 * The one event-store contract. SQLite, EventStoreDB and in-memory adapters all pass the same contract
 * suite (`contract/event-store.contract.ts`).
 */
export interface EventStore {
  /**
   * Appends atomically to one stream. Throws WrongExpectedVersionError when the expectation fails, and
   * StreamDeletedError on a tombstoned stream. Re-appending exactly the same events (same ids) after a
   * lost acknowledgement returns the original result and writes nothing. With an exact expected
   * revision (or `no_stream`) this holds for good: the store finds the events at that place in the
   * stream. With `any` or `stream_exists` EventStoreDB only remembers recent writes (a bounded
   * in-memory window, lost on a restart or a leader change) and may write the events again, so
   * callers that retry across restarts pin the revision.
   */
  appendToStream(stream: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult>;

  /**
   * Reads one stream, within its metadata ($maxAge, $maxCount, $tb). Iterating a stream that does not
   * exist or was soft-deleted throws StreamNotFoundError; a tombstoned one, StreamDeletedError.
   */
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;

  /**
   * Reads the global log, system events excluded. A `fromPosition` that is not an event's position in
   * this log throws InvalidPositionError.
   */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;

  /** A catch-up subscription to the global log. A bad `fromPosition` ends iteration with InvalidPositionError. */
  subscribeToAll(options?: SubscribeToAllOptions): Subscription;

  /**
   * Soft delete, as EventStoreDB does it: the stream reads as not found, its events stay in $all, and
   * an append recreates it with the revisions continuing (only the new events are read). A stream that
   * never existed throws WrongExpectedVersionError.
   */
  deleteStream(stream: string, options: DeleteOptions): Promise<void>;

  /** Deletes a stream for good: from now on reading, appending or deleting it throws StreamDeletedError. */
  tombstoneStream(stream: string, options: DeleteOptions): Promise<void>;

  /** Replaces the stream's metadata (a stream need not exist to have metadata). */
  setStreamMetadata(stream: string, metadata: StreamMetadata): Promise<void>;

  /** The stream's metadata; `{}` when none was set. */
  getStreamMetadata(stream: string): Promise<StreamMetadata>;

  /** Resolves when the store answers; throws StoreUnavailableError when it does not. For readiness. */
  ping(): Promise<void>;

  /**
   * Resolves when the store can take a write now, without storing an event (optional: SQLite has
   * it). Readiness uses it to see a failed append's cause (a full disk) gone before traffic returns.
   */
  probeWrite?(): Promise<void>;

  close(): Promise<void>;

  /** What the store keeps besides the events, for integrity checks; undefined where it keeps nothing apart. */
  bookkeeping?(): StoreBookkeeping | undefined;
}

/** Nest injection token for the configured store. */
export const EVENT_STORE = Symbol('EVENT_STORE');
