import { Controller, Get, Header, Headers, Inject, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../platform/auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { METRICS_CONTENT_TYPE, MetricsScrape } from './metrics-scrape';

/**
 * Prometheus scrape endpoint on the API's port: counts and timings, nothing personal. Not here when
 * METRICS_PORT gives it a port of its own (MetricsServer); for the METRICS_TOKEN's bearer only when set.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly scrape: MetricsScrape,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('Content-Type', METRICS_CONTENT_TYPE)
  async metrics(@Headers('authorization') authorization?: string): Promise<string> {
    if (this.config.metrics.port !== undefined) throw new NotFoundException('Metrics are served on METRICS_PORT');
    if (!this.scrape.allows(authorization)) throw new UnauthorizedException('Send the metrics token as a bearer token');
    return this.scrape.text();
  }
}
