import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { ProjectionEngine } from '@app/projections';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { isOutage } from '../../platform/event-store/store-connection';
import { Metrics } from '../../platform/metrics/metrics';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** A scrape: who may have it, and its text (the projection gauges brought up to date first). */
@Injectable()
export class MetricsScrape {
  constructor(
    private readonly metrics: Metrics,
    private readonly projections: ProjectionEngine,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether an Authorization header may scrape: any when no METRICS_TOKEN is set, else its bearer only. */
  allows(authorization: string | undefined): boolean {
    const token = this.config.metrics.token;
    if (!token) return true;
    const given = Buffer.from(/^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '');
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  async text(): Promise<string> {
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
