import { Page } from 'playwright-core';
import { TestApp } from '../support/test-app';
import { screenshot, seriousA11yViolations } from './support/browser';
import { browserSuite, UiServer } from './support/browser-suite';
import { calendarDateIn, DEFAULT_TIME_ZONE } from '../../apps/api/src/platform/clock';

const PASSWORD = 'a long enough password';
const WORKER = 'retry.saksbehandler';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** One POST as the API answered it, whether or not the browser heard the answer. */
interface Attempt {
  key: string | undefined;
  status: number;
  answer: { id?: string; revision?: string | null; position?: string | null; events?: string[]; replayed?: boolean };
}

/**
 * Every POST to `pattern` goes to the API, which records it; the first answer is then lost on the way
 * (the connection resets before the browser hears it), later ones reach the browser unchanged.
 */
async function loseFirstAnswer(page: Page, pattern: string): Promise<Attempt[]> {
  const attempts: Attempt[] = [];
  await page.route(pattern, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const response = await route.fetch();
    attempts.push({ key: route.request().headers()['idempotency-key'], status: response.status(), answer: await response.json() });
    if (attempts.length === 1) return route.abort('connectionreset');
    return route.fulfill({ response });
  });
  return attempts;
}

/**
 * A command whose answer is lost on the way (the API recorded it, the browser never heard back) and
 * the user presses the button again: the admin UI sends the same Idempotency-Key, made at the first
 * submit, so the retry is answered with the first result and no second record is made.
 */
