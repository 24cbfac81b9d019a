import { Page } from 'playwright-core';
import { TestApp } from '../support/test-app';
import { screenshot, seriousA11yViolations } from './support/browser';
import { browserSuite, UiServer } from './support/browser-suite';
import { appRoutes, passwordOf, RouteWorld, routeShotName, seedRouteWorld, settled, USERNAMES, VISITS, WHO } from './support/route-visits';
import { login } from './support/session';

interface Screen {
  name: 'phone' | 'tablet' | 'desktop';
  width: number;
  height: number;
  /** Whether the navigation is a panel behind a menu button here (below Mantine's `sm`, 48em). */
  menu: boolean;
}

/** A phone held upright (iPhone 12–15 class), a tablet held upright (iPad class), and the laptop the other tests use. */
const SCREENS: Screen[] = [
  { name: 'phone', width: 390, height: 844, menu: true },
  { name: 'tablet', width: 768, height: 1024, menu: false },
  { name: 'desktop', width: 1280, height: 800, menu: false },
];

/**
 * Staff in 24/7 housing walk the building with phones and tablets. At each screen size every route is
 * opened as a role that may use it: its heading is in view, nothing overflows sideways (the page's
 * `scrollWidth` is its width), axe finds no serious or critical violation, and where the navigation is a
 * menu it opens, shows its links over the page, and closes again (by its button, by Escape, by a choice).
 */
