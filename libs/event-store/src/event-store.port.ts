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
 * switches to waiting for new events; `position` is the last position it has seen (which may be past
 * the last delivered event when a filter skipped events).
 */
export type SubscriptionMessage =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  | { readonly kind: 'caughtUp'; readonly position: Position };

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
   * Appends atomically to one stream. Throws WrongExpectedVersionError when the expectation fails.
   * Re-appending exactly the same events (same ids) after a lost acknowledgement returns the original
   * result and writes nothing.
   */
  appendToStream(stream: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult>;

  /** Reads one stream. Iterating a stream that does not exist throws StreamNotFoundError. */
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;

  /** Reads the global log, system events excluded. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;

  /** A catch-up subscription to the global log. */
  subscribeToAll(options?: SubscribeToAllOptions): Subscription;

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
