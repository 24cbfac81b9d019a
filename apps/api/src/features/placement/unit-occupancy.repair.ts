import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { CaseEvent, caseDecider, caseStream, UNIT_FOLLOW_UP_EVENT_TYPES, unitDecider, unitStream } from '@app/domain';
import { EVENT_STORE, EventStore, InvalidPositionError, Position, Subscription } from '@app/event-store';
import { isOutage, StoreConnection } from '../../platform/event-store/store-connection';
import { SYSTEM_ACTOR } from '../../platform/auth/actor';
import { DomainRuleViolation } from '../../platform/errors/command-errors';
import { CommandRunner } from '../../platform/commands/command-runner';
import { EventCodec } from '../../platform/streams/event-codec';
import { Clock } from '../../platform/clock';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { PendingConfirmation, ProcessStateStore } from './process-state.store';
import { UnitOccupancySaga } from './unit-occupancy.saga';
import { StreamReader } from '../../platform/streams/stream-reader';

const NAME = 'unit-repair';
/** How long a unit change may wait for its case before it is taken to be abandoned. */
const GRACE_MS = 5 * 60_000;

/**
 * Keeps units consistent with cases after crashes, as a checkpointed catch-up subscription:
 * - a case event whose unit follow-up was never applied (the process died between the two appends)
 *   gets it applied, idempotently;
 * - a reservation (or a transfer's new unit, or an assessment flat) made ahead of a case command that
 *   never got written is released after a grace period, once the case shows it does not know the
 *   offer (or transfer, or mapping).
 */
@Injectable()
export class UnitOccupancyRepair implements OnApplicationShutdown {
  private readonly logger = new Logger('UnitRepair');
  private readonly state: ProcessStateStore;
  private subscription?: Subscription;
  private stopped = false;
  private wake?: () => void;
  private running?: Promise<void>;
  private sweepTimer?: NodeJS.Timeout;
  private caughtUpOnce!: Promise<void>;
  /** A store checkpoint past the last handled event, not saved yet. */
  private skippedTo?: Position;
  private skippedSavedAt = 0;
  private markCaughtUp!: () => void;
  private readonly dataDir: string;

