import { synthesizeIdentityNumber } from '@app/domain';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EsdbTestServer, startEsdbTestServer } from '../esdb-test-server';
import { runApiExpectingFailure } from '../support/spawn-api';
import { esdbEnv, startTestApp, TestApp } from '../support/test-app';
import { within } from '../support/within';

const PASSWORD = 'a long enough password';

/**
 * Several app instances serve one EventStoreDB log. What they sign and hash must agree: a token from
 * one is accepted by the next behind the load balancer, and a uniqueness claim (the stream named by an
 * HMAC of the identity number or username) is the same stream on every instance.
 */
describe('two app instances on one EventStoreDB share their secrets', () => {
  let server: EsdbTestServer;
  let a: TestApp;
  let b: TestApp;
  let admin: string;
  let worker: string;
  beforeAll(async () => {
    server = await startEsdbTestServer();
    a = await startTestApp(esdbEnv(server.connectionString));
    b = await startTestApp(esdbEnv(server.connectionString));
    admin = await a.adminToken();
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await server?.stop();
  });

  it('accepts on B a token issued by A', async () => {
    const facility = await b.request('POST', '/api/v1/facilities', {
      token: admin,
      body: {
        name: 'Storgata',
        kind: 'scattered_site',
        municipality: 'Bodø',
        targetGroup: { excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: false },
        exclusionReasons: [],
      },
    });
    expect(facility.status).toBe(201);
    const created = await a.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'kari.worker', displayName: 'Kari', password: PASSWORD, grants: [{ role: 'case_worker', facilityIds: [facility.body.id] }] },
    });
    expect(created.status).toBe(201);
    worker = await a.login('kari.worker', PASSWORD);
    // B learns of the user from the log; then the token A issued works there.
    // (404: the token is accepted, and there is no such person; a refused token is 401.)
    await within(5_000, async () => expect((await b.request('GET', `/api/v1/people/${randomUUID()}`, { token: worker })).status).toBe(404));
  });

  it('registers one identity number once, when A and B are asked at the same moment', async () => {
    const numbers = [0, 1, 2].map((i) => synthesizeIdentityNumber('1971-03-04', 100 * (i + 1)));
    expect(new Set(numbers).size).toBe(3);
    for (const identityNumber of numbers) {
      const body = { givenName: 'Per', familyName: 'Hansen', birthDate: '1971-03-04', identityNumber, gender: 'male' };
      const before = server.store.log.filter((e) => e.type === 'PersonRegistered').length;
      const answers = await Promise.all([a, b].map((app) => app.request('POST', '/api/v1/people', { token: worker, body })));
      expect(answers.map((r) => r.status).filter((s) => s === 201)).toHaveLength(1);
      const refused = answers.find((r) => r.status !== 201)!;
      expect(refused.status === 409 || (refused.status === 422 && refused.body.rule === 'person.identity_number.taken')).toBe(true);
      expect(server.store.log.filter((e) => e.type === 'PersonRegistered').length).toBe(before + 1);
    }
  });

  it('creates one username once, when A and B are asked at the same moment', async () => {
    for (let i = 0; i < 3; i++) {
      const body = { username: `ola.${i}`, displayName: 'Ola', password: PASSWORD, grants: [{ role: 'auditor' }] };
      const answers = await Promise.all([a, b].map((app) => app.request('POST', '/api/v1/users', { token: admin, body })));
      expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
      expect([409, 422]).toContain(answers.find((r) => r.status !== 201)!.status);
    }
  });
});

describe('an app instance on EventStoreDB without the shared secrets', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'api-secrets-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('refuses to start and names both, instead of making a key of its own in DATA_DIR', async () => {
    const server = await startEsdbTestServer();
    try {
      const { JWT_SECRET: _jwt, CLAIM_KEY_SECRET: _claim, ...withoutSecrets } = esdbEnv(server.connectionString);
      const { code, stderr } = await runApiExpectingFailure({ ...withoutSecrets, DATA_DIR: join(root, 'data'), PORT: '0' });
      expect(code).toBe(2);
      expect(stderr).toMatch(/JWT_SECRET .*required.*every app instance must have the same value/);
      expect(stderr).toMatch(/CLAIM_KEY_SECRET .*required.*every app instance must have the same value/);
    } finally {
      await server.stop();
    }
  });
});
