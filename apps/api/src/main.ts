import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app/bootstrap';
import { ConfigError, loadConfig } from './platform/config/app-config';
import { createPino } from './platform/logging/json-logger';
import pino from 'pino';

/** Why the app did not start, as a JSON line on stderr like every other line it writes. */
const startFailure = createPino(pino.destination({ dest: 2, sync: true }));

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      startFailure.fatal({ context: 'Main' }, error.message);
      process.exit(2);
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen(config.port);
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  const where = config.eventStore === 'sqlite' ? `SQLite in ${config.dataDir}` : 'EventStoreDB';
  new Logger('Main').log(`Listening on ${url} (event store: ${where})`);
}

void main().catch((error: unknown) => {
  // A setting the running system refused (the event store's credentials) is a configuration error too.
  if (error instanceof ConfigError) {
    startFailure.fatal({ context: 'Main' }, error.message);
    process.exit(2);
  }
  startFailure.fatal({ context: 'Main' }, `Failed to start: ${(error as Error)?.message ?? error}`);
  process.exit(1);
});
