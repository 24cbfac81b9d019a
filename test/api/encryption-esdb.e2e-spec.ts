import { personStream, synthesizeIdentityNumber } from '@app/domain';
import { startEsdbTestApp } from '../support/test-app';

/**
 * Personal fields travel to EventStoreDB encrypted and come back decrypted, through the real client
 * and our adapter over gRPC; after forgetting, they read as forgotten.
 */
describe('personal data encryption through the EventStoreDB adapter (gRPC test server)', () => {
  let t: Awaited<ReturnType<typeof startEsdbTestApp>>;
  beforeAll(async () => {
    t = await startEsdbTestApp();
  });
  afterAll(() => t.close());

  it('stores ciphertext on the server, reads plaintext back, and reads "forgotten" after forgetting', async () => {
    const admin = await t.adminToken();
    const facilityId = (
      await t.request('POST', '/api/v1/facilities', {
        token: admin,
        body: {
          name: 'Housing First',
          kind: 'scattered_site',
          municipality: 'Stavanger',
          targetGroup: { excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: false },
          exclusionReasons: [],
        },
      })
    ).body.id;
    const user = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: {
        username: 'worker',
        displayName: 'W',
        password: 'a long enough password',
        grants: [{ role: 'auditor' }, { role: 'case_worker', facilityIds: [facilityId] }],
      },
    });
    expect(user.status).toBe(201);
    const number = synthesizeIdentityNumber('1979-12-24', 77);
    const worker = await t.login('worker', 'a long enough password');
    const person = await t.request('POST', '/api/v1/people', {
      token: worker,
      body: { givenName: 'Torbjørg', familyName: 'Vindfjell', birthDate: '1979-12-24', identityNumber: number, gender: 'female' },
    });
    expect(person.status).toBe(201);

    const stored = t.server.store.events(personStream(person.body.id))!;
    const bytes = Buffer.from(stored[0].data).toString('utf8');
    expect(bytes).not.toContain('Vindfjell');
    expect(bytes).not.toContain(number);
    expect(bytes).toContain('"$enc"');

    const read = await t.request('GET', `/api/v1/people/${person.body.id}`, { token: worker });
    expect(read.body).toMatchObject({ givenName: 'Torbjørg', familyName: 'Vindfjell', identityNumber: number });

    expect(
      (await t.request('POST', `/api/v1/people/${person.body.id}/forget`, { token: admin, body: { legalBasis: 'court_order', on: '2026-11-22' } })).status,
    ).toBe(200);
    const replay = await t.request('GET', `/api/v1/audit/people/${person.body.id}/replay?revision=0`, { token: worker });
    expect(replay.status).toBe(200);
    expect(replay.body.state.details).toMatchObject({ givenName: '[forgotten]', familyName: '[forgotten]', identityNumber: '[forgotten]' });
  });
});
