import { Page } from 'playwright-core';
import { readSetupToken } from '../support/spawn-api';
import { TestApp } from '../support/test-app';
import { browserSuite, UiServer } from './support/browser-suite';
import { expectAccessible, logout } from './support/session';

const ADMIN_PASSWORD = 'riktig hest batteri stift';
const PASSWORD = 'et langt nok passord';
const NEW_PASSWORD = 'et helt nytt passord';

/** The one-time token the server wrote at its first start, read where an operator reads it: DATA_DIR/setup-token. */
async function setupToken(t: TestApp): Promise<string> {
  let token = readSetupToken(t.dataDir);
  for (let i = 0; i < 100 && !token; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    token = readSetupToken(t.dataDir);
  }
  if (!token) throw new Error(`no setup token in ${t.dataDir}/setup-token`);
  return token;
}

/**
 * Issue 15 item 2 in Chromium: from a fresh server and its setup token, an administrator sets the
 * installation up in the browser, registers a facility with two units (one taken out of service),
 * creates a user of every role, has a second administrator approve a grant that needs four eyes,
 * disables one user (whose login is then refused) and resets another's password (who then logs in
 * with it). Every page passes axe in bokmål.
 */
describe('the administrator’s UI from a fresh installation (browser)', () => {
  let t: TestApp;
  let ui: UiServer;
  let page: Page;

  browserSuite({
    started: (app) => {
      t = app;
    },
    opened: (server) => {
      ui = server;
    },
    page: (p) => {
      page = p;
      page.setDefaultTimeout(15_000);
    },
  });

  const accessible = (name: string) => expectAccessible(page, `admin-${name}`);
  const heading = (name: string) => page.getByRole('heading', { name, level: 1 }).waitFor();
  const notified = (text: string) => page.getByText(text, { exact: true }).first().waitFor();

  const login = async (username: string, password: string) => {
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(password);
    await page.getByRole('button', { name: 'Logg inn' }).click();
  };

  const openUser = async (displayName: string) => {
    await page.getByRole('navigation').getByRole('link', { name: 'Brukere' }).click();
    await heading('Brukere');
    await page.getByRole('link', { name: displayName }).click();
    await heading(displayName);
  };

  it('sets up, keeps facilities and units, and creates, approves, disables and resets users', async () => {
    // First run: the setup page, since no administrator exists.
    await page.goto(ui.url);
    await page.getByRole('heading', { name: 'Første oppstart: opprett administrator' }).waitFor();
    await accessible('setup');
    await page.locator('#setup-setupToken').fill(await setupToken(t));
    await page.locator('#setup-username').fill('admin');
    await page.locator('#setup-displayName').fill('Anne Admin');
    await page.locator('#setup-password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Opprett administrator' }).click();
    await page.getByRole('status').filter({ hasText: 'Administratoren er opprettet.' }).waitFor();
    await login('admin', ADMIN_PASSWORD);
    // The administrator's home is the users page, with the administrator's navigation.
    await heading('Brukere');
    expect(new URL(page.url()).pathname).toBe('/admin/users');
    expect(await page.getByRole('navigation').getByRole('link').allInnerTexts()).toEqual(['Brukere', 'Boliger']);
    await accessible('users-empty');

    // A facility with two units; one goes out of service.
    await page.getByRole('navigation').getByRole('link', { name: 'Boliger' }).click();
    await heading('Boliger');
    await page.getByText('Ingen botiltak er registrert ennå.').waitFor();
    await page.getByRole('button', { name: 'Nytt botiltak' }).click();
    await page.locator('#new-facility-name').fill('Bolig Nord');
    await page.locator('#new-facility-kind').selectOption('staffed_24_7');
    await page.locator('#new-facility-municipality').fill('Bodø');
    await page.getByRole('checkbox', { name: 'Krever ROP-lidelse (rus og psykisk lidelse)' }).check();
    await page.locator('#new-facility-unitAttributes-ground_floor').check();
    await accessible('facility-new');
    await page.getByRole('button', { name: 'Registrer botiltak' }).click();
    await heading('Bolig Nord');
    const facilityId = new URL(page.url()).pathname.split('/').pop()!;
    for (const label of ['H101', 'H102']) {
      await page.locator('#new-unit-label').fill(label);
      await page.locator('#new-unit-kind').selectOption('permanent');
      await page.locator('#new-unit-attributes-ground_floor').check();
      await page.locator('#new-unit-cluster').fill('1. etasje');
      await page.getByRole('button', { name: 'Legg til boenhet' }).click();
      await page.getByTestId(`unit-${label}`).waitFor();
      // Saved: the form is empty again for the next unit.
      expect(await page.locator('#new-unit-label').inputValue()).toBe('');
    }
    expect(await page.getByTestId('unit-H101').locator('td').allInnerTexts()).toEqual([
      'H101',
      'Permanent',
      '1',
      'Bakkeplan',
      '1. etasje',
      'I drift',
      'Endre H101',
    ]);
    await page.getByRole('button', { name: 'Endre H102' }).click();
    await page.locator('#out-of-service-reason').fill('Vannskade på badet');
    await page.getByRole('button', { name: 'Ta ut av drift' }).click();
    await page
      .getByTestId('unit-H102')
      .getByText(/^Ute av drift fra \d{2}\.\d{2}\.\d{4}$/)
      .waitFor();
    await accessible('facility');

    // A user of every role; the facility-scoped ones in Bolig Nord.
    const people = [
      { username: 'kari.saksbehandler', displayName: 'Kari Saksbehandler', role: 'case_worker' },
      { username: 'tom.teamleder', displayName: 'Tom Teamleder', role: 'team_lead' },
      { username: 'fia.fagleder', displayName: 'Fia Fagleder', role: 'supervisor' },
      { username: 'rita.revisor', displayName: 'Rita Revisor', role: 'auditor' },
      { username: 'adam.admin', displayName: 'Adam Admin', role: 'admin' },
    ];
    for (const p of people) {
      await page.getByRole('navigation').getByRole('link', { name: 'Brukere' }).click();
      await heading('Brukere');
      await page.getByRole('button', { name: 'Ny bruker' }).click();
      await page.locator('#new-user-username').fill(p.username);
      await page.locator('#new-user-displayName').fill(p.displayName);
      await page.locator('#new-user-password').fill(PASSWORD);
      await page.locator('#new-user-grants-0-role').selectOption(p.role);
      if (['case_worker', 'team_lead', 'supervisor'].includes(p.role)) await page.locator(`#new-user-grants-0-facilityIds-${facilityId}`).check();
      if (p.role === 'case_worker') await accessible('user-new');
      await page.getByRole('button', { name: 'Opprett bruker' }).click();
      await heading(p.displayName);
    }
    await page.getByRole('navigation').getByRole('link', { name: 'Brukere' }).click();
    await page.getByTestId('user-kari.saksbehandler').getByText('Saksbehandler (Bolig Nord)').waitFor();
    expect(await page.getByTestId('user-rita.revisor').locator('td').allTextContents()).toEqual(['Rita Revisor', 'rita.revisor', 'Revisor', 'Aktiv']);
    // The search finds by name and narrows by role.
    await page.locator('#users-q').fill('fagleder');
    await page.getByRole('status').filter({ hasText: 'Treff: 1' }).waitFor();
    await page.locator('#users-q').fill('');
    await page.locator('#users-role').selectOption('admin');
    await page.getByRole('status').filter({ hasText: 'Treff: 2' }).waitFor();
    expect(await page.locator('tbody tr[data-testid^="user-"]').count()).toBe(2);
    await accessible('users');
    await page.locator('#users-role').selectOption('');
    await page.getByRole('status').filter({ hasText: 'Treff: 6' }).waitFor();

    // Four eyes: the administrator role for a case worker waits for a second administrator.
    await openUser('Kari Saksbehandler');
    await page.locator('#grant-role').selectOption('admin');
    await page.getByRole('button', { name: 'Gi rolle' }).click();
    await notified('En annen administrator må godkjenne rollen før den gjelder (administrator sammen med en rolle som leser saksmapper).');
    await page.getByText('Du ba om denne. En annen administrator må godkjenne.').waitFor();
    await accessible('user');

    // Disable Rita; reset Tom's password.
    await openUser('Rita Revisor');
    await page.getByRole('button', { name: 'Deaktiver brukeren' }).click();
    await page.getByText('Deaktivert', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Aktiver brukeren' }).waitFor();
    await openUser('Tom Teamleder');
    await page.locator('#password-password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sett nytt passord' }).click();
    await notified('Passordet er endret');
    expect(await page.locator('#password-password').inputValue()).toBe('');
    await logout(page);

    // The second administrator approves the grant.
    await login('adam.admin', PASSWORD);
    await page.getByRole('navigation').getByRole('link', { name: 'Brukere' }).click();
    await heading('Brukere');
    await page.getByRole('button', { name: 'Godkjenn Administrator for Kari Saksbehandler' }).click();
    await notified('Rollen er godkjent og gitt');
    await page.getByTestId('user-kari.saksbehandler').getByText('Administrator, Saksbehandler (Bolig Nord)').waitFor();
    await page.getByText('Ingen forespørsler venter.').waitFor();
    await logout(page);

    // Rita's login is refused; Tom's old password is refused and the new one works.
    await login('rita.revisor', PASSWORD);
    await page.getByRole('alert').filter({ hasText: 'Feil brukernavn eller passord' }).waitFor();
    await login('tom.teamleder', PASSWORD);
    await page.getByRole('alert').filter({ hasText: 'Feil brukernavn eller passord' }).waitFor();
    await login('tom.teamleder', NEW_PASSWORD);
    await page.getByRole('button', { name: 'Logg ut' }).waitFor();
    // A team lead has no administrator's navigation.
    await page.getByRole('navigation').getByRole('link', { name: 'Saker' }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Brukere' }).count()).toBe(0);
  }, 300_000);
});
