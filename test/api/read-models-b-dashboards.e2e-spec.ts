import { casePath } from '../../apps/api/src/features/cases/case-commands';
import { Clock } from '../../apps/api/src/platform/clock';
import { addDays, CaseCommandType } from '@app/domain';
import { conformanceProblems, responseSchema, undescribedFields } from '../support/openapi-conformance';
import { startTestApp, TestApp } from '../support/test-app';

/** "Today" for the dashboards: fixed, so days left and days open are exact (instants stay real for tokens). */
const TODAY = '2026-03-20';
class FixedToday extends Clock {
  now(): Date {
    return new Date();
  }
  override today(): string {
    return TODAY;
  }
}

const PASSWORD = 'a long enough password';
const profile = (name: string) => ({
  name,
  kind: 'temporary_housing',
  municipality: 'Bodø',
  targetGroup: { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true, requiresCoOccurringDisorder: false },
  maxStayDays: 90,
  exclusionReasons: ['extensive_substance_use', 'violence_or_threats', 'repeated_house_rule_breaches'],
});

type Who = 'leadA' | 'leadB' | 'supervisorA' | 'supervisorB' | 'auditor';

/**
 * The agreement watch, obligations and report endpoints over real HTTP: cases are driven through the
 * case API by a team lead, the dashboards read with the command's position (read your writes), and
 * each is scoped to the caller's facilities.
 */
