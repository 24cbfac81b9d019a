import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { METRICS_CONTENT_TYPE, MetricsScrape } from './metrics-scrape';

/**
 * With METRICS_PORT, the scrape is served there alone (GET /metrics or /api/metrics), so the port can
 * stay on the internal network while PORT faces users. METRICS_TOKEN, when set, is required there too.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(
    private readonly scrape: MetricsScrape,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The port it listens on (METRICS_PORT, or the one the OS chose for 0); undefined when not serving. */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.metrics.port;
    if (port === undefined) return;
    const server = createServer((req, res) => {
      const path = req.url?.split('?')[0];
      if (req.method !== 'GET' || (path !== '/metrics' && path !== '/api/metrics')) return void res.writeHead(404).end();
      if (!this.scrape.allows(req.headers.authorization)) return void res.writeHead(401, { 'WWW-Authenticate': 'Bearer' }).end();
      this.scrape.text().then(
        (text) => res.writeHead(200, { 'Content-Type': METRICS_CONTENT_TYPE }).end(text),
        (error: unknown) => {
          this.logger.error(`Scrape failed: ${error instanceof Error ? error.name : 'Error'}`);
          res.writeHead(500).end();
        },
      );
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, () => resolve()));
    this.server = server;
    this.logger.log(`Metrics on port ${this.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
