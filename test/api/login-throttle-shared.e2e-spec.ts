import { EsdbTestServer, startEsdbTestServer } from '../esdb-test-server';
import { requestFrom } from '../support/http-from';
import { startPostgres, TestPostgres } from '../support/postgres';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

const BUDGET = 20;
const login = (t: TestApp, from: string, username: string, password: string) =>
  requestFrom(t.url, from, 'POST', '/api/v1/auth/login', { body: { username, password } });

/**
 * Two app instances as production runs them: one EventStoreDB (here its test double), the same secrets,
 * their own DATA_DIRs, one PostgreSQL. The login throttle is one, so a second instance behind the load
 * balancer does not hand out a second budget (issue 12: "5 × N" guesses).
 */
describe('two app instances share one login throttle in PostgreSQL (DATABASE_URL)', () => {
  let pg: TestPostgres;
  let esdb: EsdbTestServer;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    pg = await startPostgres();
    esdb = await startEsdbTestServer();
    const env = {
      EVENT_STORE: 'esdb',
      EVENTSTORE_CONNECTION_STRING: esdb.connectionString,
      DATABASE_URL: pg.connectionString,
      KEY_MASTER_KEY: 'm'.repeat(40), // the key store shares that PostgreSQL too
      JWT_SECRET: 'j'.repeat(40),
      CLAIM_KEY_SECRET: 'c'.repeat(40),
    };
    a = await startTestApp(env);
    b = await startTestApp(env);
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await esdb?.stop();
    pg?.stop();
  });

  it('one address spends one budget across both instances', async () => {
    // At once (the budget refills one every 30 s), half on each instance.
    const spent = await Promise.all(Array.from({ length: BUDGET }, (_, i) => login(i % 2 ? b : a, '127.0.0.21', `guess${i}`, 'not the password')));
    expect(spent.map((r) => r.status)).toEqual(Array(BUDGET).fill(401));
    for (const instance of [a, b]) {
      const refused = await login(instance, '127.0.0.21', 'one.more', 'not the password');
      expect(refused.status).toBe(429);
      expect(refused.body.rule).toBe('auth.too_many_from_address');
      expect(refused.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    }
    expect((await login(b, '127.0.0.22', 'one.more', 'not the password')).status).toBe(401);
  });

  it('the backoff of one (address, username) holds on the other instance, and a success on either clears it', async () => {
    await a.adminToken();
    /** Four guesses at once, two on each instance: three free failures between them, the fourth waits. */
    const guesses = () => Promise.all(Array.from({ length: 4 }, (_, i) => login(i % 2 ? b : a, '127.0.0.23', ADMIN.username, `wrong ${i}`)));
    const first = await guesses();
    expect(first.map((r) => r.status).sort()).toEqual([401, 401, 401, 429]);
    const refused = first.find((r) => r.status === 429)!;
    expect(refused.body.rule).toBe('auth.too_many_attempts');
    await new Promise((r) => setTimeout(r, Number(refused.headers['retry-after']) * 1000));
    expect((await login(a, '127.0.0.23', ADMIN.username, ADMIN.password)).status).toBe(200);
    // Cleared for both instances: three free failures again (not cleared, all four would wait).
    expect((await guesses()).map((r) => r.status).sort()).toEqual([401, 401, 401, 429]);
    expect((await login(b, '127.0.0.24', ADMIN.username, ADMIN.password)).status).toBe(200);
  });
});
