import Database from 'better-sqlite3';
import { domainUpcasters, PERSONAL_FIELDS } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { ProjectionEvent } from '@app/projections';
import { EventCodec } from '../../apps/api/src/platform/streams/event-codec';
import { KeyWrapper } from '../../apps/api/src/platform/crypto/key-wrapping';
import { decodeForProjections } from '../../apps/api/src/read-models/read-models.providers';
import { BENCH_KEY_MASTER_KEY } from '../generator/app-codec';

/**
 * PROTOTYPE of a decode for projections that decrypts personal fields only when a handler reads them.
 * The app's decode (PersonalDataCipher.reveal) JSON.stringifies every event's data to look for
 * ciphertext, structuredClones it, and decrypts every encrypted field with AES-256-GCM before any
 * handler runs; but the read models read personal fields of very few event types (names from
 * PersonRegistered / PersonDetailsCorrected, gender from ReferralRegistered). Here each encrypted value
 * at a PERSONAL_FIELDS path becomes a getter that decrypts it on first access (and then replaces
 * itself with the plain value): handlers see the same data, and only pay for what they read.
 *
 * Caveat for the real change: upcasters then run on data whose personal fields are still encrypted,
 * so an upcaster that rewrites a personal field must reveal first (today only facility events, which
 * carry no personal data, have upcasters).
 */
export function lazyDecodeForProjections(keysFile: string): { decode: (recorded: RecordedEvent) => ProjectionEvent; close(): void } {
  const cipher = require('../../apps/api/src/platform/crypto/field-cipher') as {
    decryptValue(key: Buffer, field: string, value: unknown): unknown;
    isEncrypted(value: unknown): boolean;
    FORGOTTEN: string;
  };
  const db = new Database(keysFile, { readonly: true });
  const select = db.prepare('SELECT wrapped FROM wrapped_keys WHERE person_id = ?').pluck();
  const wrapper = new KeyWrapper(BENCH_KEY_MASTER_KEY);
  const keys = new Map<string, Buffer | null>();
  const keyOf = (personId: string) => {
    let key = keys.get(personId);
    if (key === undefined) {
      const wrapped = select.get(personId) as Buffer | undefined;
      key = wrapped ? wrapper.unwrap(personId, wrapped) : null;
      keys.set(personId, key);
    }
    return key;
  };
  const plain = decodeForProjections(new EventCodec(domainUpcasters()));
  const lazy = (holder: Record<string, unknown>, prop: string, subject: string, path: string) => {
    const value = holder[prop];
    if (!cipher.isEncrypted(value)) return;
    Object.defineProperty(holder, prop, {
      enumerable: true,
      configurable: true,
      get() {
        const key = keyOf(subject);
        const revealed = key ? cipher.decryptValue(key, path, value) : cipher.FORGOTTEN;
        Object.defineProperty(holder, prop, { value: revealed, enumerable: true, configurable: true, writable: true });
        return revealed;
      },
    });
  };
  const decode = (recorded: RecordedEvent): ProjectionEvent => {
    const event = plain(recorded);
    const data = event.data as Record<string, unknown>;
    const subject = typeof data.personId === 'string' ? data.personId : undefined;
    if (subject) {
      for (const path of PERSONAL_FIELDS[event.type] ?? []) {
        const keysOfPath = path.split('.');
        let holder: Record<string, unknown> | undefined = data;
        for (let i = 0; i < keysOfPath.length - 1 && holder; i++) holder = holder[keysOfPath[i]] as Record<string, unknown> | undefined;
        if (holder && typeof holder === 'object') lazy(holder, keysOfPath[keysOfPath.length - 1], subject, path);
      }
      lazy(event.metadata as Record<string, unknown>, 'reason', subject, 'metadata.reason');
    }
    return event;
  };
  return { decode, close: () => db.close() };
}
