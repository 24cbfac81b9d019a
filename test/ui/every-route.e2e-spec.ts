import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { ADMIN, TestApp } from '../support/test-app';
import { screenshot, seriousA11yViolations } from './support/browser';
import { browserSuite, UiServer } from './support/browser-suite';
import { watchCspViolations } from './support/csp';
import { PASSWORD, seedStays, SeededWorld } from './support/seed-stays';
import { seedWaiting } from './support/seed-waiting';
import { ROOT } from './support/ui-server';

type Who = 'worker' | 'supervisor' | 'auditor' | 'admin';
const USERNAMES: Record<Who, string> = { worker: 'sa.saksbehandler', supervisor: 'sa.fagleder', auditor: 'sa.revisor', admin: ADMIN.username };

interface Visit {
  as: Who;
  /** The address to open, with ids (and a period or person) that give the page something to show. */
  url(w: World): string;
  /** Where the browser must end up (redirects), when not the address opened. */
  landsOn?: string;
  /** The h1 in bokmål and English; checks the page rendered, not an error or the wrong page. */
  heading: [string, string] | 'any';
}

type World = SeededWorld & { waitingCaseId: string; auditorUserId: string };

/** Every route of apps/admin-ui/src/App.tsx, as its `path` there ('' for the index route). */
const VISITS: Record<string, Visit> = {
  '': { as: 'worker', url: () => '/', landsOn: '/cases', heading: ['Saker', 'Cases'] },
  login: { as: 'worker', url: () => '/login', landsOn: '/cases', heading: ['Saker', 'Cases'] },
  cases: { as: 'worker', url: () => '/cases', heading: ['Saker', 'Cases'] },
  'cases/new': { as: 'worker', url: () => '/cases/new', heading: 'any' },
  'cases/:caseId': { as: 'worker', url: (w) => `/cases/${w.people[0].caseId}`, heading: ['Per Hansen', 'Per Hansen'] },
  occupancy: { as: 'worker', url: () => '/occupancy', heading: 'any' },
  'occupancy/:facilityId': { as: 'worker', url: (w) => `/occupancy/${w.homeId}`, heading: 'any' },
  'waiting-list': { as: 'worker', url: () => '/waiting-list', heading: ['Venteliste', 'Waiting list'] },
  'waiting-list/:facilityId': { as: 'worker', url: (w) => `/waiting-list/${w.homeId}`, heading: ['Venteliste', 'Waiting list'] },
  handover: { as: 'worker', url: () => '/handover', heading: 'any' },
  'handover/:facilityId': { as: 'worker', url: (w) => `/handover/${w.homeId}`, heading: 'any' },
  work: { as: 'worker', url: () => '/work', heading: ['Arbeidsliste', 'Work queue'] },
  caseload: { as: 'worker', url: () => '/caseload', heading: ['Oppfølgingsliste', 'Caseload'] },
  notes: { as: 'worker', url: () => '/notes', heading: ['Søk i journalnotater', 'Search journal notes'] },
  dashboard: { as: 'supervisor', url: () => '/dashboard', heading: ['Oversikt for ledere', 'Supervisor dashboard'] },
  'reports/outcomes': {
    as: 'supervisor',
    url: (w) => `/reports/outcomes?facilityId=${w.homeId}&from=2026-03-01&to=2026-06-30`,
    heading: ['Utfallsrapport', 'Outcome report'],
  },
  audit: { as: 'auditor', url: () => '/audit', heading: ['Revisjonslogg', 'Audit log'] },
  'audit/replay': { as: 'auditor', url: () => '/audit/replay', heading: ['Gjennomspilling av sak', 'Case replay'] },
  'audit/replay/:caseId': { as: 'auditor', url: (w) => `/audit/replay/${w.waitingCaseId}`, heading: ['Gjennomspilling av sak', 'Case replay'] },
  'audit/verify': { as: 'auditor', url: () => '/audit/verify', heading: 'any' },
  'audit/access-log': {
    as: 'auditor',
    url: (w) => `/audit/access-log?personId=${w.people[0].personId}`,
    heading: ['Tilgangslogg per person', 'Access log per person'],
  },
  'audit/access-log/flagged': { as: 'auditor', url: () => '/audit/access-log/flagged', heading: ['Flaggede oppslag', 'Flagged reads'] },
  'admin/users': { as: 'admin', url: () => '/admin/users', heading: ['Brukere', 'Users'] },
  'admin/users/:userId': { as: 'admin', url: (w) => `/admin/users/${w.auditorUserId}`, heading: ['sa.revisor', 'sa.revisor'] },
  'admin/facilities': { as: 'admin', url: () => '/admin/facilities', heading: ['Boliger', 'Facilities'] },
  'admin/facilities/:facilityId': { as: 'admin', url: (w) => `/admin/facilities/${w.homeId}`, heading: ['Bolig Nu', 'Bolig Nu'] },
  '*': { as: 'worker', url: () => '/no/such/page', heading: ['Fant ikke siden', 'Page not found'] },
};

