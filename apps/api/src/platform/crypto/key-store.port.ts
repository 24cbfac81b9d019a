/**
 * Keys for personal data, one per person, kept OUTSIDE the event log. Deleting a person's key makes
 * their personal fields in the log unreadable for ever (crypto-shredding), while the events, their
 * hashes and everything else stay as they were.
 *
 * The stores are asynchronous (PostgreSQL), but the cipher runs inside the synchronous encode and decode
 * of events. So the keys of the people a command or a batch of events is about are first loaded
 * (`load`, one round trip for the batch) into a bounded cache in this process, and `keyFor` /
 * `existingKey` then answer from that cache. A key that was not loaded is a programming error
 * (KeyNotLoadedError), never a silent "forgotten". See EventCodec.loadKeysFor.
 *
 * Keys are made only when a person is registered (`create`), never on first use: a person without a
 * key has been forgotten (or was never registered here), and must never get a second key, which would
 * make their earlier events undecryptable and their case fail.
 */
export interface KeyStore {
  /**
   * Makes the person's key, with their registration (RegisterPerson) and nowhere else. Idempotent and
   * safe under races, also between instances sharing the store: all callers get the one key.
   * `forgotten` when the person was forgotten: no key is made.
   */
  create(personId: string): Promise<'created' | 'exists' | 'forgotten'>;

  /** Loads these people's keys (or that they have none) into this process's cache: one round trip. */
  load(personIds: Iterable<string>): Promise<void>;

  /** Whether keyFor / existingKey can answer for this person without a load. */
  isLoaded(personId: string): boolean;

  /** After load: the key. No key means forgotten (or never registered): throws PersonForgottenError. */
  keyFor(personId: string): Buffer;

  /** After load: the key, or undefined when the person has none (forgotten or never registered). */
  existingKey(personId: string): Buffer | undefined;

  /** Read from the store, not the cache. */
  isForgotten(personId: string): Promise<boolean>;

  /**
   * Deletes the key for good and records that the person was forgotten, so no key is ever made again.
   * Resolves only when the key is gone from the store (SQLite: from every one of its files; PostgreSQL:
   * committed); otherwise rejects with ForgetIncompleteError. Idempotent: call it again to finish.
   */
  forget(personId: string, at: Date): Promise<void>;

  /**
   * Forgets the person in this process's cache only (their key was deleted by another instance or a
   * PersonForgotten event was seen in the log): from now on they read as forgotten here.
   */
  evict(personId: string): void;

  /**
   * Calls the listener when another instance forgot someone (PostgreSQL: LISTEN/NOTIFY), with their id,
   * or with no id when notifications may have been missed (a reconnect): then anyone may be forgotten.
   * Stores without notifications never call it; the log (PersonForgotten) covers them.
   */
  onForgotten(listener: (personId?: string) => void): void;

  /**
   * How far the follower of PersonForgotten events in the log got, kept with the keys: a key store
   * restored from a backup comes back with the backup's checkpoint, so every forget recorded in the log
   * since then is applied again.
   */
  forgottenCheckpoint(): Promise<string | undefined>;
  saveForgottenCheckpoint(position: string): Promise<void>;

  /** Resolves when the store answers; throws KeyStoreUnavailableError when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const KEY_STORE = Symbol('KEY_STORE');

/** The person has no key: forgotten (or never registered with this key store). */
export class PersonForgottenError extends Error {
  override readonly name = 'PersonForgottenError';
  constructor() {
    super('This person has been forgotten; their personal data can no longer be written');
  }
}

/** keyFor / existingKey for a person whose key was not loaded first: a bug in the caller, not a forgotten person. */
export class KeyNotLoadedError extends Error {
  override readonly name = 'KeyNotLoadedError';
  constructor() {
    super('A person key was used without being loaded first (KeyStore.load)');
  }
}

/**
 * The person is recorded as forgotten and their key deleted, but the store cannot yet guarantee that no
 * copy of the key is left in its files (a reader holds an old snapshot open). Retry: forgetting is
 * idempotent. Answered as 503 with Retry-After, never as done.
 */
export class ForgetIncompleteError extends Error {
  override readonly name = 'ForgetIncompleteError';
  constructor() {
    super('The key was deleted, but another process holds the key store open, so an old copy may still be on disk; try again');
  }
}

/** The key store does not answer (PostgreSQL down): 503, like an unavailable event store. */
export class KeyStoreUnavailableError extends Error {
  override readonly name = 'KeyStoreUnavailableError';
  constructor(readonly causeName?: string) {
    super('The key store is unavailable');
  }
}

/** The store holds keys wrapped by another master key: every instance must be given the same one. */
export class MasterKeyMismatchError extends Error {
  override readonly name = 'MasterKeyMismatchError';
  constructor(stored: readonly string[], configured: string) {
    super(
      `The key store holds keys wrapped by another master key (id ${stored.join(', ')}; this instance has ${configured}): ` +
        'give every instance the same KEY_MASTER_KEY (or KEY_MASTER_KEY_FILE)',
    );
  }
}
