import { EsdbTestServer, startEsdbTestServer } from '../esdb-test-server';
import { esdbEnv, startTestApp, TestApp } from '../support/test-app';

const facility = {
  name: 'Hålogalandsgata',
  kind: 'staffed_24_7',
  municipality: 'Bodø',
  targetGroup: { excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: true },
  exclusionReasons: ['violence_or_threats'],
};

/**
 * A command answers with its log position; a query given that position as minPosition sees the
 * command's effect at once — on the embedded store and on EventStoreDB (through the gRPC test double).
 */
describe.each([
  ['sqlite', async () => ({ env: {}, stop: async () => undefined })],
  [
    'esdb (test server)',
    async () => {
      const server: EsdbTestServer = await startEsdbTestServer();
      return { env: esdbEnv(server.connectionString), stop: () => server.stop() };
    },
  ],
])('read your writes: %s', (_name, backend) => {
  let t: TestApp;
  let stopBackend: () => Promise<void>;
  let admin: string;
  let auditor: string;

  beforeAll(async () => {
    const b = await backend();
    stopBackend = b.stop;
    t = await startTestApp(b.env);
    admin = await t.adminToken();
    await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'revisor', displayName: 'Revisor', password: 'a long auditor password', grants: [{ role: 'auditor' }] },
    });
    auditor = await t.login('revisor', 'a long auditor password');
  });
  afterAll(async () => {
    await t.close();
    await stopBackend();
  });

  it('shows a command in the audit log immediately when the query carries its position', async () => {
    for (let i = 0; i < 5; i++) {
      const created = await t.request('POST', '/api/v1/facilities', { token: admin, body: { ...facility, name: `Facility ${i}` } });
      expect(created.status).toBe(201);
      const stream = `facility-${created.body.id}`;
      const log = await t.request('GET', `/api/v1/audit/events?stream=${stream}&minPosition=${created.body.position}`, { token: auditor });
      expect(log.status).toBe(200);
      expect(log.body.entries).toEqual([
        expect.objectContaining({ stream, eventType: 'FacilityRegistered', actorRole: 'admin', actorName: 'Administrator', commandType: 'RegisterFacility' }),
      ]);
    }
  });

  it('answers 503 with Retry-After when the read model cannot reach the position in time', async () => {
    const res = await t.request('GET', '/api/v1/audit/events?minPosition=99999999999', { token: auditor });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });

  it('refuses the audit log to roles other than auditor', async () => {
    expect((await t.request('GET', '/api/v1/audit/events', { token: admin })).status).toBe(403);
  });
});
