/**
 * Keys for personal data, one per person, kept OUTSIDE the event log. Deleting a person's key makes
 * their personal fields in the log unreadable for ever (crypto-shredding), while the events, their
 * hashes and everything else stay as they were.
 */
export interface KeyStore {
  /** The person's key, made on first use. Throws PersonForgottenError if the person was forgotten. */
  keyFor(personId: string): Buffer;
  /** The person's key if it exists; undefined when never made or forgotten. */
  existingKey(personId: string): Buffer | undefined;
  isForgotten(personId: string): boolean;
  /** Deletes the key and remembers that the person was forgotten, so no new key is ever made. */
  forget(personId: string, at: Date): void;
  close(): void;
}

export const KEY_STORE = Symbol('KEY_STORE');

export class PersonForgottenError extends Error {
  constructor() {
    super('This person has been forgotten; their personal data can no longer be written');
  }
}
