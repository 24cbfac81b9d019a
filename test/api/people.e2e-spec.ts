import { synthesizeIdentityNumber } from '@app/domain';
import { startTestApp, TestApp } from '../support/test-app';

describe('people over HTTP', () => {
  let t: TestApp;
  let worker: string;
  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.adminToken();
    const facility = await t.request('POST', '/api/v1/facilities', {
      token: admin,
      body: {
        name: 'Idrettsveien',
        kind: 'staffed_cluster',
        municipality: 'Melhus',
        targetGroup: { minAge: 18, excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: true },
        exclusionReasons: ['violence_or_threats'],
      },
    });
    await t.request('POST', '/api/v1/users', {
      token: admin,
      body: {
        username: 'ola.worker',
        displayName: 'Ola',
        password: 'a long enough password',
        grants: [{ role: 'case_worker', facilityIds: [facility.body.id] }],
      },
    });
    worker = await t.login('ola.worker', 'a long enough password');
  });
  afterAll(() => t.close());

  const kari = () => ({
    givenName: 'Kari',
    familyName: 'Nordmann',
    birthDate: '1990-05-17',
    identityNumber: synthesizeIdentityNumber('1990-05-17', 100),
    gender: 'female',
  });

  it('registers a person once per identity number, even when two registrations race', async () => {
    const body = kari();
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => t.request('POST', '/api/v1/people', { token: worker, body })));
    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 201)) {
      expect([409, 422]).toContain(r.status);
    }
    const person = await t.request('GET', `/api/v1/people/${created[0].body.id}`, { token: worker });
    expect(person.body).toMatchObject({ givenName: 'Kari', identityNumber: body.identityNumber, revision: '0' });
  });

  it('refuses an invalid identity number with 400 naming the field, and writes nothing', async () => {
    const bad = { ...kari(), identityNumber: '12345678901' };
    const res = await t.request('POST', '/api/v1/people', { token: worker, body: bad });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([expect.objectContaining({ field: 'identityNumber' })]);
  });

  it('keeps a correction as a new event, moving the identity claim to the new number', async () => {
    const created = await t.request('POST', '/api/v1/people', {
      token: worker,
      body: { ...kari(), birthDate: '1985-02-03', identityNumber: synthesizeIdentityNumber('1985-02-03', 200) },
    });
    const id = created.body.id;
    const newNumber = synthesizeIdentityNumber('1985-02-03', 300);
    const corrected = await t.request('POST', `/api/v1/people/${id}/corrections`, {
      token: worker,
      body: { changes: { identityNumber: newNumber, familyName: 'Hansen' }, reason: 'Wrong number copied from the referral', on: '2026-11-22' },
      headers: { 'if-match': '"0"' },
    });
    expect(corrected.status).toBe(200);
    const person = await t.request('GET', `/api/v1/people/${id}`, { token: worker });
    expect(person.body).toMatchObject({ familyName: 'Hansen', identityNumber: newNumber, revision: '1' });
    // The old number is free again; the new one is taken.
    const reuseOld = await t.request('POST', '/api/v1/people', {
      token: worker,
      body: { ...kari(), birthDate: '1985-02-03', identityNumber: synthesizeIdentityNumber('1985-02-03', 200) },
    });
    expect(reuseOld.status).toBe(201);
    const takeNew = await t.request('POST', '/api/v1/people', { token: worker, body: { ...kari(), birthDate: '1985-02-03', identityNumber: newNumber } });
    expect(takeNew.status).toBe(422);
    expect(takeNew.body.rule).toBe('person.identity_number.taken');
  });
});
