import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { synthesizeIdentityNumber } from '@app/domain';
import { casePath } from '../../apps/api/src/features/cases/case-commands';
import { EsdbTestServer, startEsdbTestServer } from '../esdb-test-server';
import { startPostgres, TestPostgres } from '../support/postgres';
import { startTestApp, TestApp } from '../support/test-app';
import { within } from '../support/within';

const PASSWORD = 'a long enough password';
const SHARED = {
  JWT_SECRET: 'jwt secret shared by both instances, long enough',
  CLAIM_KEY_SECRET: 'claim key secret shared by both instances, long',
  KEY_MASTER_KEY: 'key master key shared by both instances, long enough',
};
const GIVEN = 'Solfrid';
const FAMILY = 'Kvalvågnes';
const REASON = 'Sover ute etter brann i leiligheten';

interface Pair {
  a: TestApp;
  b: TestApp;
  close(): Promise<void>;
}

/**
 * Two app instances on one EventStoreDB (the gRPC test double), each with its own DATA_DIR, sharing
 * a key store: PostgreSQL, or (the case the log alone must cover) one SQLite key file.
 */
async function twoInstances(server: EsdbTestServer, env: Record<string, string>, shareSqliteKeyFile = false): Promise<Pair> {
  const base = { EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: server.connectionString, ...SHARED, ...env };
  const a = await startTestApp(base);
  let bDir: string | undefined;
  if (shareSqliteKeyFile) {
    bDir = mkdtempSync(join(tmpdir(), 'rop-e2e-b-'));
    mkdirSync(bDir, { recursive: true });
    symlinkSync(join(a.dataDir, 'keys.sqlite'), join(bDir, 'keys.sqlite'));
  }
  const b = await startTestApp(base, [], bDir ? { dataDir: bDir } : {});
  return {
    a,
    b,
    async close() {
      await b.close();
      await a.close();
      if (bDir) rmSync(bDir, { recursive: true, force: true });
    },
  };
}

