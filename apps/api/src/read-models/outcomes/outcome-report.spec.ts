import { buildOutcomeReport, OutcomeFacts } from './outcome-report';
import { CSV_BOM, outcomeReportCsv } from './outcome-report.csv';

type Stay = OutcomeFacts['stays'][number];
const stay = (over: Partial<Stay> & Pick<Stay, 'caseId' | 'personId' | 'movedInOn'>): Stay => ({
  ageOnMoveIn: 30,
  movedOutOn: null,
  destination: null,
  destinationCategory: null,
  exitReason: null,
  nights: null,
  exclusionId: null,
  gender: 'male',
  ...over,
});
const out = (movedInOn: string, movedOutOn: string, nights: number, destination: string, category: string, exitReason = 'completed') => ({
  movedInOn,
  movedOutOn,
  nights,
  destination,
  destinationCategory: category,
  exitReason,
});
const none: OutcomeFacts = { offers: [], stays: [], waitingList: [], withdrawals: [], exclusions: [], incidents: [], decisions: [] };
/** "Today" long after the period: every night of it has happened. */
const period = { from: '2025-01-01', to: '2025-01-31', facilityIds: ['f1'], today: '2026-06-01' };
type Offer = OutcomeFacts['offers'][number];
const offerOf = (caseId: string, personId: string, status: string, answeredOn: string | null = '2025-01-03', over: Partial<Offer> = {}): Offer => ({
  caseId,
  personId,
  offeredOn: '2025-01-02',
  status,
  answeredOn,
  ageOnReferral: 30,
  gender: 'male',
  ...over,
});

