import { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { PostgresWorkerLock } from './postgres-worker-lock';
import { EmbeddedWorkerLock, WORKER_LOCK } from './worker-lock.port';

/** PostgreSQL when DATABASE_URL is set (one active worker among every instance on it), else embedded. */
export const workerLockProvider: Provider = {
  provide: WORKER_LOCK,
  useFactory: (config: AppConfig) => (config.databaseUrl ? new PostgresWorkerLock(config.databaseUrl) : new EmbeddedWorkerLock()),
  inject: [APP_CONFIG],
};
