import { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { launchChromium, screenshot, seriousA11yViolations } from './support/browser';
import { ensureUiBuilt, startUiServer } from './support/ui-server';

const PASSWORD = 'a long enough password';
const FACILITY = {
  name: 'Idrettsveien',
  kind: 'staffed_cluster',
  municipality: 'Melhus',
  targetGroup: { minAge: 18, excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: true },
  exclusionReasons: ['violence_or_threats', 'repeated_house_rule_breaches'],
};
const UNITS = ['ID01', 'ID02', 'ID03'];
const USERS = {
  worker: { username: 'walk.saksbehandler', role: 'case_worker' },
  lead: { username: 'walk.teamleder', role: 'team_lead' },
  supervisor: { username: 'walk.fagleder', role: 'supervisor' },
  auditor: { username: 'walk.revisor', role: 'auditor' },
} as const;

/** Local YYYY-MM-DD, as the UI computes "today" in the same time zone. */
function localDate(offsetDays = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The done-when walk: one person's case from referral to follow-up after move-out, entirely through the
 * admin UI in Chromium, as the case worker, the team lead, a supervisor and an auditor do it. Only the
 * facility, its units and the users are seeded through the API. Every page visited is screenshotted in
 * order (test/artifacts/walk-NN-*.png) and checked with axe; after every command the page must show the
 * effect without a reload.
 */
describe('case walk (browser)', () => {
  let t: TestApp;
  let ui: { url: string; close(): Promise<void> };
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let shot = 0;
  const checked = new Set<string>();

  beforeAll(async () => {
    ensureUiBuilt();
    t = await startTestApp();
    const admin = await t.adminToken();
    const facility = await t.request('POST', '/api/v1/facilities', { token: admin, body: FACILITY });
    expect(facility.status).toBe(201);
    const facilityId = facility.body.id;
    for (const label of UNITS) {
      expect((await t.request('POST', `/api/v1/facilities/${facilityId}/units`, { token: admin, body: { label, kind: 'permanent', capacity: 1 } })).status).toBe(201);
    }
    for (const { username, role } of Object.values(USERS)) {
      const grants = [role === 'auditor' ? { role } : { role, facilityIds: [facilityId] }];
      expect((await t.request('POST', '/api/v1/users', { token: admin, body: { username, displayName: username, password: PASSWORD, grants } })).status).toBe(201);
    }
    ui = await startUiServer(t.url);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await ui?.close();
    await t?.close();
  });

  /** Screenshot of what is on screen now, numbered in walk order; axe once per distinct page or form. */
  const visit = async (name: string, a11yKey = name) => {
    shot += 1;
    await screenshot(page, `walk-${String(shot).padStart(2, '0')}-${name}`, { fullPage: false });
    if (checked.has(a11yKey)) return;
    checked.add(a11yKey);
    expect([a11yKey, await seriousA11yViolations(page)]).toEqual([a11yKey, []]);
  };

  const login = async (who: keyof typeof USERS) => {
    await page.goto(ui.url);
    await page.getByRole('heading', { name: 'Logg inn' }).waitFor();
    await page.locator('#username').fill(USERS[who].username);
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('button', { name: 'Logg ut' }).waitFor();
  };
  const logout = async () => {
    await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.getByText('Du er logget ut.').waitFor();
  };

  const status = (text: string) => page.getByTestId('case-status').filter({ hasText: text }).waitFor();
  const fact = (id: string, text: string | RegExp) => page.getByTestId(`fact-${id}`).filter({ hasText: text }).waitFor();
  const timeline = (text: string | RegExp) => page.getByRole('list', { name: 'Tidslinje' }).getByText(text).first().waitFor();

  /** Opens an allowed action's form, lets `fill` complete it, saves, and waits for the form to close. */
  const command = async (label: string, shotName: string, fill: (field: (name: string) => ReturnType<Page['locator']>) => Promise<void>) => {
    await page.getByRole('button', { name: label, exact: true }).click();
    await page.getByRole('heading', { name: label, level: 3 }).waitFor();
    const type = await page.locator('form[data-command]').getAttribute('data-command');
    const field = (name: string) => page.locator(`#cmd-${type}-${name}`);
    await fill(field);
    await visit(shotName, `form-${type}`);
    await page.getByRole('button', { name: 'Lagre' }).click();
    await page.getByRole('heading', { name: label, level: 3 }).waitFor({ state: 'detached' });
  };

  it('takes one person from referral to follow-up after move-out, and lets a supervisor and an auditor see it', async () => {
    // ── Case worker: person and referral ────────────────────────────────────────────────────────
    await page.goto(ui.url);
    await page.getByRole('heading', { name: 'Logg inn' }).waitFor();
    await visit('login');
    await login('worker');
    await page.getByRole('heading', { name: 'Saker', level: 1 }).waitFor();
    await visit('cases');

    await page.getByRole('link', { name: 'Ny henvisning' }).click();
    await page.getByRole('heading', { name: 'Registrer person og henvisning' }).waitFor();
    await page.locator('#person-givenName').fill('Kari');
    await page.locator('#person-familyName').fill('Vandrer');
    await page.locator('#person-birthDate').fill('1988-02-11');
    await page.locator('#person-gender').selectOption('female');
    await page.getByRole('button', { name: 'Registrer person' }).click();
    await page.getByText('Personen er registrert.').waitFor();
    await page.locator('#referral-referralSource').selectOption('health_and_social_office');
    await page.locator('#referral-referrer-name').fill('Siri Rådgiver');
    await page.locator('#referral-referrer-organisation').fill('Helse- og sosialkontoret');
    await page.locator('#referral-facilityId').selectOption({ label: 'Idrettsveien (Melhus)' });
    await page.locator('#referral-screening-coOccurringDisorder').check();
    await page.locator('#referral-reason').fill('Bostedsløs, bor på hospits');
    await page.locator('#referral-consent-given').check();
    await page.locator('#referral-consent-scope').fill('Helse- og sosialkontoret og boligtjenesten');
    await visit('new-referral');
    await page.getByRole('button', { name: 'Registrer henvisning' }).click();

    await page.getByRole('heading', { name: 'Kari Vandrer', level: 1 }).waitFor();
    await status('Henvist');
    await fact('facility', 'Idrettsveien');
    await timeline('Henvisning registrert fra Helse- og sosialkontor');
    const caseUrl = page.url();
    const caseId = caseUrl.split('/cases/')[1];
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    // A case worker may not issue formal decisions: the action is not offered at all.
    expect(await page.getByRole('button', { name: 'Fatt vedtak' }).count()).toBe(0);
    await visit('case-referred', 'case');
    await logout();

    // ── Team lead: the assessment team accepts, the formal decision, the waiting list ──────────
    await login('lead');
    await page.locator('#case-search').fill('Vandrer');
    await page.getByRole('button', { name: 'Søk', exact: true }).click();
    await page.getByRole('link', { name: 'Kari Vandrer' }).click();
    await status('Henvist');

    await command('Registrer møte i vurderingsteamet', 'assessment-meeting', async (field) => {
      await field('members').fill('Enhetsleder\nTeamleder\nHelse- og sosialkontoret');
      await field('outcome').selectOption('accepted');
      await field('notes').fill('Innenfor målgruppen; trenger bolig med personalbase');
    });
    await status('Tatt inn');
    await timeline('Vurderingsteamet møttes: Tatt inn');

    // The formal decision: first an empty form, whose field errors from the API appear next to the fields.
    await page.getByRole('button', { name: 'Fatt vedtak', exact: true }).click();
    await page.getByRole('button', { name: 'Lagre' }).click();
    await page.locator('#cmd-IssueDecision-facts-error').waitFor();
    await page.getByRole('alert').filter({ hasText: 'Skjemaet har feil' }).waitFor();
    await visit('decision-errors', 'form-IssueDecision-errors');
    await page.getByRole('button', { name: 'Avbryt' }).click();
    await command('Fatt vedtak', 'decision', async (field) => {
      await field('kind').selectOption('grant');
      await field('legalBasis').selectOption('hotl_3_2');
      await field('facts').fill('Bostedsløs, ROP-lidelse, henvist av helse- og sosialkontoret');
      await field('mainConsiderations').fill('Trenger bolig med daglig oppfølging');
      await field('decidedBy').fill('Per Teamleder');
      await field('notifiedOn').fill(localDate());
    });
    await timeline(/Vedtak fattet: Innvilgelse \(hjemmel Helse- og omsorgstjenesteloven § 3-2\)/);

    await command('Sett på venteliste', 'waiting-list-place', async (field) => {
      await field('priority').selectOption('2');
    });
    await status('På venteliste');
    await fact('waitingList', 'Prioritet 2');
    await timeline('Satt på venteliste med prioritet 2');
    await logout();

    // ── Case worker: offer a unit from the waiting list ───────────────────────────────────────
    await login('worker');
    await page.getByRole('link', { name: 'Venteliste' }).click();
    await page.getByRole('heading', { name: 'Venteliste', level: 1 }).waitFor();
    const row = page.getByTestId(`waiting-${caseId}`);
    await row.waitFor();
    expect(await row.locator('td').allInnerTexts()).toEqual(['1', 'Kari Vandrer', '2', localDate(), '0', '0', 'Tilby boenhet']);
    await page.getByTestId('free-units').filter({ hasText: '3' }).waitFor();
    await visit('waiting-list');
    await row.getByRole('button', { name: 'Tilby boenhet: Kari Vandrer' }).click();
    await page.getByRole('heading', { name: 'Tilby boenhet til Kari Vandrer' }).waitFor();
    expect(await page.locator('#offer-expiresOn').inputValue()).toBe(localDate(7));
    await page.locator('#offer-unitId').selectOption({ label: 'ID01 (Ledig)' });
    await visit('waiting-list-offer', 'form-offer');
    await page.getByRole('button', { name: 'Tilby boenhet', exact: true }).click();
    // Read-your-writes: the row shows the offer and the free count drops, without a reload.
    await row.getByText(`ID01 · Tilbudt · svarfrist ${localDate(7)}`).waitFor();
    await page.getByTestId('free-units').filter({ hasText: '2' }).waitFor();
    await visit('waiting-list-offered', 'waiting-list-offered');

    // ── Case worker: accept, move in ─────────────────────────────────────────────────────────
    await row.getByRole('link', { name: 'Kari Vandrer' }).click();
    await status('Tilbudt bolig');
    await fact('offer', 'ID01');
    await command('Tilbud akseptert', 'offer-accept', async () => undefined);
    await status('Tilbud akseptert');
    await timeline('Tilbud om ID01 akseptert');

    // Move-in without a contact person breaks a domain rule (422): the message lands at that field.
    const endsOn = localDate(180);
    await page.getByRole('button', { name: 'Innflytting', exact: true }).click();
    await page.locator('#cmd-MoveIn-agreement-kind').selectOption('service_agreement');
    await page.locator('#cmd-MoveIn-agreement-endsOn').fill(endsOn);
    await page.locator('#cmd-MoveIn-houseRulesAcknowledged').check();
    await page.locator('#cmd-MoveIn-informationLetterAcknowledged').check();
    await page.getByRole('button', { name: 'Lagre' }).click();
    await page.locator('#cmd-MoveIn-contactPersons-error').filter({ hasText: 'Name at least one contact person' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'move_in.contact_person_required' }).waitFor();
    await visit('move-in-rule-broken', 'form-MoveIn-errors');
    await page.locator('#cmd-MoveIn-contactPersons').fill('Ola Miljøterapeut\nLise Miljøterapeut');
    await page.getByRole('button', { name: 'Legg til: Tiltaksplan' }).click();
    await page.locator('#cmd-MoveIn-actionPlan-0-goal').fill('Beholde leiligheten');
    await page.locator('#cmd-MoveIn-actionPlan-0-measure').fill('Ukentlig hjemmebesøk');
    await page.locator('#cmd-MoveIn-actionPlan-0-responsible').fill('Kontaktperson');
    await visit('move-in', 'form-MoveIn');
    await page.getByRole('button', { name: 'Lagre' }).click();
    await status('Beboer');
    await fact('unit', 'ID01');
    await fact('agreement', 'Bo- og tjenesteavtale');
    await fact('endsOn', endsOn);
    await fact('contactPersons', 'Ola Miljøterapeut, Lise Miljøterapeut');
    await timeline(`Flyttet inn i ID01 (Bo- og tjenesteavtale) fra ${localDate()}`);
    await visit('case-resident', 'case-resident');

    // The occupancy board counts the new resident.
    await page.getByRole('link', { name: 'Beleggsoversikt' }).click();
    await page.getByRole('heading', { name: 'Beleggsoversikt', level: 1 }).waitFor();
    await page.getByText('Bebodd: 1 · Tilbudt: 0 · Ledig: 2').waitFor();
    await page.locator('.tile[data-state="occupied"]').filter({ hasText: 'ID01' }).filter({ hasText: 'Kari Vandrer' }).waitFor();
    await visit('occupancy-resident', 'occupancy');
    await page.getByRole('link', { name: 'Kari Vandrer' }).click();
    await status('Beboer');

    // ── During the stay, conversion, move-out, follow-up ───────────────────────────────────────
    await command('Registrer hendelse', 'incident', async (field) => {
      await field('kind').selectOption('police_callout');
      await field('severity').selectOption('medium');
      await field('description').fill('Bråk og en besøkende som ikke ville gå');
    });
    await fact('incidents', '1 hendelser, 0 advarsler');
    await timeline('Hendelse registrert: Politiet tilkalt (Middels)');

    await command('Gjør om til husleiekontrakt', 'convert-to-lease', async (field) => {
      await field('leaseTerms-indefinite').check();
      await field('residentAgrees').check();
      await field('landlordAgrees').check();
    });
    await fact('agreement', 'Husleiekontrakt');
    await timeline(`Avtalen gjort om til husleiekontrakt fra ${localDate()}`);

    await command('Utflytting', 'move-out', async (field) => {
      await field('destination').selectOption('private_rental');
      await field('exitReason').selectOption('completed');
    });
    await status('Flyttet ut');
    await fact('moveOut', `${localDate()} til Privat leid bolig`);
    await timeline(/Flyttet ut til Privat leid bolig/);

    await command('Start oppfølging etter utflytting', 'follow-up', async (field) => {
      await field('periodMonths').fill('3');
      await field('contactModes-phone').check();
      await field('contactModes-home_visits').check();
      await page.getByRole('button', { name: 'Legg til: Tiltaksplan' }).click();
      await field('actionPlan-0-goal').fill('Betale husleie');
      await field('actionPlan-0-measure').fill('Fast trekk');
      await field('actionPlan-0-responsible').fill('Beboer');
      await field('healthCareFollowUp-offered').check();
      await field('brochureHandedOver').check();
      await field('exitConversationHeld').check();
    });
    await fact('followUp', localDate());
    await timeline('Oppfølging etter utflytting startet (3 mnd.)');
    await visit('case-followed-up', 'case-moved-out');
    await logout();

    // ── Supervisor: occupancy and outcome ───────────────────────────────────────────────────
    await login('supervisor');
    await page.getByRole('heading', { name: 'Oversikt for ledere', level: 1 }).waitFor();
    // The unit is free again after the move-out: 0 of 3 places occupied (the worker saw 1 of 3 above).
    const card = page.locator('.mantine-Card-root').filter({ hasText: 'Idrettsveien' });
    await card.getByText('Bebodd 0 / 3').waitFor();
    await card.getByText('0 %').waitFor();
    const waitingRow = page.getByRole('row').filter({ hasText: 'Idrettsveien' }).first();
    expect(await waitingRow.locator('td').allInnerTexts()).toEqual(['Idrettsveien', '0', '—']);
    await visit('dashboard');
    // No outcome report page exists in this branch: the outcome shows as the moved-out case and its destination.
    await page.getByRole('link', { name: 'Saker', exact: true }).click();
    await page.locator('#case-status').selectOption('moved_out');
    await page.getByText('1 saker').waitFor();
    await page.getByRole('row').filter({ hasText: 'Kari Vandrer' }).filter({ hasText: 'Flyttet ut' }).waitFor();
    await visit('cases-moved-out', 'cases');
    await page.getByRole('link', { name: 'Kari Vandrer' }).click();
    await fact('moveOut', 'Privat leid bolig');
    expect(await page.getByRole('heading', { name: 'Handlinger' }).count()).toBe(1);
    await visit('case-supervisor', 'case-supervisor');
    await page.getByText('Ingen handlinger er mulige for deg i denne statusen.').waitFor();
    await logout();

    // ── Auditor: replay the case and verify the chains ─────────────────────────────────────
    await login('auditor');
    await page.getByRole('heading', { name: 'Revisjonslogg', level: 1 }).waitFor();
    await page.getByRole('cell', { name: 'FollowUpStarted' }).first().waitFor();
    await visit('audit-log');
    await page.getByRole('link', { name: 'Gjennomspilling av sak' }).click();
    await page.locator('#replay-case').fill(caseId);
    await page.getByRole('button', { name: 'Spill av' }).click();
    await page.getByRole('heading', { name: 'ReferralRegistered', level: 2 }).waitFor();
    const stepStatus = await page.getByRole('status').filter({ hasText: /^Steg 1 av \d+$/ }).innerText();
    const total = Number(stepStatus.split(' av ')[1]);
    expect(total).toBeGreaterThanOrEqual(11);
    await visit('replay-first', 'replay');
    // Step forward to the move-in: the step shows who did it and the state it changed.
    for (let i = 1; i < total && (await page.getByRole('heading', { name: 'MovedIn', level: 2 }).count()) === 0; i++) {
      await page.getByRole('button', { name: 'Neste steg' }).click();
    }
    await page.getByRole('heading', { name: 'MovedIn', level: 2 }).waitFor();
    const statusChange = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'status', exact: true }) });
    expect(await statusChange.locator('td').allInnerTexts()).toEqual(['status', 'offer_accepted', 'resident']);
    await page.getByText('Saksbehandler').first().waitFor();
    await visit('replay-move-in', 'replay-step');

    await page.getByRole('link', { name: 'Kontroll av hash-kjede' }).click();
    await page.locator('#verify-stream').fill(`case-${caseId}`);
    await page.getByRole('button', { name: 'Kontroller' }).click();
    const verdict = await page.getByRole('status').filter({ hasText: 'Kjeden er hel' }).innerText();
    expect(verdict).toBe(`Kjeden er hel: 1 strømmer, ${total} hendelser.`);
    await visit('verify');
  }, 300_000);
});
