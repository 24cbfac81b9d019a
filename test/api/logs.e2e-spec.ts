import { synthesizeIdentityNumber } from '@app/domain';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { facilityBody, referralBody } from '../support/lifecycle';
import { logLines, readSetupToken, RunningApi, spawnApi } from '../support/spawn-api';
import { ADMIN } from '../support/test-app';
import { launchChromium } from '../ui/support/browser';
import { login as signIn } from '../ui/support/session';
import { ensureUiBuilt } from '../ui/support/ui-server';

const GIVEN_NAME = 'Ingeborg';
const FAMILY_NAME = 'Kvalheimsen';
const BIRTH_DATE = '1985-03-14';
const IDENTITY_NUMBER = synthesizeIdentityNumber(BIRTH_DATE, 7);
const PASSWORD = 'correct horse battery staple';

/**
 * Issue 15 item 9: the API's logs, as the process writes them, through a walk with a person's name and
 * identity number: every line is JSON, every request has one line naming its id (the X-Request-Id it
 * answered), and neither the name nor the number nor a secret is anywhere in them.
 */
describe('the logs, through a walk with personal data (API and browser)', () => {
  let root: string;
  let api: RunningApi;
  /** Every answer's X-Request-Id, and what we sent for it. */
  const answered: Array<{ sent?: string; got: string; status: number }> = [];

  const call = async (method: string, path: string, options: { token?: string; body?: unknown; requestId?: string } = {}) => {
    const res = await fetch(`${api.url}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined && { 'content-type': 'application/json' }),
        ...(options.token && { authorization: `Bearer ${options.token}` }),
        ...(options.requestId && { 'x-request-id': options.requestId }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    const got = res.headers.get('x-request-id')!;
    answered.push({ sent: options.requestId, got, status: res.status });
    const json = /json/.test(res.headers.get('content-type') ?? '');
    return { status: res.status, requestId: got, body: (json ? JSON.parse(text) : text) as any };
  };
  const created = async (path: string, token: string, body: unknown) => {
    const res = await call('POST', path, { token, body });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const login = async (username: string, password: string) =>
    (await call('POST', '/api/v1/auth/login', { body: { username, password } })).body.accessToken as string;

  beforeAll(async () => {
    // The walk goes through the UI too, as the process serves it.
    ensureUiBuilt();
    root = mkdtempSync(join(tmpdir(), 'rop-logs-'));
    api = await spawnApi({ DATA_DIR: join(root, 'data') }, 90_000);
  }, 120_000);
  afterAll(async () => {
    await api?.stop('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  it('are JSON lines with a request id per request, and hold no name, identity number or secret', async () => {
    // The setup token is in a file only its user may read, not in the logs.
    const tokenFile = join(root, 'data', 'setup-token');
    const setupToken = await eventually(() => readSetupToken(join(root, 'data')));
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect((await call('POST', '/api/v1/setup', { body: { setupToken, ...ADMIN } })).status).toBe(201);
    expect(readSetupToken(join(root, 'data'))).toBeUndefined(); // used: gone
    const admin = await login(ADMIN.username, ADMIN.password);

    const facilityId = await created('/api/v1/facilities', admin, facilityBody('Loggheim'));
    await created('/api/v1/users', admin, {
      username: 'worker',
      displayName: 'Worker',
      password: PASSWORD,
      grants: [{ role: 'case_worker', facilityIds: [facilityId] }],
    });
    const worker = await login('worker', PASSWORD);
    const person = { givenName: GIVEN_NAME, familyName: FAMILY_NAME, birthDate: BIRTH_DATE, identityNumber: IDENTITY_NUMBER, gender: 'female' };
    const personId = await created('/api/v1/people', worker, person);
    const today = new Date().toISOString().slice(0, 10);
    const caseId = await created('/api/v1/cases', worker, referralBody(personId, facilityId, today));

    // Reads of the person, a search by name and by number (in the query string), refusals that quote them.
    const read = await call('GET', `/api/v1/people/${personId}`, { token: worker, requestId: 'walk-read-1' });
    expect([read.status, read.requestId, read.body.familyName]).toEqual([200, 'walk-read-1', FAMILY_NAME]);
    expect((await call('GET', `/api/v1/cases/${caseId}`, { token: worker })).status).toBe(200);
    expect((await call('GET', `/api/v1/cases?q=${FAMILY_NAME}`, { token: worker })).status).toBe(200);
    expect((await call('GET', `/api/v1/cases?q=${IDENTITY_NUMBER}`, { token: worker })).status).toBe(200);
    const twice = await call('POST', '/api/v1/people', { token: worker, body: person });
    expect([409, 422]).toContain(twice.status);
    const invalid = await call('POST', '/api/v1/people', { token: worker, body: { ...person, gender: 'unknown gender' }, requestId: 'walk-invalid-1' });
    // The problem names the request, for the user to quote.
    expect([invalid.status, invalid.body.requestId]).toEqual([400, 'walk-invalid-1']);
    const missing = await call('GET', `/api/v1/people/${randomUUID()}`, { token: worker });
    expect(missing.body.requestId).toBe(missing.requestId);
    expect((await call('GET', `/api/v1/no-such-route/${FAMILY_NAME}`, { token: worker })).status).toBe(404);
    expect([200, 404]).toContain((await call('GET', `/cases/${caseId}?q=${GIVEN_NAME}`)).status); // the UI's page (404 without a built UI)
    // An X-Request-Id that is no id, or digits alone (an identity number, say), is replaced by one of ours.
    const odd = await call('GET', '/api/health/live', { requestId: 'not an id!' });
    const digits = await call('GET', '/api/health/live', { requestId: IDENTITY_NUMBER });
    for (const res of [odd, digits]) expect(res.requestId).toMatch(/^[0-9a-f-]{36}$/);

    // The same person through the browser: the case list searched by name and by identity number, the case
    // page, and the referral form's person search (each a request the log sees, with the name in a query).
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await signIn(page, api.url, 'worker', PASSWORD);
      await page.goto(`${api.url}/cases`);
      await page.locator('#case-search').fill(IDENTITY_NUMBER);
      await page.waitForLoadState('networkidle');
      await page.locator('#case-search').fill(FAMILY_NAME);
      await page
        .getByRole('link', { name: new RegExp(FAMILY_NAME) })
        .first()
        .click();
      await page.getByRole('heading', { name: `${GIVEN_NAME} ${FAMILY_NAME}`, level: 1 }).waitFor();
      await page.goto(`${api.url}/cases/new`);
      await page.getByRole('searchbox').first().fill(IDENTITY_NUMBER);
      await page.getByRole('searchbox').first().press('Enter');
      await page
        .getByRole('cell', { name: new RegExp(FAMILY_NAME) })
        .first()
        .waitFor();
    } finally {
      await browser.close();
    }

    // Stopped, so every line is written.
    await api.stop('SIGTERM');
    const output = api.output();
    const lines = logLines(output); // throws on a line that is not JSON
    for (const line of lines) expect(line).toEqual(expect.objectContaining({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) }));
    const requests = lines.filter((line) => line.context === 'Request');
    // The browser's requests are logged too, each with an id of its own.
    expect(requests.filter((line) => !answered.some((a) => a.got === line.requestId)).length).toBeGreaterThan(5);
    for (const { sent, got, status } of answered) {
      if (sent && !['not an id!', IDENTITY_NUMBER].includes(sent)) expect(got).toBe(sent);
      expect(requests.filter((line) => line.requestId === got)).toEqual([
        expect.objectContaining({ status, method: expect.any(String), durationMs: expect.any(Number) }),
      ]);
    }
    // Routes by their patterns: no ids, no query strings.
    expect(requests.map((line) => line.route)).toEqual(expect.arrayContaining(['/api/v1/people/:personId', '/api/v1/cases', '(unmatched)', '(ui)']));
    for (const line of requests) expect(line.route).not.toMatch(/[0-9a-f]{8}-|\?/);

    const all = output.join('\n');
    for (const secret of [GIVEN_NAME, FAMILY_NAME, IDENTITY_NUMBER, setupToken, admin, worker, PASSWORD, ADMIN.password]) {
      expect(all).not.toContain(secret);
    }
    // The log says where the setup token was, without it.
    expect(lines.some((line) => line.level === 'warn' && String(line.msg).includes(tokenFile))).toBe(true);
  }, 240_000);
});

async function eventually<T>(check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
