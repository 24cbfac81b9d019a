import { Page } from 'playwright-core';
import { addDays } from '@app/domain';
import { calendarDateIn } from '../../apps/api/src/platform/clock';
import { TestApp } from '../support/test-app';
import { screenshot, seriousA11yViolations } from './support/browser';
import { browserSuite, UiServer } from './support/browser-suite';
import { PASSWORD, seedStays, SeededWorld } from './support/seed-stays';

const today = calendarDateIn(new Date(), 'Europe/Oslo');

/**
 * The journal in Chromium against the real API: a case worker writes notes on a case (the form takes
 * the municipality's wall-clock time), corrects one (the first version stays readable), finds them in
 * the shift handover of the facility and by a word of their text; every page without a serious or
 * critical accessibility violation, in bokmål and English.
 */
describe('journal notes and the shift handover (browser)', () => {
  let t: TestApp;
  let world: SeededWorld;
  let ui: UiServer;
  let page: Page;

  browserSuite({
    started: async (app) => {
      t = app;
      world = await seedStays(t, [
        {
          givenName: 'Siri',
          familyName: 'Skift',
          birthDate: '1991-04-12',
          gender: 'female',
          moveInOn: addDays(today, -30),
          incidents: [{ on: addDays(today, 0), kind: 'house_rule_breach' }],
          moveOut: { on: today, destination: 'municipal_housing' },
        },
      ]);
    },
    opened: (server) => {
      ui = server;
    },
    page: (p) => {
      page = p;
      // A step that cannot happen says which locator it waited for, well inside the test's own timeout.
      page.setDefaultTimeout(10_000);
    },
  });

  const accessible = async (name: string) => {
    await screenshot(page, `journal-${name}`);
    expect(await seriousA11yViolations(page)).toEqual([]);
  };
  const login = async (username: string) => {
    await page.goto(ui.url);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('button', { name: 'Logg ut' }).waitFor();
  };
  const writeNote = async (category: string, text: string, hoursAgo?: number) => {
    await page.getByRole('button', { name: 'Skriv notat' }).click();
    if (hoursAgo !== undefined) {
      const at = new Date(Date.now() - hoursAgo * 3_600_000);
      const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', dateStyle: 'short', timeStyle: 'short' }).format(at).replace(' ', 'T');
      await page.locator('#note-about').fill(wall);
    }
    await page.locator('#note-category').selectOption(category);
    await page.locator('#note-text').fill(text);
    await page.getByRole('button', { name: 'Lagre notatet' }).click();
    // The saved note shows in the list, which was fetched again after the write.
    await page.locator('article[data-note]', { hasText: text }).waitFor();
  };

  it('writes two notes and corrects one on the case page; the first version stays readable', async () => {
    await login('sa.saksbehandler');
    await page.goto(`${ui.url}/cases/${world.people[0].caseId}`);
    await page.getByRole('heading', { name: 'Journalnotater' }).waitFor();
    await page.getByText('Ingen notater ennå.').waitFor();
    await writeNote('observation', 'Våken store deler av natten, rolig i fellesarealet.', 5);
    await writeNote('conversation', 'Snakket om avtalen med NAV i morgen.');
    const notes = page.locator('article[data-note]');
    // Newest first by the time they are about: the conversation (now) above the night's observation.
    await expect(notes.nth(0).getByTestId('note-text').textContent()).resolves.toBe('Snakket om avtalen med NAV i morgen.');
    await expect(notes.nth(1).getByTestId('note-text').textContent()).resolves.toBe('Våken store deler av natten, rolig i fellesarealet.');
    await accessible('case-nb');

    await notes.nth(1).getByRole('button', { name: 'Rett dette notatet' }).click();
    await page.locator('#note-correction-text').fill('Våken store deler av natten, urolig i fellesarealet ved 03-tiden.');
    await page.locator('#note-correction-reason').fill('Skrev feil om hvordan natten var');
    await page.getByRole('button', { name: 'Lagre notatet' }).click();
    const corrected = page.locator('article[data-note]', { hasText: 'urolig i fellesarealet' });
    await corrected.getByText('Rettet (versjon 2)').waitFor();
    await corrected.getByText('1 tidligere versjon').click();
    await corrected.getByText('Før rettingen: Våken store deler av natten, rolig i fellesarealet.').waitFor();
    await corrected.getByText('Begrunnelse: Skrev feil om hvordan natten var').waitFor();
    await accessible('case-corrected-nb');
  });

  it('records a contact of the follow-up on the case page; the contact log shows it with whom, how long and the next planned day', async () => {
    await login('sa.saksbehandler');
    await page.goto(`${ui.url}/cases/${world.people[0].caseId}`);
    await page.getByRole('heading', { name: 'Kontaktlogg' }).waitFor();
    await page.getByText('Ingen kontakter registrert ennå.').waitFor();
    await page.getByRole('button', { name: 'Registrer kontakt' }).click();
    await page.locator('#contact-kind').selectOption('home_visit');
    await page.locator('#contact-parties-nav').check();
    await page.locator('#contact-parties-landlord').check();
    await page.locator('#contact-durationMinutes').fill('40');
    await page.locator('#contact-outcome').fill('Gikk gjennom husleieavtalen sammen med utleier og NAV.');
    await page.locator('#contact-nextPlannedOn').fill(addDays(today, 7));
    await accessible('contact-form-nb');
    await page.getByRole('button', { name: 'Lagre kontakten' }).click();
    const card = page.locator('article[data-contact]', { hasText: 'husleieavtalen' });
    await card.waitFor();
    await card.getByText('Hjemmebesøk').waitFor();
    await card.getByText('Sammen med: NAV, Utleier').waitFor();
    await card.getByText('40 minutter').waitFor();
    const [y, m, d] = addDays(today, 7).split('-');
    await card.getByText(`Neste kontakt planlagt ${d}.${m}.${y}`).waitFor();
    await accessible('contacts-nb');
  });

  it('refuses a note about a time still to come, in words beside the field', async () => {
    await login('sa.saksbehandler');
    await page.goto(`${ui.url}/cases/${world.people[0].caseId}`);
    await page.getByRole('button', { name: 'Skriv notat' }).click();
    const tomorrow = `${addDays(today, 1)}T08:00`;
    await page.locator('#note-about').fill(tomorrow);
    await page.locator('#note-category').selectOption('other');
    await page.locator('#note-text').fill('Fram i tid');
    await page.getByRole('button', { name: 'Lagre notatet' }).click();
    await page.getByText('Et notat kan ikke gjelde et tidspunkt som ikke har kommet ennå.').first().waitFor();
    await accessible('refused-nb');
  });

  it('shows the facility’s notes and the incident in the shift handover, and finds a note by its words, in bokmål and English', async () => {
    await login('sa.saksbehandler');
    await page.getByRole('link', { name: 'Vaktrapport' }).click();
    await page.getByRole('heading', { name: 'Vaktrapport' }).waitFor();
    await page.locator('#handover-since').fill(`${addDays(today, -1)}T00:00`);
    const notes = page.locator('section[aria-labelledby="handover-notes"] article[data-note]');
    await notes.first().waitFor();
    expect(await notes.count()).toBe(2);
    await expect(notes.nth(1).getByTestId('note-text').textContent()).resolves.toContain('urolig i fellesarealet');
    await notes.first().getByRole('link', { name: 'Siri Skift' }).waitFor();
    await page.getByRole('heading', { name: '1 hendelse' }).waitFor();
    await accessible('handover-nb');

    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { name: 'Shift handover' }).waitFor();
    await page.getByRole('heading', { name: '2 notes' }).waitFor();
    await accessible('handover-en');

    await page.getByRole('link', { name: 'Search journal notes' }).click();
    await page.locator('#note-search-q').fill('NAV i morgen');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('1 note found').waitFor();
    await page.locator('article[data-note]').getByText('Snakket om avtalen med NAV i morgen.').waitFor();
    await accessible('search-en');
  });

  it('gives another facility’s case worker neither the handover nor the notes', async () => {
    await login('sa.nattevakt');
    await page.goto(`${ui.url}/handover/${world.homeId}`);
    await page.getByRole('alert').waitFor();
    await page.goto(`${ui.url}/notes`);
    await page.locator('#note-search-q').fill('natten');
    await page.getByRole('button', { name: 'Søk' }).click();
    await page.getByText('0 notater funnet').waitFor();
    await accessible('outsider-nb');
  });
});
