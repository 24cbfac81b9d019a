import { EventEmitter } from 'node:events';
import { comparePositions, EventStore, formatPosition, Position, RecordedEvent } from '@app/event-store';
import { Projection, ProjectionEvent, ProjectionState, ProjectionStatus } from './projection';
import { delay, GroupTuning, Member, ProjectionGroup } from './projection-group';
import { ReadModelDb } from './read-model-db';

export interface EngineOptions {
  readonly store: EventStore;
  readonly db: ReadModelDb;
  readonly projections: readonly Projection[];
  readonly decode: (event: RecordedEvent) => ProjectionEvent;
  /** Loads what `decode` needs for these events (the app: the persons' keys); awaited before decoding. */
  readonly prepare?: (events: readonly RecordedEvent[]) => Promise<void>;
  /** True when positions count events (SQLite), so lag in events is exact. */
  readonly positionsCountEvents: boolean;
  readonly log?: (message: string) => void;
  readonly tuning?: GroupTuning;
  /** How often to look for a swap made by another process (the CLI). 0 turns it off. */
  readonly registryPollMs?: number;
  readonly clock?: () => Date;
  /** Handler duration per event, for metrics. */
  readonly observeHandler?: (projection: string, seconds: number) => void;
}

export interface RebuildProgress {
  readonly applied: number;
  readonly position: Position | null;
  readonly head: Position | null;
  readonly eventsPerSecond: number;
  readonly etaSeconds: number | null;
}

/**
 * Runs the projections: keeps every live generation up to date from one catch-up subscription,
 * rebuilds generations beside the live ones (after a version bump, or on request) and swaps them in
 * when they have caught up, so queries never see an empty or half-built read model.
 */
export class ProjectionEngine {
  private live?: ProjectionGroup;
  private readonly batches = new EventEmitter().setMaxListeners(0);
  private readonly rebuilding = new Map<string, ProjectionGroup>();
  private pollTimer?: NodeJS.Timeout;
  private stopped = false;
  /** Serving: keeps a live group running. A CLI rebuild uses the engine without starting it. */
  private started = false;
  private restarting: Promise<void> = Promise.resolve();

  constructor(private readonly options: EngineOptions) {}

  get projections(): readonly Projection[] {
    return this.options.projections;
  }

  private get db(): ReadModelDb {
    return this.options.db;
  }

  /** Creates what is missing, starts the live group, and rebuilds whatever has a new version. */
  async start(): Promise<void> {
    this.started = true;
    const outdated: Projection[] = [];
    for (const projection of this.projections) {
      const live = this.db.live(projection.name);
      if (!live) this.db.createGeneration(projection, 'live');
      else if (live.version !== projection.version) outdated.push(projection);
    }
    this.startLive();
    if (outdated.length) void this.rebuildUntilDone(outdated.map((p) => p.name));
    const pollMs = this.options.registryPollMs ?? 1000;
    if (pollMs > 0) {
      this.pollTimer = setInterval(() => this.followForeignSwaps(), pollMs);
      this.pollTimer.unref();
    }
  }

