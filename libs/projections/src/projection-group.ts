import {
  comparePositions,
  EventStore,
  InvalidPositionError,
  isAfter,
  Position,
  RecordedEvent,
  START,
  Subscription,
  SubscriptionMessage,
} from '@app/event-store';
import { Projection, ProjectionEvent } from './projection';
import { isStorageError, ReadModelDb } from './read-model-db';

/** One projection generation fed by a group: its own checkpoint and event types. */
export interface Member {
  readonly projection: Projection;
  readonly generation: number;
  position: Position | null;
  readonly handles: (eventType: string) => boolean;
  paused: boolean;
}

export interface GroupHooks {
  /** After each committed batch: where the group is now and how many events it applied. */
  onBatch?(position: Position, applied: number, lastCreated: Date | undefined): void;
  /** The group delivered everything stored (first time and after falling behind). */
  onCaughtUp?(position: Position | null): void;
  onPaused?(member: Member, error: string): void;
  log?(message: string): void;
  /** How long a handler took for one event (for the handler-duration metric). */
  observeHandler?(projection: string, seconds: number): void;
  /** Loads what decoding a batch needs (the app: the persons' keys), before the batch is decoded. */
  prepare?(batch: readonly RecordedEvent[]): Promise<void>;
}

export interface GroupTuning {
  /** Events per transaction while live (default 1000). */
  readonly maxBatch?: number;
  /** Events per transaction while catching up (default maxBatch if given, else 2000): fewer, larger commits while rebuilding. */
  readonly catchUpBatch?: number;
  /** While live, how long to wait for more events before committing a partial batch. */
  readonly lingerMs?: number;
  /**
   * While live, the oldest event of a batch waits at most this long for its commit (default 10 ms).
   * Under steady load events keep arriving within the linger, and without this bound a batch only
   * committed once full: read-your-writes waited about a second at 1,000 commands/s (bench:http).
   */
  readonly maxBatchAgeMs?: number;
  readonly retryDelaysMs?: readonly number[];
  /**
   * Waits between attempts while the read-model file cannot be written or the log cannot be read (a
   * full disk, an I/O error, a lost connection): the last one repeats until it works. Default 100 ms
   * growing to 5 s.
   */
  readonly stallDelaysMs?: readonly number[];
}

/** Why a group cannot go on right now; it retries by itself and goes on once the cause is gone. */
const STALL_CAUSES: Record<Stall['kind'], string> = {
  storage: 'cannot write the read models',
  log: 'cannot read the event log',
  keys: "cannot load the persons' keys",
};

export interface Stall {
  /** `storage`: the read-model file refused a write; `log`: the event log could not be read; `keys`: the key store did not answer. */
  readonly kind: 'storage' | 'log' | 'keys';
  /** The error's code or class, never its message (it may quote data). */
  readonly error: string;
  readonly since: Date;
  readonly attempts: number;
}

const STALL_DELAYS_MS = [100, 200, 500, 1000, 2000, 5000];

function errorName(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'Error';
}

/**
 * Feeds several projection generations from ONE catch-up subscription on $all, so a rebuild of all
 * read models reads the log once. Events are gathered into batches; each batch is one SQLite
 * transaction holding the rows of every member AND every member's checkpoint, so a crash can never
 * apply an event twice or skip one. A member whose handler keeps failing on an event has that event
 * parked (dead letter) and either goes on or pauses, as its projection says.
 *
 * A storage error (the read-model file is full, an I/O error) or a failed read of the log is not the
 * handler's fault: nothing is parked, the group stalls, retries with backoff and goes on from its
 * checkpoint once the cause is gone, and `stall` says why it waits (readiness reports it).
 */
