import { join } from 'node:path';
import { secretFromDataDir } from './config/secret-file';
import { AppConfig } from './config/app-config';
import { KeyWrapper } from './crypto/key-wrapping';
import { KeyStore } from './crypto/key-store.port';
import { PostgresKeyStore } from './crypto/postgres-key-store';
import { SqliteKeyStore } from './crypto/sqlite-key-store';

/**
 * The configured key store. SQLite (the embedded default) keeps the keys in DATA_DIR/keys.sqlite, and
 * without KEY_MASTER_KEY its master key in DATA_DIR/secrets/key-master.key: one folder, nothing to set
 * up. PostgreSQL (DATABASE_URL, or KEY_STORE=postgres) is shared by every instance, and its master key
 * must be given (the configuration check refuses to start without it): never in the database.
 */
export async function createKeyStore(config: AppConfig, log?: (message: string) => void): Promise<KeyStore> {
  if (config.keyStore === 'postgres') {
    return PostgresKeyStore.open({ connectionString: config.databaseUrl!, wrapper: new KeyWrapper(config.keyMasterKey!), log });
  }
  if (config.eventStore === 'esdb') {
    // Each instance would have its own keys: a second one reads the first one's people as forgotten.
    log?.(
      'EVENT_STORE=esdb with the embedded key store (DATA_DIR/keys.sqlite): run one instance only, or set DATABASE_URL so all instances share one key store',
    );
  }
  const secret = config.keyMasterKey ?? secretFromDataDir(config.dataDir, 'key-master.key');
  return new SqliteKeyStore({ file: join(config.dataDir, 'keys.sqlite'), wrapper: new KeyWrapper(secret) });
}
