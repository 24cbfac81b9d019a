import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Provider } from '@nestjs/common';
import { join } from 'node:path';
import { EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import { ProjectionEngine, ProjectionEvent, ReadModelDb } from '@app/projections';
import { EventCodec } from '../platform/streams/event-codec';
import { APP_CONFIG, AppConfig } from '../platform/config/app-config';
import { Metrics } from '../platform/metrics/metrics';
import { RUN_BACKGROUND } from '../platform/config/run-background';
import { ALL_PROJECTIONS } from './projections';

export function decodeForProjections(codec: EventCodec): (event: RecordedEvent) => ProjectionEvent {
  return (recorded) => {
    const { event, metadata } = codec.decode(recorded, { lazyPersonalData: true });
    return { ...recorded, data: event.data as Record<string, unknown>, metadata: metadata as unknown as Record<string, unknown> };
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
    useFactory: (store: EventStore, db: ReadModelDb, codec: EventCodec, config: AppConfig, metrics: Metrics) => {
      const logger = new Logger('Projections');
      return new ProjectionEngine({
        store,
        db,
        projections: ALL_PROJECTIONS,
        decode: decodeForProjections(codec),
        prepare: (events) => codec.loadKeysFor(events),
        positionsCountEvents: config.eventStore === 'sqlite',
        log: (m) => logger.warn(m),
        observeHandler: (projection, seconds) => metrics.handlerSeconds.observe({ projection }, seconds),
      });
    },
    inject: [EVENT_STORE, ReadModelDb, EventCodec, APP_CONFIG, Metrics],
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
