import { Page } from 'playwright-core';
import { TestApp } from '../support/test-app';
import { screenshot, seriousA11yViolations } from './support/browser';
import { browserSuite, UiServer } from './support/browser-suite';
import { watchCspViolations } from './support/csp';
import { PASSWORD } from './support/seed-stays';
import { login as signIn } from './support/session';
import { appRoutes, passwordOf, RouteWorld, routeShotName, seedRouteWorld, settled, USERNAMES, VISITS, Who, WHO } from './support/route-visits';

/**
 * Every route of the admin UI opened as a role that may use it, with seeded data on it, and checked with
 * axe in bokmål and in English: no serious or critical violation anywhere, and not one violation of the
 * Content-Security-Policy the API serves the UI with. The list of visits must match App.tsx, so a new
 * route without a visit here fails.
 */
describe('every route, axe in both languages, under the CSP (browser)', () => {
  let t: TestApp;
  let world: RouteWorld;
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
      world = await seedRouteWorld(t);
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

  const login = (who: Who) => signIn(page, ui.url, USERNAMES[who], passwordOf(who));

  const shotName = (path: string) => `kbd-route-${routeShotName(path)}`;

  const checkRoute = async (path: string) => {
    const visit = VISITS[path];
    await page.goto(`${ui.url}${visit.url(world)}`);
    if (visit.landsOn) await page.waitForURL((u) => u.pathname === visit.landsOn);
    for (const [i, lang] of (['nb', 'en'] as const).entries()) {
      if (lang === 'en') await page.getByLabel('Språk').selectOption('en');
      await settled(page, visit.heading === 'any' ? null : visit.heading[i]);
      // A page that failed to load would pass axe too: an error alert means the visit proved nothing.
      expect([path, lang, await page.getByRole('alert').allInnerTexts()]).toEqual([path, lang, []]);
      await screenshot(page, `${shotName(path)}-${lang}`, { fullPage: false });
      expect([path, lang, 'CSP', csp.take()]).toEqual([path, lang, 'CSP', []]);
      expect([path, lang, await seriousA11yViolations(page)]).toEqual([path, lang, []]);
    }
    await page.getByLabel('Language').selectOption('nb');
  };

  for (const who of WHO) {
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