describe.each(SCREENS)('every route on a $name ($width×$height, browser)', (screen) => {
  let world: RouteWorld;
  let ui: UiServer;
  let page: Page;

  browserSuite({
    started: async (app: TestApp) => {
      world = await seedRouteWorld(app);
    },
    opened: (server) => {
      ui = server;
    },
    page: (p) => {
      page = p;
    },
    contextOptions: { viewport: { width: screen.width, height: screen.height }, isMobile: screen.name === 'phone', hasTouch: screen.name !== 'desktop' },
  });

  it('the visits cover exactly the routes App.tsx declares', () => {
    expect(Object.keys(VISITS).sort()).toEqual([...appRoutes()].sort());
  });

  const menuButton = () => page.getByRole('button', { name: /^(Åpne|Lukk) menyen$/ });
  // By id, not by role: closed, the panel is inert and so not in the accessibility tree at all.
  const nav = () => page.locator('#main-nav');

  /**
   * How far the page reaches past the viewport's right edge, in CSS pixels (0 when nothing overflows),
   * and when it does, the elements that stick out furthest (for the failure message).
   */
  const overflow = async () =>
    (await page.evaluate(`(() => {
      const root = document.documentElement;
      const over = root.scrollWidth - root.clientWidth;
      if (over <= 0) return 0;
      const culprits = [...document.querySelectorAll('body *')]
        .map((el) => ({ el, right: el.getBoundingClientRect().right }))
        .filter((c) => c.right > root.clientWidth + 1)
        .sort((a, b) => b.right - a.right)
        .slice(0, 4)
        .map((c) => c.el.tagName.toLowerCase() + (c.el.className && typeof c.el.className === 'string' ? '.' + c.el.className.split(' ')[0] : '') + ' ' + Math.round(c.right));
      return over + 'px: ' + culprits.join(', ');
    })()`)) as number | string;

  /** Whether an element's box lies within the viewport horizontally (an off-canvas panel does not). */
  const inView = async (locator: ReturnType<Page['locator']>) => {
    const box = await locator.boundingBox();
    return box !== null && box.width > 0 && box.x >= 0 && box.x + box.width <= screen.width + 1;
  };

  /** Whether `state` comes to hold within a few seconds (the menu panel slides with a short transition). */
  const eventually = async (state: () => Promise<boolean>) => {
    for (let i = 0; i < 60; i++) {
      if (await state()) return true;
      await page.waitForTimeout(50);
    }
    return false;
  };
  /** Whether an element lies wholly left of the viewport (an off-canvas panel, slid all the way out). */
  const offCanvas = async (locator: ReturnType<Page['locator']>) => {
    const box = await locator.boundingBox();
    return box === null || box.x + box.width <= 0;
  };
  /** The panel slid all the way out of view and went inert. */
  const menuClosed = () => eventually(async () => (await offCanvas(nav())) && (await nav().getAttribute('inert')) !== null);
  /** The panel slid fully into view and takes input. */
  const menuOpen = () => eventually(async () => (await inView(nav())) && (await nav().getAttribute('inert')) === null);

  const checkRoute = async (path: string) => {
    const visit = VISITS[path];
    await page.goto(`${ui.url}${visit.url(world)}`);
    if (visit.landsOn) await page.waitForURL((u) => u.pathname === visit.landsOn);
    await settled(page, visit.heading === 'any' ? null : visit.heading[0]);
    const heading = page.locator('h1').first();
    expect([path, await page.getByRole('alert').allInnerTexts()]).toEqual([path, []]);
    expect([path, 'heading in view', await inView(heading)]).toEqual([path, 'heading in view', true]);
    expect([path, 'overflow', await overflow()]).toEqual([path, 'overflow', 0]);
    expect([path, 'logout in view', await inView(page.getByRole('button', { name: 'Logg ut' }))]).toEqual([path, 'logout in view', true]);
    if (screen.menu) {
      // Closed, the menu is out of view and out of reach (inert: no Tab stops, hidden from screen readers).
      expect([path, 'nav closed', await menuClosed()]).toEqual([path, 'nav closed', true]);
      await menuButton().click();
      await nav().getByRole('link').first().waitFor();
      expect([path, 'nav open', await menuOpen()]).toEqual([path, 'nav open', true]);
      expect([path, 'open overflow', await overflow()]).toEqual([path, 'open overflow', 0]);
      await screenshot(page, `screen-${screen.name}-${routeShotName(path)}-menu`, { fullPage: false });
      await menuButton().click();
      expect([path, 'nav closed again', await menuClosed()]).toEqual([path, 'nav closed again', true]);
      expect([path, 'heading after menu', await inView(heading)]).toEqual([path, 'heading after menu', true]);
    } else {
      expect([path, 'no menu button', await menuButton().isVisible()]).toEqual([path, 'no menu button', false]);
      expect([path, 'nav beside page', await inView(nav())]).toEqual([path, 'nav beside page', true]);
    }
    await screenshot(page, `screen-${screen.name}-${routeShotName(path)}`, { fullPage: false });
    expect([path, await seriousA11yViolations(page)]).toEqual([path, []]);
  };

  for (const who of WHO) {
    it(`every ${who} route fits, shows its page, and passes axe`, async () => {
      await login(page, ui.url, USERNAMES[who], passwordOf(who));
      for (const [path, visit] of Object.entries(VISITS)) if (visit.as === who) await checkRoute(path);
    }, 300_000);
  }

  if (screen.menu) {
    it('the menu closes on Escape (focus back on its button) and on a choice (the chosen page in view)', async () => {
      await login(page, ui.url, USERNAMES.worker);
      await menuButton().click();
      await nav().getByRole('link').first().waitFor();
      await page.keyboard.press('Escape');
      expect(await menuClosed()).toBe(true);
      expect(await page.evaluate("document.activeElement?.getAttribute('aria-controls')")).toBe('main-nav');
      await menuButton().click();
      await nav().getByRole('link', { name: 'Venteliste' }).click();
      await settled(page, 'Venteliste');
      expect(await menuClosed()).toBe(true);
      expect(await inView(page.locator('h1').first())).toBe(true);
    }, 120_000);

    it('the login page fits the phone', async () => {
      await page.goto(ui.url);
      await page.locator('#username').waitFor();
      expect(await overflow()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
    }, 60_000);
  }
});