describe('outcome report', () => {
  it('counts bed-nights inside the period only, a night on the day it begins, the last day included for those still there', () => {
    const report = buildOutcomeReport(
      {
        ...none,
        stays: [
          stay({ caseId: 'a', personId: 'pa', ...out('2024-12-20', '2025-01-05', 16, 'private_rental', 'permanent') }), // 4 nights in January
          stay({ caseId: 'b', personId: 'pb', movedInOn: '2025-01-30' }), // 30th and 31st
          stay({ caseId: 'c', personId: 'pc', ...out('2025-01-10', '2025-02-10', 31, 'transit', 'temporary') }), // 10th–31st: 22
        ],
      },
      period,
    );
    expect(report.bedNights).toEqual({ population: 'lived_there', nights: 4 + 2 + 22 });
    expect(report.countedTo).toBe('2025-01-31');
    expect(report.people).toMatchObject({ livedThere: 3, movedOut: 1, livingAtEnd: 2 });
    // Only the stay that ended in the period counts for length of stay, with its whole length.
    expect(report.lengthOfStay).toMatchObject({
      population: 'moved_out',
      basis: 'stays_moved_out_in_period',
      nights: { count: 1, mean: 16, median: 16, min: 16, max: 16 },
    });
    // The two still there at the end, with their nights so far (2 and 22).
    expect(report.staysAtEnd).toEqual({
      population: 'living_at_end',
      basis: 'nights_so_far',
      nightsSoFar: { count: 2, mean: 12, median: 12, min: 2, max: 22 },
      over90Nights: 0,
    });
    // Only the stay that ended in the period, in its band.
    expect(report.lengthOfStay.bands.map((b) => [b.band, b.stays])).toEqual([
      ['0-7', 0],
      ['8-30', 1],
      ['31-90', 0],
      ['91-180', 0],
      ['181+', 0],
    ]);
    expect(report.exits.byDestination.private_rental).toBe(1);
    expect(report.exits.byCategory.permanent).toBe(1);
  });

  it('bands the lengths of the stays that ended, each upper bound included', () => {
    const ended = [7, 8, 90, 91, 181].map((n, i) =>
      stay({ caseId: `s${i}`, personId: `p${i}`, ...out('2024-01-01', '2025-01-15', n, 'transit', 'temporary') }),
    );
    const report = buildOutcomeReport({ ...none, stays: ended }, period);
    expect(report.lengthOfStay.bands.map((b) => [b.band, b.stays])).toEqual([
      ['0-7', 1],
      ['8-30', 1],
      ['31-90', 1],
      ['91-180', 1],
      ['181+', 1],
    ]);
  });

  it("puts every person offered a place in exactly one group of Bolig Nu's table", () => {
    const offer = offerOf;
    const report = buildOutcomeReport(
      {
        ...none,
        offers: [
          offer('t1', 'twice', 'accepted'),
          offer('t2', 'twice', 'accepted'),
          offer('d', 'decliner', 'declined'),
          offer('late', 'late-answer', 'declined', '2025-02-02'), // answered after the period: still open at its end
          offer('l', 'living', 'accepted'),
          offer('x', 'excluded', 'accepted'),
          offer('m', 'mover', 'accepted'),
        ],
        stays: [
          stay({ caseId: 't1', personId: 'twice', ...out('2025-01-03', '2025-01-05', 2, 'institution', 'institutional') }),
          stay({ caseId: 't2', personId: 'twice', movedInOn: '2025-01-20' }),
          stay({ caseId: 'l', personId: 'living', movedInOn: '2025-01-03' }),
          stay({ caseId: 'x', personId: 'excluded', ...out('2025-01-03', '2025-01-20', 17, 'unknown', 'other', 'excluded'), exclusionId: 'x1' }),
          stay({ caseId: 'm', personId: 'mover', ...out('2025-01-03', '2025-01-25', 22, 'municipal_housing', 'permanent') }),
        ],
        exclusions: [{ caseId: 'x', exclusionId: 'x1', decidedOn: '2025-01-18', reasons: ['extensive_substance_use'] }],
      },
      period,
    );
    expect(report.breakdown).toMatchObject({ population: 'offered', total: 6 });
    expect(report.breakdown.groups).toEqual({
      municipal_housing: 1,
      private_rental: 0,
      offered_twice: 1,
      transit: 0,
      declined: 1,
      ended_by_service: 1,
      living_at_end: 1,
      not_moved_in: 1,
    });
    expect(report.people).toMatchObject({ offered: 6, offeredTwiceOrMore: 1, declined: 1, endedByService: 1 });
    expect(report.offers).toEqual({ population: 'offers_made', made: 7, accepted: 5, declined: 1, expired: 0, openAtEnd: 1 });
    expect(report.exclusions.decided).toBe(1);
    expect(report.exclusions.byReason).toMatchObject({ extensive_substance_use: 1, extensive_psychiatric_illness: 0 });
    expect(report.exclusions.endedByServiceByReason).toMatchObject({ extensive_substance_use: 1, violence_or_threats: 0 });
  });

  it('counts the waiting list at the end of the period, ages at first move-in, genders with their stays, and incidents per month', () => {
    const report = buildOutcomeReport(
      {
        ...none,
        waitingList: [
          { caseId: 'w1', personId: 'w1', placedOn: '2024-12-01', removedOn: null },
          { caseId: 'w2', personId: 'w2', placedOn: '2025-01-10', removedOn: '2025-02-01' }, // taken off after the end: still waiting then
          { caseId: 'w3', personId: 'w3', placedOn: '2025-01-10', removedOn: '2025-01-31' },
        ],
        withdrawals: [{ caseId: 'w3', withdrawnOn: '2025-01-31', reason: 'found_housing_themselves', fromStatus: 'waitlisted' }],
        stays: [
          stay({ caseId: 'a', personId: 'pa', ageOnMoveIn: 18, gender: 'female', ...out('2025-01-01', '2025-01-04', 3, 'transit', 'temporary') }),
          stay({ caseId: 'b', personId: 'pa', ageOnMoveIn: 19, gender: 'female', movedInOn: '2025-01-21' }), // 11 nights so far
          stay({ caseId: 'c', personId: 'pc', ageOnMoveIn: 57, movedInOn: '2024-09-01' }), // 153 nights: over 90
        ],
        incidents: [
          { occurredOn: '2025-01-05', kind: 'police_callout' },
          { occurredOn: '2025-01-06', kind: 'police_callout' },
        ],
      },
      { ...period, to: '2025-02-28' },
    );
    expect(report.people.waitingAtEnd).toBe(1);
    expect(report.waitingList.withdrawnFoundHousingThemselves).toBe(1);
    expect(report.ages.livedThere).toEqual({ population: 'lived_there', basis: 'age_on_move_in', people: 2, min: 18, max: 57, mean: 37.5, under25: 1 });
    expect(report.genders.livedThere.byGender).toEqual({
      female: { people: 1, stays: 2, minNights: 3, maxNights: 39 },
      male: { people: 1, stays: 1, minNights: 181, maxNights: 181 },
    });
    // The 181-night stay is still open at the end: it is over 90 nights among the stays at the end, not among those that ended.
    expect(report.lengthOfStay.over90Nights).toBe(0);
    expect(report.staysAtEnd.over90Nights).toBe(1);
    expect(report.incidents.byMonth).toEqual([
      { month: '2025-01', total: 2, byKind: { police_callout: 2 } },
      { month: '2025-02', total: 0, byKind: {} },
    ]);
  });

  it('counts only the nights that have happened when the period runs past today', () => {
    // Today is 20 January; the period runs to 31 January.
    const report = buildOutcomeReport(
      {
        ...none,
        stays: [
          stay({ caseId: 'a', personId: 'pa', movedInOn: '2025-01-10' }), // 10th–20th: 11 nights so far
          stay({ caseId: 'b', personId: 'pb', movedInOn: '2024-12-01' }), // 1st–20th in the period: 20
          stay({ caseId: 'c', personId: 'pc', ...out('2025-01-02', '2025-01-05', 3, 'transit', 'temporary') }), // 3
        ],
      },
      { ...period, today: '2025-01-20' },
    );
    expect(report.countedTo).toBe('2025-01-20');
    expect(report.bedNights.nights).toBe(11 + 20 + 3);
    expect(report.staysAtEnd.nightsSoFar).toMatchObject({ count: 2, min: 11, max: 51 });
    expect(report.genders.livedThere.byGender.male).toMatchObject({ stays: 3, minNights: 3, maxNights: 51 });
    // On the day itself, tonight is counted (as the night beginning on `to` is when the period ends today).
    expect(
      buildOutcomeReport({ ...none, stays: [stay({ caseId: 'a', personId: 'pa', movedInOn: '2025-01-10' })] }, { ...period, today: '2025-01-10' }).bedNights
        .nights,
    ).toBe(1);
    // A period wholly in the future has had no nights yet.
    expect(
      buildOutcomeReport({ ...none, stays: [stay({ caseId: 'a', personId: 'pa', movedInOn: '2024-12-01' })] }, { ...period, today: '2024-12-31' }).bedNights
        .nights,
    ).toBe(0);
  });

  it('states the population of every figure, and counts long stays over the same stays as the length of stay', () => {
    const report = buildOutcomeReport(
      {
        ...none,
        stays: [
          stay({ caseId: 'long-out', personId: 'p1', ...out('2024-09-01', '2025-01-10', 131, 'private_rental', 'permanent') }),
          stay({ caseId: 'long-open', personId: 'p2', movedInOn: '2024-09-01' }), // 153 nights by 31 January, still there
          stay({ caseId: 'short', personId: 'p3', ...out('2025-01-05', '2025-01-08', 3, 'transit', 'temporary') }),
        ],
      },
      period,
    );
    expect(report.lengthOfStay).toMatchObject({ population: 'moved_out', nights: { count: 2, min: 3, max: 131 }, over90Nights: 1 });
    expect(report.staysAtEnd).toMatchObject({ population: 'living_at_end', nightsSoFar: { count: 1, max: 153 }, over90Nights: 1 });
    expect(report.exits.population).toBe('moved_out');
    expect(report.incidents.population).toBe('incidents');
    expect(report.exclusions.population).toBe('exclusions_decided');
  });

  it('gives ages and genders over the people offered a place beside those who lived there', () => {
    const report = buildOutcomeReport(
      {
        ...none,
        offers: [
          offerOf('a', 'pa', 'accepted', '2025-01-03', { ageOnReferral: 19, gender: 'female' }),
          offerOf('d', 'pd', 'declined', '2025-01-03', { ageOnReferral: 40, gender: 'female' }), // declined: offered, never lived there
          offerOf('e', 'pe', 'accepted', '2025-01-03', { ageOnReferral: 30, gender: 'male' }),
          // A second offer to pa in another case counts her once, as known at her first offer.
          offerOf('a2', 'pa', 'accepted', '2025-01-20', { offeredOn: '2025-01-19', ageOnReferral: 20, gender: 'female' }),
        ],
        stays: [
          stay({ caseId: 'a', personId: 'pa', ageOnMoveIn: 19, gender: 'female', movedInOn: '2025-01-03' }),
          stay({ caseId: 'e', personId: 'pe', ageOnMoveIn: 31, gender: 'male', movedInOn: '2025-01-03' }),
          // Lived there from before the period, with no offer in it.
          stay({ caseId: 'old', personId: 'po', ageOnMoveIn: 50, gender: null, movedInOn: '2024-06-01' }),
        ],
      },
      period,
    );
    expect(report.people).toMatchObject({ offered: 3, livedThere: 3 });
    expect(report.ages.offered).toEqual({ population: 'offered', basis: 'age_on_referral', people: 3, min: 19, max: 40, mean: 29.7, under25: 1 });
    expect(report.ages.livedThere).toEqual({ population: 'lived_there', basis: 'age_on_move_in', people: 3, min: 19, max: 50, mean: 33.3, under25: 1 });
    expect(report.genders.offered).toEqual({ population: 'offered', basis: 'gender_on_referral', byGender: { female: { people: 2 }, male: { people: 1 } } });
    expect(Object.fromEntries(Object.entries(report.genders.livedThere.byGender).map(([g, v]) => [g, v.people]))).toEqual({ female: 1, male: 1, unknown: 1 });
    expect(report.genders.livedThere.population).toBe('lived_there');
  });

  it('writes a Norwegian-friendly CSV: BOM, header, semicolons, decimal comma, CRLF', () => {
    const report = buildOutcomeReport(
      {
        ...none,
        stays: [
          stay({ caseId: 'a', personId: 'pa', ...out('2025-01-01', '2025-01-04', 3, 'transit', 'temporary') }),
          stay({ caseId: 'b', personId: 'pb', ...out('2025-01-01', '2025-01-05', 4, 'transit', 'temporary') }),
        ],
      },
      period,
    );
    const csv = outcomeReportCsv(report);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('section;measure;group;population;value;label');
    expect(lines).toContain('length_of_stay;mean_nights;;moved_out;3,5;Gjennomsnittlig botid (døgn) for de som er flyttet ut');
    expect(lines).toContain('exits;destination;transit;moved_out;2;Utflyttet til: Transitt');
    expect(lines).toContain('period;facility;;;f1;Botiltak');
    expect(lines).toContain('bed_nights;total;;lived_there;7;Bodøgn i perioden');
    expect(lines).toContain('ages;mean;lived_there;lived_there;30;Gjennomsnittsalder (år), bodd der (alder ved innflytting)');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('counts the days from referral to the first formal decision issued in the period, and those past a month', () => {
    const report = buildOutcomeReport(
      {
        ...none,
        decisions: [
          { caseId: 'a', referredOn: '2026-01-05', issuedOn: '2026-01-15' },
          // A later decision on the same case (a grant after a refusal set aside) is not its first.
          { caseId: 'a', referredOn: '2026-01-05', issuedOn: '2026-03-01' },
          { caseId: 'b', referredOn: '2026-01-10', issuedOn: '2026-02-20' },
          // First decided before the period: not counted in it.
          { caseId: 'c', referredOn: '2025-11-01', issuedOn: '2025-12-01' },
        ],
      },
      { from: '2026-01-01', to: '2026-03-31', facilityIds: 'everywhere', today: '2026-04-01' },
    );
    expect(report.decisionTime).toEqual({
      population: 'first_decisions',
      basis: 'days_from_referral',
      days: { count: 2, mean: 25.5, median: 25.5, min: 10, max: 41 },
      overOneMonth: 1,
    });
  });
});
