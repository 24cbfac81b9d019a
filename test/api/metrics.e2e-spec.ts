import { randomBytes } from 'node:crypto';
import { MetricsServer } from '../../apps/api/src/app/metrics/metrics-server';
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
    await t.request('GET', `/api/v1/facilities/${created.body.id}/occupancy`, { token: admin });
    await t.request('GET', `/api/v1/no-such-thing/${created.body.id}`, { token: admin });

    const res = await t.request('GET', '/api/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text: string = res.body;
    expect(text).toMatch(/rop_commands_total\{command="facilities",outcome="ok"\} 1/);
    expect(text).toMatch(/rop_commands_total\{command="facilities",outcome="invalid"\} 1/);
    expect(text).toMatch(/rop_event_store_append_seconds_count\{outcome="ok"\} [1-9]/);
    expect(text).toMatch(/rop_projection_lag_events\{projection="audit_log"\} 0/);
    expect(text).toMatch(/rop_projection_handler_seconds_count\{projection="audit_log"\} [1-9]/);
    // Node's default metrics under their standard names, as dashboards and alerts expect them.
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds']) {
      expect(text).toMatch(new RegExp(`^${name} `, 'm'));
    }
    expect(text).not.toMatch(/rop_process_|rop_nodejs_/);
    // Every request's duration, queries too, by its route's pattern: never a raw path with an id.
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/audit\/events",status_code="200"\} 1$/m);
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/facilities\/:facilityId\/occupancy",status_code="\d+"\} 1$/m);
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/facilities",status_code="201"\} 1$/m);
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\(unmatched\)",status_code="404"\} 1$/m);
    expect(text).toMatch(/^http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/api\/v1\/audit\/events",status_code="200"\} 1$/m);
    expect(text).not.toContain(created.body.id);
    expect(text).not.toMatch(/Kari|kari\.nordmann|Trondheim/);
  });
});

describe('metrics behind METRICS_TOKEN', () => {
  const token = randomBytes(24).toString('base64url');
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ METRICS_TOKEN: token })));
  afterAll(() => t.close());

  it('are for the bearer of the token only', async () => {
    const without = await t.request('GET', '/api/metrics');
    expect([without.status, without.body.type]).toEqual([401, 'urn:problem:http-401']);
    expect((await t.request('GET', '/api/metrics', { token: `${token.slice(1)}x` })).status).toBe(401);
    const scraped = await t.request('GET', '/api/metrics', { token });
    expect(scraped.status).toBe(200);
    expect(scraped.body).toMatch(/^process_resident_memory_bytes /m);
  });
});

describe('metrics on METRICS_PORT', () => {
  const token = randomBytes(24).toString('base64url');
  let t: TestApp;
  let metricsUrl: string;
  beforeAll(async () => {
    t = await startTestApp({ METRICS_PORT: '0', METRICS_TOKEN: token });
    metricsUrl = `http://127.0.0.1:${t.app.get(MetricsServer).port}`;
  });
  afterAll(() => t.close());

  it('are served on that port alone, with the token when one is set, and no longer on the API port', async () => {
    expect((await t.request('GET', '/api/metrics', { token })).status).toBe(404);
    expect((await fetch(`${metricsUrl}/metrics`)).status).toBe(401);
    for (const path of ['/metrics', '/api/metrics']) {
      const res = await fetch(`${metricsUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/plain/);
      expect(await res.text()).toMatch(/^nodejs_heap_size_used_bytes /m);
    }
    // Nothing else is served there: the API stays on its own port.
    expect((await fetch(`${metricsUrl}/api/health`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
  });
});
