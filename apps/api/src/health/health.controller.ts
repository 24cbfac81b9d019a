import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EVENT_STORE, EventStore, formatPosition } from '@app/event-store';
import { ProjectionEngine } from '@app/projections';
import { Public } from '../auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { KEY_STORE, KeyStore } from '../privacy/key-store.port';

interface StoreCheck {
  status: 'up' | 'down';
  adapter: AppConfig['eventStore'];
  /** The newest global position, as a string; null for an empty log. */
  headPosition?: string | null;
  error?: string;
}

/**
 * Liveness says the process answers; readiness says it can serve: the event store is reachable.
 * Load balancers route on readiness (503 when not ready); orchestrators restart on liveness.
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projections: ProjectionEngine,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    const eventStore = await this.checkStore();
    const projections = eventStore.status === 'up' ? await this.checkProjections() : undefined;
    // Ready when the store answers and every read model serves its current version (a lagging read
    // model still serves: queries with minPosition wait for it; its lag is reported here).
    // Every command and every read of personal data needs the key store (PostgreSQL may be away).
    const keyStore = await this.checkKeyStore();
    const ready = eventStore.status === 'up' && keyStore.status === 'up' && projections !== undefined && projections.every((p) => p.state !== 'rebuilding');
    res.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ready ? 'ok' : 'unavailable', live: true, ready, checks: { eventStore, keyStore, projections } };
  }

  @Get('live')
  live() {
    return { status: 'ok', live: true };
  }

  private async checkProjections() {
    return (await this.projections.status()).map((p) => ({
      name: p.name,
      state: p.state,
      position: p.position,
      lagEvents: p.lagEvents,
      lagSeconds: p.lagSeconds,
      parkedEvents: p.parkedEvents,
    }));
  }

  private async checkKeyStore(): Promise<{ status: 'up' | 'down'; adapter: AppConfig['keyStore']; error?: string }> {
    try {
      await this.keys.ping();
      return { status: 'up', adapter: this.config.keyStore };
    } catch (error) {
      return { status: 'down', adapter: this.config.keyStore, error: error instanceof Error ? error.name : 'Error' };
    }
  }

  private async checkStore(): Promise<StoreCheck> {
    const adapter = this.config.eventStore;
    try {
      await this.store.ping();
      let headPosition: string | null = null;
      for await (const newest of this.store.readAll({ direction: 'backwards', maxCount: 1 })) {
        headPosition = formatPosition(newest.position);
      }
      return { status: 'up', adapter, headPosition };
    } catch (error) {
      // The error's class only: messages may carry host names or paths that do not belong in a response.
      return { status: 'down', adapter, error: error instanceof Error ? error.name : 'Error' };
    }
  }
}
