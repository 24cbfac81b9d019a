import { addDays, dayOfWeek } from './dates';
import { easterSunday, isNorwegianHoliday, isWorkingDay, nextWorkingDay, norwegianHolidays } from './norwegian-holidays';

/** Gauss's Easter formula with its two Gregorian exceptions: an independent computation to check against. */
function gaussEaster(year: number): string {
  const a = year % 19;
  const b = year % 4;
  const c = year % 7;
  const k = Math.floor(year / 100);
  const p = Math.floor((13 + 8 * k) / 25);
  const q = Math.floor(k / 4);
  const M = (15 - p + k - q) % 30;
  const N = (4 + k - q) % 7;
  const d = (19 * a + M) % 30;
  const e = (2 * b + 4 * c + 6 * d + N) % 7;
  let march = 22 + d + e;
  if (d === 29 && e === 6)
    march = 50; // 19 April
  else if (d === 28 && e === 6 && (11 * M + 11) % 30 < 19) march = 49; // 18 April
  const [month, day] = march > 31 ? [4, march - 31] : [3, march];
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

describe('Norwegian public holidays', () => {
  it('puts Easter Sunday where the almanac has it', () => {
    const known: Record<number, string> = {
      1818: '1818-03-22', // the earliest possible
      1943: '1943-04-25', // the latest possible
      1954: '1954-04-18',
      1981: '1981-04-19', // Gauss's two exceptions
      2000: '2000-04-23',
      2008: '2008-03-23',
      2011: '2011-04-24',
      2014: '2014-04-20',
      2015: '2015-04-05',
      2019: '2019-04-21',
      2020: '2020-04-12',
      2021: '2021-04-04',
      2022: '2022-04-17',
      2023: '2023-04-09',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2026: '2026-04-05',
      2027: '2027-03-28',
      2028: '2028-04-16',
      2029: '2029-04-01',
      2030: '2030-04-21',
      2038: '2038-04-25',
      2076: '2076-04-19',
      2285: '2285-03-22',
    };
    for (const [year, date] of Object.entries(known)) expect([year, easterSunday(Number(year))]).toEqual([year, date]);
  });

  it('agrees with Gauss’s formula, on a Sunday between 22 March and 25 April, for every year from 1583 to 4099', () => {
    for (let year = 1583; year <= 4099; year++) {
      const easter = easterSunday(year);
      if (easter !== gaussEaster(year) || dayOfWeek(easter) !== 0 || easter.slice(5) < '03-22' || easter.slice(5) > '04-25') {
        throw new Error(`Easter ${year}: ${easter} (Gauss ${gaussEaster(year)}, weekday ${dayOfWeek(easter)})`);
      }
    }
  });

  it('lists the twelve holidays of a year, movable ones counted from Easter', () => {
    expect(norwegianHolidays(2026)).toEqual([
      { date: '2026-01-01', holiday: 'new_years_day' },
      { date: '2026-04-02', holiday: 'maundy_thursday' },
      { date: '2026-04-03', holiday: 'good_friday' },
      { date: '2026-04-05', holiday: 'easter_sunday' },
      { date: '2026-04-06', holiday: 'easter_monday' },
      { date: '2026-05-01', holiday: 'labour_day' },
      { date: '2026-05-14', holiday: 'ascension_day' },
      { date: '2026-05-17', holiday: 'constitution_day' },
      { date: '2026-05-24', holiday: 'whit_sunday' },
      { date: '2026-05-25', holiday: 'whit_monday' },
      { date: '2026-12-25', holiday: 'christmas_day' },
      { date: '2026-12-26', holiday: 'boxing_day' },
    ]);
  });

  it('keeps the weekdays of the movable holidays in every year', () => {
    for (let year = 1900; year <= 2200; year++) {
      const weekday = Object.fromEntries(norwegianHolidays(year).map((h) => [h.holiday, dayOfWeek(h.date)]));
      expect([year, weekday.maundy_thursday, weekday.good_friday, weekday.easter_monday, weekday.ascension_day, weekday.whit_monday]).toEqual([
        year,
        4,
        5,
        1,
        4,
        1,
      ]);
      expect(norwegianHolidays(year)).toHaveLength(12);
    }
  });

  it('knows working days: weekdays that are no holiday', () => {
    expect(isWorkingDay('2026-04-01')).toBe(true); // Wednesday before Easter
    expect(['2026-04-02', '2026-04-03', '2026-04-04', '2026-04-05', '2026-04-06'].map(isWorkingDay)).toEqual([false, false, false, false, false]);
    expect(isNorwegianHoliday('2026-04-04')).toBe(false); // Easter Saturday is no holiday, only a Saturday
    expect(isWorkingDay('2025-05-01')).toBe(false);
    expect(isWorkingDay('2025-05-02')).toBe(true);
    expect(isWorkingDay('2025-12-24')).toBe(true); // Christmas Eve is a working day
    expect(isWorkingDay('2025-12-31')).toBe(true);
  });

  it('moves to the next working day, over Easter, Christmas, 17 May and weekends', () => {
    expect(nextWorkingDay('2026-04-02')).toBe('2026-04-07'); // Maundy Thursday → the Tuesday after Easter
    expect(nextWorkingDay('2026-12-25')).toBe('2026-12-28'); // Christmas Friday → Monday
    expect(nextWorkingDay('2026-05-17')).toBe('2026-05-18'); // 17 May on a Sunday
    expect(nextWorkingDay('2027-05-17')).toBe('2027-05-18'); // 17 May on a Monday → Tuesday
    expect(nextWorkingDay('2026-05-23')).toBe('2026-05-26'); // Saturday before Whit Sunday → Tuesday
    expect(nextWorkingDay('2031-12-31')).toBe('2031-12-31'); // a Wednesday stays
    expect(nextWorkingDay('2032-01-01')).toBe('2032-01-02');
    // Every day of a long span lands on a working day no later than needed.
    for (let day = '2024-01-01'; day < '2030-01-01'; day = addDays(day, 1)) {
      const next = nextWorkingDay(day);
      expect(isWorkingDay(next)).toBe(true);
      for (let between = day; between < next; between = addDays(between, 1)) expect(isWorkingDay(between)).toBe(false);
    }
  });
});
