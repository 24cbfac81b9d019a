import { Locator, Page, Request } from 'playwright-core';
import nb from '../../apps/admin-ui/src/i18n/nb.json';
import { casePath } from '../../apps/api/src/features/cases/case-commands';
import { browserSuite, UiServer } from './support/browser-suite';
import { Finding, foreignText, visibleTexts } from './support/foreign-text';
import { login } from './support/session';
import { PASSWORD } from './support/seed-stays';
import { appRoutes, passwordOf as sharedPasswordOf, RouteWorld, seedRouteWorld } from './support/route-visits';
import { ADMIN } from '../support/test-app';
import { showAllActions } from './support/case-actions';

type World = RouteWorld;
type Who = 'worker' | 'lead' | 'supervisor' | 'auditor' | 'admin';
const USERNAMES: Record<Who, string> = {
  worker: 'sa.saksbehandler',
  lead: 'sa.teamleder',
  supervisor: 'sa.fagleder',
  auditor: 'sa.revisor',
  admin: ADMIN.username,
};
const passwordOf = (who: Who) => (who === 'lead' ? PASSWORD : sharedPasswordOf(who));

/** Every route of App.tsx (as its `path` there, '' for the index) with who opens it and where. */
const ROUTES: Record<string, { as: Who; url(w: World): string }> = {
  '': { as: 'worker', url: () => '/' },
  login: { as: 'worker', url: () => '/login' },
  cases: { as: 'worker', url: () => '/cases' },
  'cases/new': { as: 'worker', url: () => '/cases/new' },
  'cases/:caseId': { as: 'worker', url: (w) => `/cases/${w.people[0].caseId}` },
  occupancy: { as: 'worker', url: () => '/occupancy' },
  'occupancy/:facilityId': { as: 'worker', url: (w) => `/occupancy/${w.homeId}` },
  'waiting-list': { as: 'worker', url: () => '/waiting-list' },
  'waiting-list/:facilityId': { as: 'worker', url: (w) => `/waiting-list/${w.homeId}` },
  handover: { as: 'worker', url: () => '/handover' },
  'handover/:facilityId': { as: 'worker', url: (w) => `/handover/${w.homeId}` },
  work: { as: 'lead', url: () => '/work' },
  caseload: { as: 'worker', url: () => '/caseload' },
  notes: { as: 'worker', url: () => '/notes' },
  dashboard: { as: 'supervisor', url: () => '/dashboard' },
  'reports/outcomes': { as: 'supervisor', url: (w) => `/reports/outcomes?facilityId=${w.homeId}&from=2026-03-01&to=2026-06-30` },
  audit: { as: 'auditor', url: () => '/audit' },
  'audit/replay': { as: 'auditor', url: () => '/audit/replay' },
  'audit/replay/:caseId': { as: 'auditor', url: (w) => `/audit/replay/${w.waitingCaseId}` },
  'audit/verify': { as: 'auditor', url: () => '/audit/verify' },
  'audit/access-log': { as: 'auditor', url: (w) => `/audit/access-log?personId=${w.people[0].personId}` },
  'audit/access-log/flagged': { as: 'auditor', url: () => '/audit/access-log/flagged' },
  'admin/users': { as: 'admin', url: () => '/admin/users' },
  'admin/users/:userId': { as: 'admin', url: (w) => `/admin/users/${w.auditorUserId}` },
  'admin/facilities': { as: 'admin', url: () => '/admin/facilities' },
  'admin/facilities/:facilityId': { as: 'admin', url: (w) => `/admin/facilities/${w.homeId}` },
  '*': { as: 'worker', url: () => '/no/such/page' },
};

const TOO_LONG = 'x'.repeat(2100);

/**
 * The bokmål UI shows no English and no code: every route opened by a role that may use it, every form
 * it can reach (each command the seeded cases allow, for the case worker and the team lead; the referral
 * and person forms; the purpose prompt; the audit filters; the login form) submitted empty and with bad
 * values, and every replay step. On each screen every visible text (and placeholder, aria-label, title)
 * is checked against the English catalogue, English sentence words and code-shaped words (camelCase,
 * PascalCase, snake_case, catalogue keys, UUIDs). All findings are collected and shown at once.
 */
