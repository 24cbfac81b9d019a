import { Page } from 'playwright-core';
import { screenshot, seriousA11yViolations } from './browser';
import { PASSWORD } from './seed-stays';

/** Logs in through the login page and waits for the signed-in layout. */
export async function login(page: Page, url: string, username: string, password = PASSWORD): Promise<void> {
  await page.goto(url);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.getByRole('button', { name: 'Logg ut' }).waitFor();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await page.locator('#username').waitFor();
}

/** A screenshot for the artifacts, then no serious or critical axe violation on the page as it is. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousA11yViolations(page)).toEqual([]);
}

/** Runs `check` with the UI in English, then switches back to bokmål. */
export async function inEnglish(page: Page, check: () => Promise<void>): Promise<void> {
  await page.getByLabel('Språk').selectOption('en');
  await check();
  await page.getByLabel('Language').selectOption('nb');
}
