import { Page } from 'playwright-core';
import { TestApp } from '../support/test-app';
import { screenshot } from './support/browser';
import { browserSuite, UiServer } from './support/browser-suite';
import { focusShown, named, press, tabTo, walkWholePage } from './support/keyboard';
import { PASSWORD, seedStays, SeededWorld } from './support/seed-stays';
import { seedWaiting } from './support/seed-waiting';
import { addDays } from '@app/domain';
import { calendarDateIn, DEFAULT_TIME_ZONE } from '../../apps/api/src/platform/clock';

// The case worker of the home facility (seedStays' grants).
const WORKER = 'sa.saksbehandler';

/** Local YYYY-MM-DD, as the UI computes "today" in the same time zone. */
/** The municipality's day (Oslo), plus `offsetDays`: what the app and its forms call today. */
function localDate(offsetDays = 0): string {
  return addDays(calendarDateIn(new Date(), DEFAULT_TIME_ZONE), offsetDays);
}

/**
 * The admin UI by keyboard alone, in Chromium against the real API: no clicks, only Tab, Shift+Tab, Enter,
 * Space, arrows, Escape and typing (page.goto stands for the address bar). After every step something has
 * focus and shows it; on every page visited, Tab reaches every control and then leaves the page.
 */
describe('keyboard only (browser)', () => {
  let t: TestApp;
  let world: SeededWorld;
  let waiting: { caseId: string };
  let ui: UiServer;
  let page: Page;

  browserSuite({
    started: async (app) => {
      t = app;
      world = await seedStays(t, [
        {
          givenName: 'Per',
          familyName: 'Hansen',
          birthDate: '1980-02-01',
          gender: 'male',
          moveInOn: '2026-03-10',
          incidents: [{ on: '2026-03-20', kind: 'house_rule_breach' }],
          moveOut: { on: '2026-05-15', destination: 'private_rental' },
        },
      ]);
      waiting = await seedWaiting(t, world, { givenName: 'Ola', familyName: 'Venter' }, localDate(-2));
    },
    opened: (server) => {
      ui = server;
    },
    page: (p) => {
      page = p;
    },
  });

  const loginByKeyboard = async (username: string) => {
    await page.goto(ui.url);
    await page.getByRole('heading', { name: 'Logg inn' }).waitFor();
    await tabTo(page, (f) => f.tag === 'input' && f.name === '', { what: 'username' });
    expect(await page.evaluate('document.activeElement.id')).toBe('username');
    await page.keyboard.type(username);
    await press(page, 'Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Logg ut' }).waitFor();
  };

  /**
   * After a route change focus is on the new page's heading (or, while it loads, on main): a screen
   * reader announces the page and the next Tab starts in its content.
   */
  const landed = async (step: string, heading?: string) => {
    if (heading) await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    // The heading takes focus once it shows; give the page that moment. A locator, not waitForFunction:
    // that evaluates its predicate with eval, which the UI's CSP refuses.
    await page
      .locator('h1:focus')
      .waitFor({ timeout: 5000 })
      .catch(() => undefined);
    const f = await focusShown(page, step);
    expect([step, f.tag]).toEqual([step, 'h1']);
    if (heading) expect(f.name).toBe(heading);
  };

  /** Each menu item, reached by Shift+Tab from the page and opened with Enter; then the whole page by Tab. */
  const everyNavItem = async (who: string, items: { label: string; path: string }[]) => {
    for (const { label, path } of items) {
      await tabTo(page, named(label, 'a'), { back: true, what: `menu item ${label}` });
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.pathname === path);
      await landed(`${who}: ${label}`);
      await screenshot(page, `kbd-${who}-${path.slice(1).replace(/\//g, '-')}`, { fullPage: false });
      await walkWholePage(page, `${who} ${path}`);
      // Back where a person would be after reading the page: its heading.
      await page.evaluate("document.querySelector('h1').focus()");
    }
  };

  it('a case worker: skip link, every menu item, a command by keyboard, and the language', async () => {
    await loginByKeyboard(WORKER);
    await landed('after login', 'Saker');

    // A fresh page: the first Tab is the skip link, Enter on it puts the next Tab in the content, not the menu.
    await page.reload();
    await page.getByRole('heading', { name: 'Saker', level: 1 }).waitFor();
    const skip = await press(page, 'Tab', 'first Tab');
    expect(skip.name).toBe('Hopp til innhold');
    await page.keyboard.press('Enter');
    const first = await press(page, 'Tab', 'Tab after the skip link');
    expect(await page.evaluate("!!document.activeElement.closest('main') && document.activeElement.id")).toBe('case-search');
    expect(first.tag).toBe('input');

    await everyNavItem('worker', [
      { label: 'Saker', path: '/cases' },
      { label: 'Ny henvisning', path: '/cases/new' },
      { label: 'Beleggsoversikt', path: '/occupancy' },
      { label: 'Venteliste', path: '/waiting-list' },
    ]);

    // From the waiting list to the case, and a command there: change the priority from 2 to 1.
    await tabTo(page, named('Ola Venter', 'a'), { what: 'the waiting case' });
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === `/cases/${waiting.caseId}`);
    await landed('case page', 'Ola Venter');
    await walkWholePage(page, 'case page');
    await page.evaluate("document.querySelector('h1').focus()");
    // The next step (an offer) is the one filled button; the priority is among the other actions behind it.
    await tabTo(page, named('Flere handlinger', 'button'), { what: 'Flere handlinger' });
    await page.keyboard.press('Enter');
    expect(await page.getByRole('button', { name: 'Flere handlinger' }).getAttribute('aria-expanded')).toBe('true');
    await tabTo(page, named('Endre prioritet', 'button'), { what: 'Endre prioritet', max: 10 });
    await page.keyboard.press('Enter');
    // The form's heading takes focus, so the next Tab is its first field.
    const formHeading = await focusShown(page, 'command form opened');
    expect([formHeading.tag, formHeading.name]).toEqual(['h3', 'Endre prioritet']);
    // The date of the change comes first (today already); then the priority.
    await tabTo(page, (f) => f.detail.startsWith('#cmd-ChangeWaitingListPriority-priority '), { what: 'priority field', max: 5 });
    // A select: typing picks the option by its first letters; Enter does not submit from a select, the button does.
    await page.keyboard.type('1');
    expect(await page.evaluate('document.activeElement.value')).toBe('1');
    await screenshot(page, 'kbd-command-form', { fullPage: false });
    await tabTo(page, named('Lagre', 'button'), { what: 'Lagre', max: 3 });
    await page.keyboard.press('Enter');
    await page
      .getByTestId('fact-waitingList')
      .getByText(/^Prioritet 1,/)
      .waitFor();
    // The form is gone; focus went back to the command that opened it, not to the document.
    const after = await focusShown(page, 'after the command');
    expect([after.tag, after.name]).toEqual(['button', 'Endre prioritet']);
    await screenshot(page, 'kbd-command-done', { fullPage: false });

    // The language, by arrow keys on the select; focus stays on it.
    await tabTo(page, named('Språk', 'select'), { back: true, what: 'language' });
    await page.keyboard.press('ArrowDown');
    await page.getByRole('heading', { name: 'Ola Venter', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Actions', level: 2 }).waitFor();
    expect((await focusShown(page, 'language changed')).name).toBe('Language');
    await screenshot(page, 'kbd-case-en', { fullPage: false });
    await page.keyboard.press('ArrowUp');
    await page.getByRole('heading', { name: 'Handlinger', level: 2 }).waitFor();
  }, 180_000);

  it('a supervisor reaches and uses every menu item by keyboard', async () => {
    await loginByKeyboard(world.users.supervisor);
    await landed('after login', 'Oversikt for ledere');
    await everyNavItem('supervisor', [
      { label: 'Saker', path: '/cases' },
      { label: 'Beleggsoversikt', path: '/occupancy' },
      { label: 'Venteliste', path: '/waiting-list' },
      { label: 'Oversikt for ledere', path: '/dashboard' },
      { label: 'Utfallsrapport', path: '/reports/outcomes' },
    ]);
  }, 180_000);

  it('an auditor reaches every menu item and steps through a replay by keyboard', async () => {
    await loginByKeyboard(world.users.auditor);
    await landed('after login', 'Revisjonslogg');
    await everyNavItem('auditor', [
      { label: 'Revisjonslogg', path: '/audit' },
      { label: 'Gjennomspilling av sak', path: '/audit/replay' },
      { label: 'Kontroll av hash-kjede', path: '/audit/verify' },
      { label: 'Tilgangslogg per person', path: '/audit/access-log' },
      { label: 'Flaggede oppslag', path: '/audit/access-log/flagged' },
    ]);

    await tabTo(page, named('Gjennomspilling av sak', 'a'), { back: true, what: 'replay' });
    await page.keyboard.press('Enter');
    await landed('replay', 'Gjennomspilling av sak');
    // The case is found by its person's name: type it, search, then follow the match's link.
    await tabTo(page, (f) => f.tag === 'input', { what: 'case search' });
    await page.keyboard.type('Venter');
    await page.keyboard.press('Enter');
    await tabTo(page, named('Spill av: Ola Venter', 'a'), { what: 'the case found' });
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === `/audit/replay/${waiting.caseId}`);
    const status = page.getByRole('status').filter({ hasText: /^Steg \d+ av \d+$/ });
    await status.getByText(/^Steg 1 av /).waitFor();
    // The case has at least four events (referral, assessment, decision, waiting list) whatever ran before.
    const total = Number((await status.innerText()).split(' av ')[1]);
    expect(total).toBeGreaterThanOrEqual(4);
    // A step of the stepper by Tab and Enter, then the next-step button by Space.
    // A step button's name: its number, the event's revision and its name ("3 #2 Vedtak fattet").
    await tabTo(page, (f) => f.tag === 'button' && f.name.startsWith('3 #2'), { what: 'the third step' });
    await page.keyboard.press('Enter');
    await status.getByText(`Steg 3 av ${total}`).waitFor();
    await tabTo(page, named('Neste steg', 'button'), { what: 'next step' });
    await page.keyboard.press('Space');
    await status.getByText(`Steg 4 av ${total}`).waitFor();
    // On to the last step: the button says it can go no further but keeps focus (a disabled one would drop it).
    for (let n = 5; n <= total; n++) {
      await page.keyboard.press('Space');
      await status.getByText(`Steg ${n} av ${total}`).waitFor();
    }
    await page.keyboard.press('Enter');
    await status.getByText(`Steg ${total} av ${total}`).waitFor();
    expect((await focusShown(page, 'at the last step')).name).toBe('Neste steg');
    expect(await page.evaluate("document.activeElement.getAttribute('aria-disabled')")).toBe('true');
    await screenshot(page, 'kbd-replay', { fullPage: false });
    await walkWholePage(page, 'replay with steps');
  }, 180_000);

  it('the purpose prompt: Escape closes it, a purpose typed and Enter reads the file, focus lands in the page', async () => {
    const per = world.people[0];
    await loginByKeyboard(world.users.outsider);
    await landed('after login', 'Saker');
    // The file of another facility, as from a link: the prompt asks, with focus in its field.
    await page.goto(`${ui.url}/cases/${per.caseId}`);
    const dialog = page.getByRole('dialog', { name: 'Oppgi formål' });
    await dialog.waitFor();
    await page.locator('#access-purpose:focus').waitFor();
    // Focus stays in the dialog while it is open (it is modal); Escape is the way out.
    for (let i = 0; i < 6; i++) {
      await press(page, 'Tab', `Tab ${i} in the dialog`);
      expect(await page.evaluate("!!document.activeElement.closest('[role=dialog]')")).toBe(true);
    }
    await screenshot(page, 'kbd-purpose-prompt', { fullPage: false });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    const closed = await focusShown(page, 'after Escape');
    expect(['h1', 'main']).toContain(closed.tag);

    await page.reload();
    await dialog.waitFor();
    await page.locator('#access-purpose:focus').waitFor();
    await page.keyboard.type('Nattevakt: beboeren trengte hjelp');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await landed('after the purpose', 'Per Hansen');
    await walkWholePage(page, 'case page read on purpose');
  }, 180_000);
});
