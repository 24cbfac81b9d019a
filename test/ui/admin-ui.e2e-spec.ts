import { Page } from 'playwright-core';
import { TestApp } from '../support/test-app';
import { screenshot, seriousA11yViolations } from './support/browser';
import { browserSuite, UiServer } from './support/browser-suite';
import { showAllActions } from './support/case-actions';

const PASSWORD = 'a long enough password';
const FACILITY = {
  name: 'Bolig Nu',
  kind: 'temporary_housing',
  municipality: 'Bodø',
  targetGroup: { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true, requiresCoOccurringDisorder: false },
  maxStayDays: 90,
  exclusionReasons: ['extensive_substance_use', 'violence_or_threats', 'repeated_house_rule_breaches'],
};

/** The admin UI in Debian's Chromium against the real API, as a case worker, a supervisor and an auditor use it. */
describe('admin UI (browser)', () => {
  let t: TestApp;
  let ui: UiServer;
  let page: Page;

  const users = { worker: 'ui.saksbehandler', supervisor: 'ui.fagleder', auditor: 'ui.revisor' };

  browserSuite({
    started: async (app) => {
      t = app;
      const admin = await t.adminToken();
      const facility = await t.request('POST', '/api/v1/facilities', { token: admin, body: FACILITY });
      expect(facility.status).toBe(201);
      const facilityId = facility.body.id;
      for (const label of ['BN01', 'BN02']) {
        expect(
          (await t.request('POST', `/api/v1/facilities/${facilityId}/units`, { token: admin, body: { label, kind: 'temporary', capacity: 1 } })).status,
        ).toBe(201);
      }
      const grants = {
        worker: [{ role: 'case_worker', facilityIds: [facilityId] }],
        supervisor: [{ role: 'supervisor', facilityIds: [facilityId] }],
        auditor: [{ role: 'auditor' }],
      };
      for (const [key, username] of Object.entries(users)) {
        const res = await t.request('POST', '/api/v1/users', {
          token: admin,
          body: { username, displayName: username, password: PASSWORD, grants: grants[key as keyof typeof grants] },
        });
        expect(res.status).toBe(201);
      }
    },
    opened: (server) => {
      ui = server;
    },
    page: (p) => {
      page = p;
    },
  });

  const accessible = async (name: string) => {
    await screenshot(page, name);
    expect(await seriousA11yViolations(page)).toEqual([]);
  };

  const login = async (username: string) => {
    await page.goto(ui.url);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Logg inn' }).click();
  };

  it('a case worker logs in, registers a person and a referral, and sees the case page', async () => {
    await page.goto(ui.url);
    await page.getByRole('heading', { name: 'Logg inn' }).waitFor();
    await accessible('01-login');

    await login(users.worker);
    await page.getByRole('heading', { name: 'Saker', level: 1 }).waitFor();
    await accessible('02-cases');

    await page.getByRole('link', { name: 'Ny henvisning' }).click();
    await page.getByRole('heading', { name: 'Registrer person og henvisning' }).waitFor();
    await accessible('03-new-referral');

    // Step 1: the person, searched for first; not found, registered. A first submit with nothing filled
    // in shows the API's field messages inline.
    await page.locator('#referral-person-search').fill('Testesen');
    await page.getByRole('button', { name: 'Søk', exact: true }).click();
    await page.getByText('Fant ingen personer.').waitFor();
    await page.getByRole('button', { name: 'Finner ikke personen: registrer ny person' }).click();
    await page.getByRole('button', { name: 'Registrer person' }).click();
    await page.getByRole('alert').filter({ hasText: 'Skjemaet har feil' }).waitFor();
    await page.locator('#person-givenName').fill('Kari');
    await page.locator('#person-familyName').fill('Testesen');
    await page.locator('#person-birthDate').fill('1990-04-01');
    await page.locator('#person-gender').selectOption('female');
    await page.getByRole('button', { name: 'Registrer person' }).click();
    await page.getByTestId('referral-person').filter({ hasText: 'Henvisningen gjelder Kari Testesen' }).waitFor();

    // Step 2: the referral, for the person of step 1 (named, never an id field).
    expect(await page.locator('#referral-personId').count()).toBe(0);
    await page.locator('#referral-referralSource').selectOption('nav');
    await page.locator('#referral-referrer-name').fill('Siri Veileder');
    await page.locator('#referral-referrer-organisation').fill('NAV Bodø');
    await page.locator('#referral-facilityId').selectOption({ label: 'Bolig Nu (Bodø)' });
    await page.locator('#referral-screening-coOccurringDisorder').check();
    await page.locator('#referral-reason').fill('Bostedsløs etter at leiekontrakten gikk ut');
    await page.locator('#referral-consent-given').check();
    await page.locator('#referral-consent-scope').fill('NAV og boligtjenesten');
    await page.getByRole('button', { name: 'Registrer henvisning' }).click();

    // The case page: the person's name, the status, the timeline and only the allowed actions.
    await page.getByRole('heading', { name: 'Kari Testesen', level: 1 }).waitFor();
    await page.getByTestId('case-status').filter({ hasText: 'Henvist' }).waitFor();
    await page.getByText('Henvisning registrert fra NAV').waitFor();
    await showAllActions(page);
    await page.getByRole('button', { name: 'Trekk henvisning' }).waitFor();
    expect(await page.getByRole('button', { name: 'Innflytting' }).count()).toBe(0);
    await accessible('04-case');

    // A command from allowedCommands, as a form; the page shows its effect at once.
    await page.getByRole('button', { name: 'Registrer møte i vurderingsteamet' }).click();
    await page.locator('#cmd-RecordAssessmentMeeting-members').fill('Enhetsleder\nNAV Bodø');
    await page.locator('#cmd-RecordAssessmentMeeting-outcome').selectOption('accepted');
    await page.locator('#cmd-RecordAssessmentMeeting-notes').fill('Innenfor målgruppen');
    await accessible('05-command-form');
    await page.getByRole('button', { name: 'Lagre' }).click();
    await page.getByTestId('case-status').filter({ hasText: 'Tatt inn' }).waitFor();
    await page.getByText('Vurderingsteamet møttes').waitFor();

    // English: the same page, its headings in English.
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await page.getByText('Referral registered from NAV').waitFor();
    await accessible('06-case-en');

    await page.getByRole('link', { name: 'Occupancy board' }).click();
    await page.getByRole('heading', { name: 'Occupancy board', level: 1 }).waitFor();
    await page.getByText('BN01').waitFor();
    await accessible('07-occupancy');
  }, 120_000);

  it('a supervisor sees the dashboard', async () => {
    await login(users.supervisor);
    await page.getByRole('heading', { name: 'Oversikt for ledere', level: 1 }).waitFor();
    await page.getByText('Median ventetid (dager)').waitFor();
    await accessible('08-dashboard');
  }, 60_000);

  it('an auditor reads the audit log, replays a case and verifies the chains', async () => {
    await login(users.auditor);
    await page.getByRole('heading', { name: 'Revisjonslogg', level: 1 }).waitFor();
    await page.getByRole('cell', { name: 'Henvisning registrert', exact: true }).first().waitFor();
    await accessible('09-audit-log');

    await page
      .getByRole('link', { name: /^Sak id …/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Gjennomspilling av sak', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Henvisning registrert', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Neste steg' }).click();
    await page.getByRole('heading', { name: 'Møte i vurderingsteamet', level: 2 }).waitFor();
    await accessible('10-replay');

    await page.getByRole('link', { name: 'Kontroll av hash-kjede' }).click();
    await page.getByRole('button', { name: 'Kontroller' }).click();
    await page.getByText('Kjeden er hel').waitFor();
    await accessible('11-verify');
  }, 60_000);

  it('an expired session sends the user back to login with a message', async () => {
    await login(users.worker);
    await page.getByRole('heading', { name: 'Saker', level: 1 }).waitFor();
    // Stand-in for expiry: the stored token no longer verifies, so the next call answers 401.
    await page.evaluate("sessionStorage.setItem('rop.token', 'expired')");
    await page.reload();
    await page.getByText('Økten er utløpt. Logg inn på nytt.').waitFor();
  }, 60_000);
});
