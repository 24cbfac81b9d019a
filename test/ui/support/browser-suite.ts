import { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../../support/test-app';
import { launchChromium } from './browser';
import { ensureUiBuilt } from './ui-server';

export interface UiServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The frame the browser tests share, as jest hooks: per file, the real API (seeded by `started`)
 * serving the built UI itself, as in production (with its security headers and CSP), and one Chromium;
 * per test, a fresh browser context and page, closed after.
 */
export function browserSuite(hooks: {
  /** The API is up: keep it and seed what the tests need. */
  started(app: TestApp): void | Promise<void>;
  opened(ui: UiServer, browser: Browser): void;
  page(page: Page, context: BrowserContext): void | Promise<void>;
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
    ui = { url: app.url, close: async () => undefined };
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
    await hooks.page(await context.newPage(), context);
  });
  afterEach(async () => context?.close());
}