/** Registers on A, reads and writes on B; forgets on A and checks B within a second. */
function forgetOnAHonouredByB(pair: () => Pair, keyRows?: (personId: string) => Promise<number>) {
  let worker: string;
  let admin: string;
  let personId: string;
  let caseId: string;

  it('serves on B a person registered on A, and takes updates there, with no 500 and no second key', async () => {
    const { a, b } = pair();
    admin = await a.adminToken();
    const facility = await a.request('POST', '/api/v1/facilities', {
      token: admin,
      body: {
        name: 'Housing First',
        kind: 'scattered_site',
        municipality: 'Tromsø',
        targetGroup: { excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: false },
        exclusionReasons: [],
      },
    });
    expect(facility.status).toBe(201);
    const user = await a.request('POST', '/api/v1/users', {
      token: admin,
      body: {
        username: 'two.worker',
        displayName: 'W',
        password: PASSWORD,
        grants: [{ role: 'auditor' }, { role: 'case_worker', facilityIds: [facility.body.id] }],
      },
    });
    expect(user.status).toBe(201);
    worker = await a.login('two.worker', PASSWORD);

    const person = await a.request('POST', '/api/v1/people', {
      token: worker,
      body: { givenName: GIVEN, familyName: FAMILY, birthDate: '1977-06-30', identityNumber: synthesizeIdentityNumber('1977-06-30', 512), gender: 'female' },
    });
    expect(person.status).toBe(201);
    personId = person.body.id;
    const referral = await a.request('POST', '/api/v1/cases', {
      token: worker,
      body: {
        on: '2026-10-01',
        referralSource: 'nav',
        referrer: { name: 'NAV Tromsø', organisation: 'NAV' },
        personId,
        facilityId: facility.body.id,
        screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: true },
        reason: REASON,
        consent: { given: true, scope: 'Boligtjenesten', date: '2026-10-01' },
      },
    });
    expect(referral.status).toBe(201);
    caseId = referral.body.id;

    // B reads what A wrote, decrypted with the shared key, and writes with the same key.
    await within(5000, async () => {
      const read = await b.request('GET', `/api/v1/people/${personId}`, { token: worker });
      expect([read.status, read.body.familyName]).toEqual([200, FAMILY]);
    });
    const corrected = await b.request('POST', `/api/v1/people/${personId}/corrections`, {
      token: worker,
      body: { on: '2026-10-02', changes: { givenName: `${GIVEN} Marie` }, reason: 'Feil i fornavnet' },
    });
    expect(corrected.status).toBe(200);
    const note = await b.request('POST', casePath(caseId, 'RecordRiskAssessment'), {
      token: worker,
      body: {
        on: '2026-10-03',
        rosSummary: 'Rolig, ønsker bolig',
        broset: { confused: false, irritable: false, boisterous: false, verbalThreats: false, physicalThreats: false, attackingObjects: false },
      },
    });
    expect(note.status).toBe(201);
    const readOnA = await a.request('GET', `/api/v1/people/${personId}`, { token: worker });
    expect(readOnA.body).toMatchObject({ givenName: `${GIVEN} Marie`, familyName: FAMILY });
    const caseOnA = await a.request('GET', `/api/v1/cases/${caseId}`, { token: worker });
    expect(caseOnA.status).toBe(200);
    if (keyRows) expect(await keyRows(personId)).toBe(1);
  });

  it('honours a forget on A on B (a bounded wait, not a timing): person, case, replay and export without the name, and a new personal note refused', async () => {
    const { a, b } = pair();
    // B has it all in memory: folded states, its key cache, its read models.
    const replayPath = `/api/v1/audit/people/${personId}/replay`;
    for (const path of [`/api/v1/people/${personId}`, `/api/v1/cases/${caseId}`, replayPath, `/api/v1/people/${personId}/export`]) {
      const res = await b.request('GET', path, { token: worker });
      expect([path, res.status]).toEqual([path, 200]);
    }
    expect(JSON.stringify((await b.request('GET', `/api/v1/people/${personId}/export`, { token: worker })).body)).toContain(FAMILY);

    const forgotten = await a.request('POST', `/api/v1/people/${personId}/forget`, { token: admin, body: { legalBasis: 'court_order', on: '2026-11-22' } });
    expect(forgotten.status).toBe(200);

    // The promise is "at once" (the key store's notification, else the log); a loaded CI machine has taken
    // 1.5 s, so the wait is bounded generously and the figure is the benchmark's to report, not this test's.
    await within(10_000, async () => {
      const person = await b.request('GET', `/api/v1/people/${personId}`, { token: worker });
      expect([person.status, person.body.forgotten]).toEqual([200, true]);
      for (const path of [`/api/v1/cases/${caseId}`, replayPath, `/api/v1/audit/cases/${caseId}/replay`, `/api/v1/people/${personId}/export`]) {
        const res = await b.request('GET', path, { token: worker });
        expect([path, res.status]).toEqual([path, 200]);
        const text = JSON.stringify(res.body);
        expect([path, text.includes(FAMILY) || text.includes(GIVEN) || text.includes(REASON)]).toEqual([path, false]);
      }
      const incident = await b.request('POST', casePath(caseId, 'RecordRiskAssessment'), {
        token: worker,
        body: {
          on: '2026-11-23',
          rosSummary: 'Ny vurdering',
          broset: { confused: false, irritable: false, boisterous: false, verbalThreats: false, physicalThreats: false, attackingObjects: false },
        },
      });
      expect([incident.status, incident.body.rule]).toEqual([422, 'person.forgotten.personal_data']);
      const comment = await b.request('POST', `/api/v1/people/${personId}/comments`, { token: worker, body: { on: '2026-11-23', text: 'Ny merknad' } });
      expect([comment.status, comment.body.rule]).toEqual([422, 'person.forgotten']);
    });
    if (keyRows) expect(await keyRows(personId)).toBe(0);
  });
}

/** Issue 12, finding 1, and the key store in PostgreSQL. */
describe('two app instances on one EventStoreDB', () => {
  describe('sharing the PostgreSQL key store', () => {
    let server: EsdbTestServer;
    let postgres: TestPostgres;
    let pair: Pair;
    beforeAll(async () => {
      server = await startEsdbTestServer();
      postgres = await startPostgres();
      pair = await twoInstances(server, { DATABASE_URL: postgres.connectionString });
    }, 120_000);
    afterAll(async () => {
      await pair?.close();
      await server?.stop();
      postgres?.stop();
    });
    const keyRows = async (personId: string) => {
      const client = new Client({ connectionString: postgres.connectionString });
      await client.connect();
      try {
        return (await client.query('SELECT 1 FROM person_keys WHERE person_id = $1', [personId])).rowCount ?? 0;
      } finally {
        await client.end();
      }
    };
    forgetOnAHonouredByB(() => pair, keyRows);
  });

  describe('sharing one SQLite key file (no notifications: the PersonForgotten event in the log does it)', () => {
    let server: EsdbTestServer;
    let pair: Pair;
    beforeAll(async () => {
      server = await startEsdbTestServer();
      pair = await twoInstances(server, {}, true);
    }, 60_000);
    afterAll(async () => {
      await pair?.close();
      await server?.stop();
    });
    forgetOnAHonouredByB(() => pair);
  });
});
