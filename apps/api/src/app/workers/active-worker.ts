import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { UnitOccupancyRepair } from '../../features/placement/unit-occupancy.repair';
import { SealingService } from '../../features/audit/seals/sealing.service';
import { SetupService } from '../../features/users/setup.service';
import { RUN_BACKGROUND } from '../../platform/config/run-background';
import { WORKER_LOCK, WorkerLock } from './worker-lock.port';

/** Background work that runs on the active worker only: started when the lock is taken, stopped when it is lost. */
export interface BackgroundWork {
  readonly name: string;
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

/** How often a standby tries for the lock, and the holder checks it still has it. */
export const WORKER_LOCK_INTERVAL = Symbol('WORKER_LOCK_INTERVAL');
const DEFAULT_INTERVAL_MS = 1_000;

export interface WorkerStatus {
  readonly active: boolean;
  readonly lock: WorkerLock['kind'];
  /** The background work running here (none on a standby). */
  readonly running: readonly string[];
  readonly since?: string;
}

/**
 * Makes this instance the active worker while it holds the worker lock (see WorkerLock): the unit
 * repair process, the log sealer and the setup token run here and on no other instance. A standby
 * tries for the lock every second, so when the active instance dies (its PostgreSQL session ends
 * with it) another takes over within a second or two; a holder whose lock is found lost stops its
 * background work at once. The CLI (RUN_BACKGROUND false) never takes part.
 */
@Injectable()
export class ActiveWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ActiveWorker');
  private readonly work: BackgroundWork[];
  private active = false;
  private since?: Date;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private ticking: Promise<void> = Promise.resolve();

  constructor(
    @Inject(WORKER_LOCK) private readonly lock: WorkerLock,
    @Inject(RUN_BACKGROUND) private readonly background: boolean,
    setup: SetupService,
    sealing: SealingService,
    @Optional() repair?: UnitOccupancyRepair,
    @Optional() @Inject(WORKER_LOCK_INTERVAL) private readonly intervalMs: number = DEFAULT_INTERVAL_MS,
  ) {
    this.work = [
      ...(repair ? [{ name: 'unit-repair', start: () => repair.start(), stop: () => repair.stop() }] : []),
      { name: 'sealer', start: () => sealing.startWork(), stop: () => sealing.stop() },
      { name: 'setup', start: () => setup.start(), stop: () => setup.stop() },
    ];
  }

  /** The first try is awaited: the single instance of the embedded default starts its work at once. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.background) return;
    await this.tick();
    this.schedule();
  }

  status(): WorkerStatus {
    return {
      active: this.active,
      lock: this.lock.kind,
      running: this.active ? this.work.map((w) => w.name) : [],
      ...(this.since && { since: this.since.toISOString() }),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    if (this.active) await this.stopWork();
    await this.lock.release();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    if (this.active) {
      if (await this.lock.verify()) return;
      this.logger.warn('Lost the worker lock: stopping the background work (another instance takes it over)');
      await this.stopWork();
      return;
    }
    if (!(await this.lock.tryAcquire()) || this.stopped) return;
    this.active = true;
    this.since = new Date();
    if (this.lock.kind === 'postgres') this.logger.log('This instance is the active worker: unit repair, log sealing and setup run here');
    for (const w of this.work) {
      try {
        await w.start();
      } catch (error) {
        this.logger.error(`Starting ${w.name} failed (${(error as Error).name})`);
      }
    }
  }

  private async stopWork(): Promise<void> {
    this.active = false;
    this.since = undefined;
    for (const w of [...this.work].reverse()) await w.stop().catch(() => undefined);
  }
}
