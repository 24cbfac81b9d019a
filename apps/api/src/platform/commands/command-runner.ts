import { Inject, Injectable } from '@nestjs/common';
import type { Decider } from '@app/domain';
import { EVENT_STORE, EventStore, EventToAppend, ExpectedRevision, formatPosition, WrongExpectedVersionError } from '@app/event-store';
import { AccessRule, authorize } from '../auth/authorization';
import { ConcurrencyConflict, DomainRuleViolation, IdempotencyKeyReused } from '../errors/command-errors';
import { IdGenerator, uuidV5 } from '../ids';
import { DomainEventLike, EventCodec } from '../streams/event-codec';
import { EventMetadata } from '../streams/event-metadata';
import { linkFor } from '../streams/hash-chain';
import { LoadedStream, StreamReader } from '../streams/stream-reader';
import { CommandContext, CommandOutcome } from './command-context';
import { CommandMetadata } from './command-metadata';

export type { CommandContext, CommandOutcome } from './command-context';
export { stepContext } from './command-context';

export interface RunSpec<C extends { type: string }, S, E extends DomainEventLike> {
  readonly decider: Decider<C, S, E>;
  readonly stream: string;
  readonly command: C;
  /**
   * Who may issue the command against this record (platform/auth/authorization.ts), checked on the
   * state the command is decided on, before anything about the record is revealed. Without one, the
   * route's role-level check (@Requires) is all there is: records outside any facility (a facility
   * itself, a user, a claim).
   */
  readonly access?: AccessRule<S>;
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
    private readonly streams: StreamReader,
    private readonly codec: EventCodec,
    private readonly ids: IdGenerator,
    private readonly metadata: CommandMetadata,
  ) {}

  /**
   * Throws the DomainRuleViolation that appending these events would meet in the encoding (personal
   * data about a forgotten person), without appending anything: for a command that writes another
   * stream first and must not leave that write behind.
   */
  async assertEncodable(events: readonly DomainEventLike[], ctx: CommandContext, commandType: string): Promise<void> {
    await this.codec.loadKeysFor(events);
    const metadata = this.metadata.of(commandType, ctx);
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
    const loaded = await this.streams.load(spec.decider, spec.stream);
    const eventId = (index: number) => (ctx.idempotencyKey ? uuidV5(`${ctx.actor.userId}\n${ctx.idempotencyKey}\n${spec.stream}\n${index}`) : this.ids.next());

    if (ctx.idempotencyKey) {
      const replay = this.replayed(loaded, eventId, spec.stream, spec.command.type, ctx);
      if (replay) return { replay, loaded };
    }
    // Access first: a 409 says who changed the record, which only those allowed to act on it may learn.
    if (spec.access) authorize(spec.access, loaded.state, ctx.actor);
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

    const metadata = this.metadata.of(spec.command.type, ctx, spec.effectiveDate);
    await this.codec.loadKeysFor(events);
    const toAppend = this.chained(
      spec.stream,
      loaded,
      events.map((event, i) => this.codec.encode(event, eventId(i), metadata)),
    );
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

  /**
   * A retry under the same Idempotency-Key: the first execution's events carry ids derived from the key,
   * and the fingerprint of its request. Another command, or the same route with another body, under the
   * key is refused (the IETF Idempotency-Key draft's 422), not answered with the first one's result.
   */
  private replayed<S>(
    loaded: LoadedStream<S>,
    eventId: (index: number) => string,
    stream: string,
    commandType: string,
    ctx: CommandContext,
  ): CommandOutcome | undefined {
    const first = loaded.stored.get(eventId(0));
    if (!first) return undefined;
    const requestHash = this.metadata.requestHash(ctx);
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

export { DEFAULT_LATE_ENTRY_DAYS } from './command-metadata';
