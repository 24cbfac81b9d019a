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
import { StoreUnavailableError } from '../errors';
import {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port';
import { assertWritableStream, compileFilter } from '../filter';
import { comparePositions, Position } from '../position';
import { maxCountOf, validateEvents } from '../read-selection';
import { toRecorded, toStoreError } from './esdb.mapping';
import { esdbSubscription, ReconnectPolicy } from './esdb.subscription';

export interface EsdbEventStoreOptions {
  /** e.g. `esdb://node1:2113,node2:2113?tls=true` or `esdb://127.0.0.1:2113?tls=false`. */
  readonly connectionString: string;
  /** How subscriptions resubscribe after a lost connection. Default: 100 ms doubling to 5 s, forever. */
  readonly reconnect?: Partial<ReconnectPolicy>;
  /** How long ping waits for an answer. Default 2000 ms. */
  readonly pingTimeoutMs?: number;
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
  private closed = false;

  constructor(private readonly options: EsdbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.reconnect = {
      initialDelayMs: options.reconnect?.initialDelayMs ?? 100,
      maxDelayMs: options.reconnect?.maxDelayMs ?? 5_000,
      maxAttempts: options.reconnect?.maxAttempts ?? Number.POSITIVE_INFINITY,
    };
  }

  async appendToStream(stream: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    assertWritableStream(stream);
    validateEvents(events);
    const expected = options.expectedRevision;
    const proposed = events.map((e) => jsonEvent({ id: e.id.toLowerCase(), type: e.type, data: e.data, metadata: e.metadata }));
    try {
      // The client's constants ANY / NO_STREAM / STREAM_EXISTS are our strings; revisions are bigints in both.
      const result = await this.client.appendToStream(stream, proposed, { expectedRevision: expected });
      // EventStoreDB answers a repeated (idempotent) append without a position: look the event up.
      const position = result.position ?? (await this.positionAt(stream, result.nextExpectedRevision));
      return { nextExpectedRevision: result.nextExpectedRevision, position: { commit: position.commit, prepare: position.prepare } };
    } catch (error) {
      throw toStoreError(error, { stream, expected });
    }
  }

  private async positionAt(stream: string, revision: bigint): Promise<Position> {
    for await (const event of this.pull(this.client.readStream(stream, { fromRevision: revision, maxCount: 1 }), 1n)) {
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
    });
    yield* this.pull(read, limit, () => true, stream);
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
    if (backwards && typeof from === 'object') {
      // EventStoreDB reads backwards from just before a position; the contract includes the event at it.
      const first = this.client.readAll({ fromPosition: from, maxCount: 1 });
      const keep = (e: AnyRecorded) => comparePositions(e.position!, from) === 0 && matches(e.streamId, e.type);
      for await (const event of this.pull(first, 1n, keep)) {
        yield event;
        remaining--;
      }
      if (remaining === 0n) return;
    }
    const read = this.client.readAll({ fromPosition, direction: backwards ? BACKWARDS : FORWARDS });
    const before = (e: AnyRecorded) => !(backwards && typeof from === 'object' && comparePositions(e.position!, from) >= 0);
    yield* this.pull(read, remaining, (e) => before(e) && matches(e.streamId, e.type));
  }

  /** Reads up to `limit` kept events from a client read, then cancels it so no call is left open. */
  private async *pull(
    read: StreamingRead<ResolvedEvent | AllStreamResolvedEvent>,
    limit: bigint,
    keep: (event: AnyRecorded) => boolean = () => true,
    stream?: string,
  ): AsyncGenerator<RecordedEvent> {
    let remaining = limit;
    try {
      for await (const resolved of read) {
        if (remaining <= 0n) return;
        const event = (resolved as ResolvedEvent).event as AnyRecorded | undefined;
        if (!event || !keep(event)) continue;
        yield toRecorded(event);
        if (--remaining === 0n) return;
      }
    } catch (error) {
      throw toStoreError(error, { stream });
    } finally {
      await read.cancel().catch(() => undefined);
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    this.assertOpen();
    // Kept until it ends so close() can end it; it leaves the set when its iteration finishes.
    const subscription: Subscription = esdbSubscription(this.client, options, this.reconnect, () =>
      this.subscriptions.delete(subscription),
    );
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
      // For readiness every failure means "not ready", whatever its kind.
      throw mapped instanceof StoreUnavailableError ? mapped : new StoreUnavailableError('EventStoreDB ping failed', { cause: error });
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

async function drain(read: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of read); // eslint-disable-line @typescript-eslint/no-unused-vars
}