  /**
   * The rebuild after a version bump, tried again (with backoff, until stopped) when it fails: the
   * store may not be there yet when the app starts, and the read models must not stay stale for it.
   */
  private async rebuildUntilDone(names: readonly string[]): Promise<void> {
    for (let delayMs = 500; !this.stopped; delayMs = Math.min(delayMs * 2, 30_000)) {
      try {
        await this.rebuild(names);
        return;
      } catch (e) {
        if (this.stopped) return;
        this.log(`Rebuild after a version bump failed (${(e as Error).name}); trying again in ${delayMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
      }
    }
  }

  private members(status: 'live' | 'building', names?: readonly string[]): Member[] {
    const members: Member[] = [];
    for (const projection of this.projections) {
      if (names && !names.includes(projection.name)) continue;
      const g = status === 'live' ? this.db.live(projection.name) : this.db.building(projection.name);
      if (g) members.push({ projection, generation: g.generation, position: g.position, handles: handlerFilter(projection), paused: g.paused });
    }
    return members;
  }

  private startLive(): void {
    this.live = new ProjectionGroup(
      this.options.store,
      this.db,
      this.members('live'),
      this.options.decode,
      {
        onBatch: () => this.batches.emit('batch'),
        onCaughtUp: () => this.batches.emit('batch'),
        onPaused: (m, error) => this.log(`${m.projection.name} paused: ${error}`),
        log: (m) => this.log(m),
        observeHandler: this.options.observeHandler,
        prepare: this.options.prepare,
      },
      this.options.tuning,
    );
    this.live.start();
  }

  /** Restarts the live group with the registry's current generations (after a swap or a resume). */
  private restartLive(): Promise<void> {
    this.restarting = this.restarting.then(async () => {
      const old = this.live;
      this.live = undefined;
      await old?.stop();
      if (this.started && !this.stopped) this.startLive();
      this.batches.emit('batch');
    });
    return this.restarting;
  }

  private followForeignSwaps(): void {
    if (!this.live) return;
    const changed = this.live.members.some((m) => this.db.live(m.projection.name)?.generation !== m.generation);
    if (changed) void this.restartLive();
  }

  /**
   * Builds new generations of the named projections (all by default) from the start of the log, beside
   * the live ones, and swaps each in once the build has caught up with the log.
   */
  async rebuild(names: readonly string[] = this.projections.map((p) => p.name), onProgress?: (p: RebuildProgress) => void): Promise<void> {
    const targets = this.projections.filter((p) => names.includes(p.name));
    for (const p of targets) if (!this.db.building(p.name)) this.db.createGeneration(p, 'building');
    const members = this.members('building', names);
    const started = Date.now();
    let applied = 0;
    const head = await this.head();
    const group = new ProjectionGroup(
      this.options.store,
      this.db,
      members,
      this.options.decode,
      {
        onBatch: (position, count) => {
          applied += count;
          const seconds = (Date.now() - started) / 1000;
          const rate = seconds > 0 ? applied / seconds : 0;
          const remaining = head && this.options.positionsCountEvents ? Number(head.commit - position.commit) : null;
          onProgress?.({ applied, position, head, eventsPerSecond: rate, etaSeconds: remaining !== null && rate > 0 ? Math.max(0, remaining / rate) : null });
        },
        log: (m) => this.log(m),
        prepare: this.options.prepare,
      },
      this.options.tuning,
    );
    targets.forEach((p) => this.rebuilding.set(p.name, group));
    const caughtUp = new Promise<void>((resolve) => {
      const check = () => (group.caughtUp ? resolve() : setTimeout(check, 5).unref());
      check();
    });
    group.start();
    try {
      await caughtUp;
      await group.stop();
      for (const member of group.members) await this.db.createIndexesGradually(member.projection, member.generation);
      for (const member of group.members) this.db.swap(member.projection, member.generation);
    } finally {
      targets.forEach((p) => this.rebuilding.delete(p.name));
    }
    await this.restartLive();
  }

  /** Waits until every named projection has applied the log up to `position` (read-your-writes). */
  async waitFor(names: readonly string[], position: Position, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const reached = () =>
      names.every((name) => {
        const member = this.live?.members.find((m) => m.projection.name === name);
        return member?.position != null && comparePositions(member.position, position) >= 0 && this.serving(name);
      });
    while (!reached()) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(remaining, 50));
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.batches.once('batch', done);
      });
    }
    return true;
  }

  /** Whether queries may read this projection: its live generation has the code's version. */
  serving(name: string): boolean {
    const projection = this.projections.find((p) => p.name === name);
    return projection !== undefined && this.db.live(name)?.version === projection.version;
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.head();
    const now = (this.options.clock ?? (() => new Date()))();
    return this.projections.map((projection) => {
      const live = this.db.live(projection.name);
      const building = this.db.building(projection.name);
      const member = this.live?.members.find((m) => m.projection.name === projection.name);
      const position = member?.position ?? live?.position ?? null;
      const lagEvents = !this.options.positionsCountEvents
        ? null
        : head === null
          ? 0
          : position === null
            ? Number(head.commit)
            : Math.max(0, Number(head.commit - position.commit));
      // Without a running live group (the CLI), "live" means the checkpoint has reached the head.
      const caughtUp = this.live ? this.live.caughtUp : lagEvents === 0 || (head !== null && position !== null && comparePositions(position, head) >= 0);
      const stall = member && !live?.paused ? this.live?.stall : undefined;
      const state: ProjectionState = live?.paused
        ? 'paused'
        : !this.serving(projection.name)
          ? 'rebuilding'
          : stall
            ? 'stalled'
            : !caughtUp
              ? 'catching_up'
              : 'live';
      const lastCreated = this.live?.lastCreated;
      const behind = state !== 'live' && lagEvents !== 0;
      return {
        name: projection.name,
        version: projection.version,
        generation: live?.generation ?? 0,
        state,
        position: position ? formatPosition(position) : null,
        lagEvents,
        lagSeconds: behind && lastCreated ? Math.max(0, (now.getTime() - lastCreated.getTime()) / 1000) : 0,
        parkedEvents: this.db.parked(projection.name, live?.generation).length,
        eventsApplied: live?.eventsApplied ?? 0,
        stall: stall && { kind: stall.kind, error: stall.error, since: stall.since.toISOString() },
        rebuild: building
          ? { generation: building.generation, position: building.position ? formatPosition(building.position) : null, eventsApplied: building.eventsApplied }
          : undefined,
      };
    });
  }

  /**
   * Applies parked events again (after the handler was fixed), in log order, and resumes the projection
   * if it was paused. Returns how many were applied; those that still fail stay parked.
   */
  async replayParked(name: string): Promise<number> {
    const projection = this.projections.find((p) => p.name === name);
    const live = this.db.live(name);
    if (!projection || !live) return 0;
    let replayed = 0;
    for (const parked of this.db.parked(name, live.generation)) {
      let recorded: RecordedEvent | undefined;
      for await (const e of this.options.store.readAll({ fromPosition: parked.position, maxCount: 1 })) recorded = e;
      if (!recorded || recorded.id !== parked.eventId) continue;
      await this.options.prepare?.([recorded]);
      const event = this.options.decode(recorded);
      try {
        this.db.transaction(() => {
          this.db.apply(projection.name, live.generation, projection.handle(event));
          this.db.markReplayed(parked.id);
        });
        replayed++;
      } catch (error) {
        this.log(`${name}: parked event at ${parked.position.commit} still fails: ${(error as Error).message}`);
        return replayed;
      }
    }
    if (live.paused && this.db.parked(name, live.generation).length === 0) {
      // It stopped just before its poison event, which is now applied: resume after it.
      this.db.transaction(() => {
        this.advancePastReplayed(name, live.generation, live.position);
        this.db.setPaused(name, live.generation, false, null);
      });
      await this.restartLive();
    }
    return replayed;
  }

  /** Moves the checkpoint to the last replayed poison event, if that is past it. */
  private advancePastReplayed(name: string, generation: number, checkpoint: Position | null): void {
    const last = this.db.parked(name, generation, { replayed: true }).at(-1);
    if (last && (!checkpoint || comparePositions(last.position, checkpoint) > 0)) this.db.checkpoint(name, generation, last.position, 0);
  }

  private async head(): Promise<Position | null> {
    for await (const e of this.options.store.readAll({ direction: 'backwards', maxCount: 1 })) return e.position;
    return null;
  }

  private log(message: string): void {
    this.options.log?.(message);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    await this.restarting;
    await Promise.all([...new Set(this.rebuilding.values())].map((g) => g.stop()));
    await this.live?.stop();
  }
}

export { delay };

function handlerFilter(projection: Projection): (eventType: string) => boolean {
  if (projection.eventTypes === '*') return () => true;
  const types = new Set(projection.eventTypes);
  return (type) => types.has(type);
}
