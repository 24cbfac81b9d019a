import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PERSONAL_FIELDS } from '@app/domain';
import { DomainRuleViolation } from '../errors/command-errors';
import { FORGOTTEN } from './field-cipher';
import { KeyNotLoadedError } from './key-store.port';
import { KeyWrapper } from './key-wrapping';
import { PersonalDataCipher } from './personal-data-cipher';
import { SqliteKeyStore } from './sqlite-key-store';

const referral = {
  caseId: 'c1',
  personId: 'p1',
  facilityId: 'f1',
  referrer: { name: 'Kari Nordmann', phone: '+47 900 00 000', organisation: 'NAV Bodø' },
  reason: 'Bor i bil etter utkastelse',
  receivedOn: '2026-11-01',
};

/** A dotted path's value set in a fresh object: `{ a: { b: value } }` for `a.b`. */
function withPath(path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  return { [head]: rest.length ? withPath(rest.join('.'), value) : value };
}

describe('PersonalDataCipher', () => {
  let dir: string;
  let keys: SqliteKeyStore;
  const wrapper = new KeyWrapper('a master key for the cipher tests, long enough');
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rop-cipher-'));
    keys = new SqliteKeyStore({ file: join(dir, 'keys.sqlite'), wrapper });
    await keys.create('p1');
  });
  afterEach(async () => {
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reveals lazily exactly what reveal reveals, with the stored event left as it was', () => {
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
    const cipher = new PersonalDataCipher(keys);
    const stored = cipher.protect('ReferralRegistered', referral, { actorId: 'u1' });
    // A changed ciphertext fails its authentication tag, but only when it is decrypted.
    const reason = stored.data.reason as { $enc: string };
    const parts = reason.$enc.split('.');
    parts[3] = Buffer.from(Buffer.from(parts[3], 'base64').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64');
    const tampered = { ...stored.data, reason: { $enc: parts.join('.') } };

    const lazy = cipher.revealLazily(tampered, stored.metadata);
    expect(lazy.data.facilityId).toBe('f1');
    expect(lazy.metadata).toBe(stored.metadata);
    expect((lazy.data.referrer as Record<string, unknown>).organisation).toBe('NAV Bodø');
    expect((lazy.data.referrer as Record<string, unknown>).name).toBe('Kari Nordmann');
    expect(() => lazy.data.reason).toThrow();
    expect(() => cipher.reveal(tampered, stored.metadata)).toThrow();
  });

  it("protects without changing the caller's data", () => {
    const cipher = new PersonalDataCipher(keys);
    const data = structuredClone(referral);
    const stored = cipher.protect('ReferralRegistered', data, {});
    expect(data).toEqual(referral);
    expect(JSON.stringify(stored.data)).not.toContain('Kari');
    expect((stored.data.referrer as Record<string, unknown>).organisation).toBe('NAV Bodø');
  });

  it("reads a forgotten person's fields as forgotten", async () => {
    const cipher = new PersonalDataCipher(keys);
    const stored = cipher.protect('ReferralRegistered', referral, {});
    await keys.forget('p1', new Date());
    const lazy = cipher.revealLazily(stored.data, stored.metadata);
    expect(lazy.data.reason).toBe(FORGOTTEN);
    expect(lazy.data.caseId).toBe('c1');
  });

  it('uses only keys that were loaded, and loads them in one call for a batch', async () => {
    const other = new SqliteKeyStore({ file: join(dir, 'keys.sqlite'), wrapper });
    try {
      const cipher = new PersonalDataCipher(other);
      expect(() => cipher.protect('ReferralRegistered', referral, {})).toThrow(KeyNotLoadedError);
      await cipher.loadKeysFor([{ data: referral }, { data: { personId: 'p1' } }, { data: { facilityId: 'f1' } }]);
      expect(other.isLoaded('p1')).toBe(true);
      const stored = cipher.protect('ReferralRegistered', referral, {});
      expect(new PersonalDataCipher(keys).reveal(stored.data, stored.metadata).data).toEqual(referral);
    } finally {
      await other.close();
    }
  });

  it('never makes a key on first use: a person without one is refused as forgotten, and still has none', async () => {
    const cipher = new PersonalDataCipher(keys);
    await cipher.loadKeysFor([{ data: { personId: 'p2' } }]);
    expect(() => cipher.protect('IncidentRecorded', { caseId: 'c2', personId: 'p2', description: 'Ropte i gangen' }, {})).toThrow(DomainRuleViolation);
    const fresh = new SqliteKeyStore({ file: join(dir, 'keys.sqlite'), wrapper });
    await fresh.load(['p2']);
    expect(fresh.existingKey('p2')).toBeUndefined();
    await fresh.close();
  });

  it('refuses every personal field of every event type the domain lists for a forgotten person, naming it, and stores what is not personal', async () => {
    const cipher = new PersonalDataCipher(keys);
    await keys.forget('p1', new Date());
    const refusals: Array<[string, string, string | undefined]> = [];
    for (const [type, fields] of Object.entries(PERSONAL_FIELDS)) {
      for (const field of fields) {
        try {
          cipher.protect(type, { personId: 'p1', caseId: 'c1', ...withPath(field, 'Fritekst om personen') }, {});
          refusals.push([type, field, undefined]);
        } catch (error) {
          refusals.push([type, field, error instanceof DomainRuleViolation ? `${error.error.rule} ${error.error.field}` : String(error)]);
        }
      }
    }
    expect(refusals.length).toBeGreaterThan(40);
    expect(refusals.filter(([, field, outcome]) => outcome !== `person.forgotten.personal_data ${field}`)).toEqual([]);
    // A reason in the metadata is personal too; an event with nothing personal is stored as it is.
    expect(() => cipher.protect('AbsenceRecorded', { personId: 'p1', caseId: 'c1' }, { reason: 'Innlagt' })).toThrow(
      expect.objectContaining({ error: expect.objectContaining({ field: 'reason' }) }),
    );
    const plain = { personId: 'p1', caseId: 'c1', on: '2026-12-01' };
    expect(cipher.protect('AbsenceRecorded', plain, { actorId: 'u1' }).data).toBe(plain);
  });
});
