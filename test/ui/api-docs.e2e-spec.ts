import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { watchCspViolations } from './support/csp';
import { startTestApp, TestApp } from '../support/test-app';

/** Swagger UI at /api/docs, under its own Content-Security-Policy (the rest of /api runs nothing). */
describe('API docs (Swagger UI at /api/docs)', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('answers GET /api/docs with an HTML page under a policy that runs only its own scripts', async () => {
    const res = await t.request('GET', '/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.body).toContain('swagger-ui-bundle.js');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    // The rest of /api keeps its policy that loads nothing.
    expect((await t.request('GET', '/api/openapi.json')).headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('shows every tag of the document with its operations in a browser, without a CSP violation', async () => {
    const context = await browser.newContext();
    const csp = await watchCspViolations(context);
    const page = await context.newPage();
    csp.watch(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${t.url}/api/docs`);
    await page.waitForSelector('.opblock-tag', { timeout: 20_000 });
    const doc = (await t.request('GET', '/api/openapi.json')).body;
    const tags = await page.$$eval('.opblock-tag', (els) => els.map((e) => e.getAttribute('data-tag')));
    expect(tags).toEqual(doc.tags.map((tag: { name: string }) => tag.name));
    expect(await page.locator('.opblock').count()).toBeGreaterThan(0);
    expect(await page.textContent('.info .title')).toContain('ROP housing API');
    expect({ csp: csp.take(), errors }).toEqual({ csp: [], errors: [] });
    await context.close();
  });
});
