import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requestFrom } from '../support/http-from';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

/** The budget one address may spend across usernames (LOGIN_THROTTLE_POLICY.addressBudget). */
const BUDGET = 20;
const login = (t: TestApp, from: string, username: string, password: string, headers: Record<string, string> = {}) =>
  requestFrom(t.url, from, 'POST', '/api/v1/auth/login', { body: { username, password }, headers });

describe('login throttle over HTTP: per address and per (address, username), never locking the real user out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.adminToken();
  });
  afterAll(() => t.close());

  it('slows 60 usernames tried at once from one client, with Retry-After and a rule the UI translates; the header X-Forwarded-For does not help', async () => {
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => login(t, '127.0.0.11', `guess${i}`, 'not the password')));
    expect(answers.filter((a) => a.status === 401)).toHaveLength(BUDGET);
    const slowed = answers.filter((a) => a.status === 429);
    expect(slowed).toHaveLength(60 - BUDGET);
    for (const a of slowed) {
      expect(a.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(a.body).toMatchObject({ status: 429, rule: 'auth.too_many_from_address', type: 'urn:problem:rule:auth.too_many_from_address' });
      expect(a.headers['retry-after']).toMatch(/^[1-9]\d*$/);
      expect(a.body.details.retryAfterSeconds).toBe(Number(a.headers['retry-after']));
    }
    // Without TRUST_PROXY the socket's address counts, whatever the client claims to be.
    const spoofed = await login(t, '127.0.0.11', 'guess61', 'not the password', { 'x-forwarded-for': '198.51.100.23' });
    expect(spoofed.status).toBe(429);
    // The real administrator, elsewhere, is not affected.
    expect((await login(t, '127.0.0.12', ADMIN.username, ADMIN.password)).status).toBe(200);
  });

  it('backs off guesses at one account from one address, while its owner logs in from another address with the right password', async () => {
    // At once, so that no wait of the backoff (1 s, 2 s, …) can pass between them on a slow machine.
    const attacker = await Promise.all(Array.from({ length: 8 }, (_, i) => login(t, '127.0.0.13', ADMIN.username, `wrong guess ${i}`)));
    expect(attacker.map((a) => a.status).sort()).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
    const refused = attacker.find((a) => a.status === 429)!;
    expect(refused.body.rule).toBe('auth.too_many_attempts');
    expect(refused.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    // Even the right password waits out the backoff from the attacker's address…
    expect((await login(t, '127.0.0.13', ADMIN.username, ADMIN.password)).status).toBe(429);
    // …but not from the owner's.
    expect((await login(t, '127.0.0.14', ADMIN.username, ADMIN.password)).status).toBe(200);
  });

  it('spends the same per-address budget on /setup, so the setup token cannot be guessed at speed either', async () => {
    const answers = [];
    for (let i = 0; i < BUDGET + 3; i++) {
      answers.push(
        await requestFrom(t.url, '127.0.0.15', 'POST', '/api/v1/setup', {
          body: { setupToken: `guess-${i}`.padEnd(32, 'x'), username: 'intruder', displayName: 'Intruder', password: 'a very long password' },
        }),
      );
    }
    expect(answers.slice(0, BUDGET).map((a) => a.status)).toEqual(Array(BUDGET).fill(403));
    expect(answers.slice(BUDGET).map((a) => a.status)).toEqual([429, 429, 429]);
    expect(answers[BUDGET].body.rule).toBe('auth.too_many_from_address');
    expect(answers[BUDGET].headers['retry-after']).toMatch(/^[1-9]\d*$/);
    // The login budget of that address is the one /setup spent.
    expect((await login(t, '127.0.0.15', 'guess', 'not the password')).status).toBe(429);
  });
});

describe('login throttle on SQLite in DATA_DIR', () => {
  it('survives a restart of the app', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rop-throttle-restart-'));
    try {
      const first = await startTestApp({}, [], { dataDir });
      // At once: the budget refills one every 30 s, which a slow machine must not reach.
      const spent = await Promise.all(Array.from({ length: BUDGET }, (_, i) => login(first, '127.0.0.16', `guess${i}`, 'not the password')));
      expect(spent.map((a) => a.status)).toEqual(Array(BUDGET).fill(401));
      await first.close();
      const second = await startTestApp({}, [], { dataDir });
      try {
        expect((await login(second, '127.0.0.16', 'one.more', 'not the password')).status).toBe(429);
        expect((await login(second, '127.0.0.17', 'one.more', 'not the password')).status).toBe(401);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('login behind a trusted proxy (TRUST_PROXY)', () => {
  let t: TestApp;
  let addresses = 0;
  /** Each call from its own client address, as the proxy reports it, so the throttle stays out of the way. */
  const viaProxy = (username: string, password: string) => login(t, '127.0.0.1', username, password, { 'x-forwarded-for': `198.51.100.${++addresses}` });
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
    await t.adminToken();
  });
  afterAll(() => t.close());

  it('counts the client address the proxy reports in X-Forwarded-For', async () => {
    await Promise.all(Array.from({ length: BUDGET }, (_, i) => login(t, '127.0.0.1', `guess${i}`, 'x', { 'x-forwarded-for': '203.0.113.50' })));
    expect((await login(t, '127.0.0.1', 'guess', 'x', { 'x-forwarded-for': '203.0.113.50' })).status).toBe(429);
    expect((await login(t, '127.0.0.1', 'guess', 'x', { 'x-forwarded-for': '203.0.113.51' })).status).toBe(401);
  });

  it('takes as long to refuse an unknown or a disabled username as a known one with a wrong password', async () => {
    const admin = await t.adminToken();
    const users: Record<string, string> = {};
    for (const username of ['kari.known', 'ola.disabled']) {
      const created = await t.request('POST', '/api/v1/users', {
        token: admin,
        body: { username, displayName: username, password: 'a long enough password', grants: [] },
      });
      expect(created.status).toBe(201);
      users[username] = created.body.id;
    }
    expect((await t.request('POST', `/api/v1/users/${users['ola.disabled']}/disable`, { token: admin, body: {} })).status).toBe(200);

    const timed = async (username: string, password: string) => {
      const started = process.hrtime.bigint();
      const res = await viaProxy(username, password);
      expect([username, res.status]).toEqual([username, 401]);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const times: Record<'known' | 'unknown' | 'disabled', number[]> = { known: [], unknown: [], disabled: [] };
    // Interleaved, so a busy moment on the machine hits all three alike. Five each: fewer than would
    // have locked the username before, so that this compares times, not lockouts.
    for (let i = 0; i < 5; i++) {
      times.known.push(await timed('kari.known', `wrong password ${i}`));
      times.unknown.push(await timed(`nobody.${i}`, `wrong password ${i}`));
      times.disabled.push(await timed('ola.disabled', 'a long enough password'));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const ratio = (a: number[], b: number[]) => Math.round((median(a) / median(b)) * 100) / 100;
    // Before: unknown names answered in 7 ms, known ones in 172 ms (a ratio of 0.04). One scrypt each now.
    for (const other of [times.unknown, times.disabled]) {
      expect(ratio(other, times.known)).toBeGreaterThan(0.5);
      expect(ratio(other, times.known)).toBeLessThan(2);
    }
  });
});