describe('dashboards and reports over HTTP (agreement watch, obligations, outcomes CSV, returns)', () => {
  let t: TestApp;
  let admin: string;
  let facilityA: string;
  let facilityB: string;
  const tokens = {} as Record<Who, string>;
  let lastPosition = '0';

  const ok = async (caseId: string, type: CaseCommandType, body: object, who: Who = 'leadA') => {
    const res = await t.request('POST', casePath(caseId, type), { token: tokens[who], body });
    if (res.status >= 300) throw new Error(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
    lastPosition = res.body.position;
    return res.body as { id: string; position: string; events: string[] };
  };
  const addUnit = async (facilityId: string, label: string) => {
    const res = await t.request('POST', `/api/v1/facilities/${facilityId}/units`, { token: admin, body: { label, kind: 'temporary', capacity: 1 } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const person = async (birthDate = '1985-06-01') => {
    const res = await t.request('POST', '/api/v1/people', {
      token: tokens.leadA,
      body: { givenName: 'Kari', familyName: 'Nordmann', birthDate, gender: 'female' },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const refer = async (on: string, personId?: string, facilityId = facilityA, who: Who = 'leadA') => {
    const res = await t.request('POST', '/api/v1/cases', {
      token: tokens[who],
      body: {
        on,
        referralSource: 'nav',
        referrer: { name: 'Siri Saksbehandler', organisation: 'NAV Bodø' },
        personId: personId ?? (await person()),
        facilityId,
        screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: false },
        reason: 'Uten bolig',
        consent: { given: true, scope: 'NAV og botiltaket', date: on },
      },
    });
    if (res.status !== 201) throw new Error(`referral: ${res.status} ${JSON.stringify(res.body)}`);
    lastPosition = res.body.position;
    return res.body.id as string;
  };
  const grant = async (caseId: string, on: string) => {
    await ok(caseId, 'RecordAssessmentMeeting', { on, members: ['Enhetsleder', 'Teamleder'], outcome: 'accepted', notes: 'Innenfor målgruppen' });
    await ok(caseId, 'IssueDecision', {
      on,
      kind: 'grant',
      legalBasis: 'sotjl_27',
      facts: 'Uten bolig',
      mainConsiderations: 'Trenger bolig nå',
      decidedBy: 'Enhetsleder',
    });
  };
  const offer = async (caseId: string, on: string, expiresOn: string, unitId: string, facilityId = facilityA) =>
    (await ok(caseId, 'OfferUnit', { on, unitId, facilityId, expiresOn })).id;
  /** Referred, granted, offered, accepted and moved in on `on` under a temporary agreement ending `endsOn`. */
  const resident = async (on: string, endsOn: string, label: string, personId?: string) => {
    const caseId = await refer(on, personId);
    await grant(caseId, on);
    const unitId = await addUnit(facilityA, label);
    const offerId = await offer(caseId, on, addDays(on, 7), unitId);
    await ok(caseId, 'AcceptOffer', { on, offerId });
    await ok(caseId, 'MoveIn', {
      on,
      offerId,
      unitId,
      agreement: { kind: 'temporary_agreement', startsOn: on, endsOn },
      houseRulesAcknowledged: true,
      informationLetterAcknowledged: true,
      contactPersons: ['Miljøterapeut'],
      actionPlan: [{ goal: 'Varig bolig', measure: 'Ukentlig samtale', responsible: 'Miljøterapeut' }],
    });
    return caseId;
  };
  const refused = async (notifiedOn: string) => {
    const caseId = await refer('2026-02-20');
    await ok(caseId, 'RecordAssessmentMeeting', { on: '2026-02-25', members: ['Enhetsleder', 'Teamleder'], outcome: 'refused', notes: 'Utenfor målgruppen' });
    const decision = await ok(caseId, 'IssueDecision', {
      on: notifiedOn,
      kind: 'refusal',
      legalBasis: 'hotl_3_2',
      facts: 'Aktiv rusbruk',
      mainConsiderations: 'Tilbudet passer ikke',
      decidedBy: 'Enhetsleder',
      notifiedOn,
    });
    return { caseId, decisionId: decision.id };
  };
  const get = (path: string, who: Who | 'admin', withPosition = true) =>
    t.request('GET', `${path}${path.includes('?') ? '&' : '?'}${withPosition ? `minPosition=${lastPosition}` : ''}`, {
      token: who === 'admin' ? admin : tokens[who],
    });

  let endingSoon: string;
  let overstaying: string;
  let extended: string;
  let lapsedOffer: string;
  let waitingCase: string;

  beforeAll(async () => {
    t = await startTestApp({}, [{ provide: Clock, useValue: new FixedToday() }]);
    admin = await t.adminToken();
    facilityA = (await t.request('POST', '/api/v1/facilities', { token: admin, body: profile('Bolig Nu') })).body.id;
    facilityB = (await t.request('POST', '/api/v1/facilities', { token: admin, body: profile('Kongens gate') })).body.id;
    const grants: Record<Who, object[]> = {
      leadA: [{ role: 'team_lead', facilityIds: [facilityA] }],
      leadB: [{ role: 'team_lead', facilityIds: [facilityB] }],
      supervisorA: [{ role: 'supervisor', facilityIds: [facilityA] }],
      supervisorB: [{ role: 'supervisor', facilityIds: [facilityB] }],
      auditor: [{ role: 'auditor' }],
    };
    for (const [who, g] of Object.entries(grants) as [Who, object[]][]) {
      const created = await t.request('POST', '/api/v1/users', {
        token: admin,
        body: { username: `b.${who}`, displayName: who, password: PASSWORD, grants: g },
      });
      expect(created.status).toBe(201);
      tokens[who] = await t.login(`b.${who}`, PASSWORD);
    }

    // Ends in 11 days; its limit (3 months or 90 days, whichever is shorter) is 1 April.
    endingSoon = await resident('2026-01-01', '2026-03-31', 'A-01');
    // Its agreement ended on 28 February and its limit on 1 March: the resident is still there.
    overstaying = await resident('2025-12-01', '2026-02-28', 'A-02');
    // Moved in 10 January; extended beyond the limit (10 April) with a written justification.
    extended = await resident('2026-01-10', '2026-04-09', 'A-03');
    // An offer that lapsed on 8 March with nobody recording an answer.
    waitingCase = await refer('2026-02-25');
    await grant(waitingCase, '2026-02-26');
    lapsedOffer = await offer(waitingCase, '2026-03-01', '2026-03-08', await addUnit(facilityA, 'A-04'));
  }, 60_000);
  afterAll(async () => t?.close());

  describe('agreement watch', () => {
    it('lists agreements ending soon, residents past their end and limit, and offers past their expiry', async () => {
      const res = await get(`/api/v1/dashboards/agreements?facilityId=${facilityA}`, 'supervisorA');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ today: TODAY, withinDays: 30 });
      expect(res.body.endingSoon).toEqual([
        expect.objectContaining({
          caseId: endingSoon,
          kind: 'temporary_agreement',
          startsOn: '2026-01-01',
          endsOn: '2026-03-31',
          limit: '2026-04-01',
          daysToEnd: 11,
          nightsSoFar: 78,
        }),
        expect.objectContaining({ caseId: extended, endsOn: '2026-04-09', daysToEnd: 20 }),
      ]);
      expect(res.body.pastEnd).toEqual([expect.objectContaining({ caseId: overstaying, endsOn: '2026-02-28', daysToEnd: -20 })]);
      expect(res.body.pastLimit).toEqual([expect.objectContaining({ caseId: overstaying, limit: '2026-03-01', daysPastLimit: 19, endsAfterLimit: false })]);
      expect(res.body.offers.pastExpiryUnanswered).toEqual([
        expect.objectContaining({ offerId: lapsedOffer, expiresOn: '2026-03-08', daysPastExpiry: 12, status: 'open' }),
      ]);
      expect((await get(`/api/v1/dashboards/agreements?facilityId=${facilityA}&withinDays=15`, 'supervisorA')).body.endingSoon).toHaveLength(1);
    });

    it("shows an extension at once when asked with the command's position (read your writes)", async () => {
      const extension = await ok(extended, 'ExtendAgreement', {
        on: '2026-03-19',
        endsOn: '2026-05-31',
        extensionJustification: 'Kommunal bolig klar 31. mai (Boligmøtet)',
      });
      const res = await t.request('GET', `/api/v1/dashboards/agreements?facilityId=${facilityA}&minPosition=${extension.position}`, {
        token: tokens.supervisorA,
      });
      expect(res.status).toBe(200);
      expect(res.body.endingSoon.map((a: { caseId: string }) => a.caseId)).toEqual([endingSoon]);
      // Extended beyond its limit of 10 April, which is still ahead: not past it yet.
      expect(res.body.extendedBeyondLimit).toEqual([
        expect.objectContaining({
          caseId: extended,
          endsOn: '2026-05-31',
          limit: '2026-04-10',
          endsAfterLimit: true,
          justified: true,
          extensions: 1,
          daysPastLimit: -21,
        }),
      ]);
      expect(res.body.pastLimit.map((a: { caseId: string }) => a.caseId)).toEqual([overstaying]);
      // An expired offer recorded by staff moves from "past expiry" to "recently expired".
      const expired = await ok(waitingCase, 'ExpireOffer', { on: '2026-03-20', offerId: lapsedOffer });
      const after = await t.request('GET', `/api/v1/dashboards/agreements?minPosition=${expired.position}`, { token: tokens.supervisorA });
      expect(after.body.offers.pastExpiryUnanswered).toEqual([]);
      expect(after.body.offers.recentlyExpired).toEqual([expect.objectContaining({ offerId: lapsedOffer, answeredOn: '2026-03-20' })]);
    });

    it("answers 403 for a facility outside the caller's scope, and shows nothing of it otherwise", async () => {
      expect((await get(`/api/v1/dashboards/agreements?facilityId=${facilityA}`, 'supervisorB')).status).toBe(403);
      const own = await get('/api/v1/dashboards/agreements', 'supervisorB');
      expect(own.status).toBe(200);
      expect([
        ...own.body.endingSoon,
        ...own.body.pastEnd,
        ...own.body.pastLimit,
        ...own.body.extendedBeyondLimit,
        ...own.body.offers.pastExpiryUnanswered,
      ]).toEqual([]);
      const auditor = await get('/api/v1/dashboards/agreements', 'auditor');
      expect(auditor.body.pastEnd.map((a: { caseId: string }) => a.caseId)).toEqual([overstaying]);
      expect((await get('/api/v1/dashboards/agreements', 'admin')).status).toBe(403);
      expect((await t.request('GET', '/api/v1/dashboards/agreements')).status).toBe(401);
      expect((await get('/api/v1/dashboards/agreements?withinDays=-1', 'supervisorA', false)).status).toBe(400);
    });
  });

  describe('obligations', () => {
    let exclusionCase: string;
    let awaitingReview: string;
    let awaitingForward: string;
    let withAppealBody: string;
    let running: { caseId: string; decisionId: string };

    beforeAll(async () => {
      // Excluded on 10 March (three weeks to appeal under sosialtjenesteloven § 27), moved out on 12 March.
      exclusionCase = await resident('2026-02-01', '2026-04-30', 'A-05');
      await ok(exclusionCase, 'DecideExclusion', {
        on: '2026-03-10',
        reasons: ['extensive_substance_use'],
        overallAssessment: 'Omfattende rusbruk i fellesarealene etter to advarsler',
        effectiveOn: '2026-03-12',
        decision: { legalBasis: 'sotjl_27', facts: 'Rusbruk 1. og 8. mars', mainConsiderations: 'Hensynet til de andre beboerne', decidedBy: 'Enhetsleder' },
      });
      await ok(exclusionCase, 'MoveOut', { on: '2026-03-12', destination: 'shelter_or_guesthouse', exitReason: 'excluded' });
      // Refusals under hotl § 3-2 (four weeks to appeal): one appealed and waiting for review, one reviewed
      // and upheld, one with the appeal body, one not appealed (its deadline still running).
      const a = await refused('2026-03-02');
      awaitingReview = a.caseId;
      await ok(a.caseId, 'ReceiveAppeal', { on: '2026-03-16', decisionId: a.decisionId, receivedOn: '2026-03-16' });
      const b = await refused('2026-03-02');
      awaitingForward = b.caseId;
      const appealB = await ok(b.caseId, 'ReceiveAppeal', { on: '2026-03-09', decisionId: b.decisionId, receivedOn: '2026-03-09' });
      await ok(b.caseId, 'ReviewAppeal', { on: '2026-03-15', appealId: appealB.id, outcome: 'upheld', note: 'Vedtaket opprettholdes' });
      const c = await refused('2026-03-02');
      withAppealBody = c.caseId;
      const appealC = await ok(c.caseId, 'ReceiveAppeal', { on: '2026-03-05', decisionId: c.decisionId, receivedOn: '2026-03-05' });
      await ok(c.caseId, 'ReviewAppeal', { on: '2026-03-12', appealId: appealC.id, outcome: 'upheld', note: 'Vedtaket opprettholdes' });
      await ok(c.caseId, 'ForwardAppeal', { on: '2026-03-13', appealId: appealC.id });
      running = await refused('2026-03-18');
    }, 60_000);

    it('lists the exclusion waiting for an alternative offer, each appeal at its step, and deadlines still running', async () => {
      const res = await get(`/api/v1/dashboards/obligations?facilityId=${facilityA}`, 'supervisorA');
      expect(res.status).toBe(200);
      expect(res.body.today).toBe(TODAY);
      expect(res.body.exclusionsAwaitingAlternative).toEqual([
        expect.objectContaining({
          caseId: exclusionCase,
          reasons: ['extensive_substance_use'],
          decidedOn: '2026-03-10',
          movedOutOn: '2026-03-12',
          daysOpen: 10,
        }),
      ]);
      expect(res.body.appeals.awaitingReview).toEqual([
        expect.objectContaining({ caseId: awaitingReview, receivedOn: '2026-03-16', deadline: '2026-03-30', late: false, daysWaiting: 4 }),
      ]);
      expect(res.body.appeals.awaitingForwarding).toEqual([expect.objectContaining({ caseId: awaitingForward, reviewedOn: '2026-03-15', daysWaiting: 5 })]);
      expect(res.body.appeals.awaitingAppealBody).toEqual([
        expect.objectContaining({ caseId: withAppealBody, forwardedOn: '2026-03-13', appealBody: 'statsforvalteren', daysWaiting: 7 }),
      ]);
      expect(res.body.appealDeadlinesRunning).toEqual([
        expect.objectContaining({ caseId: exclusionCase, kind: 'exclusion', deadline: '2026-03-31', deadlineRule: 'fvl_29', daysLeft: 11 }),
        expect.objectContaining({
          caseId: running.caseId,
          decisionId: running.decisionId,
          kind: 'refusal',
          deadline: '2026-04-15',
          deadlineRule: 'pbrl_7_5',
          daysLeft: 26,
        }),
      ]);
    });

    it('closes the obligation as soon as an alternative is recorded (read your writes)', async () => {
      const met = await ok(exclusionCase, 'RecordAlternativeOffered', {
        on: '2026-03-20',
        description: 'Hybel med oppfølging',
        housingType: 'temporary_accommodation',
      });
      const res = await t.request('GET', `/api/v1/dashboards/obligations?facilityId=${facilityA}&minPosition=${met.position}`, { token: tokens.supervisorA });
      expect(res.body.exclusionsAwaitingAlternative).toEqual([]);
    });

    it('answers 403 for another facility, shows nothing of it otherwise, and everything to the auditor', async () => {
      expect((await get(`/api/v1/dashboards/obligations?facilityId=${facilityA}`, 'supervisorB')).status).toBe(403);
      const own = await get('/api/v1/dashboards/obligations', 'supervisorB');
      expect(own.status).toBe(200);
      expect([...own.body.appealDeadlinesRunning, ...own.body.appeals.awaitingReview, ...own.body.exclusionsAwaitingAlternative]).toEqual([]);
      expect((await get('/api/v1/dashboards/obligations', 'auditor')).body.appeals.awaitingReview).toHaveLength(1);
      expect((await get('/api/v1/dashboards/obligations', 'admin')).status).toBe(403);
    });
  });

  describe('reports', () => {
    it("downloads the outcome report as a CSV attachment, for the caller's own facility only", async () => {
      const path = `/api/v1/reports/outcomes.csv?facilityId=${facilityA}&from=2026-01-01&to=2026-03-20&minPosition=${lastPosition}`;
      const res = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${tokens.supervisorA}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="utfall_${facilityA}_2026-01-01_2026-03-20.csv"`);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0]).toBe('section;measure;group;population;value;label');
      expect(lines).toContain('people;lived_there;;lived_there;4;Personer som bor/har bodd der');
      expect(lines).toContain(
        'exclusions;ended_by_service_reason;extensive_substance_use;moved_out;1;Avsluttet av tilbudet, grunnlag: Omfattende rusproblematikk',
      );
      const stranger = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${tokens.supervisorB}` } });
      expect(stranger.status).toBe(403);
      expect((await get('/api/v1/reports/outcomes?from=2026-03-20&to=2026-01-01', 'supervisorA', false)).status).toBe(400);
      expect((await get('/api/v1/reports/outcomes?from=2026-02-30&to=2026-03-01', 'supervisorA', false)).status).toBe(400);
    });

    it('counts a return to homelessness: moved out to a private rental, referred again elsewhere within 6 months', async () => {
      const personId = await person('1990-01-01');
      const caseId = await resident('2025-11-01', '2026-01-30', 'A-06', personId);
      await ok(caseId, 'MoveOut', { on: '2026-01-15', destination: 'private_rental', exitReason: 'completed' });
      // Back, two months later, at another facility (the report counts returns to any facility).
      await refer('2026-03-15', personId, facilityB, 'leadB');
      const res = await get(`/api/v1/reports/returns?facilityId=${facilityA}&from=2026-01-01&to=2026-03-20`, 'supervisorA');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ exitsToPermanent: 1, byDestination: { private_rental: 1 } });
      expect(res.body.windows).toEqual([
        { months: 6, days: 180, returned: 1, returnedInBand: 1, percent: 100, windowComplete: 0 },
        { months: 12, days: 365, returned: 1, returnedInBand: 0, percent: 100, windowComplete: 0 },
        { months: 24, days: 730, returned: 1, returnedInBand: 0, percent: 100, windowComplete: 0 },
      ]);
      expect((await get(`/api/v1/reports/returns?facilityId=${facilityA}&from=2026-01-01&to=2026-03-20`, 'supervisorB')).status).toBe(403);
      // Facility B's own report has no exits: the referral there is counted for A, not as an exit of B.
      expect((await get(`/api/v1/reports/returns?facilityId=${facilityB}&from=2026-01-01&to=2026-03-20`, 'supervisorB')).body.exitsToPermanent).toBe(0);
    });

    it('counts no re-referral on the day of the exit as a return (HUD SPM 2: re-entries within 14 days are not returns)', async () => {
      const personId = await person('1991-02-02');
      const caseId = await resident('2025-11-10', '2026-02-08', 'A-07', personId);
      await ok(caseId, 'MoveOut', { on: '2026-02-05', destination: 'municipal_housing', exitReason: 'completed' });
      await refer('2026-02-05', personId, facilityB, 'leadB');
      const res = await get(`/api/v1/reports/returns?facilityId=${facilityA}&from=2026-01-01&to=2026-03-20`, 'supervisorA');
      expect(res.status).toBe(200);
      // This exit joins the one above; only that one returned.
      expect(res.body).toMatchObject({ exitsToPermanent: 2, byDestination: { private_rental: 1, municipal_housing: 1 }, reEnteredWithinGraceOnly: 1 });
      expect(res.body.windows.map((w: { returned: number; percent: number }) => [w.returned, w.percent])).toEqual([
        [1, 50],
        [1, 50],
        [1, 50],
      ]);
    });
  });

  describe('OpenAPI response schemas', () => {
    /** Each report and dashboard: its answer here, with this file's data, against the schema the document gives it. */
    const routes: Array<[string, () => string]> = [
      ['/api/v1/reports/outcomes', () => `/api/v1/reports/outcomes?facilityId=${facilityA}&from=2025-10-01&to=2026-03-20`],
      ['/api/v1/reports/returns', () => `/api/v1/reports/returns?facilityId=${facilityA}&from=2026-01-01&to=2026-03-20`],
      ['/api/v1/dashboards/agreements', () => '/api/v1/dashboards/agreements?withinDays=60'],
      ['/api/v1/dashboards/obligations', () => '/api/v1/dashboards/obligations'],
      ['/api/v1/waiting-list/summary', () => '/api/v1/waiting-list/summary'],
      ['/api/v1/facilities/{facilityId}/occupancy', () => `/api/v1/facilities/${facilityA}/occupancy`],
      ['/api/v1/facilities/{facilityId}/occupancy/history', () => `/api/v1/facilities/${facilityA}/occupancy/history?on=2026-01-10`],
    ];

    it.each(routes)('%s answers what its schema documents, and documents every field', async (template, url) => {
      const doc = (await t.request('GET', '/api/openapi.json')).body;
      const schema = responseSchema(doc, template);
      expect(schema.$ref).toMatch(/Dto$/);
      const res = await get(url(), 'auditor');
      expect(res.status).toBe(200);
      expect(conformanceProblems(doc, schema, res.body)).toEqual([]);
      expect(undescribedFields(doc, schema)).toEqual([]);
    });

    it('states the population of each section of the outcome report, in the answer and in the document', async () => {
      const doc = (await t.request('GET', '/api/openapi.json')).body;
      const report = (await get(`/api/v1/reports/outcomes?facilityId=${facilityA}&from=2025-10-01&to=2026-03-20`, 'supervisorA')).body;
      const populations = Object.fromEntries(
        ['breakdown', 'exits', 'offers', 'lengthOfStay', 'staysAtEnd', 'bedNights', 'exclusions', 'incidents'].map((k) => [k, report[k].population]),
      );
      expect(populations).toEqual({
        breakdown: 'offered',
        exits: 'moved_out',
        offers: 'offers_made',
        lengthOfStay: 'moved_out',
        staysAtEnd: 'living_at_end',
        bedNights: 'lived_there',
        exclusions: 'exclusions_decided',
        incidents: 'incidents',
      });
      expect([
        report.ages.offered.population,
        report.ages.livedThere.population,
        report.genders.offered.population,
        report.genders.livedThere.population,
      ]).toEqual(['offered', 'lived_there', 'offered', 'lived_there']);
      const schemas = doc.components.schemas;
      expect(schemas.LengthOfStayDto.properties.population).toMatchObject({
        enum: ['moved_out'],
        description: expect.stringContaining('stays that ended with a move-out in the period'),
      });
      expect(schemas.BedNightsDto.properties.population.description).toContain('people with a stay in the period');
      expect(schemas.OutcomePeopleDto.properties.livingAtEnd.description).toContain('stays still open at the end');
    });
  });
});
