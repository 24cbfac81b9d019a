import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Page } from 'playwright-core';
import { addDays } from '@app/domain';
import { calendarDateIn } from '../../apps/api/src/platform/clock';
import { casePath } from '../../apps/api/src/features/cases/case-commands';
import { referralBody } from '../support/lifecycle';
import { TestApp } from '../support/test-app';
import { browserSuite, UiServer } from './support/browser-suite';
import { expectAccessible, login as signIn, logout as signOut } from './support/session';
import { PASSWORD, seedStays, SeededWorld } from './support/seed-stays';

const today = calendarDateIn(new Date(), 'Europe/Oslo');
const dotted = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/**
 * A day at the facility in Chromium, as issue 14 walks it: the night shift writes two notes and records
 * a contact; the morning shift opens the handover and finds them; the team lead opens the inbox, makes
 * the decision waiting there, downloads its letter (the PDF's text holds the legal basis, the grounds,
 * the appeal body and the deadline), and the item has left the inbox.
 */
describe('a day at the facility (browser walk)', () => {
  let t: TestApp;
  let world: SeededWorld;
  let ui: UiServer;
  let page: Page;

  browserSuite({
    started: async (app) => {
      t = app;
      world = await seedStays(t, [
        {
          givenName: 'Nora',
          familyName: 'Natt',
          birthDate: '1985-02-01',
          gender: 'female',
          moveInOn: addDays(today, -30),
          incidents: [],
          moveOut: { on: today, destination: 'municipal_housing' },
        },
      ]);
      const morning = await t.request('POST', '/api/v1/users', {
        token: world.tokens.admin,
        body: { username: 'sa.morgenvakt', displayName: 'Mona Morgen', password: PASSWORD, grants: [{ role: 'case_worker', facilityIds: [world.homeId] }] },
      });
      expect(morning.status).toBe(201);
      const person = await t.request('POST', '/api/v1/people', {
        token: world.tokens.worker,
        body: { givenName: 'Arne', familyName: 'Avventer', birthDate: '1975-06-01', gender: 'male' },
      });
      const referral = await t.request('POST', '/api/v1/cases', {
        token: world.tokens.worker,
        body: referralBody(person.body.id, world.homeId, addDays(today, -4)),
      });
      const met = await t.request('POST', casePath(referral.body.id, 'RecordAssessmentMeeting'), {
        token: world.tokens.lead,
        body: { on: addDays(today, -2), members: ['Teamleder'], outcome: 'accepted', notes: 'Innenfor målgruppen' },
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

  const accessible = (name: string) => expectAccessible(page, `day-walk-${name}`);
  const login = (username: string) => signIn(page, ui.url, username);
  const logout = () => signOut(page);
  const note = async (text: string) => {
    await page.getByRole('button', { name: 'Skriv notat' }).click();
    await page.locator('#note-category').selectOption('observation');
    await page.locator('#note-text').fill(text);
    await page.getByRole('button', { name: 'Lagre notatet' }).click();
    await page.locator('article[data-note]', { hasText: text }).waitFor();
  };

  it('night notes and a contact reach the morning handover; the team lead decides from the inbox and downloads the letter', async () => {
    // ── Night shift ────────────────────────────────────────────────────────────────────────────
    await login('sa.saksbehandler');
    await page.goto(`${ui.url}/cases/${world.people[0].caseId}`);
    await page.getByRole('heading', { name: 'Nora Natt', level: 1 }).waitFor();
    await note('Urolig natt, ringte på vaktrommet to ganger.');
    await note('Sov fra klokka fire; rolig resten av natta.');
    await page.getByRole('button', { name: 'Registrer kontakt' }).click();
    await page.locator('#contact-kind').selectOption('phone');
    await page.locator('#contact-parties-gp').check();
    await page.locator('#contact-durationMinutes').fill('15');
    await page.locator('#contact-outcome').fill('Fastlegen ringer tilbake i morgen.');
    await page.getByRole('button', { name: 'Lagre kontakten' }).click();
    await page.locator('article[data-contact]', { hasText: 'Fastlegen ringer tilbake' }).waitFor();
    await logout();

    // ── Morning shift: the handover of the facility since the night began ─────────────────────
    await login('sa.morgenvakt');
    await page.getByRole('link', { name: 'Vaktrapport' }).click();
    await page.getByRole('heading', { name: '2 notater' }).waitFor();
    await page.locator('article', { hasText: 'Urolig natt, ringte på vaktrommet to ganger.' }).waitFor();
    await page.locator('article', { hasText: 'Sov fra klokka fire' }).waitFor();
    await page.getByRole('heading', { name: '1 kontakt' }).waitFor();
    const contact = page.locator('article[data-contact]');
    await contact.filter({ hasText: 'Telefon' }).filter({ hasText: 'Fastlege' }).filter({ hasText: 'Nora Natt' }).waitFor();
    await accessible('handover');
    await logout();

    // ── Team lead: the inbox, the decision, its letter ─────────────────────────────────────────
    await login('sa.teamleder');
    await page.getByRole('link', { name: /^Arbeidsliste/ }).click();
    const waiting = page.getByTestId('queue-lead').getByRole('row').filter({ hasText: 'Arne Avventer' }).filter({ hasText: 'Vurdert, venter på vedtak' });
    await waiting.waitFor();
    await accessible('inbox');
    await waiting.getByRole('link', { name: 'Fatt vedtak: Arne Avventer' }).click();
    await page.getByRole('heading', { name: 'Fatt vedtak', level: 3 }).waitFor();
    const field = (name: string) => page.locator(`#cmd-IssueDecision-${name}`);
    await field('kind').selectOption('grant');
    await field('legalBasis').selectOption('hotl_3_2');
    await field('facts').fill('Bostedsløs etter utkastelse, ROP-lidelse');
    await field('mainConsiderations').fill('Trenger bolig med oppfølging hver dag');
    await field('decidedBy').fill('Tone Teamleder');
    await field('notifiedOn').fill(today);
    await page.getByRole('button', { name: 'Lagre' }).click();
    await page.getByRole('heading', { name: 'Fatt vedtak', level: 3 }).waitFor({ state: 'detached' });

    const decisions = page.getByRole('region', { name: 'Vedtak' });
    await decisions.getByText(`Innvilgelse · ${dotted(today)}`).waitFor();
    await accessible('decisions');
    const [download] = await Promise.all([page.waitForEvent('download'), decisions.getByRole('button', { name: 'Last ned vedtaksbrev (PDF)' }).click()]);
    expect(download.suggestedFilename()).toBe(`vedtak_${today}.pdf`);
    const pdf = readFileSync((await download.path())!);
    const text = execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString('utf8').replace(/\s+/g, ' ');
    expect(text).toContain('Vedtak om tildeling av bolig med oppfølging');
    expect(text).toContain('Til: Arne Avventer');
    expect(text).toContain('Vedtaket er gjort med hjemmel i helse- og omsorgstjenesteloven § 3-2.');
    expect(text).toContain('Bostedsløs etter utkastelse, ROP-lidelse');
    expect(text).toContain('Trenger bolig med oppfølging hver dag');
    expect(text).toContain('sender vi klagen til Statsforvalteren');
    // Health and care services: four weeks (pbrl § 7-5) from the day the person was told, moved past a day off.
    expect(text).toMatch(/Klagefristen er 4 uker fra du fikk vite om vedtaket\. Siste dag for å klage er \d{2}\.\d{2}\.\d{4}\./);

    await page.getByRole('link', { name: /^Arbeidsliste/ }).click();
    await page.getByRole('heading', { name: 'Arbeidsliste', level: 1 }).waitFor();
    await page.getByRole('heading', { name: /^Til oppfølging/ }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'Arne Avventer' }).filter({ hasText: 'Vurdert, venter på vedtak' }).count()).toBe(0);
  });
});
