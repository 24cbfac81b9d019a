import { Page } from 'playwright-core';
import { addDays } from '@app/domain';
import { calendarDateIn } from '../../apps/api/src/platform/clock';
import { casePath } from '../../apps/api/src/features/cases/case-commands';
import { referralBody } from '../support/lifecycle';
import { TestApp } from '../support/test-app';
import { browserSuite, UiServer } from './support/browser-suite';
import { openAction } from './support/case-actions';
import { expectAccessible, login as signIn, logout, inEnglish as withEnglish } from './support/session';
import { seedStays, SeededWorld } from './support/seed-stays';

const today = calendarDateIn(new Date(), 'Europe/Oslo');
const dotted = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/**
 * The work queue and the caseload in Chromium against the real API: the team lead finds the assessed
 * referral in the inbox (its count in the navigation), opens the decision form from it, issues the
 * decision and sees the item leave; a case worker's caseload shows whom a contact person follows.
 * Every page without a serious or critical accessibility violation, in bokmål and English.
 */
describe('work queue and caseload (browser)', () => {
  let t: TestApp;
  let world: SeededWorld;
  let ui: UiServer;
  let page: Page;
  let waitingCase: string;

  browserSuite({
    started: async (app) => {
      t = app;
      world = await seedStays(t, [
        {
          givenName: 'Frida',
          familyName: 'Fulgt',
          birthDate: '1979-03-01',
          gender: 'female',
          moveInOn: addDays(today, -40),
          incidents: [],
          moveOut: { on: addDays(today, -20), destination: 'municipal_housing' },
        },
      ]);
      const person = await t.request('POST', '/api/v1/people', {
        token: world.tokens.worker,
        body: { givenName: 'Kåre', familyName: 'Venter', birthDate: '1980-01-01', gender: 'male' },
      });
      const referral = await t.request('POST', '/api/v1/cases', {
        token: world.tokens.worker,
        body: referralBody(person.body.id, world.homeId, addDays(today, -3)),
      });
      waitingCase = referral.body.id;
      const met = await t.request('POST', casePath(waitingCase, 'RecordAssessmentMeeting'), {
        token: world.tokens.lead,
        body: { on: addDays(today, -1), members: ['Teamleder'], outcome: 'accepted', notes: 'Innenfor målgruppen' },
      });
      expect(met.status).toBe(201);
    },
    opened: (server) => {
      ui = server;
    },
    page: (p) => {
      page = p;
      page.setDefaultTimeout(10_000);
    },
  });

  const accessible = (name: string) => expectAccessible(page, `work-queue-${name}`);
  const login = (username: string) => signIn(page, ui.url, username);
  const inEnglish = (check: () => Promise<void>) => withEnglish(page, check);

  it('takes the team lead from the inbox to the decision form and back, the item and its count gone', async () => {
    await login('sa.teamleder');
    const count = page.getByTestId('work-queue-count');
    await count.waitFor();
    const before = Number(await count.innerText());
    expect(before).toBeGreaterThan(0);
    await page.getByRole('link', { name: /^Arbeidsliste/ }).click();
    await page.getByRole('heading', { name: 'Arbeidsliste', level: 1 }).waitFor();
    const row = page.getByTestId('queue-lead').getByRole('row').filter({ hasText: 'Kåre Venter' }).filter({ hasText: 'Vurdert, venter på vedtak' });
    await row.waitFor();
    await accessible('inbox');
    await inEnglish(async () => {
      await page.getByTestId('queue-lead').getByRole('row').filter({ hasText: 'Assessed, waiting for a decision' }).waitFor();
      await accessible('inbox-en');
    });

    await row.getByRole('link', { name: 'Fatt vedtak: Kåre Venter' }).click();
    await page.getByRole('heading', { name: 'Kåre Venter', level: 1 }).waitFor();
    // The form of the command that clears the item is already open.
    await page.getByRole('heading', { name: 'Fatt vedtak', level: 3 }).waitFor();
    const field = (name: string) => page.locator(`#cmd-IssueDecision-${name}`);
    await field('kind').selectOption('grant');
    await field('legalBasis').selectOption('hotl_3_2');
    await field('facts').fill('Bostedsløs, ROP-lidelse');
    await field('mainConsiderations').fill('Trenger bolig med daglig oppfølging');
    await field('decidedBy').fill('Per Teamleder');
    await field('notifiedOn').fill(today);
    await page.getByRole('button', { name: 'Lagre' }).click();
    await page.getByRole('heading', { name: 'Fatt vedtak', level: 3 }).waitFor({ state: 'detached' });

    await page.getByRole('link', { name: /^Arbeidsliste/ }).click();
    await page.getByRole('heading', { name: 'Arbeidsliste', level: 1 }).waitFor();
    await page.getByTestId('queue-lead').or(page.getByText('Ingenting venter.').first()).first().waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'Kåre Venter' }).filter({ hasText: 'Vurdert, venter på vedtak' }).count()).toBe(0);
    await count.filter({ hasText: new RegExp(`^${before - 1}$`) }).waitFor();
  });

  it('shows a case worker the caseload of a contact person and the followed case without contact in the queue', async () => {
    const started = await t.request('POST', casePath(world.people[0].caseId, 'StartFollowUp'), {
      token: world.tokens.worker,
      body: {
        on: addDays(today, -20),
        contactModes: ['phone'],
        actionPlan: [{ goal: 'Beholde leiligheten', measure: 'Ringe hver uke', responsible: 'Ola Miljøterapeut' }],
        healthCareFollowUp: { offered: true, accepted: true },
        brochureHandedOver: true,
        exitConversationHeld: true,
      },
    });
    expect(started.status).toBe(201);
    await login('sa.saksbehandler');
    await page.getByRole('link', { name: /^Arbeidsliste/ }).click();
    await page.getByTestId('queue-worker').getByRole('row').filter({ hasText: 'Frida Fulgt' }).filter({ hasText: 'Ingen kontakt på lenge' }).waitFor();
    // A case worker makes no decisions: no inbox of the team lead's.
    expect(await page.getByTestId('queue-lead').count()).toBe(0);
    await accessible('worker');

    await page.getByRole('link', { name: 'Oppfølgingsliste' }).click();
    await page.getByRole('heading', { name: 'Oppfølgingsliste', level: 1 }).waitFor();
    const frida = page.getByTestId('caseload').getByRole('row').filter({ hasText: 'Frida Fulgt' });
    await frida.filter({ hasText: 'Ingen kontakt registrert' }).filter({ hasText: 'Flyttet ut' }).waitFor();
    // The first contact person is chosen once the list has loaded (the table shows their caseload).
    expect(await page.locator('#caseload-person').inputValue()).toBe('Ola Miljøterapeut');
    await accessible('caseload');
    await inEnglish(async () => {
      await page.getByTestId('caseload').getByText('No contact recorded').waitFor();
      await accessible('caseload-en');
    });
  });

  it('shows the consent on the case and, once withdrawn, in red there and in the queue; an auditor reaches the replay from the case', async () => {
    await login('sa.saksbehandler');
    await page.goto(`${ui.url}/cases/${waitingCase}`);
    await page.getByRole('heading', { name: 'Kåre Venter', level: 1 }).waitFor();
    const consent = page.getByTestId('fact-consent');
    await consent.filter({ hasText: `Gyldig fra ${dotted(addDays(today, -3))}, til det trekkes` }).waitFor();
    await openAction(page, 'Samtykket trukket', { confirm: true });
    await page.locator('#cmd-WithdrawConsent-note').fill('Vil ikke at NAV får vite mer');
    await accessible('withdraw-consent-form');
    await page.getByRole('button', { name: 'Lagre' }).click();
    await consent.filter({ hasText: `Trukket ${dotted(today)}` }).waitFor();
    await accessible('consent-withdrawn');
    await page.getByRole('link', { name: /^Arbeidsliste/ }).click();
    await page.getByTestId('queue-worker').getByRole('row').filter({ hasText: 'Kåre Venter' }).filter({ hasText: 'Samtykket er trukket' }).waitFor();

    await logout(page);
    await login('sa.revisor');
    await page.goto(`${ui.url}/cases/${waitingCase}`);
    // The auditor, unlike the case worker, reads the stream's revision among the facts.
    await page.getByTestId('fact-revision').filter({ hasText: /^\d+$/ }).waitFor();
    await page.getByRole('link', { name: 'Spill av saken' }).click();
    await page.getByRole('heading', { name: 'Gjennomspilling av sak', level: 1 }).waitFor();
    // Two sign-ins, a confirmed action and three axe runs: more than the default 30 s on a busy machine.
  }, 120_000);
});
