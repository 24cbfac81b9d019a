import { BOLIG_NU_FIGURES, BOLIG_NU_PERIOD, BoligNuSeed, seedBoligNu } from '../fixtures/bolig-nu-population';
import { conformanceProblems, responseSchema } from '../support/openapi-conformance';
import { HttpResult, startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'a long enough password';

/**
 * The Bolig Nu test: a population built from the figures of Bolig Nu's report (seed 003), written
 * through the application's services, must give those figures back from the outcome report over
 * 5 May 2014 – 20 March 2015 (see test/fixtures/bolig-nu-population.ts for every decision taken where
 * the seed's figures conflict).
 */
describe('outcome report: Bolig Nu, 5 May 2014 – 20 March 2015', () => {
  let t: TestApp;
  let seed: BoligNuSeed;
  let supervisor: string;
  let report: any;

  /** Reads with the seed's last position; retries while the read models catch up (503). */
  async function get(path: string, token: string): Promise<HttpResult> {
    for (let attempt = 0; ; attempt++) {
      const res = await t.request('GET', path, { token });
      if (res.status !== 503 || attempt > 20) return res;
    }
  }
  const query = () => `facilityId=${seed.facilityId}&from=${BOLIG_NU_PERIOD.from}&to=${BOLIG_NU_PERIOD.to}&minPosition=${seed.lastPosition}`;

  beforeAll(async () => {
    t = await startTestApp();
    seed = await seedBoligNu(t.app);
    const admin = await t.adminToken();
    const created = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: {
        username: 'fagleder.bolignu',
        displayName: 'Fagleder Bolig Nu',
        password: PASSWORD,
        grants: [{ role: 'supervisor', facilityIds: [seed.facilityId] }],
      },
    });
    expect(created.status).toBe(201);
    supervisor = await t.login('fagleder.bolignu', PASSWORD);
    const res = await get(`/api/v1/reports/outcomes?${query()}`, supervisor);
    expect(res.status).toBe(200);
    report = res.body;
  }, 120_000);
  afterAll(async () => t?.close());

  it('was seeded through the domain', () => {
    expect(seed.commands).toBeGreaterThan(600);
    expect(seed.plan.expected).toMatchObject({ livedThere: 52, stays: 54, movedOutStays: 48 });
  });

  it('counts 69 people offered a place and 52 who lived there', () => {
    expect(report.people.offered).toBe(BOLIG_NU_FIGURES.offered);
    expect(report.people.livedThere).toBe(BOLIG_NU_FIGURES.livedThere);
  });

  it("reproduces the seed's table: 4 municipal, 20 private, 2 offered twice, 7 transit, 17 declined, 13 ended by the service, 6 living there now", () => {
    expect(report.breakdown.groups).toMatchObject(BOLIG_NU_FIGURES.breakdown);
    // The seed heads the table "of 68"; its groups add up to 69, every person offered a place (fixture, decision 1).
    expect(report.breakdown.total).toBe(69);
    expect(Object.values(report.breakdown.groups as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(69);
    expect(report.people).toMatchObject({ offeredTwiceOrMore: 2, declined: 17, endedByService: 13, livingAtEnd: 6 });
  });

  it('has 3 on the waiting list on 20 March, and 13 who found housing themselves while waiting', () => {
    expect(report.people.waitingAtEnd).toBe(BOLIG_NU_FIGURES.waitingAtEnd);
    expect(report.waitingList.withdrawnFoundHousingThemselves).toBe(BOLIG_NU_FIGURES.foundHousingThemselvesWhileWaiting);
  });

  it('gives ages 18–57, mean 34, 13 under 25 (at move-in) of the 52 who lived there', () => {
    expect(report.ages.livedThere).toEqual({ population: 'lived_there', basis: 'age_on_move_in', people: 52, ...BOLIG_NU_FIGURES.ages });
    // Beside them the 69 offered a place, at their referral (the 17 who declined were 20 to 54).
    expect(report.ages.offered).toMatchObject({ population: 'offered', basis: 'age_on_referral', people: 69, min: 18, max: 57 });
  });

  it('counts 11 women with stays of 3 to 90 nights', () => {
    expect(report.genders.livedThere.byGender.female).toEqual({ people: 11, stays: 11, minNights: 3, maxNights: 90 });
    expect(report.genders.livedThere.byGender.male.people).toBe(41);
    // Of the 69 offered a place, 16 women: the 11 who lived there and 5 of the 17 who declined.
    expect(report.genders.offered.byGender).toEqual({ female: { people: 16 }, male: { people: 53 } });
  });

  it('gives a mean stay of about 41 nights for those who moved out, from 1 to 240', () => {
    const los = report.lengthOfStay.nights;
    expect(Math.round(los.mean)).toBe(BOLIG_NU_FIGURES.lengthOfStayMovedOut.meanAbout);
    expect(los).toMatchObject({ count: 48, min: 1, max: 240 });
  });

  it('counts 2,394 bed-nights, and 4 stays over 90 nights (each extended with a written justification)', () => {
    expect(report.bedNights).toEqual({ population: 'lived_there', nights: BOLIG_NU_FIGURES.bedNights });
    // The four that passed 90 nights had all ended: counted over the same stays as the length of stay.
    expect(report.lengthOfStay.over90Nights).toBe(BOLIG_NU_FIGURES.staysOver90Nights);
    expect(report.staysAtEnd).toMatchObject({ population: 'living_at_end', nightsSoFar: { count: 6, min: 45, max: 88 }, over90Nights: 0 });
  });

  it('has 7 ended for heavy substance use and 2 for heavy psychiatric illness', () => {
    expect(report.exclusions.endedByServiceByReason).toMatchObject(BOLIG_NU_FIGURES.endedFor);
    expect(report.exclusions.decided).toBe(13);
  });

  it('counts exits by destination and category the same way as the table', () => {
    expect(report.exits.total).toBe(48);
    expect(report.exits.byDestination).toMatchObject({ municipal_housing: 4, private_rental: 20, transit: 7 });
    expect(report.exits.byCategory.permanent).toBe(24);
    expect(report.exits.byReason).toEqual({ completed: 35, left_voluntarily: 0, excluded: 13 });
    expect(report.offers).toEqual({ population: 'offers_made', made: 71, accepted: 54, declined: 17, expired: 0, openAtEnd: 0 });
  });

  it('lists incidents per month over the whole period', () => {
    expect(report.incidents.byMonth.map((m: { month: string }) => m.month)).toEqual([
      '2014-05',
      '2014-06',
      '2014-07',
      '2014-08',
      '2014-09',
      '2014-10',
      '2014-11',
      '2014-12',
      '2015-01',
      '2015-02',
      '2015-03',
    ]);
    expect(report.incidents.total).toBe(seed.plan.expected.incidents);
    expect(report.incidents.byMonth.reduce((sum: number, m: { total: number }) => sum + m.total, 0)).toBe(seed.plan.expected.incidents);
  });

  it('answers exactly what the OpenAPI document says the report is', async () => {
    const doc = (await t.request('GET', '/api/openapi.json')).body;
    expect(conformanceProblems(doc, responseSchema(doc, '/api/v1/reports/outcomes'), report)).toEqual([]);
  });

  it('downloads the same report as CSV (UTF-8 with BOM, semicolons, decimal comma)', async () => {
    const res = await fetch(`${t.url}/api/v1/reports/outcomes.csv?${query()}`, { headers: { authorization: `Bearer ${supervisor}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="utfall_${seed.facilityId}_2014-05-05_2015-03-20.csv"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('section;measure;group;population;value;label');
    expect(lines).toEqual(
      expect.arrayContaining([
        'people;offered;;offered;69;Personer som har fått tilbud',
        'bed_nights;total;;lived_there;2394;Bodøgn i perioden',
        'breakdown;people;private_rental;offered;20;Privat bolig',
        'ages;mean;lived_there;lived_there;34;Gjennomsnittsalder (år), bodd der (alder ved innflytting)',
        'gender;people;female;lived_there;11;Beboere: Kvinner',
        'gender;people;female;offered;16;Fått tilbud: Kvinner',
        'length_of_stay;over_90_nights;;moved_out;4;Avsluttede opphold over 90 døgn',
        'exclusions;ended_by_service_reason;extensive_substance_use;moved_out;7;Avsluttet av tilbudet, grunnlag: Omfattende rusproblematikk',
      ]),
    );
  });

  it('finds no returns to homelessness among those who left for a permanent home (none was referred again)', async () => {
    const res = await get(`/api/v1/reports/returns?${query()}`, supervisor);
    expect(res.status).toBe(200);
    expect(res.body.exitsToPermanent).toBe(24);
    expect(res.body.windows.map((w: { returned: number }) => w.returned)).toEqual([0, 0, 0]);
  });
});
