import { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../../support/test-app';
import { launchChromium } from './browser';
import { ensureUiBuilt, startUiServer } from './ui-server';

export type UiServer = Awaited<ReturnType<typeof startUiServer>>;

/**
 * The frame the browser tests share, as jest hooks: per file, the real API (seeded by `started`), the
 * built UI in front of it and one Chromium; per test, a fresh browser context and page, closed after.
 */
export function browserSuite(hooks: {
  /** The API is up: keep it and seed what the tests need. */
  started(app: TestApp): void | Promise<void>;
  opened(ui: UiServer, browser: Browser): void;
  page(page: Page, context: BrowserContext): void;
  contextOptions?: BrowserContextOptions;
}): void {
  let app: TestApp | undefined;
  let ui: UiServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    ensureUiBuilt();
    app = await startTestApp();
    await hooks.started(app);
    ui = await startUiServer(app.url);
    browser = await launchChromium();
    hooks.opened(ui, browser);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await ui?.close();
    await app?.close();
  });

  beforeEach(async () => {
    context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, ...hooks.contextOptions });
    hooks.page(await context.newPage(), context);
  });
  afterEach(async () => context?.close());
}
