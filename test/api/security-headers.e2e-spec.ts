import { createHash } from 'node:crypto';
import { ensureUiBuilt } from '../ui/support/ui-server';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'a long enough password';

/** A CSP header as directive → sources. */
function policy(header: string | null): Map<string, string[]> {
  expect(header).toEqual(expect.any(String));
  return new Map(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

/** What every answer carries, API and UI alike. */
function expectCommonHeaders(what: string, headers: Headers): void {
  expect([what, headers.get('x-content-type-options')]).toEqual([what, 'nosniff']);
  expect([what, headers.get('referrer-policy')]).toEqual([what, 'no-referrer']);
  expect([what, headers.get('x-frame-options')]).toEqual([what, 'DENY']);
  expect([what, policy(headers.get('content-security-policy')).get('frame-ancestors')]).toEqual([what, ["'none'"]]);
  // Plain HTTP: browsers ignore HSTS here, and a LAN install must not be told it is HTTPS-only.
  expect([what, headers.get('strict-transport-security')]).toEqual([what, null]);
}

describe('security headers (helmet) on the API, the UI and export.html', () => {
  let t: TestApp;
  let lead: string;
  let personId: string;

  beforeAll(async () => {
    ensureUiBuilt();
    t = await startTestApp();
    const admin = await t.adminToken();
    const facilityId = (
      await t.request('POST', '/api/v1/facilities', {
        token: admin,
        body: {
          name: 'Bolig Nu',
          kind: 'temporary_housing',
          municipality: 'Bodø',
          maxStayDays: 90,
          targetGroup: { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true, requiresCoOccurringDisorder: false },
          exclusionReasons: ['violence_or_threats'],
        },
      })
    ).body.id;
    await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'leder', displayName: 'Leder', password: PASSWORD, grants: [{ role: 'team_lead', facilityIds: [facilityId] }] },
    });
    lead = await t.login('leder', PASSWORD);
    personId = (
      await t.request('POST', '/api/v1/people', { token: lead, body: { givenName: 'Åse', familyName: 'Ødegård', birthDate: '1991-03-04', gender: 'female' } })
    ).body.id;
    const referral = await t.request('POST', '/api/v1/cases', {
      token: lead,
      body: {
        personId,
        facilityId,
        on: '2026-09-01',
        referralSource: 'nav',
        referrer: { name: 'NAV' },
        screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: false },
        reason: 'Uten bolig',
        consent: { given: true, scope: 'NAV', date: '2026-09-01' },
      },
    });
    expect(referral.status).toBe(201);
  }, 180_000);
  afterAll(() => t.close());

  it('the API: a policy that allows nothing to load or run, on answers and on errors', async () => {
    for (const [what, res] of [
      ['health', await t.request('GET', '/api/health')],
      ['a 401', await t.request('GET', '/api/v1/auth/me')],
      ['a 404', await t.request('GET', '/api/v1/no-such-thing')],
      ['JSON with data', await t.request('GET', `/api/v1/people/${personId}/export`, { token: lead })],
    ] as const) {
      expectCommonHeaders(what, res.headers);
      expect([what, policy(res.headers.get('content-security-policy')).get('default-src')]).toEqual([what, ["'none'"]]);
    }
  });

  it('the UI: scripts from itself only, inline styles only with the nonce of this page load, which index.html carries', async () => {
    const nonces = new Set<string>();
    for (const path of ['/', '/cases', '/audit/replay/123', '/index.html']) {
      const res = await t.request('GET', path);
      expect([path, res.status]).toEqual([path, 200]);
      expectCommonHeaders(path, res.headers);
      const csp = policy(res.headers.get('content-security-policy'));
      expect([path, csp.get('default-src'), csp.get('script-src'), csp.get('object-src'), csp.get('base-uri')]).toEqual([
        path,
        ["'self'"],
        ["'self'"],
        ["'none'"],
        ["'none'"],
      ]);
      expect(res.headers.get('content-security-policy')).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      const styleSrc = csp.get('style-src')!;
      expect(styleSrc).toHaveLength(2);
      expect(styleSrc[0]).toBe("'self'");
      const nonce = /^'nonce-([A-Za-z0-9+/]{22}==)'$/.exec(styleSrc[1])?.[1];
      expect(nonce).toEqual(expect.any(String));
      const html: string = res.body;
      expect(html).not.toContain('__CSP_NONCE__');
      expect(html).toContain(`<meta property="csp-nonce" nonce="${nonce}">`);
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
      nonces.add(nonce!);
    }
    // A fresh nonce for every page load.
    expect(nonces.size).toBe(4);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec((await t.request('GET', '/')).body)![1];
    const asset = await t.request('GET', script);
    expect(asset.status).toBe(200);
    expectCommonHeaders(script, asset.headers);
  });

  it('export.html: no script, nothing loaded, its one style pinned by hash, in the header and in the saved page', async () => {
    const res = await t.request('GET', `/api/v1/people/${personId}/export.html`, { token: lead });
    expect(res.status).toBe(200);
    expectCommonHeaders('export.html', res.headers);
    const csp = policy(res.headers.get('content-security-policy'));
    const html: string = res.body;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    const hash = `'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'`;
    expect(Object.fromEntries(csp)).toEqual({
      'default-src': ["'none'"],
      'style-src': [hash],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
    });
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script|\sstyle="/i);
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(Object.fromEntries(policy(meta!))).toEqual({ 'default-src': ["'none'"], 'style-src': [hash], 'base-uri': ["'none'"], 'form-action': ["'none'"] });
  });
});

describe('HSTS behind a TLS-terminating proxy', () => {
  const hsts = async (env: Record<string, string>, headers: Record<string, string>) => {
    const t = await startTestApp(env);
    try {
      const api = (await t.request('GET', '/api/health', { headers })).headers.get('strict-transport-security');
      const ui = (await t.request('GET', '/', { headers })).headers.get('strict-transport-security');
      expect(ui).toBe(api);
      return api;
    } finally {
      await t.close();
    }
  };

  it('is sent when a trusted proxy says the client came over HTTPS, and not when anyone else says so', async () => {
    expect(await hsts({ TRUST_PROXY: 'loopback' }, { 'x-forwarded-proto': 'https' })).toBe('max-age=31536000');
    expect(await hsts({ TRUST_PROXY: 'loopback' }, { 'x-forwarded-proto': 'http' })).toBeNull();
    expect(await hsts({}, { 'x-forwarded-proto': 'https' })).toBeNull();
  });

  it('follows HSTS_MAX_AGE_SECONDS, and 0 turns it off', async () => {
    expect(await hsts({ TRUST_PROXY: 'loopback', HSTS_MAX_AGE_SECONDS: '600' }, { 'x-forwarded-proto': 'https' })).toBe('max-age=600');
    expect(await hsts({ TRUST_PROXY: 'loopback', HSTS_MAX_AGE_SECONDS: '0' }, { 'x-forwarded-proto': 'https' })).toBeNull();
  });
});
