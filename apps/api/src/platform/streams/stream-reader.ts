import { Inject, Injectable } from '@nestjs/common';
import type { Decider } from '@app/domain';
import { EVENT_STORE, EventStore, Position, StreamNotFoundError } from '@app/event-store';
import { DecodedEvent, DomainEventLike, EventCodec } from './event-codec';
import { chainOf, GENESIS } from './hash-chain';
import { StreamStateCache } from './stream-state-cache';

/** A stream folded by its decider, with what the next command on it needs. */
export interface LoadedStream<S> {
  readonly state: S;
  readonly revision: bigint | 'no_stream';
  readonly lastPosition: Position | null;
  /** The hash of the stream's last event, which the next event chains to. */
  readonly lastHash: string;
  /** Stored events by id, so a retried Idempotency-Key can be recognised. */
  readonly stored: Map<string, { revision: bigint; position: Position; commandType: string; requestHash?: string }>;
}

/** What folding a stream needs of its decider. */
export type Fold<S, E extends DomainEventLike> = Pick<Decider<unknown, S, E>, 'initialState' | 'evolve'>;

/**
 * The one way to load an aggregate: read its stream and fold it with its decider. Folded states are
 * kept between loads (StreamStateCache), so a load reads only the events appended since, from this
 * instance or any other sharing the store.
 */
@Injectable()
export class StreamReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly codec: EventCodec,
  ) {}

  /** Folded streams between commands (see StreamStateCache): a few thousand active cases fit. */
  private readonly folded = new StreamStateCache<LoadedStream<unknown>>(5000);

  /** Counts forgetFoldedStates calls: a load that began before one must not cache what it folded. */
  private foldedGeneration = 0;

  async load<S, E extends DomainEventLike>(decider: Fold<S, E>, stream: string): Promise<LoadedStream<S>> {
    const generation = this.foldedGeneration;
    const cached = this.folded.get(decider, stream) as LoadedStream<S> | undefined;
    let state = cached?.state ?? decider.initialState;
    let revision: bigint | 'no_stream' = cached?.revision ?? 'no_stream';
    let lastPosition: Position | null = cached?.lastPosition ?? null;
    let lastHash = cached?.lastHash ?? GENESIS;
    // A copy: a cached entry is never changed, so two loads of one stream cannot disturb each other.
    const stored = new Map(cached?.stored);
    const from = revision === 'no_stream' ? undefined : { fromRevision: revision + 1n };
    try {
      for await (const recorded of this.store.readStream(stream, from)) {
        await this.codec.loadKeysFor([recorded]);
        const { event, metadata } = this.codec.decode<E>(recorded);
        state = decider.evolve(state, event);
        revision = recorded.revision;
        lastPosition = recorded.position;
        lastHash = chainOf(recorded.metadata)?.hash ?? GENESIS;
        stored.set(recorded.id, {
          revision: recorded.revision,
          position: recorded.position,
          commandType: metadata.commandType,
          requestHash: metadata.requestHash,
        });
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
      // The stream is gone (deleted by an operator): forget what was folded and read it as new.
      if (cached) {
        this.folded.delete(stream);
        return this.load(decider, stream);
      }
    }
    const loaded: LoadedStream<S> = { state, revision, lastPosition, lastHash, stored };
    // A person forgotten while this load was reading must not come back into the cache with it.
    if (revision !== 'no_stream' && generation === this.foldedGeneration) this.folded.set(decider, stream, loaded);
    return loaded;
  }

  /**
   * Every event of a stream, decrypted and upcast, with its metadata (who recorded it, when): for a
   * view that shows each event rather than the folded state. None for a stream that does not exist.
   */
  async events<E extends DomainEventLike>(stream: string): Promise<DecodedEvent<E>[]> {
    const out: DecodedEvent<E>[] = [];
    try {
      for await (const recorded of this.store.readStream(stream)) {
        await this.codec.loadKeysFor([recorded]);
        out.push(this.codec.decode<E>(recorded));
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return out;
  }

  /** Drops every folded state (a person was forgotten: their decrypted data must not stay in memory). */
  forgetFoldedStates(): void {
    this.foldedGeneration++;
    this.folded.clear();
  }
}
