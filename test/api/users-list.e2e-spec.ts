import { ADMIN, startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'a long enough password';
const boligNu = {
  name: 'Bolig Nu',
  kind: 'staffed_24_7',
  municipality: 'Bodø',
  targetGroup: { excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: true },
  exclusionReasons: [],
  unitAttributes: ['ground_floor'],
};

/**
 * Issue 15 item 2: an administrator lists accounts (to find one and disable it), filtered by words
 * of the name and by role, and reads one; nobody else may. The first-run page asks whether setup is
 * needed; an administrator reads a facility's profile and units.
 */
describe('GET /api/v1/users, /users/{id}, /setup and /facilities/{id} over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let facilityId: string;
  const users: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    expect((await t.request('GET', '/api/v1/setup')).body).toEqual({ needed: true });
    admin = await t.adminToken();
    const facility = await t.request('POST', '/api/v1/facilities', { token: admin, body: boligNu });
    expect(facility.status).toBe(201);
    facilityId = facility.body.id;
    const create = async (username: string, displayName: string, role: string) => {
      const grants = [{ role, ...(['case_worker', 'team_lead', 'supervisor'].includes(role) && { facilityIds: [facilityId] }) }];
      const res = await t.request('POST', '/api/v1/users', { token: admin, body: { username, displayName, password: PASSWORD, grants } });
      expect([username, res.status]).toEqual([username, 201]);
      users[username] = res.body.id;
      return res.body.position as string;
    };
    await create('kari.nordmann', 'Kari Nordmann', 'case_worker');
    await create('ola.aerlig', 'Ola Ærlig', 'auditor');
    await create('per.leder', 'Per Leder', 'team_lead');
  });
  afterAll(() => t.close());

  it('says setup is no longer needed once the first administrator exists, and nothing more', async () => {
    const res = await t.request('GET', '/api/v1/setup');
    expect([res.status, res.body]).toEqual([200, { needed: false }]);
  });

  it('lists every account by username with its roles and facilities, and reads one', async () => {
    const all = await t.request('GET', '/api/v1/users', { token: admin });
    expect(all.status).toBe(200);
    expect(all.body.items.map((u: { username: string }) => u.username)).toEqual([ADMIN.username, 'kari.nordmann', 'ola.aerlig', 'per.leder']);
    expect(all.body.total).toBe(4);
    const one = await t.request('GET', `/api/v1/users/${users['kari.nordmann']}`, { token: admin });
    expect([one.status, one.body]).toEqual([
      200,
      {
        userId: users['kari.nordmann'],
        username: 'kari.nordmann',
        displayName: 'Kari Nordmann',
        disabled: false,
        createdOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        grants: [{ role: 'case_worker', facilityIds: [facilityId] }],
      },
    ]);
  });

  it('filters by words of the username or display name and by role, and pages', async () => {
    const names = async (query: string) => {
      const res = await t.request('GET', `/api/v1/users?${query}`, { token: admin });
      expect([query, res.status]).toEqual([query, 200]);
      return res.body.items.map((u: { username: string }) => u.username);
    };
    expect(await names(`q=${encodeURIComponent('ærlig')}`)).toEqual(['ola.aerlig']);
    expect(await names('q=NORDMANN')).toEqual(['kari.nordmann']);
    expect(await names('role=team_lead')).toEqual(['per.leder']);
    expect(await names('role=admin&q=kari')).toEqual([]);
    expect(await names('limit=2&offset=1')).toEqual(['kari.nordmann', 'ola.aerlig']);
  });

  it('shows a disabled account as disabled (reading its own write)', async () => {
    const disabled = await t.request('POST', `/api/v1/users/${users['ola.aerlig']}/disable`, { token: admin });
    expect(disabled.status).toBe(200);
    const one = await t.request('GET', `/api/v1/users/${users['ola.aerlig']}?minPosition=${disabled.body.position}`, { token: admin });
    expect(one.body.disabled).toBe(true);
    await t.request('POST', `/api/v1/users/${users['ola.aerlig']}/enable`, { token: admin });
  });

  it('refuses everyone but an administrator (403), and answers bad input with 400 and an unknown user with 404', async () => {
    for (const username of ['kari.nordmann', 'ola.aerlig', 'per.leder']) {
      const token = await t.login(username, PASSWORD);
      for (const path of ['/api/v1/users', `/api/v1/users/${users['kari.nordmann']}`, `/api/v1/facilities/${facilityId}`]) {
        const res = await t.request('GET', path, { token });
        expect([username, path, res.status]).toEqual([username, path, 403]);
      }
    }
    expect((await t.request('GET', '/api/v1/users')).status).toBe(401);
    expect((await t.request('GET', '/api/v1/users?role=owner', { token: admin })).status).toBe(400);
    expect((await t.request('GET', '/api/v1/users?limit=501', { token: admin })).status).toBe(400);
    expect((await t.request('GET', '/api/v1/users/not-an-id', { token: admin })).status).toBe(400);
    const unknown = await t.request('GET', '/api/v1/users/00000000-0000-4000-8000-000000000000', { token: admin });
    expect([unknown.status, unknown.headers.get('content-type')]).toEqual([404, expect.stringContaining('application/problem+json')]);
    // The grant requests keep their own route: not taken for a user id.
    expect((await t.request('GET', '/api/v1/users/grant-requests', { token: admin })).status).toBe(200);
  });

  it('gives an administrator a facility’s profile as recorded and its units', async () => {
    const unit = await t.request('POST', `/api/v1/facilities/${facilityId}/units`, {
      token: admin,
      body: { label: 'H102', kind: 'permanent', capacity: 1, attributes: ['ground_floor'], cluster: '1. etasje' },
    });
    expect(unit.status).toBe(201);
    const res = await t.request('GET', `/api/v1/facilities/${facilityId}?minPosition=${unit.body.position}`, { token: admin });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      facilityId,
      profile: boligNu,
      units: [
        { unitId: unit.body.id, label: 'H102', kind: 'permanent', capacity: 1, attributes: ['ground_floor'], cluster: '1. etasje', outOfServiceSince: null },
      ],
    });
    expect((await t.request('GET', '/api/v1/facilities/00000000-0000-4000-8000-000000000000', { token: admin })).status).toBe(404);
  });
});
