import Database from 'better-sqlite3';
import { domainUpcasters } from '@app/domain';
import { EventCodec, KeyWrapper, PersonalDataCipher, SqliteKeyStore } from '../product/recording';

/**
 * The EventCodec as the app wires it (app.module.ts CoreModule): the domain's upcasters and the
 * personal-data cipher with its SQLite key store (`DATA_DIR/keys.sqlite`), so the generated log holds
 * what the app would have written, encrypted fields included, and decoding it costs what it costs the
 * app. The parts come through bench/product/recording.ts.
 */
export interface AppCodec {
  readonly codec: EventCodec;
  /** Personal fields are encrypted (always, now that the cipher is imported directly; kept in the dataset's meta). */
  readonly encrypted: boolean;
  /** Makes a person's key as RegisterPersonHandler does, before their first event. */
  createKey(personId: string): void;
  close(): void;
}

/**
 * The master key the generated key stores are wrapped with. Not a secret: datasets are made up. A
 * benchmark that starts the app on a dataset passes it as KEY_MASTER_KEY, as it passes CLAIM_KEY_SECRET.
 */
export const BENCH_KEY_MASTER_KEY = 'bench-generator-key-master-0123456789abcdef';

export function appCodec(keysFile: string, options: { fastKeyStore?: boolean } = {}): AppCodec {
  // An offline writer: no cache bound, and keys read synchronously on a miss (the app loads them first).
  const keys = new SqliteKeyStore({ file: keysFile, wrapper: new KeyWrapper(BENCH_KEY_MASTER_KEY), readThrough: true, cacheSize: Infinity });
  if (options.fastKeyStore) {
    // Generation only: one fsync per new person's key would dominate; a crash means regenerating anyway.
    (keys as unknown as { db: Database.Database }).db.pragma('synchronous = OFF');
  }
  return {
    codec: new EventCodec(domainUpcasters(), new PersonalDataCipher(keys)),
    encrypted: true,
    createKey: (personId) => void keys.createSync(personId),
    close: () => void keys.close(),
  };
}
