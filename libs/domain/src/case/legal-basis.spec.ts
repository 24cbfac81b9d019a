import { addDays, dayOfWeek } from '../shared/dates';
import { isWorkingDay } from '../shared/norwegian-holidays';
import { appealNoticeFor, citationOf, isLateAppeal, lastDayToAppeal, LEGAL_BASES } from './legal-basis';

describe('appeal notice', () => {
  it.each(['hotl_3_2', 'pbrl_2_1a'] as const)('gives 4 weeks under pbrl § 7-5 for %s', (basis) => {
    expect(appealNoticeFor(basis, '2025-01-15')).toEqual({
      appealBody: 'statsforvalteren',
      deadlineRule: 'pbrl_7_5',
      deadlineWeeks: 4,
      deadline: '2025-02-12',
      texts: ['decision.notice.right_to_appeal', 'decision.notice.how_to_appeal', 'decision.notice.right_to_see_documents'],
    });
  });
  it.each(['boligsosial_lov_6', 'sotjl_27'] as const)('gives 3 weeks under fvl § 29 for %s', (basis) => {
    const notice = appealNoticeFor(basis, '2025-01-15');
    expect(notice).toMatchObject({ appealBody: 'statsforvalteren', deadlineRule: 'fvl_29', deadlineWeeks: 3, deadline: '2025-02-05' });
  });
  it('counts from the day the person was told, across month and year ends', () => {
    expect(appealNoticeFor('sotjl_27', '2024-12-20').deadline).toBe('2025-01-10');
    expect(appealNoticeFor('hotl_3_2', '2024-02-14').deadline).toBe('2024-03-13'); // leap year
  });
  it('moves a deadline that ends on a Saturday or Sunday to the Monday (domstolloven § 149, by analogy)', () => {
    // Told on Saturday 10 February 2024: four weeks end on Saturday 9 March.
    expect(appealNoticeFor('hotl_3_2', '2024-02-10')).toMatchObject({ deadline: '2024-03-11', deadlineMovedFrom: '2024-03-09' });
    expect(appealNoticeFor('sotjl_27', '2025-02-02')).toMatchObject({ deadline: '2025-02-24', deadlineMovedFrom: '2025-02-23' }); // a Sunday
    expect(appealNoticeFor('sotjl_27', '2025-01-15')).not.toHaveProperty('deadlineMovedFrom');
  });
  it('moves a deadline that ends on a public holiday past it, and past Easter as a whole', () => {
    // Three weeks from 12 March 2026 end on Maundy Thursday, 2 April: then Good Friday, the weekend and Easter Monday.
    expect(appealNoticeFor('sotjl_27', '2026-03-12')).toMatchObject({ deadline: '2026-04-07', deadlineMovedFrom: '2026-04-02' });
    expect(appealNoticeFor('sotjl_27', '2026-04-26').deadline).toBe('2026-05-18'); // 17 May 2026 is a Sunday
    expect(appealNoticeFor('sotjl_27', '2027-04-26').deadline).toBe('2027-05-18'); // 17 May 2027 is Whit Monday
    expect(appealNoticeFor('hotl_3_2', '2025-11-27').deadline).toBe('2025-12-29'); // 25 December, a Thursday → Monday 29th
    expect(appealNoticeFor('sotjl_27', '2025-04-10').deadline).toBe('2025-05-02'); // 1 May
    expect(appealNoticeFor('sotjl_27', '2025-05-08').deadline).toBe('2025-05-30'); // Ascension Day, 29 May
    expect(appealNoticeFor('hotl_3_2', '2025-12-04').deadline).toBe('2026-01-02'); // New Year's Day
  });
  it('always ends on a working day, never earlier than the weeks allow and no later than needed, in every year', () => {
    for (let told = '2020-01-01'; told < '2031-01-01'; told = addDays(told, 1)) {
      for (const basis of ['sotjl_27', 'hotl_3_2'] as const) {
        const notice = appealNoticeFor(basis, told);
        const weeksEnd = addDays(told, notice.deadlineWeeks * 7);
        if (!isWorkingDay(notice.deadline) || notice.deadline < weeksEnd) throw new Error(`${basis} told ${told}: ${notice.deadline}`);
        for (let day = weeksEnd; day < notice.deadline; day = addDays(day, 1))
          if (isWorkingDay(day)) throw new Error(`${basis} told ${told}: ${day} was a working day`);
        if (dayOfWeek(notice.deadline) === 6 || dayOfWeek(notice.deadline) === 0) throw new Error(`${basis} told ${told}: weekend ${notice.deadline}`);
      }
    }
  });
  it('gives an appeal against a decision recorded with an unmoved deadline until the next working day', () => {
    // A notice recorded before deadlines were moved, ending on Saturday 9 March 2024.
    const recorded = { deadline: '2024-03-09' };
    expect(lastDayToAppeal(recorded)).toBe('2024-03-11');
    expect(isLateAppeal(recorded, '2024-03-11')).toBe(false);
    expect(isLateAppeal(recorded, '2024-03-12')).toBe(true);
  });
  it('flags an appeal received after the deadline as late, and one on the last day as in time', () => {
    const notice = appealNoticeFor('sotjl_27', '2025-01-15');
    expect(isLateAppeal(notice, '2025-02-05')).toBe(false);
    expect(isLateAppeal(notice, '2025-02-06')).toBe(true);
  });
  it('cites every basis', () => {
    for (const basis of LEGAL_BASES) expect(citationOf(basis)).toMatch(/§/);
  });
});
