import { EventEmitter } from 'node:events';
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
import { catchUpSubscription } from '../catch-up-subscription';
import { DuplicateEventIdError, StoreUnavailableError, StreamNotFoundError, WrongExpectedVersionError } from '../errors';
import { satisfies } from '../expected-revision';
import { assertWritableStream } from '../filter';
import { positionOf, Position } from '../position';
import { selectAll, selectStream, validateEvents } from '../read-selection';

/** In-process store for unit tests. Same contract as the durable stores; nothing survives the process. */
export class MemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly committed = new EventEmitter().setMaxListeners(0);
  private closed = false;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async appendToStream(stream: string, toAppend: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    assertWritableStream(stream);
    validateEvents(toAppend);
    const events = toAppend.map((e) => ({ ...e, id: e.id.toLowerCase() }));
    const existing = this.streams.get(stream) ?? [];
    const repeat = this.findRepeat(stream, existing, events);
    if (repeat) return repeat;
    const current = existing.length === 0 ? 'no_stream' : BigInt(existing.length - 1);
    if (!satisfies(options.expectedRevision, current)) {
      throw new WrongExpectedVersionError(stream, options.expectedRevision, current);
    }
    const created = this.clock();
    const recorded = events.map((e, i) => ({
      stream,
      revision: BigInt(existing.length + i),
      position: positionOf(BigInt(this.log.length + i)),
      id: e.id,
      type: e.type,
      data: structuredClone(e.data),
      metadata: structuredClone(e.metadata ?? {}),
      created,
    }));
    this.log.push(...recorded);
    this.streams.set(stream, [...existing, ...recorded]);
    this.committed.emit('committed');
    const last = this.streams.get(stream)!.at(-1)!;
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  /** Idempotent re-append: the same ids, in the same order, already at the end or inside this stream. */
  private findRepeat(stream: string, existing: RecordedEvent[], events: readonly EventToAppend[]): AppendResult | undefined {
    if (events.length === 0) return undefined;
    const firstIndex = existing.findIndex((e) => e.id === events[0].id);
    if (firstIndex < 0) {
      const elsewhere = events.find((e) => this.log.some((r) => r.id === e.id));
      if (elsewhere) throw new DuplicateEventIdError(stream, elsewhere.id);
      return undefined;
    }
    const same = events.every((e, i) => existing[firstIndex + i]?.id === e.id);
    if (!same) throw new DuplicateEventIdError(stream, events[0].id);
    const last = existing[firstIndex + events.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const events = this.streams.get(stream);
    if (!events) throw new StreamNotFoundError(stream);
    yield* selectStream(events, options);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    yield* selectAll(this.log, options);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    this.assertOpen();
    return catchUpSubscription(
      {
        readAfter: (after: Position, limit: number) => {
          const from = after.commit < 0n ? 0 : Number(after.commit) + 1; // in-memory index, bounded by array size
          return this.log.slice(from, from + limit);
        },
        onCommitted: (listener) => {
          this.committed.on('committed', listener);
          return () => this.committed.off('committed', listener);
        },
      },
      options,
      { pollIntervalMs: 60_000 },
    );
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The in-memory store is closed');
  }

}
