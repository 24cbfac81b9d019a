import Database from 'better-sqlite3';
import { domainUpcasters } from '@app/domain';
import { EventCodec } from '../../apps/api/src/application/event-codec';

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
  close(): void;
}

export function appCodec(keysFile: string, options: { fastKeyStore?: boolean } = {}): AppCodec {
  let cipherParts: { SqliteKeyStore: new (file: string) => { close(): void }; PersonalDataCipher: new (keys: unknown) => unknown } | undefined;
  try {
    cipherParts = {
      SqliteKeyStore: require('../../apps/api/src/privacy/sqlite-key-store').SqliteKeyStore,
      PersonalDataCipher: require('../../apps/api/src/privacy/personal-data-cipher').PersonalDataCipher,
    };
  } catch (error) {
    if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
  }
  if (!cipherParts?.SqliteKeyStore || !cipherParts.PersonalDataCipher) {
    return { codec: new EventCodec(domainUpcasters()), encrypted: false, close: () => undefined };
  }
  const keys = new cipherParts.SqliteKeyStore(keysFile);
  if (options.fastKeyStore) {
    // Generation only: one fsync per new person's key would dominate; a crash means regenerating anyway.
    (keys as unknown as { db: Database.Database }).db.pragma('synchronous = OFF');
  }
  const Codec = EventCodec as unknown as new (...args: unknown[]) => EventCodec;
  return { codec: new Codec(domainUpcasters(), new cipherParts.PersonalDataCipher(keys)), encrypted: true, close: () => keys.close() };
}
