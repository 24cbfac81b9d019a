import { startTestApp, TestApp } from '../support/test-app';

describe('GET /api/metrics', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('exposes commands by route and outcome, append latency, projection lag and handler duration, without personal data', async () => {
    const admin = await t.adminToken();
    const body = {
      name: 'Trondheim',
      kind: 'staffed_cluster',
      municipality: 'Trondheim',
      targetGroup: { excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: true },
      exclusionReasons: [],
    };
    const created = await t.request('POST', '/api/v1/facilities', { token: admin, body });
    await t.request('POST', '/api/v1/facilities', { token: admin, body: { ...body, kind: 'castle' } });
    await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'kari.nordmann', displayName: 'Kari Nordmann', password: 'a long enough password', grants: [{ role: 'auditor' }] },
    });
    const auditor = await t.login('kari.nordmann', 'a long enough password');
    await t.request('GET', `/api/v1/audit/events?minPosition=${created.body.position}`, { token: auditor });

    const res = await t.request('GET', '/api/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text: string = res.body;
    expect(text).toMatch(/rop_commands_total\{command="facilities",outcome="ok"\} 1/);
    expect(text).toMatch(/rop_commands_total\{command="facilities",outcome="invalid"\} 1/);
    expect(text).toMatch(/rop_event_store_append_seconds_count\{outcome="ok"\} [1-9]/);
    expect(text).toMatch(/rop_projection_lag_events\{projection="audit_log"\} 0/);
    expect(text).toMatch(/rop_projection_handler_seconds_count\{projection="audit_log"\} [1-9]/);
    expect(text).toMatch(/rop_process_resident_memory_bytes/);
    expect(text).not.toMatch(/Kari|kari\.nordmann|Trondheim/);
  });
});
