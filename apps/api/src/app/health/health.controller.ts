import { Controller, Get, HttpStatus, Inject, Optional, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE, EventStore, formatPosition } from '@app/event-store';
import { ProjectionEngine } from '@app/projections';
import { Public } from '../../platform/auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { StoreConnection } from '../../platform/event-store/store-connection';
import { KEY_STORE, KeyStore } from '../../platform/crypto/key-store.port';
import { NotReady, Readiness } from '../../platform/health/readiness';
import { SealingService } from '../../features/audit/seals/sealing.service';
import { ActiveWorker } from '../workers/active-worker';
import { ApiTag } from '../../platform/http/openapi';
import { HealthReportDto, LivenessDto } from './health.dto';
import { HealthIndicator, terminusShape } from './terminus-shape';

interface StoreCheck {
  status: 'up' | 'down';
  adapter: AppConfig['eventStore'];
  /** The newest global position, as a string; null for an empty log. */
  headPosition?: string | null;
  /** While down: since when this process has found the store away (its outage is logged once). */
  since?: string;
  error?: string;
}

/**
 * Liveness says the process answers; readiness says it can serve: the event store is reachable and
 * takes writes, and every read model serves (none paused, stalled, rebuilding or with parked events);
 * `notReady` names each reason. Load balancers route on readiness (503 when not ready, at /api/health
 * and /api/health/ready); orchestrators restart on liveness (/api/health/live, the image's HEALTHCHECK).
 * The bodies have @nestjs/terminus's shape (status ok/error, info, error, details) for operators'
 * tools, beside our own `ready`, `notReady` and `checks`.
 */
/** The read models as one terminus check: down naming those that do not serve, or while unchecked (the store is down). */
function readModelsIndicator(notReady: readonly NotReady[], checked: boolean): HealthIndicator & Record<string, unknown> {
  const notServing = notReady.filter((r) => r.check === 'readModel' || r.check === 'readModels');
  if (notServing.length > 0) return { status: 'down', notServing };
  return checked ? { status: 'up' } : { status: 'down', reason: 'not_checked' };
}

@ApiTag('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projections: ProjectionEngine,
    private readonly connection: StoreConnection,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    private readonly readiness: Readiness,
    @Optional() private readonly sealing?: SealingService,
    @Optional() private readonly worker?: ActiveWorker,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'getHealth', summary: 'Readiness with every check: the stores, writes, read models, seals, worker' })
  @ApiOkResponse({ type: HealthReportDto, description: 'Ready' })
  @ApiServiceUnavailableResponse({ type: HealthReportDto, description: 'Not ready: `notReady` names each reason' })
  async health(@Res({ passthrough: true }) res: Response) {
    const eventStore = await this.checkStore();
    let projections: Awaited<ReturnType<HealthController['checkProjections']>> | undefined;
    let projectionsError: string | undefined;
    if (eventStore.status === 'up') {
      try {
        projections = await this.checkProjections();
      } catch (error) {
        projectionsError = error instanceof Error ? error.name : 'Error';
      }
    }
    const writes = await this.readiness.checkWrites();
    // Every command and every read of personal data needs the key store (PostgreSQL may be away).
    const keyStore = await this.checkKeyStore();
    const notReady = this.readiness.reasons({ eventStore, writes, keyStore, projections, projectionsError });
    const ready = notReady.length === 0;
    res.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    // Sealing is reported, not part of readiness: an unsealed log still serves; the report says why.
    const seals = this.sealing?.status();
    // Whether this instance runs the background work; a standby is just as ready.
    const worker = this.worker?.status();
    const indicators = {
      eventStore,
      keyStore,
      writes: { ...writes, status: writes.status === 'ok' ? 'up' : 'down' } as const,
      readModels: readModelsIndicator(notReady, projections !== undefined),
    };
    return {
      // Down checks are exactly the reasons not to be ready, so terminus's status is ok when ready.
      ...terminusShape(indicators),
      live: true,
      ready,
      ...(!ready && { notReady }),
      checks: { eventStore, writes, keyStore, projections, seals, worker },
    };
  }

  /** Readiness alone, for probes that want a path of their own (the same answer as /api/health). */
  @Get('ready')
  @ApiOperation({ operationId: 'getReadiness', summary: 'Readiness, for probes that want a path of their own' })
  @ApiOkResponse({ type: HealthReportDto, description: 'Ready' })
  @ApiServiceUnavailableResponse({ type: HealthReportDto, description: 'Not ready: `notReady` names each reason' })
  ready(@Res({ passthrough: true }) res: Response) {
    return this.health(res);
  }

  @Get('live')
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: the process answers' })
  @ApiOkResponse({ type: LivenessDto, description: 'Alive' })
  live() {
    return { ...terminusShape({ process: { status: 'up' } }), live: true };
  }

  private async checkProjections() {
    return (await this.projections.status()).map((p) => ({
      name: p.name,
      state: p.state,
      position: p.position,
      lagEvents: p.lagEvents,
      lagSeconds: p.lagSeconds,
      parkedEvents: p.parkedEvents,
      ...(p.stall && { stall: p.stall }),
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
      await this.connection.ping(); // and the connection state learns of an outage or its end
      let headPosition: string | null = null;
      for await (const newest of this.store.readAll({ direction: 'backwards', maxCount: 1 })) {
        headPosition = formatPosition(newest.position);
      }
      return { status: 'up', adapter, headPosition };
    } catch (error) {
      // The error's class only: messages may carry host names or paths that do not belong in a response.
      const since = this.connection.outage?.since.toISOString();
      return { status: 'down', adapter, ...(since && { since }), error: error instanceof Error ? error.name : 'Error' };
    }
  }
}
