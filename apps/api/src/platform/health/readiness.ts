import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import type { ProjectionStatus } from '@app/projections';
import { WriteHealth } from './write-health';

/** One reason this instance should not take traffic, naming what is wrong (and never a message text). */
export type NotReady =
  /** `access_denied`: the store answers but refuses this service (credentials in EVENTSTORE_CONNECTION_STRING). */
  | { readonly check: 'eventStore'; readonly reason: 'unreachable' | 'access_denied'; readonly since?: string; readonly error?: string }
  | { readonly check: 'keyStore'; readonly reason: 'unreachable'; readonly error?: string }
  | { readonly check: 'writes'; readonly reason: 'failing'; readonly since: string; readonly error: string }
  | { readonly check: 'readModels'; readonly reason: 'unknown'; readonly error: string }
  | {
      readonly check: 'readModel';
      readonly name: string;
      readonly reason: 'paused' | 'stalled' | 'parked_events' | 'rebuilding';
      readonly parkedEvents: number;
      readonly error?: string;
    };

export interface WritesCheck {
  readonly status: 'ok' | 'failing';
  readonly since?: string;
  readonly error?: string;
}

/** How often a failing store is probed, and how long a store without a probe stays failed after its last failure. */
const PROBE_INTERVAL_MS = 1000;
const HOLD_WITHOUT_PROBE_MS = 15_000;

/**
 * Readiness is honest (DEVELOPERS.md): not ready while appends fail, while a read model is paused,
 * stalled or has parked events, or while the log cannot be read; each reason names what is wrong.
 * A read model that is only catching up still serves (queries with minPosition wait for it).
 */
@Injectable()
export class Readiness {
  private lastProbe = 0;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly writes: WriteHealth,
  ) {}

  /**
   * Whether appends work: after a failed one, the store's write probe (at most once a second) says when
   * they work again, so an instance that gets no traffic while unready can still become ready. A store
   * without a probe is taken as working again some seconds after its last failure, or at the next append.
   */
  async checkWrites(): Promise<WritesCheck> {
    const failure = this.writes.failure;
    if (!failure) return { status: 'ok' };
    const now = Date.now();
    if (this.store.probeWrite) {
      if (now - this.lastProbe >= PROBE_INTERVAL_MS) {
        this.lastProbe = now;
        try {
          await this.store.probeWrite();
          if (this.writes.failure === failure) this.writes.succeeded();
          return { status: 'ok' };
        } catch (error) {
          this.writes.failed(error);
        }
      }
    } else if (now - failure.last.getTime() >= HOLD_WITHOUT_PROBE_MS) {
      return { status: 'ok' };
    }
    const current = this.writes.failure ?? failure;
    return { status: 'failing', since: current.since.toISOString(), error: current.error };
  }

  reasons(checks: {
    eventStore: { status: 'up' | 'down'; since?: string; error?: string };
    writes: WritesCheck;
    keyStore?: { status: 'up' | 'down'; error?: string };
    projections?: readonly Pick<ProjectionStatus, 'name' | 'state' | 'parkedEvents' | 'stall'>[];
    projectionsError?: string;
  }): NotReady[] {
    const reasons: NotReady[] = [];
    if (checks.eventStore.status === 'down') {
      const { since, error } = checks.eventStore;
      reasons.push({ check: 'eventStore', reason: error === 'StoreAccessDeniedError' ? 'access_denied' : 'unreachable', ...(since && { since }), error });
    }
    if (checks.keyStore?.status === 'down') reasons.push({ check: 'keyStore', reason: 'unreachable', error: checks.keyStore.error });
    if (checks.writes.status === 'failing') reasons.push({ check: 'writes', reason: 'failing', since: checks.writes.since!, error: checks.writes.error! });
    if (checks.projectionsError) reasons.push({ check: 'readModels', reason: 'unknown', error: checks.projectionsError });
    for (const p of checks.projections ?? []) {
      const reason = p.state === 'paused' || p.state === 'stalled' || p.state === 'rebuilding' ? p.state : p.parkedEvents > 0 ? 'parked_events' : undefined;
      if (reason) reasons.push({ check: 'readModel', name: p.name, reason, parkedEvents: p.parkedEvents, ...(p.stall && { error: p.stall.error }) });
    }
    return reasons;
  }
}
