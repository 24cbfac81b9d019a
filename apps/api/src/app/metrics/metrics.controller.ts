import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ProjectionEngine } from '@app/projections';
import { Public } from '../../platform/auth/auth.decorators';
import { isOutage } from '../../platform/event-store/store-connection';
import { Metrics } from '../../platform/metrics/metrics';

/** Prometheus scrape endpoint. Public like health: it holds counts and timings, nothing personal. */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly projections: ProjectionEngine,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    // Lag needs the log's head: while the store is away the projection gauges keep their last values,
    // and the scrape still answers (rop_event_store_up says why).
    const statuses = await this.projections.status().catch((error: unknown) => {
      if (isOutage(error)) return [];
      throw error;
    });
    for (const p of statuses) {
      if (p.lagEvents !== null) this.metrics.projectionLagEvents.set({ projection: p.name }, p.lagEvents);
      this.metrics.projectionLagSeconds.set({ projection: p.name }, p.lagSeconds);
      this.metrics.parkedEvents.set({ projection: p.name }, p.parkedEvents);
    }
    return this.metrics.registry.metrics();
  }
}
