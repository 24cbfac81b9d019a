import { EventEmitter } from 'node:events';
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
import { catchUpSubscription, CatchUpTuning } from '../catch-up-subscription';
import { DuplicateEventIdError, StoreUnavailableError, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '../errors';
import { CurrentRevision } from '../expected-revision';
import { assertWritableStream } from '../filter';
import { positionOf, Position } from '../position';
import { selectAll, selectStream, validateEvents } from '../read-selection';
import {
  assertLogPosition,
  checkWrite,
  firstVisibleRevision,
  isSoftDeleted,
  NO_SETTINGS,
  oldestVisible,
  recreatedMetadata,
  replacedMetadata,
  SOFT_DELETED,
  StreamSettings,
} from '../stream-state';

export interface MemoryEventStoreOptions {
  readonly clock?: () => Date;
  readonly subscription?: CatchUpTuning;
}

/** In-process store for unit tests. Same contract as the durable stores; nothing survives the process. */
export class MemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly settings = new Map<string, StreamSettings>();
  private readonly committed = new EventEmitter().setMaxListeners(0);
  private readonly clock: () => Date;
  private closed = false;

  constructor(private readonly options: MemoryEventStoreOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
  }

  async appendToStream(stream: string, toAppend: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    assertWritableStream(stream);
    validateEvents(toAppend);
    const events = toAppend.map((e) => ({ ...e, id: e.id.toLowerCase() }));
    const existing = this.streams.get(stream) ?? [];
    const settings = this.settingsOf(stream);
    if (settings.tombstoned) throw new StreamDeletedError(stream);
    const repeat = this.findRepeat(stream, existing, events);
    if (repeat) return repeat;
    const current = this.currentOf(stream);
    const { recreates } = checkWrite(stream, current, settings, options.expectedRevision);
    if (recreates) this.settings.set(stream, { ...settings, metadata: recreatedMetadata(settings, current) });
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
    const settings = this.settingsOf(stream);
    if (settings.tombstoned) throw new StreamDeletedError(stream);
    if (!events || isSoftDeleted(settings)) throw new StreamNotFoundError(stream);
    const from = firstVisibleRevision(BigInt(events.length - 1), settings.metadata);
    const oldest = oldestVisible(settings.metadata, this.clock());
    yield* selectStream(events, options, { from, oldest });
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    if (typeof options.fromPosition === 'object') assertLogPosition(options.fromPosition);
    yield* selectAll(this.log, options);
  }

  async deleteStream(stream: string, options: DeleteOptions): Promise<void> {
    this.assertOpen();
    assertWritableStream(stream);
    const settings = this.settingsOf(stream);
    const current = this.currentOf(stream);
    checkWrite(stream, current, settings, options.expectedRevision);
    if (current === 'no_stream' && !this.settings.has(stream)) throw new WrongExpectedVersionError(stream, options.expectedRevision, current);
    this.settings.set(stream, { tombstoned: false, metadata: { truncateBefore: SOFT_DELETED } });
  }

  async tombstoneStream(stream: string, options: DeleteOptions): Promise<void> {
    this.assertOpen();
    assertWritableStream(stream);
    const settings = this.settingsOf(stream);
    checkWrite(stream, this.currentOf(stream), settings, options.expectedRevision);
    this.settings.set(stream, { tombstoned: true, metadata: settings.metadata });
  }

  async setStreamMetadata(stream: string, metadata: StreamMetadata): Promise<void> {
    this.assertOpen();
    assertWritableStream(stream);
    const settings = this.settingsOf(stream);
    this.settings.set(stream, { ...settings, metadata: replacedMetadata(settings, this.currentOf(stream), metadata) });
  }

  async getStreamMetadata(stream: string): Promise<StreamMetadata> {
    this.assertOpen();
    return { ...this.settingsOf(stream).metadata };
  }

  private settingsOf(stream: string): StreamSettings {
    return this.settings.get(stream) ?? NO_SETTINGS;
  }

  private currentOf(stream: string): CurrentRevision {
    const events = this.streams.get(stream);
    return events && events.length > 0 ? BigInt(events.length - 1) : 'no_stream';
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
      { pollIntervalMs: 60_000, ...this.options.subscription },
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
