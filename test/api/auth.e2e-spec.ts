import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { SetupService } from '../../apps/api/src/features/users/setup.service';

const boligNu = {
  name: 'Bolig Nu',
  kind: 'temporary_housing',
  municipality: 'Bodø',
  targetGroup: { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true, requiresCoOccurringDisorder: false },
  maxStayDays: 90,
  exclusionReasons: ['extensive_substance_use', 'violence_or_threats'],
};

describe('login, setup and the command plumbing over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('sets up the first administrator with the one-time token, exactly once', async () => {
    const token = (t.app.get(SetupService) as unknown as { token: string }).token;
    expect(token).toEqual(expect.any(String));
    const wrong = await t.request('POST', '/api/v1/setup', {
      body: { setupToken: 'x'.repeat(32), username: 'boss', displayName: 'Boss', password: 'a very long password' },
    });
    expect(wrong.status).toBe(403);
    const ok = await t.request('POST', '/api/v1/setup', {
      body: { setupToken: token, username: ADMIN.username, displayName: ADMIN.displayName, password: ADMIN.password },
    });
    expect(ok.status).toBe(201);
    const again = await t.request('POST', '/api/v1/setup', {
      body: { setupToken: token, username: 'second', displayName: 'Second', password: 'a very long password' },
    });
    expect(again.status).toBe(403);
    expect(await t.app.get(SetupService).isComplete()).toBe(true);
  });

  it('logs in with the right password only, and says the same for an unknown user', async () => {
    expect((await t.request('POST', '/api/v1/auth/login', { body: { username: ADMIN.username, password: ADMIN.password } })).status).toBe(200);
    const wrong = await t.request('POST', '/api/v1/auth/login', { body: { username: ADMIN.username, password: 'not the password' } });
    const unknown = await t.request('POST', '/api/v1/auth/login', { body: { username: 'nobody', password: 'not the password' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('refuses requests without a valid token', async () => {
    expect((await t.request('POST', '/api/v1/facilities', { body: boligNu })).status).toBe(401);
    expect((await t.request('POST', '/api/v1/facilities', { body: boligNu, token: 'not.a.token' })).status).toBe(401);
  });

  it('answers a command with revision, position and ETag; Idempotency-Key replays; If-Match conflicts say who changed it', async () => {
    const token = await t.login(ADMIN.username, ADMIN.password);
    const headers = { 'idempotency-key': 'register-bolig-nu-1' };
    const first = await t.request('POST', '/api/v1/facilities', { token, body: boligNu, headers });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id: expect.any(String), revision: '0', events: ['FacilityRegistered'], replayed: false });
    expect(first.headers.get('etag')).toBe('"0"');
    const retry = await t.request('POST', '/api/v1/facilities', { token, body: boligNu, headers });
    expect(retry.body).toEqual({ ...first.body, events: [], replayed: true });

    const id = first.body.id;
    const changed = await t.request('POST', `/api/v1/facilities/${id}/profile`, {
      token,
      body: { ...boligNu, maxStayDays: 120 },
      headers: { 'if-match': '"0"' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.revision).toBe('1');
    const stale = await t.request('POST', `/api/v1/facilities/${id}/profile`, { token, body: { ...boligNu, maxStayDays: 60 }, headers: { 'if-match': '"0"' } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ type: 'urn:problem:concurrency-conflict', expectedRevision: '0', actualRevision: '1' });
    expect(stale.body.lastChange).toMatchObject({ actorRole: 'admin', eventType: 'FacilityProfileChanged' });
  });

  it('refuses unknown fields and bad values with 400 naming the field, and broken rules with 422 naming the rule', async () => {
    const token = await t.login(ADMIN.username, ADMIN.password);
    const unknown = await t.request('POST', '/api/v1/facilities', { token, body: { ...boligNu, sneaky: true } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toEqual([expect.objectContaining({ field: 'sneaky' })]);
    const badKind = await t.request('POST', '/api/v1/facilities', { token, body: { ...boligNu, kind: 'castle' } });
    expect(badKind.body.fields).toEqual([expect.objectContaining({ field: 'kind' })]);
    const rule = await t.request('POST', '/api/v1/facilities', { token, body: { ...boligNu, maxStayDays: undefined } });
    expect(rule.status).toBe(422);
    expect(rule.body).toMatchObject({ rule: 'facility.temporary_requires_max_stay', field: 'maxStayDays' });
    const missing = await t.request('POST', `/api/v1/facilities/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/profile`, { token, body: boligNu });
    expect(missing.status).toBe(404);
  });

  it('lets an administrator create users, and holds each role to its actions', async () => {
    const admin = await t.login(ADMIN.username, ADMIN.password);
    const created = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'Per.Auditor', displayName: 'Per', password: 'another long password', grants: [{ role: 'auditor' }] },
    });
    expect(created.status).toBe(201);
    const duplicate = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'per.auditor', displayName: 'Per 2', password: 'another long password', grants: [] },
    });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.rule).toBe('user.username_taken');
    const auditor = await t.login('per.auditor', 'another long password');
    const me = await t.request('GET', '/api/v1/auth/me', { token: auditor });
    expect(me.body.grants).toEqual([{ role: 'auditor', facilityIds: [] }]);
    const forbidden = await t.request('POST', '/api/v1/facilities', { token: auditor, body: boligNu });
    expect(forbidden.status).toBe(403);
  });

  it('publishes the OpenAPI document', async () => {
    const doc = await t.request('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/facilities', '/api/v1/auth/login', '/api/v1/users']));
  });
});
