import {
  AllStreamRecordedEvent,
  AllStreamResolvedEvent,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  RecordedEvent as EsdbRecordedEvent,
  ResolvedEvent,
  START as ESDB_START,
  StreamingRead,
  jsonEvent,
} from '@eventstore/db-client';
import { StoreAccessDeniedError, StoreUnavailableError } from '../errors';
import {
  AppendOptions,
  AppendResult,
  DeleteOptions,
  EventStore,
  EventToAppend,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamMetadata,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port';
import { assertWritableStream, compileFilter } from '../filter';
import { comparePositions, Position } from '../position';
import { maxCountOf, validateEvents } from '../read-selection';
import { normaliseMetadata, SOFT_DELETED } from '../stream-state';
import { ErrorContext, isNotLeader, toRecorded, toStoreError } from './esdb.mapping';
import { esdbSubscription, ReconnectPolicy } from './esdb.subscription';

export interface EsdbEventStoreOptions {
  /** e.g. `esdb://node1:2113,node2:2113?tls=true` or `esdb://127.0.0.1:2113?tls=false`. */
  readonly connectionString: string;
  /** How subscriptions resubscribe after a lost connection. Default: 100 ms doubling to 5 s, forever. */
  readonly reconnect?: Partial<ReconnectPolicy>;
  /** How long ping waits for an answer. Default 2000 ms. */
  readonly pingTimeoutMs?: number;
  /**
   * The deadline of each append, stream read and delete, and how long a read of $all may wait for its
   * next event. Default 10,000 ms (the client's own default). A server that does not answer in time
   * is reported unavailable instead of holding the request.
   */
  readonly deadlineMs?: number;
}

type AnyRecorded = EsdbRecordedEvent | AllStreamRecordedEvent;

/**
 * The store on EventStoreDB (23.10 or later: older servers never send the caught-up signal), through the
 * official gRPC client. The client connects lazily on the first call and, after a network error, opens
 * a new channel on the next one; this adapter adds the mapping to the contract's types and errors, and
 * resubscription for subscriptions. Appends and reads are not retried here: right after an outage gRPC
 * fails calls fast with StoreUnavailableError, and the caller retries (an append with the same event
 * ids is idempotent, so a retry after an unknown outcome writes nothing twice).
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly reconnect: ReconnectPolicy;
  private readonly subscriptions = new Set<Subscription>();
  private readonly deadlineMs: number;
  private closed = false;

  constructor(private readonly options: EsdbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.reconnect = {
      initialDelayMs: options.reconnect?.initialDelayMs ?? 100,
      maxDelayMs: options.reconnect?.maxDelayMs ?? 5_000,
      maxAttempts: options.reconnect?.maxAttempts ?? Number.POSITIVE_INFINITY,
    };
    this.deadlineMs = options.deadlineMs ?? 10_000;
  }

  async appendToStream(stream: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    assertWritableStream(stream);
    validateEvents(events);
    const expected = options.expectedRevision;
    const proposed = events.map((e) => jsonEvent({ id: e.id.toLowerCase(), type: e.type, data: e.data, metadata: e.metadata }));
    try {
      // The client's constants ANY / NO_STREAM / STREAM_EXISTS are our strings; revisions are bigints in both.
      const result = await this.onLeader(() => this.client.appendToStream(stream, proposed, { expectedRevision: expected, deadline: this.deadlineMs }));
      // Servers before 24.x answer a repeated (idempotent) append without a position: look the event up.
      const position = result.position ?? (await this.positionAt(stream, result.nextExpectedRevision));
      return { nextExpectedRevision: result.nextExpectedRevision, position: { commit: position.commit, prepare: position.prepare } };
    } catch (error) {
      throw toStoreError(error, { stream, expected });
    }
  }

  /**
   * After a leader change the node we talk to answers NotLeader, naming the leader; the client then
   * connects there for the next call. One retry goes to the new leader (safe: the refused write was not
   * made, and a repeat with the same ids is idempotent); a second NotLeader means no leader yet.
   */
  private async onLeader<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!isNotLeader(error)) throw error;
      await new Promise((resolve) => setImmediate(resolve)); // the client switches its channel first
      return call();
    }
  }

  private async positionAt(stream: string, revision: bigint): Promise<Position> {
    const read = this.client.readStream(stream, { fromRevision: revision, maxCount: 1, deadline: this.deadlineMs });
    for await (const event of this.pull(read, 1n)) {
      return event.position;
    }
    throw new StoreUnavailableError(`EventStoreDB acknowledged ${stream}@${revision} but cannot read it back`);
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const limit = maxCountOf(options.maxCount);
    const read = this.client.readStream(stream, {
      fromRevision: options.fromRevision ?? (backwards ? END : ESDB_START),
      direction: backwards ? BACKWARDS : FORWARDS,
      // Even a count of 0 asks for one event, so a missing stream still throws StreamNotFoundError.
      maxCount: limit === 0n ? 1n : limit,
      deadline: this.deadlineMs,
    });
    yield* this.pull(read, limit, () => true, { stream });
  }

  /**
   * The v6 client's readAll cannot send a server-side filter (it always asks for none), so system
   * events and our filter are dropped here, and maxCount is counted after them: the server is asked for
   * no count and the read is cancelled once enough events came through.
   */
  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition ?? (backwards ? 'end' : 'start');
    const matches = compileFilter(options.filter);
    let remaining = maxCountOf(options.maxCount);
    if (remaining === 0n || (from === 'end' && !backwards)) return;
    const fromPosition = from === 'start' ? ESDB_START : from === 'end' ? END : from;
    const context = { position: typeof from === 'object' ? from : undefined };
    if (backwards && typeof from === 'object') {
      // EventStoreDB reads backwards from just before a position; the contract includes the event at it.
      const first = this.client.readAll({ fromPosition: from, maxCount: 1 });
      const keep = (e: AnyRecorded) => comparePositions(e.position!, from) === 0 && matches(e.streamId, e.type);
      for await (const event of this.pull(first, 1n, keep, context)) {
        yield event;
        remaining--;
      }
      if (remaining === 0n) return;
    }
    const read = this.client.readAll({ fromPosition, direction: backwards ? BACKWARDS : FORWARDS });
    const before = (e: AnyRecorded) => !(backwards && typeof from === 'object' && comparePositions(e.position!, from) >= 0);
    yield* this.pull(read, remaining, (e) => before(e) && matches(e.streamId, e.type), context);
  }

  /**
   * Reads up to `limit` kept events from a client read, then cancels it so no call is left open. The
   * client reads $all without a deadline, so each wait for the server's next answer is bounded here:
   * a server that stops answering mid-read is unavailable, not a request that hangs.
   */
  private async *pull(
    read: StreamingRead<ResolvedEvent | AllStreamResolvedEvent>,
    limit: bigint,
    keep: (event: AnyRecorded) => boolean = () => true,
    context: ErrorContext = {},
  ): AsyncGenerator<RecordedEvent> {
    let remaining = limit;
    const items = read[Symbol.asyncIterator]();
    try {
      for (;;) {
        if (remaining <= 0n) return;
        const next = await within(items.next(), this.deadlineMs);
        if (next.done) return;
        const event = (next.value as ResolvedEvent).event as AnyRecorded | undefined;
        if (!event || !keep(event)) continue;
        yield toRecorded(event);
        if (--remaining === 0n) return;
      }
    } catch (error) {
      throw toStoreError(error, context);
    } finally {
      await read.cancel().catch(() => undefined);
    }
  }

  async deleteStream(stream: string, options: DeleteOptions): Promise<void> {
    this.assertOpen();
    assertWritableStream(stream);
    const expected = options.expectedRevision;
    try {
      await this.onLeader(() => this.client.deleteStream(stream, { expectedRevision: expected, deadline: this.deadlineMs }));
    } catch (error) {
      throw toStoreError(error, { stream, expected });
    }
  }

  async tombstoneStream(stream: string, options: DeleteOptions): Promise<void> {
    this.assertOpen();
    assertWritableStream(stream);
    const expected = options.expectedRevision;
    try {
      await this.onLeader(() => this.client.tombstoneStream(stream, { expectedRevision: expected, deadline: this.deadlineMs }));
    } catch (error) {
      throw toStoreError(error, { stream, expected });
    }
  }

  /** Written as the server keeps metadata: a `$metadata` event in `$$stream` ($maxAge, $maxCount, $tb). */
  async setStreamMetadata(stream: string, metadata: StreamMetadata): Promise<void> {
    this.assertOpen();
    assertWritableStream(stream);
    const m = normaliseMetadata(metadata);
    const data = {
      ...(m.maxAge !== undefined ? { maxAge: m.maxAge } : {}),
      ...(m.maxCount !== undefined ? { maxCount: m.maxCount } : {}),
      ...(m.truncateBefore !== undefined ? { truncateBefore: Number(m.truncateBefore) } : {}),
    };
    try {
      await this.onLeader(() => this.client.setStreamMetadata(stream, data, { deadline: this.deadlineMs }));
    } catch (error) {
      throw toStoreError(error, { stream: `$$${stream}` });
    }
  }

  async getStreamMetadata(stream: string): Promise<StreamMetadata> {
    this.assertOpen();
    try {
      const { metadata } = await this.client.getStreamMetadata(stream, { deadline: this.deadlineMs });
      if (!metadata) return {};
      const tb = metadata.truncateBefore;
      return {
        ...(typeof metadata.maxAge === 'number' ? { maxAge: metadata.maxAge } : {}),
        ...(typeof metadata.maxCount === 'number' ? { maxCount: metadata.maxCount } : {}),
        // A soft delete's $tb is 2^63-1, which arrives as the nearest JavaScript number.
        ...(typeof tb === 'number' ? { truncateBefore: tb >= Number.MAX_SAFE_INTEGER ? SOFT_DELETED : BigInt(tb) } : {}),
      };
    } catch (error) {
      throw toStoreError(error, { stream: `$$${stream}` });
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    this.assertOpen();
    // Kept until it ends so close() can end it; it leaves the set when its iteration finishes.
    const subscription: Subscription = esdbSubscription(this.client, options, this.reconnect, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Reads the last event of $all: any answer means the server is up; nothing within the timeout means down. */
  async ping(): Promise<void> {
    this.assertOpen();
    const timeoutMs = this.options.pingTimeoutMs ?? 2_000;
    const read = this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreUnavailableError(`EventStoreDB did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([drain(read), timeout]);
    } catch (error) {
      const mapped = toStoreError(error);
      // For readiness every failure means "not ready"; a refusal keeps its kind, as its cause is the configuration.
      if (mapped instanceof StoreUnavailableError || mapped instanceof StoreAccessDeniedError) throw mapped;
      throw new StoreUnavailableError('EventStoreDB ping failed', { cause: error });
    } finally {
      clearTimeout(timer);
      await read.cancel().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.unsubscribe()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The EventStoreDB store is closed');
  }
}

/** The promise's outcome, or StoreUnavailableError when it takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreUnavailableError(`EventStoreDB did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function drain(read: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of read);
}
