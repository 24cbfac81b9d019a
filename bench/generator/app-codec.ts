import Database from 'better-sqlite3';
import { domainUpcasters } from '@app/domain';
import { EventCodec } from '../../apps/api/src/platform/streams/event-codec';

/**
 * The EventCodec as the app wires it (app.module.ts CoreModule): the domain's upcasters and, where the
 * app has one, the personal-data cipher with its SQLite key store (`DATA_DIR/keys.sqlite`), so the
 * generated log holds what the app would have written, encrypted fields included, and decoding it costs
 * what it costs the app. Loaded by name, so the generator keeps working if that wiring moves: without
 * the cipher, events are stored as they are (and `encrypted` says so).
 */
export interface AppCodec {
  readonly codec: EventCodec;
  readonly encrypted: boolean;
  /** Makes a person's key as RegisterPersonHandler does, before their first event (nothing without the cipher). */
  createKey(personId: string): void;
  close(): void;
}

/**
 * The master key the generated key stores are wrapped with. Not a secret: datasets are made up. A
 * benchmark that starts the app on a dataset passes it as KEY_MASTER_KEY, as it passes CLAIM_KEY_SECRET.
 */
export const BENCH_KEY_MASTER_KEY = 'bench-generator-key-master-0123456789abcdef';

interface GeneratorKeyStore {
  createSync(personId: string): Buffer;
  close(): Promise<void>;
}

export function appCodec(keysFile: string, options: { fastKeyStore?: boolean } = {}): AppCodec {
  let cipherParts:
    | {
        SqliteKeyStore: new (options: Record<string, unknown>) => GeneratorKeyStore;
        KeyWrapper: new (secret: string) => unknown;
        PersonalDataCipher: new (keys: unknown) => unknown;
      }
    | undefined;
  try {
    cipherParts = {
      SqliteKeyStore: require('../../apps/api/src/platform/crypto/sqlite-key-store').SqliteKeyStore,
      KeyWrapper: require('../../apps/api/src/platform/crypto/key-wrapping').KeyWrapper,
      PersonalDataCipher: require('../../apps/api/src/platform/crypto/personal-data-cipher').PersonalDataCipher,
    };
  } catch (error) {
    if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
  }
  if (!cipherParts?.SqliteKeyStore || !cipherParts.KeyWrapper || !cipherParts.PersonalDataCipher) {
    return { codec: new EventCodec(domainUpcasters()), encrypted: false, createKey: () => undefined, close: () => undefined };
  }
  // An offline writer: no cache bound, and keys read synchronously on a miss (the app loads them first).
  const keys = new cipherParts.SqliteKeyStore({ file: keysFile, wrapper: new cipherParts.KeyWrapper(BENCH_KEY_MASTER_KEY), readThrough: true, cacheSize: Infinity });
  if (options.fastKeyStore) {
    // Generation only: one fsync per new person's key would dominate; a crash means regenerating anyway.
    (keys as unknown as { db: Database.Database }).db.pragma('synchronous = OFF');
  }
  const Codec = EventCodec as unknown as new (...args: unknown[]) => EventCodec;
  return {
    codec: new Codec(domainUpcasters(), new cipherParts.PersonalDataCipher(keys)),
    encrypted: true,
    createKey: (personId) => void keys.createSync(personId),
    close: () => void keys.close(),
  };
}