export class ProjectionGroup {
  private subscription?: Subscription;
  private stopped = false;
  private done?: Promise<void>;
  position: Position | null;
  lastCreated?: Date;
  caughtUp = false;
  /** Set while the group cannot write its rows or read the log; cleared by the next commit. */
  stall?: Stall;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    readonly members: Member[],
    private readonly decode: (event: RecordedEvent) => ProjectionEvent,
    private readonly hooks: GroupHooks = {},
    private readonly tuning: GroupTuning = {},
  ) {
    this.position = ProjectionGroup.lowest(members);
  }

  /** Where the slowest member is: the group reads from there; members further on skip what they have. */
  private static lowest(members: Member[]): Position | null {
    let lowest: Position | undefined;
    for (const m of members) {
      if (m.position === null) return null;
      if (lowest === undefined || comparePositions(m.position, lowest) < 0) lowest = m.position;
    }
    return lowest ?? null;
  }

  start(): void {
    this.done = this.run();
  }

  private wake?: () => void;

  /** A retry wait that a stop cuts short. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.subscription?.unsubscribe();
    await this.done;
  }

  /**
   * Reads the log until stopped; a failed read stalls the group and resubscribes from its checkpoint.
   * A checkpoint that is not in this log (read models from another store) cannot be followed: the
   * members pause with that reason, since retrying cannot help.
   */
  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.consume();
        return;
      } catch (error) {
        if (this.stopped) return;
        if (error instanceof InvalidPositionError) {
          const reason = `${error.name}: checkpoint ${error.position.commit}/${error.position.prepare} is not in this event log; rebuild the read models`;
          for (const member of this.members) if (!member.paused) this.pauseMember(member, reason);
          this.stall = undefined; // not waiting for a cause to pass: paused until rebuilt
          return;
        }
        await this.stallOn(storageOrLog(error), error);
      }
    }
  }

  private pauseMember(member: Member, reason: string): void {
    this.db.setPaused(member.projection.name, member.generation, true, reason);
    member.paused = true;
    this.hooks.onPaused?.(member, reason);
  }

  private async consume(): Promise<void> {
    this.subscription = this.store.subscribeToAll({ fromPosition: this.position ?? 'start' });
    const iterator = this.subscription[Symbol.asyncIterator]();
    const liveBatch = this.tuning.maxBatch ?? 1000;
    const catchUpBatch = this.tuning.catchUpBatch ?? this.tuning.maxBatch ?? 2000;
    const lingerMs = this.tuning.lingerMs ?? 2;
    const maxBatchAgeMs = this.tuning.maxBatchAgeMs ?? 10;
    let batch: RecordedEvent[] = [];
    let batchStartedAt = 0;
    let next: Promise<IteratorResult<SubscriptionMessage>> | undefined;
    try {
      while (!this.stopped) {
        next ??= iterator.next();
        // Live, with a partial batch: wait only briefly for more before committing what we have, and never
        // past the batch's age limit. While catching up, events come in pages: nothing to wait for.
        const waitMs = Math.min(lingerMs, maxBatchAgeMs - (performance.now() - batchStartedAt));
        const result = batch.length === 0 || !this.caughtUp ? await next : waitMs <= 0 ? ('linger' as const) : await raceLinger(next, waitMs);
        if (result === 'linger') {
          await this.commit(batch);
          batch = [];
          continue;
        }
        next = undefined;
        if (result.done) break;
        const message = result.value;
        // The log answers again: a read failure is over (a storage stall ends with the next commit).
        if (this.stall?.kind === 'log') this.stall = undefined;
        if (message.kind === 'checkpoint') continue; // the group reads unfiltered: it checkpoints at events
        if (message.kind === 'caughtUp') {
          if (batch.length) await this.commit(batch);
          batch = [];
          this.caughtUp = true;
          this.hooks.onCaughtUp?.(this.position);
          continue;
        }
        if (batch.length === 0) batchStartedAt = performance.now();
        batch.push(message.event);
        if (batch.length >= (this.caughtUp ? liveBatch : catchUpBatch)) {
          await this.commit(batch);
          batch = [];
        }
      }
      if (batch.length && !this.stopped) await this.commit(batch);
    } finally {
      await this.subscription.unsubscribe();
    }
  }

  /** Applies a batch in one transaction; on a handler error, falls back to one event at a time. */
  private async commit(batch: RecordedEvent[]): Promise<void> {
    if (!(await this.prepared(batch))) return;
    const decoded = batch.map(this.decode);
    for (;;) {
      try {
        this.db.transaction(() => {
          for (const event of decoded) for (const member of this.members) this.applyTo(member, event);
          this.checkpointAll(decoded);
        });
        break;
      } catch (error) {
        if (!isStorageError(error)) {
          for (const event of decoded) if (!(await this.applyOneByOne(event))) return;
          break;
        }
        await this.stallOn('storage', error);
        // Stopping while stalled commits nothing: the checkpoint stays before the batch.
        if (this.stopped) return;
      }
    }
    this.stall = undefined;
    const last = decoded[decoded.length - 1];
    this.position = last.position;
    this.lastCreated = last.created;
    for (const m of this.members) if (!m.paused) m.position = last.position;
    this.hooks.onBatch?.(last.position, decoded.length, last.created);
  }

  /**
   * Runs the prepare hook; when what it reads does not answer (a key store down), the group stalls
   * (state `stalled`, readiness says so) and retries until it does or the group stops: that is no
   * handler's fault, so nothing is parked. False: stopped.
   */
  private async prepared(batch: readonly RecordedEvent[]): Promise<boolean> {
    if (!this.hooks.prepare) return true;
    for (;;) {
      try {
        await this.hooks.prepare(batch);
        return true;
      } catch (error) {
        if (this.stopped) return false;
        await this.stallOn('keys', error);
        if (this.stopped) return false;
      }
    }
  }

  /** Waits out a storage or log failure, longer each time, and says so (once) while it lasts. */
  private async stallOn(kind: Stall['kind'], error: unknown): Promise<void> {
    const attempts = (this.stall?.attempts ?? 0) + 1;
    if (!this.stall) this.hooks.log?.(`Read models stalled: ${STALL_CAUSES[kind]} (${errorName(error)}); retrying`);
    this.stall = { kind, error: errorName(error), since: this.stall?.since ?? new Date(), attempts };
    const delays = this.tuning.stallDelaysMs ?? STALL_DELAYS_MS;
    await this.pause(delays[Math.min(attempts - 1, delays.length - 1)]);
  }

  private applyTo(member: Member, event: ProjectionEvent): void {
    if (member.paused || !member.handles(event.type)) return;
    if (member.position && !isAfter(event.position, member.position)) return; // it has this one already
    const started = this.hooks.observeHandler ? performance.now() : 0;
    const changes = member.projection.handle(event);
    this.db.apply(member.projection.name, member.generation, changes);
    if (this.hooks.observeHandler) this.hooks.observeHandler(member.projection.name, (performance.now() - started) / 1000);
  }

  private checkpointAll(events: ProjectionEvent[]): void {
    const last = events[events.length - 1].position;
    for (const member of this.members) {
      if (member.paused) continue;
      const applied = events.filter((e) => member.handles(e.type) && (!member.position || isAfter(e.position, member.position))).length;
      this.db.checkpoint(member.projection.name, member.generation, last, applied);
    }
  }

  /**
   * Retries each member on its own; after the last retry the event is parked for that member. A
   * storage error on the way is waited out without counting as an attempt: only the handler's own
   * failures park an event. Answers false when stopped before the event was done.
   */
  private async applyOneByOne(event: ProjectionEvent): Promise<boolean> {
    for (const member of this.members) {
      if (member.paused) continue;
      const delays = this.tuning.retryDelaysMs ?? [20, 100, 400];
      for (let attempt = 0; ;) {
        // Stopping mid-retry parks nothing: the checkpoint stays before the event, the next start retries it.
        if (this.stopped) return false;
        try {
          this.db.transaction(() => {
            this.applyTo(member, event);
            this.db.checkpoint(member.projection.name, member.generation, event.position, member.handles(event.type) ? 1 : 0);
          });
          break;
        } catch (error) {
          if (isStorageError(error)) {
            await this.stallOn('storage', error);
            continue;
          }
          if (attempt < delays.length) {
            await this.pause(delays[attempt++]);
            continue;
          }
          const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          if (!(await this.park(member, event, reason, attempt + 1))) return false;
          break;
        }
      }
      if (!member.paused) member.position = event.position;
    }
    return true;
  }

  /** Parks the event for the member (a storage error on the way is waited out); false when stopped first. */
  private async park(member: Member, event: ProjectionEvent, reason: string, attempts: number): Promise<boolean> {
    const { name } = member.projection;
    const pause = member.projection.onPoison === 'pause';
    for (;;) {
      if (this.stopped) return false;
      try {
        this.db.transaction(() => {
          this.db.park(name, member.generation, event, reason, attempts);
          if (pause) this.db.setPaused(name, member.generation, true, reason);
          else this.db.checkpoint(name, member.generation, event.position, 0);
        });
        break;
      } catch (error) {
        if (!isStorageError(error)) throw error;
        await this.stallOn('storage', error);
      }
    }
    if (pause) {
      member.paused = true;
      this.hooks.onPaused?.(member, reason);
      this.hooks.log?.(`${name}: paused at event ${event.position.commit} after ${attempts} attempts`);
    } else {
      this.hooks.log?.(`${name}: event at ${event.position.commit} parked after ${attempts} attempts; going on`);
    }
    return true;
  }
}

/** A failure while reading: the read-model file's (it is read during a batch too) or the log's. */
function storageOrLog(error: unknown): Stall['kind'] {
  return isStorageError(error) ? 'storage' : 'log';
}

/** The next message, or 'linger' after `ms`; the timer is always cleared, so none pile up. */
async function raceLinger<T>(next: Promise<T>, ms: number): Promise<T | 'linger'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([next, new Promise<'linger'>((resolve) => (timer = setTimeout(() => resolve('linger'), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export { START };
