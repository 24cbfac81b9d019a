import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'a long enough password';

/** The right of access: decisions with grounds and appeal notices, and who looked, as JSON and HTML. */
describe('GET /api/v1/people/{personId}/export', () => {
  let t: TestApp;
  let lead: string;
  let personId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.adminToken();
    const facilityId = (
      await t.request('POST', '/api/v1/facilities', {
        token: admin,
        body: {
          name: 'Bolig Nu',
          kind: 'temporary_housing',
          municipality: 'Bodø',
          maxStayDays: 90,
          targetGroup: { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true, requiresCoOccurringDisorder: false },
          exclusionReasons: ['violence_or_threats'],
        },
      })
    ).body.id;
    await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'leder', displayName: 'Leder', password: PASSWORD, grants: [{ role: 'team_lead', facilityIds: [facilityId] }] },
    });
    lead = await t.login('leder', PASSWORD);
    personId = (
      await t.request('POST', '/api/v1/people', {
        token: lead,
        body: { givenName: 'Åse', familyName: '<Ødegård & Co>', birthDate: '1991-03-04', gender: 'female' },
      })
    ).body.id;
    const caseId = (
      await t.request('POST', '/api/v1/cases', {
        token: lead,
        body: {
          personId,
          facilityId,
          on: '2026-09-01',
          referralSource: 'nav',
          referrer: { name: 'NAV' },
          screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: false },
          reason: 'Uten bolig',
          consent: { given: true, scope: 'NAV', date: '2026-09-01' },
        },
      })
    ).body.id;
    await t.request('POST', `/api/v1/cases/${caseId}/assessment-meetings`, {
      token: lead,
      body: { on: '2026-09-03', members: ['Enhetsleder', 'Teamleder'], outcome: 'accepted', notes: 'Passer målgruppen' },
    });
    const decision = await t.request('POST', `/api/v1/cases/${caseId}/decisions`, {
      token: lead,
      body: {
        on: '2026-09-04',
        kind: 'grant',
        legalBasis: 'sotjl_27',
        facts: 'Uten bolig siden august',
        mainConsiderations: 'Midlertidig botilbud er nødvendig',
        decidedBy: 'Enhetsleder',
      },
    });
    expect(decision.status).toBe(201);
    await t.request('GET', `/api/v1/cases/${caseId}?minPosition=${decision.body.position}`, { token: lead });
  });
  afterAll(() => t.close());

  it('gives decisions with their grounds and appeal notice, and the access log', async () => {
    const res = await t.request('GET', `/api/v1/people/${personId}/export`, { token: lead });
    expect(res.status).toBe(200);
    expect(res.body.person[0]).toMatchObject({ type: 'PersonRegistered', data: expect.objectContaining({ givenName: 'Åse' }) });
    expect(res.body.cases).toHaveLength(1);
    expect(res.body.decisions).toEqual([
      expect.objectContaining({
        kind: 'grant',
        legalBasis: 'sotjl_27',
        facts: 'Uten bolig siden august',
        mainConsiderations: 'Midlertidig botilbud er nødvendig',
        appealNotice: expect.objectContaining({ appealBody: 'statsforvalteren', deadlineWeeks: 3 }),
      }),
    ]);
    expect(res.body.accessLog).toEqual(expect.arrayContaining([expect.objectContaining({ view: 'case', actorRole: 'team_lead', flagged: false })]));
  });

  it('renders a printable Norwegian document, escaping what it shows', async () => {
    const res = await t.request('GET', `/api/v1/people/${personId}/export.html`, { token: lead });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html: string = res.body;
    expect(html).toMatch(/^<!doctype html>\s*<html lang="nb">/);
    for (const heading of ['Innsyn i egne opplysninger', 'Personopplysninger', 'Vedtak', 'Hvem har sett opplysningene dine']) expect(html).toContain(heading);
    expect(html).toContain('Klagefristen er 3 uker');
    expect(html).toContain('Statsforvalteren');
    expect(html).toContain('&lt;Ødegård &amp; Co&gt;');
    expect(html).not.toContain('<Ødegård & Co>');
    expect(html.match(/<table>/g)?.length).toBe(html.match(/<\/table>/g)?.length);
  });
});
