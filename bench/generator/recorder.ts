import type { Decider } from '@app/domain';
import { EventToAppend, SqliteEventStore } from '@app/event-store';
import { Rng } from './random';
import { Actor, DomainEventLike, EventCodec, EventMetadata, GENESIS, linkFor, primaryRole, uuidV5 } from '../product/recording';

/** How a command was asked for, as the app's CommandContext says it (plus the simulated instant). */
export interface Ctx {
  readonly actor: Actor;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly idempotencyKey?: string;
  readonly reason?: string;
  /** The server time the command was recorded at (metadata `recordedAt`, and the store's `created`). */
  readonly at: string;
}

export interface Recorded<E> {
  readonly events: readonly E[];
  readonly ids: readonly string[];
}

export class GeneratorBug extends Error {}

interface Slot {
  state: unknown;
  /** The stream's last revision; -1 when it has no events yet. */
  revision: number;
  /** The hash of the stream's last event (tamper evidence: the next event chains to it). */
  lastHash: string;
}

/**
 * Runs commands through the domain's own deciders against states kept in memory (the generator is the
 * only writer, so it never needs to read a stream back), encodes the events as CommandRunner does (the
 * app's EventCodec with its personal-data cipher, CommandRunner's metadata, the hash chain), and appends them to the store without waiting: group commit
 * gathers the appends of one event-loop turn into one transaction. Appends keep issue order, so the log
 * is in the simulation's (chronological) order.
 */
export class Recorder {
  private readonly slots = new Map<string, Slot>();
  private pending: Array<Promise<unknown>> = [];
  /** The store's clock: the instants of the appends still queued, in the order the store asks for them. */
  private readonly instants: string[] = [];
  private instantHead = 0;
  events = 0;
  appends = 0;
  readonly countsByType = new Map<string, number>();
  readonly streamKinds = new Map<string, number>();

  constructor(
    private readonly store: SqliteEventStore,
    private readonly codec: EventCodec,
    private readonly rng: Rng,
    /** Makes a person's key before their registration is encoded, as RegisterPersonHandler does. */
    private readonly createKey: (personId: string) => void = () => undefined,
  ) {}

  /** For the store's `clock` option: the instant of the append being written now. */
  readonly clock = (): Date => {
    const at = this.instants[this.instantHead++];
    if (this.instantHead > 4096) {
      this.instants.splice(0, this.instantHead);
      this.instantHead = 0;
    }
    return new Date(at ?? Date.now());
  };

  get queued(): number {
    return this.pending.length;
  }

  stateOf<S>(stream: string): S | undefined {
    return this.slots.get(stream)?.state as S | undefined;
  }

  /**
   * Decides `command` on the stream's state, records the events, and returns them (none when the
   * command was already applied). A refusal is a bug in the generator's story, never worked around.
   */
  run<C extends { type: string }, S, E extends DomainEventLike>(
    decider: Decider<C, S, E>,
    stream: string,
    command: C,
    ctx: Ctx,
    effectiveDate?: string,
  ): Recorded<E> {
    let slot = this.slots.get(stream);
    if (!slot) {
      slot = { state: decider.initialState, revision: -1, lastHash: GENESIS };
      this.slots.set(stream, slot);
    }
    const decision = decider.decide(command, slot.state as S);
    if (!decision.ok) {
      throw new GeneratorBug(`${command.type} on ${stream} refused by ${decision.error.rule}: ${decision.error.message}\n${JSON.stringify(command)}`);
    }
    if (decision.events.length === 0) return { events: [], ids: [] };
    if (command.type === 'RegisterPerson') this.createKey((command as unknown as { personId: string }).personId);
    let state = slot.state as S;
    for (const e of decision.events) state = decider.evolve(state, e);
    slot.state = state;

    const metadata: Omit<EventMetadata, 'schemaVersion'> = {
      commandId: ctx.commandId,
      commandType: command.type,
      correlationId: ctx.correlationId,
      causationId: ctx.causationId ?? ctx.commandId,
      actorId: ctx.actor.userId,
      actorRole: primaryRole(ctx.actor),
      recordedAt: ctx.at,
      effectiveDate,
      reason: ctx.reason,
      idempotencyKey: ctx.idempotencyKey,
    };
    const ids = decision.events.map((_, i) => (ctx.idempotencyKey ? uuidV5(`${ctx.actor.userId}\n${ctx.idempotencyKey}\n${stream}\n${i}`) : this.rng.uuid()));
    // As CommandRunner.run: encode (which encrypts personal fields), then chain each event to the one before.
    let prev = slot.lastHash;
    let revision = BigInt(slot.revision + 1);
    const toAppend: EventToAppend[] = decision.events.map((e, i) => {
      const encoded = this.codec.encode(e, ids[i], metadata);
      const md = (encoded.metadata ?? {}) as Record<string, unknown>;
      const link = linkFor({ stream, revision, type: encoded.type, data: encoded.data, metadata: md, prev });
      prev = link.hash;
      revision += 1n;
      return { ...encoded, metadata: { ...md, chain: { ...link } } as EventToAppend['metadata'] };
    });
    slot.lastHash = prev;
    const expectedRevision = slot.revision < 0 ? ('no_stream' as const) : BigInt(slot.revision);
    this.instants.push(ctx.at);
    this.pending.push(this.store.appendToStream(stream, toAppend, { expectedRevision }));
    if (slot.revision < 0) {
      const kind = stream.slice(0, stream.indexOf('-'));
      this.streamKinds.set(kind, (this.streamKinds.get(kind) ?? 0) + 1);
    }
    slot.revision += decision.events.length;
    this.events += decision.events.length;
    this.appends++;
    for (const e of decision.events) this.countsByType.set(e.type, (this.countsByType.get(e.type) ?? 0) + 1);
    return { events: decision.events, ids };
  }

  /** A stream nothing will be appended to again (a closed case): its state is dropped from memory. */
  forget(stream: string): void {
    this.slots.delete(stream);
  }

  /** Waits for every queued append; rethrows the first failure (a bug: the generator tracks revisions). */
  async drain(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    await Promise.all(pending);
  }
}
