import { Page } from 'playwright-core';

/**
 * The case page shows its next step as one button and the other actions behind "Flere handlinger":
 * this opens that group (when the case has one and it is closed), so every allowed action is a button.
 */
export async function showAllActions(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Handlinger', level: 2 }).waitFor();
  const toggle = page.getByRole('button', { name: 'Flere handlinger', exact: true });
  if ((await toggle.count()) > 0 && (await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
}

/**
 * Opens an allowed action's form on the case page by its name, wherever the page put it. An action that
 * ends something asks first: `confirm` answers its dialog (and fails when there is none), so a test says
 * which actions it expects to be asked about.
 */
export async function openAction(page: Page, label: string, { confirm = false }: { confirm?: boolean } = {}): Promise<void> {
  await page.getByRole('heading', { name: 'Handlinger', level: 2 }).waitFor();
  const button = page.getByRole('button', { name: label, exact: true });
  if (!(await button.isVisible())) await showAllActions(page);
  await button.click();
  if (confirm) {
    const dialog = page.getByRole('dialog', { name: `${label}?` });
    await dialog.getByRole('button', { name: `Ja, gå videre til «${label}»` }).click();
    await dialog.waitFor({ state: 'detached' });
  }
  await page.getByRole('heading', { name: label, level: 3 }).waitFor();
}