describe('admin UI retries (browser)', () => {
  let t: TestApp;
  let ui: UiServer;
  let page: Page;
  let facilityId: string;
  /** A referred case of its own for the case-command test, made through the API. */
  let referredCaseId: string;

  browserSuite({
    started: async (app) => {
      t = app;
      const admin = await t.adminToken();
      const facility = await t.request('POST', '/api/v1/facilities', {
        token: admin,
        body: {
          name: 'Bolig Nu',
          kind: 'temporary_housing',
          municipality: 'Bodø',
          targetGroup: { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true, requiresCoOccurringDisorder: false },
          maxStayDays: 90,
          exclusionReasons: ['violence_or_threats'],
        },
      });
      expect(facility.status).toBe(201);
      facilityId = facility.body.id;
      const user = await t.request('POST', '/api/v1/users', {
        token: admin,
        body: { username: WORKER, displayName: 'Saksbehandler', password: PASSWORD, grants: [{ role: 'case_worker', facilityIds: [facilityId] }] },
      });
      expect(user.status).toBe(201);
      const worker = await t.login(WORKER, PASSWORD);
      const today = calendarDateIn(new Date(), DEFAULT_TIME_ZONE);
      const person = await t.request('POST', '/api/v1/people', {
        token: worker,
        body: { givenName: 'Per', familyName: 'Gjentak', birthDate: '1979-09-09', gender: 'male' },
      });
      expect(person.status).toBe(201);
      const referral = await t.request('POST', '/api/v1/cases', {
        token: worker,
        body: {
          on: today,
          referralSource: 'nav',
          referrer: { name: 'Nina NAV' },
          personId: person.body.id,
          facilityId,
          screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: true },
          reason: 'Uten bolig',
          consent: { given: true, scope: 'Boligtjenesten', date: today },
        },
      });
      expect(referral.status).toBe(201);
      referredCaseId = referral.body.id;
    },
    opened: (server) => {
      ui = server;
    },
    page: (p) => {
      page = p;
    },
  });

  /** Read from the store itself, no read model in between. */
  const peopleInLog = async (): Promise<string[]> => {
    const people: string[] = [];
    for await (const e of t.store.readAll()) if (e.type === 'PersonRegistered') people.push((e.data as { personId: string }).personId);
    return people;
  };
  const referralsOf = async (personId: string): Promise<string[]> => {
    const cases: string[] = [];
    for await (const e of t.store.readAll())
      if (e.type === 'ReferralRegistered' && (e.data as { personId?: string }).personId === personId) cases.push(e.stream);
    return cases;
  };

  const logIn = async () => {
    await page.goto(ui.url);
    await page.locator('#username').fill(WORKER);
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('heading', { name: 'Saker', level: 1 }).waitFor();
  };

  it('a person and a referral retried after their answers were lost make one person and one case, not two', async () => {
    const before = await peopleInLog();
    await logIn();
    await page.getByRole('link', { name: 'Ny henvisning' }).click();
    await page.getByRole('heading', { name: 'Registrer person og henvisning' }).waitFor();
    await page.getByRole('button', { name: 'Finner ikke personen: registrer ny person' }).click();

    const personAttempts = await loseFirstAnswer(page, '**/api/v1/people');
    await page.locator('#person-givenName').fill('Rita');
    await page.locator('#person-familyName').fill('Forsøk');
    await page.locator('#person-birthDate').fill('1988-08-08');
    await page.locator('#person-gender').selectOption('female');
    await page.getByRole('button', { name: 'Registrer person' }).click();
    await page.getByRole('alert').filter({ hasText: 'Fikk ikke svar' }).waitFor();
    await screenshot(page, 'retry-no-answer');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The API recorded the person, though the browser never heard so.
    const recorded = (await peopleInLog()).filter((id) => !before.includes(id));
    expect(recorded).toHaveLength(1);

    await page.getByRole('button', { name: 'Registrer person' }).click();
    await page.getByTestId('referral-person').filter({ hasText: 'Henvisningen gjelder Rita Forsøk' }).waitFor();
    // The retry made no second person: the referral goes on with the one made the first time (below).
    expect((await peopleInLog()).filter((id) => !before.includes(id))).toEqual(recorded);

    const caseAttempts = await loseFirstAnswer(page, '**/api/v1/cases');
    await page.locator('#referral-referralSource').selectOption('nav');
    await page.locator('#referral-referrer-name').fill('Siri Veileder');
    await page.locator('#referral-facilityId').selectOption({ label: 'Bolig Nu (Bodø)' });
    await page.locator('#referral-reason').fill('Uten bolig');
    await page.locator('#referral-consent-given').check();
    await page.locator('#referral-consent-scope').fill('NAV og boligtjenesten');
    await page.getByRole('button', { name: 'Registrer henvisning' }).click();
    await page.getByRole('alert').filter({ hasText: 'Fikk ikke svar' }).waitFor();
    expect(await referralsOf(recorded[0])).toHaveLength(1);

    await page.getByRole('button', { name: 'Registrer henvisning' }).click();
    await page.getByRole('heading', { name: 'Rita Forsøk', level: 1 }).waitFor();
    // One case, and the page shows it.
    const cases = await referralsOf(recorded[0]);
    expect(cases).toHaveLength(1);
    expect(page.url()).toBe(`${ui.url}/cases/${cases[0].replace(/^case-/, '')}`);

    // Each retry carried the key made at the first submit and was answered with the first result.
    for (const attempts of [personAttempts, caseAttempts]) {
      expect(attempts.map((a) => a.status)).toEqual([201, 201]);
      expect(attempts[0].key).toMatch(UUID_V4);
      expect(attempts[1].key).toBe(attempts[0].key);
      expect(attempts.map((a) => a.answer.replayed)).toEqual([false, true]);
      expect(attempts[1].answer.id).toBe(attempts[0].answer.id);
      expect(attempts[1].answer.position).toBe(attempts[0].answer.position);
    }
    expect(personAttempts[0].answer.id).toBe(recorded[0]);
    expect(caseAttempts[0].answer.id).toBe(cases[0].replace(/^case-/, ''));
    // A new form, a new command: its own key.
    expect(caseAttempts[0].key).not.toBe(personAttempts[0].key);
  }, 120_000);

  it('a form changed after its first sending was recorded is told so, and records nothing more', async () => {
    const before = await peopleInLog();
    await logIn();
    await page.getByRole('link', { name: 'Ny henvisning' }).click();
    await page.getByRole('heading', { name: 'Registrer person og henvisning' }).waitFor();
    await page.getByRole('button', { name: 'Finner ikke personen: registrer ny person' }).click();

    const attempts = await loseFirstAnswer(page, '**/api/v1/people');
    await page.locator('#person-givenName').fill('Siv');
    await page.locator('#person-familyName').fill('Endret');
    await page.locator('#person-birthDate').fill('1990-10-10');
    await page.locator('#person-gender').selectOption('female');
    await page.getByRole('button', { name: 'Registrer person' }).click();
    await page.getByRole('alert').filter({ hasText: 'Fikk ikke svar' }).waitFor();
    // The user corrects a name and sends again: under the same key, the API refuses another request.
    await page.locator('#person-familyName').fill('Endret-Rettet');
    await page.getByRole('button', { name: 'Registrer person' }).click();
    await page.getByRole('alert').filter({ hasText: 'Allerede registrert' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    expect((await peopleInLog()).filter((id) => !before.includes(id))).toEqual([attempts[0].answer.id]);
    expect(attempts.map((a) => a.status)).toEqual([201, 422]);
    expect(attempts[1].key).toBe(attempts[0].key);
    // The page does not claim a person it never heard of was registered.
    expect(await page.getByTestId('referral-person').count()).toBe(0);
  }, 120_000);

  it('a case command retried after its answer was lost is recorded once', async () => {
    await logIn();
    await page.goto(`${ui.url}/cases/${referredCaseId}`);
    await page.getByRole('heading', { name: 'Per Gjentak', level: 1 }).waitFor();

    const attempts = await loseFirstAnswer(page, '**/api/v1/cases/*/assessment-meetings');
    await page.getByRole('button', { name: 'Registrer møte i vurderingsteamet' }).click();
    await page.locator('#cmd-RecordAssessmentMeeting-members').fill('Enhetsleder\nNAV Bodø');
    await page.locator('#cmd-RecordAssessmentMeeting-outcome').selectOption('accepted');
    await page.locator('#cmd-RecordAssessmentMeeting-notes').fill('Innenfor målgruppen');
    await page.getByRole('button', { name: 'Lagre' }).click();
    await page.getByRole('alert').filter({ hasText: 'Fikk ikke svar' }).waitFor();
    await page.getByRole('button', { name: 'Lagre' }).click();
    await page.getByTestId('case-status').filter({ hasText: 'Tatt inn' }).waitFor();

    const meetings: string[] = [];
    for await (const e of t.store.readStream(`case-${referredCaseId}`)) if (e.type === 'AssessmentMeetingRecorded') meetings.push(e.id);
    expect(meetings).toHaveLength(1);
    expect(attempts.map((a) => a.status)).toEqual([201, 201]);
    expect(attempts[0].key).toMatch(UUID_V4);
    expect(attempts[1].key).toBe(attempts[0].key);
    expect(attempts.map((a) => a.answer.replayed)).toEqual([false, true]);
    expect(attempts[1].answer.revision).toBe(attempts[0].answer.revision);
    expect(attempts[1].answer.position).toBe(attempts[0].answer.position);
  }, 120_000);
});
