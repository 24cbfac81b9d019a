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
const none: OutcomeFacts = { offers: [], stays: [], waitingList: [], withdrawals: [], exclusions: [], incidents: [] };
const period = { from: '2025-01-01', to: '2025-01-31', facilityIds: ['f1'] };

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
    expect(report.bedNights).toBe(4 + 2 + 22);
    expect(report.people).toMatchObject({ livedThere: 3, movedOut: 1, livingAtEnd: 2 });
    // Only the stay that ended in the period counts for length of stay, with its whole length.
    expect(report.lengthOfStay.nights).toEqual({ count: 1, mean: 16, median: 16, min: 16, max: 16 });
    // Only the stay that ended in the period, in its band.
    expect(report.lengthOfStay.bands.map((b) => [b.band, b.stays])).toEqual([['0-7', 0], ['8-30', 1], ['31-90', 0], ['91-180', 0], ['181+', 0]]);
    expect(report.exits.byDestination.private_rental).toBe(1);
    expect(report.exits.byCategory.permanent).toBe(1);
  });

  it('bands the lengths of the stays that ended, each upper bound included', () => {
    const ended = [7, 8, 90, 91, 181].map((n, i) => stay({ caseId: `s${i}`, personId: `p${i}`, ...out('2024-01-01', '2025-01-15', n, 'transit', 'temporary') }));
    const report = buildOutcomeReport({ ...none, stays: ended }, period);
    expect(report.lengthOfStay.bands.map((b) => [b.band, b.stays])).toEqual([['0-7', 1], ['8-30', 1], ['31-90', 1], ['91-180', 1], ['181+', 1]]);
  });

  it('puts every person offered a place in exactly one group of Bolig Nu\'s table', () => {
    const offer = (caseId: string, personId: string, status: string, answeredOn: string | null = '2025-01-03') => ({ caseId, personId, offeredOn: '2025-01-02', status, answeredOn });
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
    expect(report.breakdown.total).toBe(6);
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
    expect(report.offers).toEqual({ made: 7, accepted: 5, declined: 1, expired: 0, openAtEnd: 1 });
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
    expect(report.ages).toEqual({ basis: 'age_on_move_in', people: 2, min: 18, max: 57, mean: 37.5, under25: 1 });
    expect(report.genders).toEqual({ female: { people: 1, stays: 2, minNights: 3, maxNights: 39 }, male: { people: 1, stays: 1, minNights: 181, maxNights: 181 } });
    expect(report.staysOver90Nights).toBe(1);
    expect(report.incidents.byMonth).toEqual([
      { month: '2025-01', total: 2, byKind: { police_callout: 2 } },
      { month: '2025-02', total: 0, byKind: {} },
    ]);
  });

  it('writes a Norwegian-friendly CSV: BOM, header, semicolons, decimal comma, CRLF', () => {
    const report = buildOutcomeReport({ ...none, stays: [stay({ caseId: 'a', personId: 'pa', ...out('2025-01-01', '2025-01-04', 3, 'transit', 'temporary') }), stay({ caseId: 'b', personId: 'pb', ...out('2025-01-01', '2025-01-05', 4, 'transit', 'temporary') })] }, period);
    const csv = outcomeReportCsv(report);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('section;measure;group;value;label');
    expect(lines).toContain('length_of_stay;mean_nights;;3,5;Gjennomsnittlig botid (døgn) for de som er flyttet ut');
    expect(lines).toContain('exits;destination;transit;2;Utflyttet til: Transitt');
    expect(lines).toContain('period;facility;;f1;Botiltak');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
