import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CaseEvent, caseDecider, caseStream, UNIT_FOLLOW_UP_EVENT_TYPES, unitDecider, unitStream } from '@app/domain';
import { EVENT_STORE, EventStore, Subscription } from '@app/event-store';
import { SYSTEM_ACTOR } from '../application/actor';
import { DomainRuleViolation } from '../application/command-errors';
import { CommandRunner } from '../application/command-runner';
import { EventCodec } from '../application/event-codec';
import { Clock } from '../application/ids';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PendingConfirmation, ProcessStateStore } from './process-state.store';
import { UnitFollowUpService } from './unit-follow-up.service';

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
export class UnitRepairProcess implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('UnitRepair');
  private readonly state: ProcessStateStore;
  private subscription?: Subscription;
  private stopped = false;
  private wake?: () => void;
  private running?: Promise<void>;
  private sweepTimer?: NodeJS.Timeout;
  private caughtUpOnce!: Promise<void>;
  private markCaughtUp!: () => void;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly codec: EventCodec,
    private readonly followUps: UnitFollowUpService,
    private readonly runner: CommandRunner,
    private readonly clock: Clock,
  ) {
    this.state = new ProcessStateStore(config.dataDir);
    this.caughtUpOnce = new Promise((resolve) => (this.markCaughtUp = resolve));
  }

  onApplicationBootstrap(): void {
    this.running = this.run();
    this.sweepTimer = setInterval(() => void this.sweep().catch((e) => this.logger.warn(`Sweep failed: ${(e as Error).name}`)), 60_000);
    this.sweepTimer.unref();
  }

  /** Resolves once the process has read everything stored when it started (for tests and readiness). */
  caughtUp(): Promise<void> {
    return this.caughtUpOnce;
  }

  /** Follows the log from the checkpoint; after a failure it waits (up to 30 s) and resumes from the checkpoint. */
  private async run(): Promise<void> {
    let delayMs = 500;
    while (!this.stopped) {
      try {
        await this.follow();
        return;
      } catch (error) {
        if (this.stopped) return;
        this.logger.warn(`Unit repair interrupted (${(error as Error).name}); resuming from its checkpoint in ${delayMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
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
      await this.codec.loadKeysFor([message.event]);
      const { event, metadata } = this.codec.decode(message.event);
      await this.handle(message.event.id, event as CaseEvent | UnitEventLike, metadata.correlationId);
      this.state.advance(NAME, message.event.position, this.pendingChange(event as CaseEvent | UnitEventLike, message.event.created));
    }
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
      const ctx = { actor: SYSTEM_ACTOR, commandId: `sweep:${pending.id}`, correlationId: `sweep:${pending.id}`, idempotencyKey: `unit-sweep:${pending.kind}:${pending.id}` };
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
    const { state } = await this.runner.load(caseDecider, caseStream(pending.caseId));
    if (state.status === 'none') return false;
    const ledgerKey = { reservation: 'UnitOffered', transfer: 'UnitTransferred', mapping: 'MappingStarted' }[pending.kind] + `:${pending.id}`;
    return ledgerKey in state.ledger;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.subscription?.unsubscribe();
    await this.running;
    this.state.close();
  }
}

interface UnitEventLike {
  type: string;
  data: object;
}
