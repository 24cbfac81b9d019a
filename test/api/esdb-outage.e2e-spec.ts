import { facilityStream } from '@app/domain';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EsdbTestServer, EsdbTestStore, startEsdbTestServer } from '../esdb-test-server';
import { logLines, readSetupToken, runApiExpectingFailure, RunningApi, spawnApi } from '../support/spawn-api';
import { ADMIN, ESDB_SHARED_SECRETS, esdbEnv } from '../support/test-app';

/**
 * The API as its own process on EventStoreDB (the gRPC test double) while the store comes and goes:
 * it starts without the store and becomes ready when the store answers, with no restart; a store
 * killed under load loses no acknowledged command; an outage is logged once, not per request.
 */
describe('the API process when EventStoreDB is away', () => {
  jest.setTimeout(90_000);
  let root: string;
  let server: EsdbTestServer | undefined;
  let api: RunningApi | undefined;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'api-outage-'))));
  afterEach(async () => {
    await api?.stop('SIGKILL');
    await server?.stop();
    api = server = undefined;
    rmSync(root, { recursive: true, force: true });
  });

  const facility = (name: string) => ({
    name,
    kind: 'scattered_site',
    municipality: 'Tromsø',
    targetGroup: { excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: false },
    exclusionReasons: [],
  });

  const call = async (method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const res = await fetch(`${api!.url}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (text ? JSON.parse(text) : undefined) as any };
  };

  /** An administrator through the one-time setup token the process writes to DATA_DIR once the store answers. */
  const setUpAdmin = async () => {
    const printed = await eventually(() => readSetupToken(join(root, 'data')));
    expect((await call('POST', '/api/v1/setup', { body: { setupToken: printed, ...ADMIN } })).status).toBe(201);
    const login = await call('POST', '/api/v1/auth/login', { body: { username: ADMIN.username, password: ADMIN.password } });
    expect(login.status).toBe(200);
    return login.body.accessToken as string;
  };

  const logged = (level: string, text: RegExp) =>
    logLines(api!.output())
      .filter((line) => line.level === level && text.test(String(line.msg)))
      .map((line) => String(line.msg));
  const outageWarnings = () => logged('warn', /Event store unavailable/);
  const storeErrorsLoggedPerRequest = () => logged('error', /failed: Store/);

  it('starts while the store is down, answers 503 with Retry-After, and is ready once the store starts, with no restart', async () => {
    const port = await freePort();
    api = await spawnApi({ ...esdbEnv(`esdb://127.0.0.1:${port}?tls=false`), DATA_DIR: join(root, 'data') });

    const health = await call('GET', '/api/health/ready');
    expect(health.status).toBe(503);
    expect(health.body.checks.eventStore).toMatchObject({ status: 'down', adapter: 'esdb' });
    // One mechanism for every reason not to take traffic: the store's absence is one of them.
    expect(health.body.notReady).toEqual([{ check: 'eventStore', reason: 'unreachable', since: expect.any(String), error: 'StoreUnavailableError' }]);
    expect((await call('GET', '/api/health/live')).status).toBe(200);
    // A command with a valid token, and the setup that waits for the store: 503, to be tried again.
    const token = await tokenFor({ userId: randomUUID(), username: 'someone', grants: [{ role: 'admin', facilityIds: [] }] });
    const command = await call('POST', '/api/v1/facilities', { token, body: facility('Skansen') });
    expect(command).toMatchObject({ status: 503, retryAfter: '5', body: { type: expect.stringMatching(/^urn:problem:store-/) } });
    const setup = await call('POST', '/api/v1/setup', { body: { setupToken: 'x'.repeat(32), ...ADMIN } });
    expect(setup).toMatchObject({ status: 503, retryAfter: '5' });

    server = await startEsdbTestServer({ port });
    await eventually(async () => (await call('GET', '/api/health/ready')).status === 200 || undefined, 20_000);
    // What waited for the store ran when it came: the setup check printed its token; projections follow.
    const admin = await setUpAdmin();
    const created = await call('POST', '/api/v1/facilities', { token: admin, body: facility('Skansen') });
    expect(created.status).toBe(201);
    const listed = await call('GET', `/api/v1/facilities?minPosition=${created.body.position}`, { token: admin });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).toContain(created.body.id);

    expect(outageWarnings()).toHaveLength(1); // logged once, at the start, with its cause
    expect(outageWarnings()[0]).toMatch(/at start \(StoreUnavailableError: EventStoreDB is unavailable/);
    expect(storeErrorsLoggedPerRequest()).toEqual([]);
  });

  it('loses no acknowledged command, and writes none twice, across a store killed under load', async () => {
    const store = new EsdbTestStore();
    server = await startEsdbTestServer({ store, batchAppend: true });
    const { port } = server;
    api = await spawnApi({ ...esdbEnv(server.connectionString), DATA_DIR: join(root, 'data') });
    const admin = await setUpAdmin();

    // Eight clients register facilities; each retries a 503 with the same Idempotency-Key, as a client should.
    const acknowledged: Array<{ id: string; key: string }> = [];
    const statuses = new Map<number, number>();
    let stopping = false;
    const client = async (worker: number) => {
      for (let n = 0; !stopping; n++) {
        const key = `load-${worker}-${n}`;
        for (;;) {
          const res = await call('POST', '/api/v1/facilities', { token: admin, body: facility(`F ${worker}.${n}`), headers: { 'idempotency-key': key } }).catch(
            () => ({ status: 0, body: undefined, retryAfter: null }),
          );
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 201) {
            acknowledged.push({ id: res.body.id, key });
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    };
    const clients = Array.from({ length: 8 }, (_, i) => client(i));
    await eventually(() => acknowledged.length >= 40 || undefined, 20_000);
    await server.stop(); // killed: open calls fail, unanswered writes are the clients' to retry
    const ackedBeforeKill = acknowledged.length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    server = await startEsdbTestServer({ port, store, batchAppend: true });
    await eventually(() => acknowledged.length >= ackedBeforeKill + 40 || undefined, 30_000);
    stopping = true;
    await Promise.all(clients);

    // Only created or "unavailable, try again": never a 500.
    expect([...statuses.keys()].filter((s) => s !== 201 && s !== 503)).toEqual([]);
    expect(statuses.get(503)).toBeGreaterThan(0);
    // Every acknowledged facility is in the log, registered exactly once.
    for (const { id } of acknowledged) {
      expect(store.events(facilityStream(id))?.map((e) => e.type)).toEqual(['FacilityRegistered']);
    }
    const registered = store.log.filter((e) => e.type === 'FacilityRegistered');
    expect(registered).toHaveLength(acknowledged.length);
    // And the read model, fed by a subscription that lived through the kill, has them all.
    const last = registered[registered.length - 1];
    const listed = await call('GET', `/api/v1/facilities?minPosition=${last.commit}`, { token: admin });
    expect(listed.status).toBe(200);
    for (const { id } of acknowledged) expect(JSON.stringify(listed.body)).toContain(id);

    expect(outageWarnings()).toHaveLength(1);
    await eventually(() => logged('info', /Event store available again/).length > 0 || undefined, 5_000);
    expect(storeErrorsLoggedPerRequest()).toEqual([]);
  });

  it('refuses to start when the store refuses access, naming the setting', async () => {
    server = await startEsdbTestServer();
    server.denyAccess(true); // a secure server and a connection string without credentials
    const { code, stderr } = await runApiExpectingFailure({ ...esdbEnv(server.connectionString), DATA_DIR: join(root, 'data'), PORT: '0' });
    expect(code).toBe(2);
    expect(stderr).toContain('EVENTSTORE_CONNECTION_STRING');
    expect(stderr).toMatch(/refused access/);
    expect(stderr).toContain('esdb://USER:PASSWORD@');
  });
});

async function tokenFor(actor: { userId: string; username: string; grants: object[] }): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ preferred_username: actor.username, grants: actor.grants as never })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(actor.userId)
    .setIssuer('rop-housing')
    .setAudience('rop-housing-api')
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .sign(new TextEncoder().encode(ESDB_SHARED_SECRETS.JWT_SECRET));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Polls until `check` gives a value (not undefined/false), or fails after `timeoutMs`. */
async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
