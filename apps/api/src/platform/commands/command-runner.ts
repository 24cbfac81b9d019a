import { Inject, Injectable, Optional } from '@nestjs/common';
import { daysBetween, isIsoDate, type Decider } from '@app/domain';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import {
  EVENT_STORE,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  formatPosition,
  Position,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@app/event-store';
import { ClaimKeys } from '../auth/claim-keys';
import { Actor, primaryRole } from '../auth/actor';
import { ConcurrencyConflict, DomainRuleViolation, IdempotencyKeyReused } from '../errors/command-errors';
import { DomainEventLike, EventCodec } from '../streams/event-codec';
import { EventMetadata } from '../streams/event-metadata';
import { chainOf, GENESIS, linkFor } from '../streams/hash-chain';
import { Clock, IdGenerator, uuidV5 } from '../ids';
import { StreamStateCache } from '../streams/stream-state-cache';

/** How a command was asked for: who, in which conversation, with what expectations. */
export interface CommandContext {
  readonly actor: Actor;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId?: string;
  /** From If-Match: the stream revision the caller saw. A mismatch is a 409 before anything is decided. */
  readonly expectedRevision?: bigint;
  /** From Idempotency-Key: a retry returns the first result and writes nothing. */
  readonly idempotencyKey?: string;
  /**
   * A digest of the request (method, path, canonical body) the key came with: a retry under the same
   * key with another request is refused (422) instead of answered with the first one's result.
   */
  readonly requestDigest?: string;
  /** The Idempotency-Key as the client sent it (the steps of a workflow derive their own from it). */
  readonly clientKey?: string;
  readonly reason?: string;
  /** From X-Access-Purpose: why the actor writes about a person outside their facilities. */
  readonly accessPurpose?: string;
}

/** What a command did: the stream's new revision and the global position to read your writes from. */
export interface CommandOutcome {
  readonly stream: string;
  /** The stream's revision after the command; null when the stream still has no events. */
  readonly revision: string | null;
  /** Global position of the command's last event (or the stream's last event when nothing was new). */
  readonly position: string | null;
  readonly events: readonly string[];
  /** True when this answer repeats an earlier execution under the same Idempotency-Key. */
  readonly replayed: boolean;
  /** The events this execution appended, with their ids (for follow-up work; not sent to clients). */
  readonly appended?: ReadonlyArray<{ readonly id: string; readonly event: DomainEventLike }>;
}

export interface LoadedStream<S> {
  readonly state: S;
  readonly revision: bigint | 'no_stream';
  readonly lastPosition: Position | null;
  /** The hash of the stream's last event, which the next event chains to. */
  readonly lastHash: string;
  /** Stored events by id, so a retried Idempotency-Key can be recognised. */
  readonly stored: Map<string, { revision: bigint; position: Position; commandType: string; requestHash?: string }>;
}

export interface RunSpec<C extends { type: string }, S, E extends DomainEventLike> {
  readonly decider: Decider<C, S, E>;
  readonly stream: string;
  readonly command: C;
  /** Checks the actor may issue this command against this state; throws AccessDenied or NotFound. */
  readonly authorize?: (state: S) => void;
  /** The domain date the command takes effect (metadata `effectiveDate`). */
  readonly effectiveDate?: string;
  /**
   * Runs once the command is decided and has events, before they are appended (again if a conflict
   * makes it decide again): records what must exist before the change does, e.g. a flagged write in
   * the person's access log. If it fails, nothing is appended.
   */
  readonly beforeAppend?: () => Promise<void>;
}

/**
 * Runs one command against one stream: load and fold the stream, authorise, decide, append with the
 * revision it was decided on. Two concurrent commands on one stream cannot both win: the loser gets a
 * ConcurrencyConflict (409) and nothing is written.
 */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly codec: EventCodec,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    /** Keys the request fingerprints kept in metadata; without it (unit tests) requests are not compared. */
    @Optional() private readonly keys?: ClaimKeys,
    @Optional() @Inject(APP_CONFIG) config?: Pick<AppConfig, 'lateEntryDays'>,
  ) {
    this.lateEntryDays = config?.lateEntryDays ?? DEFAULT_LATE_ENTRY_DAYS;
  }

  private readonly lateEntryDays: number;

  /** Folded streams between commands (see StreamStateCache): a few thousand active cases fit. */
  private readonly folded = new StreamStateCache<LoadedStream<unknown>>(5000);

  /** Counts forgetFoldedStates calls: a load that began before one must not cache what it folded. */
  private foldedGeneration = 0;

  async load<S, E extends DomainEventLike>(decider: Pick<Decider<unknown, S, E>, 'initialState' | 'evolve'>, stream: string): Promise<LoadedStream<S>> {
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
        stored.set(recorded.id, { revision: recorded.revision, position: recorded.position, commandType: metadata.commandType, requestHash: metadata.requestHash });
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

  /** Drops every folded state (a person was forgotten: their decrypted data must not stay in memory). */
  forgetFoldedStates(): void {
    this.foldedGeneration++;
    this.folded.clear();
  }

  /**
   * Throws the DomainRuleViolation that appending these events would meet in the encoding (personal
   * data about a forgotten person), without appending anything: for a command that writes another
   * stream first and must not leave that write behind.
   */
  async assertEncodable(events: readonly DomainEventLike[], ctx: CommandContext, commandType: string): Promise<void> {
    await this.codec.loadKeysFor(events);
    const metadata = this.metadataFor(commandType, ctx);
    for (const event of events) this.codec.encode(event, this.ids.next(), metadata);
  }

  /**
   * Without If-Match the caller pinned no revision, so a change that lands on an existing record between
   * our read and our append is no conflict of theirs: the command is decided again on the new state
   * (every rule checked again) and appended, a few times at most. With If-Match the caller's view is
   * stale: 409. Two requests that both create the same record (both read "no stream") stay a 409: the
   * second must not be taken for the first.
   */
  async run<C extends { type: string }, S, E extends DomainEventLike>(spec: RunSpec<C, S, E>, ctx: CommandContext): Promise<CommandOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.runOnce(spec, ctx);
      } catch (error) {
        const redecide = error instanceof ConcurrencyConflict && ctx.expectedRevision === undefined && error.expected !== 'no_stream';
        if (!redecide || attempt >= CommandRunner.REDECIDE_ATTEMPTS) throw error;
      }
    }
  }

  private static readonly REDECIDE_ATTEMPTS = 5;

  /**
   * Everything run does before its append, without appending: a workflow that writes to several streams
   * checks every step with this first, so that a step refused later cannot leave the earlier ones
   * written. Throws what run would throw (403, 404, 409 on If-Match, 422); answers the first result when
   * the command was already carried out under this Idempotency-Key, else the events run would append.
   */
  async check<C extends { type: string }, S, E extends DomainEventLike>(
    spec: RunSpec<C, S, E>,
    ctx: CommandContext,
  ): Promise<{ replay?: CommandOutcome; events: readonly E[]; state: S }> {
    const prepared = await this.prepare(spec, ctx);
    if ('replay' in prepared) return { replay: prepared.replay, events: [], state: prepared.loaded.state };
    // Personal data about a forgotten person is refused in the encoding: find that out now too.
    await this.assertEncodable(prepared.events, ctx, spec.command.type);
    return { events: prepared.events, state: prepared.loaded.state };
  }

  private async prepare<C extends { type: string }, S, E extends DomainEventLike>(
    spec: RunSpec<C, S, E>,
    ctx: CommandContext,
  ): Promise<{ replay: CommandOutcome; loaded: LoadedStream<S> } | { loaded: LoadedStream<S>; events: readonly E[]; eventId: (index: number) => string }> {
    const loaded = await this.load(spec.decider, spec.stream);
    const eventId = (index: number) =>
      ctx.idempotencyKey ? uuidV5(`${ctx.actor.userId}\n${ctx.idempotencyKey}\n${spec.stream}\n${index}`) : this.ids.next();

    if (ctx.idempotencyKey) {
      const replay = this.replayed(loaded, eventId, spec.stream, spec.command.type, ctx);
      if (replay) return { replay, loaded };
    }
    // Access first: a 409 says who changed the record, which only those allowed to act on it may learn.
    spec.authorize?.(loaded.state);
    if (ctx.expectedRevision !== undefined && loaded.revision !== ctx.expectedRevision) {
      throw await this.conflict(spec.stream, ctx.expectedRevision, loaded.revision);
    }
    const decision = spec.decider.decide(spec.command, loaded.state);
    if (!decision.ok) throw new DomainRuleViolation(decision.error);
    return { loaded, events: decision.events, eventId };
  }

  private async runOnce<C extends { type: string }, S, E extends DomainEventLike>(spec: RunSpec<C, S, E>, ctx: CommandContext): Promise<CommandOutcome> {
    const prepared = await this.prepare(spec, ctx);
    if ('replay' in prepared) return prepared.replay;
    const { loaded, events, eventId } = prepared;
    if (events.length === 0) return this.unchanged(spec.stream, loaded);
    await spec.beforeAppend?.();

    const metadata = this.metadataFor(spec.command.type, ctx, spec.effectiveDate);
    await this.codec.loadKeysFor(events);
    const toAppend = this.chained(spec.stream, loaded, events.map((event, i) => this.codec.encode(event, eventId(i), metadata)));
    const expected: ExpectedRevision = loaded.revision;
    try {
      const result = await this.store.appendToStream(spec.stream, toAppend, { expectedRevision: expected });
      return {
        stream: spec.stream,
        revision: result.nextExpectedRevision.toString(),
        position: formatPosition(result.position),
        events: events.map((e) => e.type),
        replayed: false,
        appended: events.map((event, i) => ({ id: toAppend[i].id, event })),
      };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw await this.conflict(spec.stream, expected, error.actual);
      throw error;
    }
  }

  /** Links each new event to the one before it in the stream (tamper evidence). */
  private chained<S>(stream: string, loaded: LoadedStream<S>, events: EventToAppend[]): EventToAppend[] {
    let prev = loaded.lastHash;
    let revision = loaded.revision === 'no_stream' ? 0n : loaded.revision + 1n;
    return events.map((event) => {
      const metadata = (event.metadata ?? {}) as Record<string, unknown>;
      const link = linkFor({ stream, revision, type: event.type, data: event.data, metadata, prev });
      prev = link.hash;
      revision += 1n;
      return { ...event, metadata: { ...metadata, chain: { ...link } } as EventToAppend['metadata'] };
    });
  }

  metadataFor(commandType: string, ctx: CommandContext, effectiveDate?: string): Omit<EventMetadata, 'schemaVersion'> {
    return {
      commandId: ctx.commandId,
      commandType,
      correlationId: ctx.correlationId,
      causationId: ctx.causationId ?? ctx.commandId,
      actorId: ctx.actor.userId,
      actorRole: primaryRole(ctx.actor),
      recordedAt: this.clock.now().toISOString(),
      // A command with no date of its own (registering a person, a user) takes effect on the
      // municipality's today, never the UTC date of recordedAt.
      effectiveDate: effectiveDate ?? this.clock.today(),
      lateEntry: this.lateness(effectiveDate),
      reason: ctx.reason,
      idempotencyKey: ctx.idempotencyKey,
      requestHash: this.requestHash(ctx),
    };
  }

  /** A late entry: the effective date lies more than `lateEntryDays` before the municipal today. */
  private lateness(effectiveDate: string | undefined): EventMetadata['lateEntry'] {
    if (effectiveDate === undefined || !isIsoDate(effectiveDate)) return undefined;
    const daysLate = daysBetween(effectiveDate, this.clock.today());
    return daysLate > this.lateEntryDays ? { daysLate } : undefined;
  }

  /** What is kept of the request a key came with: a keyed hash, since bodies hold identity numbers. */
  private requestHash(ctx: CommandContext): string | undefined {
    return ctx.idempotencyKey && ctx.requestDigest && this.keys ? this.keys.requestFingerprint(ctx.requestDigest) : undefined;
  }

  /**
   * A retry under the same Idempotency-Key: the first execution's events carry ids derived from the key,
   * and the fingerprint of its request. Another command, or the same route with another body, under the
   * key is refused (the IETF Idempotency-Key draft's 422), not answered with the first one's result.
   */
  private replayed<S>(loaded: LoadedStream<S>, eventId: (index: number) => string, stream: string, commandType: string, ctx: CommandContext): CommandOutcome | undefined {
    const first = loaded.stored.get(eventId(0));
    if (!first) return undefined;
    const requestHash = this.requestHash(ctx);
    const otherRequest = first.requestHash !== undefined && requestHash !== undefined && first.requestHash !== requestHash;
    if (first.commandType !== commandType || otherRequest) throw new IdempotencyKeyReused(ctx.clientKey ?? ctx.idempotencyKey!);
    let last = first;
    for (let i = 1; loaded.stored.has(eventId(i)); i++) last = loaded.stored.get(eventId(i))!;
    return { stream, revision: last.revision.toString(), position: formatPosition(last.position), events: [], replayed: true };
  }

  private unchanged<S>(stream: string, loaded: LoadedStream<S>): CommandOutcome {
    return {
      stream,
      revision: loaded.revision === 'no_stream' ? null : loaded.revision.toString(),
      position: loaded.lastPosition ? formatPosition(loaded.lastPosition) : null,
      events: [],
      replayed: false,
    };
  }

  /** Builds a 409 that says who changed the stream last and when. */
  async conflict(stream: string, expected: ExpectedRevision, actual: bigint | 'no_stream'): Promise<ConcurrencyConflict> {
    let lastChange: ConcurrencyConflict['lastChange'];
    try {
      for await (const last of this.store.readStream(stream, { direction: 'backwards', maxCount: 1 })) {
        const m = last.metadata as unknown as EventMetadata;
        lastChange = { actorId: m.actorId, actorRole: m.actorRole, recordedAt: m.recordedAt, eventType: last.type };
      }
    } catch {
      /* the stream vanished or the store is down: the conflict stands without details */
    }
    return new ConcurrencyConflict(stream, String(expected), String(actual), lastChange);
  }
}

export const DEFAULT_LATE_ENTRY_DAYS = 7;

/**
 * The context for one step of a workflow that runs several commands: each step gets its own derived
 * Idempotency-Key, so a retried workflow replays every step instead of mistaking one for another.
 * If-Match applies to the workflow's first step only.
 */
export function stepContext(ctx: CommandContext, step: string, keepExpectedRevision = false): CommandContext {
  return {
    ...ctx,
    idempotencyKey: ctx.idempotencyKey === undefined ? undefined : `${ctx.idempotencyKey}#${step}`,
    expectedRevision: keepExpectedRevision ? ctx.expectedRevision : undefined,
  };
}