/** The route paths App.tsx declares: `<Route index` as '', `<Route path="x"` as x. */
function appRoutes(): string[] {
  const source = readFileSync(join(ROOT, 'apps/admin-ui/src/App.tsx'), 'utf8');
  return [...source.matchAll(/<Route\s+(?:index\b|path="([^"]*)")/g)].map((m) => m[1] ?? '');
}

/**
 * Every route of the admin UI opened as a role that may use it, with seeded data on it, and checked with
 * axe in bokmål and in English: no serious or critical violation anywhere, and not one violation of the
 * Content-Security-Policy the API serves the UI with. The list of visits must match App.tsx, so a new
 * route without a visit here fails.
 */
describe('every route, axe in both languages, under the CSP (browser)', () => {
  let t: TestApp;
  let world: World;
  let ui: UiServer;
  let page: Page;
  let csp: Awaited<ReturnType<typeof watchCspViolations>>;

  it('the visits below cover exactly the routes App.tsx declares', () => {
    const routes = appRoutes();
    expect(routes.length).toBeGreaterThan(10);
    expect([...routes].sort()).toEqual(Object.keys(VISITS).sort());
  });

  browserSuite({
    started: async (app) => {
      t = app;
      const seeded = await seedStays(t, [
        {
          givenName: 'Per',
          familyName: 'Hansen',
          birthDate: '1980-02-01',
          gender: 'male',
          moveInOn: '2026-03-10',
          incidents: [{ on: '2026-04-05', kind: 'threat_or_violence' }],
          exclusion: { on: '2026-04-10', reason: 'violence_or_threats' },
          moveOut: { on: '2026-04-20', destination: 'shelter_or_guesthouse' },
        },
      ]);
      const waiting = await seedWaiting(t, seeded, { givenName: 'Ola', familyName: 'Venter' }, '2026-05-01');
      const auditor = await t.request('GET', `/api/v1/users?q=${seeded.users.auditor}`, { token: seeded.tokens.admin });
      world = { ...seeded, waitingCaseId: waiting.caseId, auditorUserId: auditor.body.items[0].userId };
      // A flagged read, so the flagged list and the person's access log have rows.
      const outsider = await t.login(seeded.users.outsider, PASSWORD);
      const read = await t.request('GET', `/api/v1/cases/${seeded.people[0].caseId}`, {
        token: outsider,
        headers: { 'x-access-purpose': 'Nattevakt: trengte hjelp' },
      });
      expect(read.status).toBe(200);
    },
    opened: (server) => {
      ui = server;
    },
    page: async (p, c) => {
      page = p;
      csp = await watchCspViolations(c);
      csp.watch(p);
    },
  });

  const login = async (who: Who) => {
    await page.goto(ui.url);
    await page.locator('#username').fill(USERNAMES[who]);
    await page.locator('#password').fill(who === 'admin' ? ADMIN.password : PASSWORD);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('button', { name: 'Logg ut' }).waitFor();
  };

  const shotName = (path: string) => `kbd-route-${path === '' ? 'index' : path === '*' ? 'not-found' : path.replace(/[/:]+/g, '-')}`;

  /** The page has settled: its h1 shows, nothing loads, no request is out. */
  const settled = async (heading: string | null) => {
    if (heading) await page.getByRole('heading', { name: heading, level: 1, exact: true }).waitFor();
    else await page.locator('h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page
      .getByRole('status', { name: /Laster|Loading/ })
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
  };

  const checkRoute = async (path: string) => {
    const visit = VISITS[path];
    await page.goto(`${ui.url}${visit.url(world)}`);
    if (visit.landsOn) await page.waitForURL((u) => u.pathname === visit.landsOn);
    for (const [i, lang] of (['nb', 'en'] as const).entries()) {
      if (lang === 'en') await page.getByLabel('Språk').selectOption('en');
      await settled(visit.heading === 'any' ? null : visit.heading[i]);
      // A page that failed to load would pass axe too: an error alert means the visit proved nothing.
      expect([path, lang, await page.getByRole('alert').allInnerTexts()]).toEqual([path, lang, []]);
      await screenshot(page, `${shotName(path)}-${lang}`, { fullPage: false });
      expect([path, lang, 'CSP', csp.take()]).toEqual([path, lang, 'CSP', []]);
      expect([path, lang, await seriousA11yViolations(page)]).toEqual([path, lang, []]);
    }
    await page.getByLabel('Language').selectOption('nb');
  };

  for (const who of ['worker', 'supervisor', 'auditor', 'admin'] as const) {
    it(`every ${who} route passes axe in bokmål and English`, async () => {
      await login(who);
      for (const [path, visit] of Object.entries(VISITS)) if (visit.as === who) await checkRoute(path);
    }, 240_000);
  }

  it('the login page passes axe in bokmål and English', async () => {
    await page.goto(ui.url);
    for (const lang of ['nb', 'en'] as const) {
      if (lang === 'en') await page.getByLabel('Språk').selectOption('en');
      await page.getByRole('heading', { name: lang === 'nb' ? 'Logg inn' : 'Log in' }).waitFor();
      await screenshot(page, `kbd-route-login-page-${lang}`, { fullPage: false });
      expect([lang, 'CSP', csp.take()]).toEqual([lang, 'CSP', []]);
      expect([lang, await seriousA11yViolations(page)]).toEqual([lang, []]);
    }
    // The policy is in force, and the watch sees what it refuses: an inline script and a style without the nonce.
    await page.evaluate(`(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.head.appendChild(script);
      const style = document.createElement('style');
      style.textContent = 'body { background: red }';
      document.head.appendChild(style);
    })()`);
    const refused: string[] = [];
    const directives = () =>
      refused
        .filter((v) => !v.startsWith('console:'))
        .map((v) => v.split(' ')[0])
        .sort();
    for (let i = 0; i < 50 && directives().length < 2; i++) {
      await page.waitForTimeout(100);
      refused.push(...csp.take());
    }
    expect(directives()).toEqual(['script-src-elem', 'style-src-elem']);
    expect(await page.evaluate('window.injected === true')).toBe(false);
  }, 60_000);

  it('the login page says in bokmål, with the wait, when the throttle refuses a login', async () => {
    await page.goto(ui.url);
    const attempt = async () => {
      await page.locator('#username').fill('ukjent.bruker');
      await page.locator('#password').fill('ikke passordet');
      const [res] = await Promise.all([page.waitForResponse('**/api/v1/auth/login'), page.getByRole('button', { name: 'Logg inn' }).click()]);
      return res.status();
    };
    // Three free failures for one (address, username)…
    for (let i = 0; i < 3; i++) {
      expect(await attempt()).toBe(401);
      await page
        .getByRole('alert')
        .filter({ hasText: /^Feil brukernavn eller passord$/ })
        .waitFor();
    }
    // …then the backoff (auth.too_many_attempts): 1 s, 2 s, 4 s. On a busy machine a try may come after
    // its wait has passed, so try until one is refused.
    let status = 0;
    for (let i = 0; i < 6 && status !== 429; i++) status = await attempt();
    expect(status).toBe(429);
    await page
      .getByRole('alert')
      .filter({ hasText: /^For mange mislykkede innlogginger for dette brukernavnet\. Prøv igjen om \d+ s\.$/ })
      .waitFor();
    expect(csp.take()).toEqual([]);
  }, 60_000);

  it('export.html (a page of personal data, opened with a token) renders its own style under its own CSP', async () => {
    const token = await t.login(USERNAMES.worker, PASSWORD);
    await page.setExtraHTTPHeaders({ authorization: `Bearer ${token}` });
    const res = await page.goto(`${ui.url}/api/v1/people/${world.people[0].personId}/export.html`);
    expect(res?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Innsyn i egne opplysninger', level: 1 }).waitFor();
    // The hash-pinned <style> applied: the tables collapse their borders and the body has its margin.
    expect(await page.evaluate("getComputedStyle(document.querySelector('table')).borderCollapse")).toBe('collapse');
    expect(await page.evaluate('getComputedStyle(document.body).marginTop')).toBe('32px');
    expect(csp.take()).toEqual([]);
  }, 60_000);
});
