import { Page } from 'playwright-core';
import { TestApp } from '../support/test-app';
import { browserSuite, UiServer } from './support/browser-suite';
import { openAction } from './support/case-actions';
import { CompositionWorld, seedComposition } from './support/seed-composition';
import { expectAccessible, login as signIn, inEnglish as withEnglish } from './support/session';

/**
 * Issue 14 item 8 in Chromium: offering a unit, the case worker sees each unit's attributes in words
 * and the risk levels of the residents on its floor or cluster (from the waiting list's inline offer
 * and the case page's OfferUnit form), and the occupancy page shows them too. Each page without a
 * serious or critical accessibility violation, in bokmål and English.
 */
describe('unit attributes and resident composition (browser)', () => {
  let t: TestApp;
  let world: CompositionWorld;
  let ui: UiServer;
  let page: Page;

  browserSuite({
    started: async (app) => {
      t = app;
      world = await seedComposition(t);
    },
    opened: (server) => {
      ui = server;
    },
    page: (p) => {
      page = p;
      page.setDefaultTimeout(10_000);
    },
  });

  const accessible = (name: string) => expectAccessible(page, `unit-composition-${name}`);
  const options = (select: string) => page.locator(`${select} option`).allInnerTexts();

  it('shows attributes and cluster risk in the waiting list’s offer form, and offers a unit from it', async () => {
    await signIn(page, ui.url, world.users.worker);
    await page.goto(`${ui.url}/waiting-list/${world.facilityId}`);
    const row = page.getByTestId(`waiting-${world.waiting.caseId}`);
    await row.getByRole('button', { name: `Tilby boenhet: ${world.waiting.name}` }).click();
    await page.getByRole('heading', { name: `Tilby boenhet til ${world.waiting.name}` }).waitFor();
    // Only the free units, each with what it is like and who lives on its floor.
    await page.locator('#offer-unitId option', { hasText: 'H102' }).waitFor({ state: 'attached' });
    expect((await options('#offer-unitId')).slice(1)).toEqual([
      'H102 (Ledig) · Dyrehold tillatt · 1. etasje: 1 høy, 1 lav',
      'H202 (Ledig) · Dyrehold tillatt · 2. etasje: 1 ikke vurdert',
    ]);
    await accessible('offer');
    await withEnglish(page, async () => {
      await page.locator('#offer-unitId option', { hasText: 'Pets allowed' }).first().waitFor({ state: 'attached' });
      expect((await options('#offer-unitId')).slice(1)).toEqual([
        'H102 (Free) · Pets allowed · 1. etasje: 1 high, 1 low',
        'H202 (Free) · Pets allowed · 2. etasje: 1 not assessed',
      ]);
      await accessible('offer-en');
    });

    await page.locator('#offer-unitId').selectOption({ label: 'H202 (Ledig) · Dyrehold tillatt · 2. etasje: 1 ikke vurdert' });
    await page.getByRole('button', { name: 'Tilby boenhet', exact: true }).click();
    await row.getByText(/^H202 · Tilbudt/).waitFor();
  });

  it('shows them in the case page’s offer form and on the occupancy page', async () => {
    await signIn(page, ui.url, world.users.worker);
    await page.goto(`${ui.url}/cases/${world.granted.caseId}`);
    await page.getByRole('heading', { name: world.granted.name, level: 1 }).waitFor();
    await page.locator('[data-command="OfferUnit"]').click();
    await page.locator('#cmd-OfferUnit-unitId option', { hasText: 'H101' }).waitFor({ state: 'attached' });
    const choices = await options('#cmd-OfferUnit-unitId');
    expect(choices).toContain('H101 (Bebodd) · Forsterket, Bakkeplan · 1. etasje: 1 høy, 1 lav');
    expect(choices).toContain('H201 (Bebodd) · 2. etasje: 1 ikke vurdert');
    await accessible('case-offer');

    await page.goto(`${ui.url}/occupancy/${world.facilityId}`);
    const tile = page.locator('li.tile', { hasText: 'H101' });
    await tile.getByTestId('unit-attributes').filter({ hasText: 'Egenskaper: Forsterket, Bakkeplan' }).waitFor();
    await tile.getByTestId('cluster-risk').filter({ hasText: 'Beboernes risikonivå (Brøset), 1. etasje: 1 høy, 1 lav' }).waitFor();
    await page.locator('li.tile', { hasText: 'H103' }).getByText('Egenskaper: ingen egenskaper registrert').waitFor();
    await accessible('occupancy');
    await withEnglish(page, async () => {
      await tile.getByTestId('unit-attributes').filter({ hasText: 'Attributes: Reinforced, Ground floor' }).waitFor();
      await tile.getByTestId('cluster-risk').filter({ hasText: 'Residents’ risk level (Brøset), 1. etasje: 1 high, 1 low' }).waitFor();
      await accessible('occupancy-en');
    });
  });

  it('offers in the exclusion form only the reasons the facility’s criteria name', async () => {
    await signIn(page, ui.url, world.users.lead);
    await page.locator('#case-search').fill('Kari');
    await page.getByRole('button', { name: 'Søk', exact: true }).click();
    await page.getByRole('link', { name: 'Kari Beboer' }).click();
    await page.getByRole('heading', { name: 'Kari Beboer', level: 1 }).waitFor();
    await openAction(page, 'Avslutt fra tilbudet', { confirm: true });
    await page.locator('#cmd-DecideExclusion-reasons-violence_or_threats').waitFor();
    const reasons = await page.locator('[id^="cmd-DecideExclusion-reasons-"]').evaluateAll((boxes) => boxes.map((b) => (b as unknown as { id: string }).id));
    expect(reasons.sort()).toEqual(['cmd-DecideExclusion-reasons-repeated_house_rule_breaches', 'cmd-DecideExclusion-reasons-violence_or_threats']);
    await accessible('exclusion-form');
  });
});
