import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { createEsdbEventStore, EVENT_STORE, EventStore, SqliteEventStore } from '@app/event-store';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { WriteHealth } from '../health/write-health';
import { InstrumentedEventStore } from './instrumented-event-store';
import { Metrics } from '../metrics/metrics';

/** Picks the adapter named by EVENT_STORE; both satisfy the same contract, so nothing else changes. */
export function createEventStore(config: AppConfig): EventStore {
  switch (config.eventStore) {
    case 'sqlite':
      return new SqliteEventStore({
        file: join(config.dataDir, 'events.sqlite'),
        synchronous: config.sqliteSynchronous,
      });
    case 'esdb':
      return createEsdbEventStore({ connectionString: config.eventStoreConnectionString! });
  }
}

/** The configured store, timed for metrics (tests replace it with another adapter). */
export const eventStoreProvider = {
  provide: EVENT_STORE,
  useFactory: (config: AppConfig, metrics: Metrics, writes: WriteHealth) => new InstrumentedEventStore(createEventStore(config), metrics, writes),
  inject: [APP_CONFIG, Metrics, WriteHealth],
};

/** Closes the store when the app shuts down, after everything that uses it has stopped. */
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
