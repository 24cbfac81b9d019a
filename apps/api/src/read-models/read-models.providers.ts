import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Provider, ServiceUnavailableException } from '@nestjs/common';
import { join } from 'node:path';
import { EVENT_STORE, EventStore, parsePosition, RecordedEvent } from '@app/event-store';
import { ProjectionEngine, ProjectionEvent, ReadModelDb } from '@app/projections';
import { EventCodec } from '../application/event-codec';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RUN_BACKGROUND } from '../users/setup.service';
import { ALL_PROJECTIONS } from './projections';

/** How long a query waits for the read models to reach its minPosition before answering 503. */
export const READ_YOUR_WRITES_TIMEOUT_MS = 2_000;

export function decodeForProjections(codec: EventCodec): (event: RecordedEvent) => ProjectionEvent {
  return (recorded) => {
    const { event, metadata } = codec.decode(recorded);
    return { ...recorded, data: event.data as Record<string, any>, metadata: metadata as unknown as Record<string, any> };
  };
}

export const readModelProviders: Provider[] = [
  {
    provide: ReadModelDb,
    useFactory: (config: AppConfig) => new ReadModelDb(join(config.dataDir, 'read-models.sqlite')),
    inject: [APP_CONFIG],
  },
  {
    provide: ProjectionEngine,
    useFactory: (store: EventStore, db: ReadModelDb, codec: EventCodec, config: AppConfig) => {
      const logger = new Logger('Projections');
      return new ProjectionEngine({
        store,
        db,
        projections: ALL_PROJECTIONS,
        decode: decodeForProjections(codec),
        positionsCountEvents: config.eventStore === 'sqlite',
        log: (m) => logger.warn(m),
      });
    },
    inject: [EVENT_STORE, ReadModelDb, EventCodec, APP_CONFIG],
  },
];

/** Starts the projections with a serving process, and stops them before the store closes. */
@Injectable()
export class ProjectionsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly engine: ProjectionEngine,
    private readonly db: ReadModelDb,
    @Inject(RUN_BACKGROUND) private readonly serving: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.serving) await this.engine.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.engine.stop();
    this.db.close();
  }
}

/**
 * What query handlers use: the live table names, and read-your-writes. A query that carries
 * minPosition (a command's position) waits, bounded, until the read models it reads have passed it.
 */
@Injectable()
export class ReadModels {
  constructor(
    readonly db: ReadModelDb,
    private readonly engine: ProjectionEngine,
  ) {}

  async ready(projections: readonly string[], minPosition?: string): Promise<void> {
    const position = minPosition ? parsePosition(minPosition) : undefined;
    const ok = position
      ? await this.engine.waitFor(projections, position, READ_YOUR_WRITES_TIMEOUT_MS)
      : await this.waitServing(projections);
    if (!ok) throw new ServiceUnavailableException('The read models are catching up; try again shortly');
  }

  private async waitServing(projections: readonly string[]): Promise<boolean> {
    const deadline = Date.now() + READ_YOUR_WRITES_TIMEOUT_MS;
    while (!projections.every((p) => this.engine.serving(p))) {
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 20));
    }
    return true;
  }

  table(projection: string, table: string): string {
    return `"${this.db.table(projection, table)}"`;
  }
}
