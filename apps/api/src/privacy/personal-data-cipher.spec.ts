import { randomBytes } from 'node:crypto';
import { FORGOTTEN } from './field-cipher';
import { KeyStore } from './key-store.port';
import { PersonalDataCipher } from './personal-data-cipher';

/** A key store in memory that counts how often a key is looked up. */
function keyStore() {
  const keys = new Map<string, Buffer>();
  const store = {
    lookups: 0,
    keyFor(personId: string) {
      if (!keys.has(personId)) keys.set(personId, randomBytes(32));
      return keys.get(personId)!;
    },
    existingKey(personId: string) {
      store.lookups++;
      return keys.get(personId);
    },
    isForgotten: () => false,
    forget(personId: string) {
      keys.delete(personId);
    },
    close() {},
  };
  return store satisfies KeyStore;
}

const referral = {
  caseId: 'c1',
  personId: 'p1',
  facilityId: 'f1',
  referrer: { name: 'Kari Nordmann', phone: '+47 900 00 000', organisation: 'NAV Bodø' },
  reason: 'Bor i bil etter utkastelse',
  receivedOn: '2026-11-01',
};

describe('PersonalDataCipher', () => {
  it('reveals lazily exactly what reveal reveals, with the stored event left as it was', () => {
    const keys = keyStore();
    const cipher = new PersonalDataCipher(keys);
    const stored = cipher.protect('ReferralRegistered', referral, { actorId: 'u1', reason: 'Rettet feil navn' });
    // Round-trip through JSON, as the store gives it back.
    const data = JSON.parse(JSON.stringify(stored.data));
    const metadata = JSON.parse(JSON.stringify(stored.metadata));
    const before = JSON.stringify({ data, metadata });
    expect(before).not.toContain('Kari');

    const eager = cipher.reveal(data, metadata);
    const lazy = cipher.revealLazily(data, metadata);
    expect(JSON.parse(JSON.stringify(lazy))).toEqual(JSON.parse(JSON.stringify(eager)));
    expect(lazy.data).toEqual({ ...referral });
    expect(lazy.metadata.reason).toBe('Rettet feil navn');
    expect(JSON.stringify({ data, metadata })).toBe(before);
  });

  it('decrypts nothing until a personal field is read, and shares what holds no ciphertext', () => {
    const keys = keyStore();
    const cipher = new PersonalDataCipher(keys);
    const stored = cipher.protect('ReferralRegistered', referral, { actorId: 'u1' });
    const lazy = cipher.revealLazily(stored.data, stored.metadata);
    expect(lazy.data.facilityId).toBe('f1');
    expect(keys.lookups).toBe(0);
    expect(lazy.metadata).toBe(stored.metadata);
    expect((lazy.data.referrer as Record<string, unknown>).organisation).toBe('NAV Bodø');
    expect(keys.lookups).toBe(0);
    expect((lazy.data.referrer as Record<string, unknown>).name).toBe('Kari Nordmann');
    expect(lazy.data.reason).toBe(referral.reason);
    expect(keys.lookups).toBe(1);
  });

  it('protects without changing the caller\'s data', () => {
    const cipher = new PersonalDataCipher(keyStore());
    const data = structuredClone(referral);
    const stored = cipher.protect('ReferralRegistered', data, {});
    expect(data).toEqual(referral);
    expect(JSON.stringify(stored.data)).not.toContain('Kari');
    expect((stored.data.referrer as Record<string, unknown>).organisation).toBe('NAV Bodø');
  });

  it('reads a forgotten person\'s fields as forgotten', () => {
    const keys = keyStore();
    const cipher = new PersonalDataCipher(keys);
    const stored = cipher.protect('ReferralRegistered', referral, {});
    keys.forget('p1');
    const lazy = cipher.revealLazily(stored.data, stored.metadata);
    expect(lazy.data.reason).toBe(FORGOTTEN);
    expect(lazy.data.caseId).toBe('c1');
  });
});
