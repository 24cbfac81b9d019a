import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-accounts';
import { DemoSeedResult, seedDemo } from '../../apps/api/src/demo/demo-seed';
import { answerSchema, conformanceProblems, undescribedFields } from '../support/openapi-conformance';
import { makeSealKey, SealKey } from '../support/seal-key';
import { startTestApp, TestApp } from '../support/test-app';
import { within } from '../support/within';

/**
 * The answers whose schemas the UI's generated types are made from, against the demo's histories: each
 * answers exactly what its schema documents (no field undocumented, none documented but missing, each
 * of its type) and documents every field. Problems too: they are what ProblemDetailsDto says.
 */
describe('answers match their OpenAPI schemas (the source of the UI’s types)', () => {
  let t: TestApp;
  let key: SealKey;
  let doc: any;
  let demo: DemoSeedResult;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    key = makeSealKey();
    t = await startTestApp({ ...key.env, SEAL_INTERVAL_SECONDS: '1' });
    demo = await seedDemo(t.app);
    for (const a of demo.accounts) tokens[a.role] = await t.login(a.username, DEMO_PASSWORD);
    doc = (await t.request('GET', '/api/openapi.json')).body;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    key?.remove();
  });

  const check = (method: string, template: string, status: number, body: unknown) => {
    const schema = answerSchema(doc, method, template, String(status));
    return { problems: conformanceProblems(doc, schema, body), undescribed: undescribedFields(doc, schema) };
  };
  const conforms = { problems: [], undescribed: [] };

  // Not here: GET /api/v1/cases/{caseId}, whose CaseViewDto (cases/case-view.ts) documents only the core of the case state.
  const person = () => demo.cases.find((c) => c.status === 'resident')!;
  const gets: Array<[string, string, () => string]> = [
    ['/api/health', 'admin', () => '/api/health'],
    ['/api/health/live', 'admin', () => '/api/health/live'],
    ['/api/v1/auth/me', 'case_worker', () => '/api/v1/auth/me'],
    ['/api/v1/users/grant-requests', 'admin', () => '/api/v1/users/grant-requests?status=approved'],
    ['/api/v1/facilities', 'supervisor', () => '/api/v1/facilities'],
    ['/api/v1/cases', 'case_worker', () => '/api/v1/cases?limit=100'],
    ['/api/v1/people/{personId}', 'case_worker', () => `/api/v1/people/${person().personId}`],
    ['/api/v1/people/{personId}/timeline', 'case_worker', () => `/api/v1/people/${person().personId}/timeline`],
    ['/api/v1/people/{personId}/export', 'case_worker', () => `/api/v1/people/${person().personId}/export`],
    ['/api/v1/facilities/{facilityId}/waiting-list', 'supervisor', () => `/api/v1/facilities/${demo.facilities[0].facilityId}/waiting-list`],
    ['/api/v1/audit/access-log', 'auditor', () => '/api/v1/audit/access-log?limit=200'],
    ['/api/v1/audit/cases/{caseId}/replay', 'auditor', () => `/api/v1/audit/cases/${person().caseId}/replay`],
    ['/api/v1/audit/people/{personId}/replay', 'auditor', () => `/api/v1/audit/people/${person().personId}/replay`],
  ];

  it.each(gets)('GET %s', async (template, role, url) => {
    const res = await t.request('GET', url(), { token: tokens[role] });
    expect(res.status).toBe(200);
    expect(check('get', template, 200, res.body)).toEqual(conforms);
  });

  it('answers a login, the log verification (at once and as a job) and the seal export as documented', async () => {
    const login = await t.request('POST', '/api/v1/auth/login', { body: { username: demo.accounts[0].username, password: DEMO_PASSWORD } });
    expect(check('post', '/api/v1/auth/login', login.status, login.body)).toEqual(conforms);
    const verify = await t.request('POST', '/api/v1/audit/verify', { token: tokens.auditor, body: {} });
    expect(verify.status).toBe(200);
    expect(check('post', '/api/v1/audit/verify', 200, verify.body)).toEqual(conforms);
    const seal = await within(15_000, async () => {
      const res = await t.request('GET', '/api/v1/audit/seal', { token: tokens.auditor });
      if (res.status !== 200) throw new Error(`no seal yet: ${res.status}`);
      return res;
    });
    expect(check('get', '/api/v1/audit/seal', 200, seal.body)).toEqual(conforms);
    const against = await t.request('POST', '/api/v1/audit/verify', { token: tokens.auditor, body: { against: seal.body } });
    expect(check('post', '/api/v1/audit/verify', 200, against.body)).toEqual(conforms);
    // The same check as a job: as started (running), and as polled until done with its report.
    const job = await t.request('POST', '/api/v1/audit/verifications', { token: tokens.auditor, body: { against: seal.body } });
    expect(job.status).toBe(202);
    expect(check('post', '/api/v1/audit/verifications', 202, job.body)).toEqual(conforms);
    const done = await within(30_000, async () => {
      const res = await t.request('GET', `/api/v1/audit/verifications/${job.body.id}`, { token: tokens.auditor });
      if (res.body.state === 'running') throw new Error('still running');
      return res;
    });
    expect(done.body.state).toBe('done');
    expect(check('get', '/api/v1/audit/verifications/{jobId}', 200, done.body)).toEqual(conforms);
  });

  it('answers problems as ProblemDetailsDto documents them (400, 401, 403, 404, 409, 422)', async () => {
    const caseId = person().caseId;
    const answers = [
      ['post', '/api/v1/people', await t.request('POST', '/api/v1/people', { token: tokens.case_worker, body: { givenName: '', extra: 1 } })],
      ['get', '/api/v1/cases', await t.request('GET', '/api/v1/cases')],
      ['post', '/api/v1/facilities', await t.request('POST', '/api/v1/facilities', { token: tokens.auditor, body: {} })],
      ['get', '/api/v1/cases/{caseId}', await t.request('GET', '/api/v1/cases/0b7e7f3c-1d2e-4f50-8a9b-0c1d2e3f4a5b', { token: tokens.case_worker })],
      [
        'post',
        '/api/v1/cases/{caseId}/incidents',
        await t.request('POST', `/api/v1/cases/${caseId}/incidents`, {
          token: tokens.case_worker,
          headers: { 'if-match': '"0"' },
          body: { on: '2026-03-20', kind: 'damage', severity: 'low', description: 'x' },
        }),
      ],
      // A resident's referral cannot be withdrawn any more.
      [
        'post',
        '/api/v1/cases/{caseId}/withdraw',
        await t.request('POST', `/api/v1/cases/${caseId}/withdraw`, { token: tokens.case_worker, body: { on: demo.today, reason: 'moved_away' } }),
      ],
    ] as const;
    const statuses = answers.map(([, , res]) => res.status);
    expect(statuses).toEqual([400, 401, 403, 404, 409, 422]);
    for (const [method, path, res] of answers) {
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect({ path, ...check(method, path, res.status, res.body) }).toEqual({ path, ...conforms });
    }
  });
});
