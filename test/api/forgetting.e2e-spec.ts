import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { synthesizeIdentityNumber } from '@app/domain';
import { ProjectionEngine } from '@app/projections';
import { verifyLog } from '../../apps/api/src/audit/log-verifier';
import { startTestApp, TestApp } from '../support/test-app';

/** Every file below a folder, with its bytes. */
function filesUnder(dir: string): Array<{ path: string; bytes: Buffer }> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });
}

const NAME = 'Zelmira Quistgaard';
const NUMBER = synthesizeIdentityNumber('1988-09-14', 421);

/**
 * Crypto-shredding: personal fields are stored encrypted with the person's key; forgetting deletes the
 * key and purges the read models' copies. Afterwards the name and identity number are nowhere in
 * DATA_DIR, while history, hash chains and rebuilds keep working.
 */
describe('forgetting a person', () => {
  let t: TestApp;
  const PASSWORD = 'a long enough password';
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('leaves no trace of their name or identity number in any file, and the log still verifies and rebuilds', async () => {
    const admin = await t.adminToken();
    const facility = await t.request('POST', '/api/v1/facilities', {
      token: admin,
      body: { name: 'Idrettsveien', kind: 'staffed_cluster', municipality: 'Melhus', targetGroup: { minAge: 18, excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: false }, exclusionReasons: ['violence_or_threats'] },
    });
    const facilityId = facility.body.id;
    await t.request('POST', '/api/v1/users', { token: admin, body: { username: 'team.lead', displayName: 'Team lead', password: PASSWORD, grants: [{ role: 'team_lead', facilityIds: [facilityId] }] } });
    const lead = await t.login('team.lead', PASSWORD);

    const [given, family] = NAME.split(' ');
    const person = await t.request('POST', '/api/v1/people', { token: lead, body: { givenName: given, familyName: family, birthDate: '1988-09-14', identityNumber: NUMBER, gender: 'female', contact: { phone: '+47 912 34 567' } } });
    expect(person.status).toBe(201);
    const personId = person.body.id;
    const referral = await t.request('POST', '/api/v1/cases', {
      token: lead,
      body: {
        personId,
        facilityId,
        on: '2026-10-01',
        referralSource: 'nav',
        referrer: { name: 'Saksbehandler NAV', organisation: 'NAV Melhus' },
        screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: true },
        reason: `${NAME} has been without a home since August`,
        consent: { given: true, scope: 'NAV and the municipality', date: '2026-10-01' },
      },
    });
    expect(referral.status).toBe(201);
    const caseId = referral.body.id;

    // Encrypted at rest: even before forgetting, the log itself holds no plain name or number.
    const log = readFileSync(join(t.dataDir, 'events.sqlite'));
    expect(log.includes(Buffer.from(family))).toBe(false);
    expect(log.includes(Buffer.from(NUMBER))).toBe(false);
    expect((await t.request('GET', `/api/v1/people/${personId}`, { token: lead })).body.familyName).toBe(family);

    const forgotten = await t.request('POST', `/api/v1/people/${personId}/forget`, { token: admin, body: { legalBasis: 'gdpr_art_17_consent_withdrawn', on: '2026-11-22' } });
    expect(forgotten.status).toBe(200);
    expect((await t.request('GET', `/api/v1/people/${personId}`, { token: lead })).body).toMatchObject({ forgotten: true });
    const theCase = await t.request('GET', `/api/v1/cases/${caseId}`, { token: lead });
    expect(theCase.status).toBe(200);
    expect(theCase.body.status).toBe('referred');
    // The number is free again for a new registration.
    expect((await t.request('POST', '/api/v1/people', { token: lead, body: { givenName: 'Ny', familyName: 'Person', birthDate: '1988-09-14', identityNumber: NUMBER, gender: 'female' } })).status).toBe(201);

    expect((await verifyLog(t.store)).ok).toBe(true);
    await t.app.get(ProjectionEngine).rebuild();
    await t.app.close(); // closes every database, folding WAL files away as a normal shutdown does

    for (const { path, bytes } of filesUnder(t.dataDir)) {
      for (const secret of [given, family, NUMBER]) {
        if (bytes.includes(Buffer.from(secret))) throw new Error(`${secret} found in ${path}`);
      }
    }
  });
});
