import { Provider } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PostgresThrottleStore } from './postgres-throttle-store';
import { SqliteThrottleStore } from './sqlite-throttle-store';
import { THROTTLE_STORE } from './throttle-store.port';

/** PostgreSQL when DATABASE_URL is set (shared by every instance on it), else SQLite in DATA_DIR. */
export const throttleStoreProvider: Provider = {
  provide: THROTTLE_STORE,
  useFactory: (config: AppConfig) =>
    config.databaseUrl ? new PostgresThrottleStore(config.databaseUrl) : new SqliteThrottleStore(join(config.dataDir, 'throttle.sqlite')),
  inject: [APP_CONFIG],
};
