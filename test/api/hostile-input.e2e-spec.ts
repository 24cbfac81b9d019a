import { synthesizeIdentityNumber } from '@app/domain';
import { HttpResult, startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'a long enough password';
const ID = '3f2c1b0a-9e8d-4c7b-a6f5-e4d3c2b1a090';
const facilityBody = {
  name: 'Bolig Nu',
  kind: 'temporary_housing',
  municipality: 'Bodø',
  targetGroup: { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true, requiresCoOccurringDisorder: false },
  maxStayDays: 90,
  exclusionReasons: ['violence_or_threats'],
};

async function headOf(t: TestApp): Promise<bigint | null> {
  for await (const e of t.store.readAll({ direction: 'backwards', maxCount: 1 })) return e.position.commit;
  return null;
}

const isProblem = (res: HttpResult) => /^application\/problem\+json/.test(res.headers.get('content-type') ?? '');

/** Issue 10 findings 9, 14 and 15: hostile bodies and headers get a 4xx that says why, echo nothing and write nothing. */
describe('hostile input over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let worker: string;
  let facilityId: string;
  let personId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    facilityId = (await t.request('POST', '/api/v1/facilities', { token: admin, body: facilityBody })).body.id;
    await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'h.worker', displayName: 'Worker', password: PASSWORD, grants: [{ role: 'case_worker', facilityIds: [facilityId] }] },
    });
    worker = await t.login('h.worker', PASSWORD);
    personId = (
      await t.request('POST', '/api/v1/people', {
        token: worker,
        body: { givenName: 'Kari', familyName: 'Nordmann', birthDate: '1990-05-17', gender: 'female' },
      })
    ).body.id;
  });
  afterAll(() => t.close());

  /** Sends `body` as raw text; the answer and the log head before and after. */
  const send = async (path: string, body: string, headers: Record<string, string> = {}, token: string | undefined = admin) => {
    const before = await headOf(t);
    const res = await t.request('POST', path, { token, body, headers: { 'content-type': 'application/json', ...headers } });
    return { res, wrote: (await headOf(t)) !== before };
  };

  describe('body limits (finding 9)', () => {
    it('answers a body nested 5,000 levels deep with 400 on every POST route, /auth/login and /setup included', async () => {
      const doc = await t.request('GET', '/api/openapi.json');
      const routes = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)
        .filter(([, ops]) => ops.post)
        .map(([path]) => path.replace(/\{[^}]+\}/g, ID));
      expect(routes).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/setup', '/api/v1/users', '/api/v1/cases']));
      expect(routes.length).toBeGreaterThanOrEqual(54);
      const deep = `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`;
      const answers = [];
      for (const path of routes) {
        const { res, wrote } = await send(path, deep);
        answers.push({ path, status: res.status, type: res.body?.type, problem: isProblem(res), wrote });
      }
      expect(answers.filter((a) => a.status !== 400 || a.type !== 'urn:problem:body-too-deep' || !a.problem || a.wrote)).toEqual([]);
    });

    it('accepts 32 levels and refuses 33 (brackets inside strings do not count)', async () => {
      const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
      const within = await send('/api/v1/auth/login', `{"username":"x","password":"${'['.repeat(100)}","n":${nested(31)}}`, {}, undefined);
      expect(within.res.body.type).not.toBe('urn:problem:body-too-deep');
      expect(within.res.status).toBe(400); // the unknown field `n`, from validation
      const beyond = await send('/api/v1/auth/login', `{"username":"x","n":${nested(32)}}`, {}, undefined);
      expect(beyond.res.body).toMatchObject({ status: 400, type: 'urn:problem:body-too-deep', limit: 32 });
    });

    it('refuses a body over HTTP_MAX_BODY_BYTES with 413 naming the limit', async () => {
      const small = await startTestApp({ HTTP_MAX_BODY_BYTES: '4096' });
      try {
        const res = await small.request('POST', '/api/v1/auth/login', { body: { username: 'kari', password: 'x'.repeat(5000) } });
        expect(res.status).toBe(413);
        expect(res.body).toMatchObject({ type: 'urn:problem:body-too-large', limit: 4096 });
        expect(isProblem(res)).toBe(true);
        const fits = await small.request('POST', '/api/v1/auth/login', { body: { username: 'kari', password: 'x'.repeat(200) } });
        expect(fits.status).toBe(401);
      } finally {
        await small.close();
      }
    });
  });

  describe('null and missing where a value is required (finding 9)', () => {
    const fieldsOf = (res: HttpResult) => (res.body.fields as { field: string }[]).map((f) => f.field);

    it('password: null on /users is a 400 naming the field, and creates no one', async () => {
      const { res, wrote } = await send('/api/v1/users', JSON.stringify({ username: 'nullpw', displayName: 'N', password: null, grants: [] }));
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(['password']);
      expect(wrote).toBe(false);
    });

    it('a facility without targetGroup is a 400 naming it; a targetGroup without its flags names each', async () => {
      const { targetGroup: _omitted, ...noTargetGroup } = facilityBody;
      const missing = await send('/api/v1/facilities', JSON.stringify(noTargetGroup));
      expect(missing.res.status).toBe(400);
      expect(fieldsOf(missing.res)).toEqual(['targetGroup']);
      const partial = await send('/api/v1/facilities', JSON.stringify({ ...facilityBody, targetGroup: { minAge: 18 } }));
      expect(fieldsOf(partial.res).sort()).toEqual([
        'targetGroup.excludesActiveHeavySubstanceUse',
        'targetGroup.excludesFamiliesWithChildren',
        'targetGroup.requiresCoOccurringDisorder',
      ]);
      expect(missing.wrote || partial.wrote).toBe(false);
    });

    it('corrections without changes, or with changes: null, are a 400 naming changes', async () => {
      for (const body of [
        { reason: 'Typo', on: '2026-03-02' },
        { changes: null, reason: 'Typo', on: '2026-03-02' },
      ]) {
        const { res, wrote } = await send(`/api/v1/people/${personId}/corrections`, JSON.stringify(body), {}, worker);
        expect({ status: res.status, fields: fieldsOf(res), wrote }).toEqual({ status: 400, fields: ['changes'], wrote: false });
      }
    });

    it('still takes null where the schema says nullable (identityNumber: null removes a wrong number)', async () => {
      const { res } = await send(
        `/api/v1/people/${personId}/corrections`,
        JSON.stringify({ changes: { identityNumber: null }, reason: 'No number', on: '2026-03-02' }),
        {},
        worker,
      );
      expect(res.status).toBe(200);
    });

    it('refuses null for an optional field (leave it out instead) and in an array of objects', async () => {
      const optional = await send(
        '/api/v1/people',
        JSON.stringify({ givenName: 'A', familyName: 'B', birthDate: '1990-01-01', gender: 'male', contact: null }),
        {},
        worker,
      );
      expect(fieldsOf(optional.res)).toEqual(['contact']);
      const inArray = await send('/api/v1/users', JSON.stringify({ username: 'arr', displayName: 'A', grants: [{ role: null }] }));
      expect(fieldsOf(inArray.res)).toEqual(['grants.0.role']);
      expect(optional.wrote || inArray.wrote).toBe(false);
    });
  });

  describe('nothing sent is echoed back (finding 15)', () => {
    const SECRET = 'Kari Nordmann 17059012345';

    it('refuses a form-encoded body with 415 without quoting it', async () => {
      const res = await fetch(`${t.url}/api/v1/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: JSON.stringify({ username: 'kari', displayName: SECRET, grants: [] }),
      });
      const text = await res.text();
      expect(res.status).toBe(415);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(text).not.toContain('Nordmann');
      expect(text).not.toContain('12345');
    });

    it('says a body is not JSON without quoting it', async () => {
      const { res } = await send('/api/v1/users', `{"displayName": "${SECRET}", oops}`);
      expect(res.body).toMatchObject({ status: 400, type: 'urn:problem:invalid-json' });
      expect(JSON.stringify(res.body)).not.toContain('Nordmann');
    });

    it('refuses an unknown field without repeating a name that is not a field name', async () => {
      const { res } = await send('/api/v1/users', JSON.stringify({ username: 'kari', displayName: 'K', grants: [], [SECRET]: 1, note: 2 }));
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).not.toContain('Nordmann');
      expect(res.body.fields).toEqual(
        expect.arrayContaining([
          { field: '(unknown field)', rule: 'unknownField', message: 'This field is not part of the request' },
          { field: 'note', rule: 'unknownField', message: 'This field is not part of the request' },
        ]),
      );
    });
  });

  describe('X-Access-Purpose is bounded (finding 15)', () => {
    let outsider: string;
    let caseId: string;
    beforeAll(async () => {
      const other = await t.request('POST', '/api/v1/facilities', { token: admin, body: { ...facilityBody, name: 'Elsewhere' } });
      await t.request('POST', '/api/v1/users', {
        token: admin,
        body: { username: 'h.outsider', displayName: 'Outsider', password: PASSWORD, grants: [{ role: 'case_worker', facilityIds: [other.body.id] }] },
      });
      outsider = await t.login('h.outsider', PASSWORD);
      const referral = await t.request('POST', '/api/v1/cases', {
        token: worker,
        body: {
          on: '2026-03-02',
          referralSource: 'nav',
          referrer: { name: 'NAV Bodø' },
          personId,
          facilityId,
          screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: true },
          reason: 'Homeless',
          consent: { given: true, scope: 'Housing service', date: '2026-03-01' },
        },
      });
      expect(referral.status).toBe(201);
      caseId = referral.body.id;
    });

    it('refuses a purpose over 500 characters with a 400 that names the limit, and neither reads nor records', async () => {
      const before = await headOf(t);
      const res = await t.request('GET', `/api/v1/cases/${caseId}`, { token: outsider, headers: { 'x-access-purpose': 'p'.repeat(10_000) } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ rule: 'access.purpose_too_long', details: { max: 500 }, field: 'X-Access-Purpose' });
      expect(res.body.caseId).toBeUndefined();
      expect(JSON.stringify(res.body)).not.toContain('ppppp');
      expect(await headOf(t)).toBe(before);
    });

    it('takes a purpose of 500 characters, and records the read as flagged', async () => {
      const purpose = `Acute crisis ${'p'.repeat(487)}`;
      const res = await t.request('GET', `/api/v1/cases/${caseId}`, { token: outsider, headers: { 'x-access-purpose': purpose } });
      expect(res.status).toBe(200);
      let recorded: unknown;
      for await (const e of t.store.readStream(`access-${personId}`, { direction: 'backwards', maxCount: 1 })) recorded = e;
      expect(recorded).toMatchObject({ type: 'PersonalDataAccessed', data: { flagged: true } });
    });
  });

  describe('an Idempotency-Key is bound to its request (finding 14)', () => {
    const post = (path: string, body: object, key: string, token = admin) => t.request('POST', path, { token, body, headers: { 'idempotency-key': key } });

    it('replays the same request (in any key order) and refuses another body under the key with 422 naming it', async () => {
      const first = await post('/api/v1/facilities', { ...facilityBody, name: 'Keyed' }, 'key-facility-1');
      expect(first.status).toBe(201);
      const reordered = Object.fromEntries(Object.entries({ ...facilityBody, name: 'Keyed' }).reverse());
      const retry = await post('/api/v1/facilities', reordered, 'key-facility-1');
      expect(retry.body).toMatchObject({ id: first.body.id, replayed: true, events: [] });

      const before = await headOf(t);
      const other = await post('/api/v1/facilities', { ...facilityBody, name: 'Another facility' }, 'key-facility-1');
      expect(other.status).toBe(422);
      expect(other.body).toMatchObject({ type: 'urn:problem:idempotency-key-reused', idempotencyKey: 'key-facility-1' });
      expect(other.body.detail).toContain('key-facility-1');
      expect(await headOf(t)).toBe(before);
    });

    it('refuses a registration under a used key with another identity number before claiming it', async () => {
      const body = (seed: number) => ({
        givenName: 'Per',
        familyName: 'Pedersen',
        birthDate: '1970-01-01',
        identityNumber: synthesizeIdentityNumber('1970-01-01', seed),
        gender: 'male',
      });
      expect((await post('/api/v1/people', body(1), 'key-person-1', worker)).status).toBe(201);
      const before = await headOf(t);
      const other = await post('/api/v1/people', body(2), 'key-person-1', worker);
      expect(other.status).toBe(422);
      expect(await headOf(t)).toBe(before);
      // The second number was never claimed: it can be registered.
      expect((await t.request('POST', '/api/v1/people', { token: worker, body: body(2) })).status).toBe(201);
    });
  });
});