describe('no English and no codes in the bokmål UI (browser)', () => {
  let world: World;
  let ui: UiServer;
  let page: Page;
  const findings: Finding[] = [];
  /** The submits the form's own checks refused (SchemaForm with forms/schema-checks.ts). */
  const refusedBeforeSending: string[] = [];

  browserSuite({
    started: async (app) => {
      world = await seedRouteWorld(app);
      const seeded = world;
      const waiting = { caseId: world.waitingCaseId };
      // An appeal of the grant, waiting for the unit's review: the dashboard names its stage.
      const kase = await app.request('GET', `/api/v1/cases/${waiting.caseId}`, { token: seeded.tokens.lead });
      const [decisionId] = Object.keys(kase.body.decisions as object);
      const appeal = await app.request('POST', casePath(waiting.caseId, 'ReceiveAppeal'), {
        token: seeded.tokens.lead,
        body: { on: '2026-05-02', decisionId, receivedOn: '2026-05-02' },
      });
      expect(appeal.status).toBe(201);
    },
    opened: (server) => {
      ui = server;
    },
    page: (p) => {
      page = p;
    },
  });

  const settle = async () => {
    await page.waitForLoadState('networkidle');
    await page
      .getByRole('status', { name: /Laster/ })
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
  };
  const check = async (where: string) => {
    await settle();
    findings.push(...foreignText(where, await visibleTexts(page)));
  };
  const report = () => findings.map((f) => `${f.where} | ${f.why} | ${f.text.slice(0, 160)}`);

  /** Every field of the form emptied, then submitted; then every field given a bad value, and submitted again. */
  const exercise = async (where: string, form: Locator) => {
    const inputs = form.locator('input:not([type=checkbox]):not([type=hidden]), textarea');
    const selects = form.locator('select');
    for (const input of await inputs.all()) await input.fill('');
    for (const select of await selects.all()) await select.selectOption('');
    await submitChecked(`${where} (empty)`, form);
    if ((await form.count()) === 0) return;
    for (const input of await inputs.all()) {
      const type = await input.getAttribute('type');
      const bad = type === 'date' ? '2099-12-31' : type === 'datetime-local' ? '2099-12-31T23:59' : type === 'number' ? '-99999' : TOO_LONG;
      await input.fill(bad);
    }
    await submitChecked(`${where} (bad values)`, form);
  };

  /** Submits the form and checks the screen; a form that refused its values itself must have sent nothing. */
  const submitChecked = async (where: string, form: Locator) => {
    const posts: string[] = [];
    const onRequest = (r: Request) => {
      if (r.method() !== 'GET') posts.push(new URL(r.url()).pathname);
    };
    page.on('request', onRequest);
    await form.locator('button[type=submit]').click();
    await check(where);
    page.off('request', onRequest);
    if ((await form.getByText(nb.check.summary, { exact: true }).count()) === 0) return;
    refusedBeforeSending.push(where);
    expect([where, posts]).toEqual([where, []]);
  };

  /** Each command the case offers this user, opened, exercised and closed. */
  const everyCommand = async (who: Who, caseId: string) => {
    await page.goto(`${ui.url}/cases/${caseId}`);
    await settle();
    await check(`${who} case ${caseId}`);
    await showAllActions(page);
    const commands: string[] = [];
    for (const button of await page.locator('section[aria-labelledby=actions-title] button[data-command]').all())
      commands.push((await button.getAttribute('data-command'))!);
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) {
      const button = page.locator(`section[aria-labelledby=actions-title] button[data-command="${command}"]`);
      if ((await button.count()) === 0) continue;
      if (!(await button.isVisible())) await showAllActions(page);
      await button.click();
      // An action that ends something asks first, in words of its own.
      const form = page.locator(`form[data-command="${command}"]`);
      const confirm = page.getByRole('dialog');
      await Promise.race([form.waitFor(), confirm.waitFor()]);
      if (await confirm.isVisible()) {
        await check(`${who} ${command} (asked first)`);
        await confirm.getByRole('button', { name: /^Ja, gå videre til/ }).click();
      }
      await form.waitFor();
      await exercise(`${who} ${command}`, form);
      const cancel = form.getByRole('button', { name: 'Avbryt', exact: true });
      if ((await form.count()) > 0) await cancel.click();
    }
  };

  it('the routes walked below are exactly those App.tsx declares', () => {
    expect([...appRoutes()].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it('the login form, empty and with a wrong password', async () => {
    await page.goto(ui.url);
    await page.locator('#username').waitFor();
    await check('login');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await check('login (empty)');
    await page.locator('#username').fill('ukjent.bruker');
    await page.locator('#password').fill('ikke passordet');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('alert').waitFor();
    await check('login (wrong password)');
  }, 60_000);

  for (const who of ['worker', 'lead', 'supervisor', 'auditor', 'admin'] as const) {
    it(`every ${who} route`, async () => {
      await login(page, ui.url, USERNAMES[who], passwordOf(who));
      for (const [path, route] of Object.entries(ROUTES)) {
        if (route.as !== who) continue;
        await page.goto(`${ui.url}${route.url(world)}`);
        await page.locator('h1').first().waitFor();
        if (path === 'dashboard') await page.locator('#dash-app').locator('..').getByRole('link', { name: 'Ola Venter' }).waitFor();
        await check(`${who} /${path}`);
      }
    }, 180_000);
  }

  it('every command form of the case worker, empty and with bad values', async () => {
    await login(page, ui.url, USERNAMES.worker);
    await everyCommand('worker', world.waitingCaseId);
    await everyCommand('worker', world.people[0].caseId);
  }, 300_000);

  it('every command form of the team lead, empty and with bad values', async () => {
    await login(page, ui.url, USERNAMES.lead);
    await everyCommand('lead', world.waitingCaseId);
  }, 300_000);

  it('the person and referral forms, empty and with bad values', async () => {
    await login(page, ui.url, USERNAMES.worker);
    await page.goto(`${ui.url}/cases/new`);
    await page.getByRole('button', { name: 'Finner ikke personen: registrer ny person' }).click();
    const person = page.locator('form').filter({ has: page.locator('#person-givenName') });
    await exercise('person form', person);
    for (const input of await person.locator('input:not([type=checkbox]), textarea').all()) await input.fill('');
    await page.locator('#person-givenName').fill('Rita');
    await page.locator('#person-familyName').fill('Språksjekk');
    await page.locator('#person-birthDate').fill('1988-08-08');
    await page.locator('#person-gender').selectOption('female');
    await page.getByRole('button', { name: 'Registrer person' }).click();
    await page.getByTestId('referral-person').waitFor();
    await exercise('referral form', page.locator('form').filter({ has: page.locator('[id^=referral-]') }));
  }, 120_000);

  it('every form of the administrator’s pages, empty and with bad values', async () => {
    await login(page, ui.url, USERNAMES.admin, ADMIN.password);
    for (const path of ['admin/users', 'admin/users/:userId', 'admin/facilities', 'admin/facilities/:facilityId']) {
      await page.goto(`${ui.url}${ROUTES[path].url(world)}`);
      await page.locator('h1').first().waitFor();
      await settle();
      // Forms with fields of their own (one-button commands such as "Deaktiver" are not forms to fill).
      const forms = page.locator('form').filter({ has: page.locator('input:not([type=checkbox]):not([type=hidden]), textarea, select') });
      const count = await forms.count();
      for (let i = 0; i < count; i++) await exercise(`admin /${path} form ${i + 1}`, forms.nth(i));
    }
  }, 240_000);

  it('the purpose prompt of a read outside one’s facilities, empty', async () => {
    await login(page, ui.url, world.users.outsider);
    await page.goto(`${ui.url}/cases/${world.people[0].caseId}`);
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await check('purpose prompt');
    await dialog.getByRole('button', { name: 'Les mappen' }).click();
    await check('purpose prompt (empty)');
  }, 60_000);

  it('the audit filters with bad values, and every replay step', async () => {
    await login(page, ui.url, USERNAMES.auditor);
    await page.goto(`${ui.url}/audit`);
    await page.locator('#audit-from').fill('2026-06-30');
    await page.locator('#audit-to').fill('2026-01-01');
    await page.locator('#audit-correlationId').fill(TOO_LONG);
    await page.locator('form[aria-label] button[type=submit]').click();
    await check('audit filters (bad values)');
    await page.goto(`${ui.url}/audit/replay/${world.waitingCaseId}`);
    const next = page.getByRole('button', { name: 'Neste steg', exact: true });
    await next.waitFor();
    for (let i = 0; i < 30 && (await next.getAttribute('aria-disabled')) !== 'true'; i++) {
      await check(`replay step ${i + 1}`);
      await next.click();
    }
    await check('replay last step');
  }, 120_000);

  // Last (the tests of a file run in order): every finding above at once, so one run lists all that is left.
  it('nothing any screen above showed is English or code', () => {
    expect(report()).toEqual([]);
    // The forms checked their values before sending, most of them (a form whose every field is optional may send).
    expect(refusedBeforeSending.length).toBeGreaterThan(10);
  });
});