  /** The promise, or less once the process stops. */
  private until(promise: Promise<void>): Promise<void> {
    return Promise.race([promise, new Promise<void>((resolve) => (this.wake = resolve))]);
  }

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly codec: EventCodec,
    private readonly followUps: UnitOccupancySaga,
    private readonly runner: CommandRunner,
    private readonly streams: StreamReader,
    private readonly clock: Clock,
    private readonly connection: StoreConnection,
  ) {
    this.dataDir = config.dataDir;
    this.state = new ProcessStateStore(config.dataDir);
    this.caughtUpOnce = new Promise((resolve) => (this.markCaughtUp = resolve));
  }

  /**
   * Starts following the log (on the active worker only: see ActiveWorker). Again after a stop, from
   * the checkpoint, when this instance becomes the active worker once more.
   */
  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.running = this.run();
    const sweepIfUp = () => {
      if (!this.connection.available) return; // nothing to sweep against; the outage is logged once elsewhere
      this.sweep().catch((error: unknown) => {
        if (isOutage(error)) void this.connection.reportFailure(error);
        else this.logger.warn(`Sweep failed: ${(error as Error).name}`);
      });
    };
    this.sweepTimer = setInterval(sweepIfUp, 60_000);
    this.sweepTimer.unref();
  }

  /** Resolves once the process has read everything stored when it started (for tests and readiness). */
  caughtUp(): Promise<void> {
    return this.caughtUpOnce;
  }

  /**
   * Follows the log from the checkpoint. When the store is away it waits for it (the connection logs
   * the outage once) and resumes from the checkpoint; after any other failure, or one the store's ping
   * does not confirm, it waits (up to 30 s).
   */
  private async run(): Promise<void> {
    let delayMs = 500;
    while (!this.stopped) {
      try {
        await this.follow();
        return;
      } catch (error) {
        if (this.stopped) return;
        if (isOutage(error)) await this.connection.reportFailure(error);
        if (isOutage(error) && !this.connection.available) {
          await this.until(this.connection.whenAvailable());
          continue;
        }
        // Otherwise (the store still answers a ping, or another failure) wait, growing up to 30 s.
        if (error instanceof InvalidPositionError) {
          this.logger.error(
            `Unit repair's checkpoint is not in this event log (was ${this.dataDir}/processes.sqlite made with another store?); retrying in ${delayMs} ms`,
          );
        } else {
          this.logger.warn(`Unit repair interrupted (${(error as Error).name}); resuming from its checkpoint in ${delayMs} ms`);
        }
        await this.until(new Promise<void>((resolve) => setTimeout(resolve, delayMs).unref()));
        delayMs = Math.min(delayMs * 2, 30_000);
      }
    }
  }

  private async follow(): Promise<void> {
    const types = [...new Set([...UNIT_FOLLOW_UP_EVENT_TYPES, 'UnitOffered', 'UnitReserved', 'UnitOccupied'])];
    this.subscription = this.store.subscribeToAll({
      fromPosition: this.state.checkpoint(NAME) ?? 'start',
      filter: { on: 'eventType', regex: `^(${types.join('|')})$` },
    });
    for await (const message of this.subscription) {
      if (message.kind === 'caughtUp') {
        this.markCaughtUp();
        continue;
      }
      if (message.kind === 'checkpoint') {
        // The filter matches rarely: keep the store's word for how far the log was read, or every
        // restart would scan again from the last matching event. At most once a second (a crash
        // rescans at most a second's worth of events), and once more at shutdown.
        this.skippedTo = message.position;
        if (Date.now() - this.skippedSavedAt >= 1_000) this.saveSkipped();
        continue;
      }
      await this.codec.loadKeysFor([message.event]);
      const { event, metadata } = this.codec.decode(message.event);
      await this.handle(message.event.id, event as CaseEvent | UnitEventLike, metadata.correlationId);
      this.skippedTo = undefined;
      this.state.advance(NAME, message.event.position, this.pendingChange(event as CaseEvent | UnitEventLike, message.event.created));
    }
  }

  private saveSkipped(): void {
    if (!this.skippedTo) return;
    this.state.advance(NAME, this.skippedTo);
    this.skippedTo = undefined;
    this.skippedSavedAt = Date.now();
  }

  private async handle(id: string, event: CaseEvent | UnitEventLike, correlationId: string): Promise<void> {
    if (!(UNIT_FOLLOW_UP_EVENT_TYPES as readonly string[]).includes(event.type)) return;
    try {
      await this.followUps.apply(id, event as CaseEvent, { correlationId });
    } catch (error) {
      // A rule refusing the follow-up means the unit already reflects something else; retrying will not help.
      if (error instanceof DomainRuleViolation) {
        this.logger.warn(`Unit follow-up of ${event.type} refused by rule ${error.error.rule}; left for staff to review`);
        return;
      }
      throw error;
    }
  }

  private pendingChange(event: CaseEvent | UnitEventLike, created: Date): Parameters<ProcessStateStore['advance']>[2] {
    const d = event.data as Record<string, string>;
    switch (event.type) {
      case 'UnitReserved':
        return { add: { kind: 'reservation', id: d.offerId, unitId: d.unitId, caseId: d.caseId, on: d.on, seenAt: created.toISOString() } };
      case 'UnitOccupied':
        if (d.transferId) return { add: { kind: 'transfer', id: d.transferId, unitId: d.unitId, caseId: d.caseId, on: d.on, seenAt: created.toISOString() } };
        if (d.mappingId) return { add: { kind: 'mapping', id: d.mappingId, unitId: d.unitId, caseId: d.caseId, on: d.on, seenAt: created.toISOString() } };
        return {};
      case 'UnitOffered':
        return { confirm: { kind: 'reservation', id: d.offerId } };
      case 'UnitTransferred':
        return { confirm: { kind: 'transfer', id: d.transferId } };
      case 'MappingStarted':
        return d.assessmentUnitId ? { confirm: { kind: 'mapping', id: d.mappingId } } : {};
      default:
        return {};
    }
  }

  /** Releases unit changes whose case command never got written. */
  async sweep(now = this.clock.now()): Promise<number> {
    const stale = this.state.pendingSeenBefore(new Date(now.getTime() - GRACE_MS).toISOString());
    let released = 0;
    for (const pending of stale) {
      if (await this.caseKnows(pending)) {
        this.state.resolve(pending.kind, pending.id);
        continue;
      }
      const ctx = {
        actor: SYSTEM_ACTOR,
        commandId: `sweep:${pending.id}`,
        correlationId: `sweep:${pending.id}`,
        idempotencyKey: `unit-sweep:${pending.kind}:${pending.id}`,
      };
      const command =
        pending.kind === 'reservation'
          ? ({ type: 'ReleaseReservation', unitId: pending.unitId, offerId: pending.id, on: pending.on, reason: 'withdrawn' } as const)
          : pending.kind === 'transfer'
            ? ({ type: 'VacateUnit', unitId: pending.unitId, caseId: pending.caseId, on: pending.on, transferId: pending.id } as const)
            : ({ type: 'VacateUnit', unitId: pending.unitId, caseId: pending.caseId, on: pending.on, mappingId: pending.id } as const);
      await this.runner.run({ decider: unitDecider, stream: unitStream(pending.unitId), command }, ctx);
      this.state.resolve(pending.kind, pending.id);
      released++;
    }
    return released;
  }

  private async caseKnows(pending: PendingConfirmation): Promise<boolean> {
    const { state } = await this.streams.load(caseDecider, caseStream(pending.caseId));
    if (state.status === 'none') return false;
    const ledgerKey = { reservation: 'UnitOffered', transfer: 'UnitTransferred', mapping: 'MappingStarted' }[pending.kind] + `:${pending.id}`;
    return ledgerKey in state.ledger;
  }

  /** Stops following the log and sweeping (the worker lock was lost, or shutdown); the checkpoint stays. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    await this.subscription?.unsubscribe();
    await this.running;
    this.running = undefined;
    this.saveSkipped();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
    this.state.close();
  }
}

interface UnitEventLike {
  type: string;
  data: object;
}
