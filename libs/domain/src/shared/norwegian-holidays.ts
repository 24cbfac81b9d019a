import { addDays, dayOfWeek, IsoDate } from './dates';

/**
 * Norwegian public holidays, computed for any year (never a hand-kept list that runs out):
 * - the helligdager of lov 24. februar 1995 nr. 12 om helligdager og helligdagsfred § 2 besides
 *   Sundays: nyttårsdag (1 January), skjærtorsdag, langfredag, første and andre påskedag, Kristi
 *   himmelfartsdag, første and andre pinsedag, første and andre juledag (25 and 26 December);
 * - the høgtidsdagar of lov 26. april 1947 nr. 1 om 1. og 17. mai som høgtidsdagar: 1 and 17 May,
 *   which the law treats as Sundays for most purposes ("likestilt med helgedag").
 * The movable ones follow Easter Sunday, the first Sunday after the first ecclesiastical full moon
 * on or after 21 March (§ 2 bokstav e as amended after Prop. 81 L (2010–2011); the Gregorian
 * computus, which the Almanakk-komiteen at the University of Oslo uses).
 */
export const NORWEGIAN_HOLIDAYS = [
  'new_years_day',
  'maundy_thursday',
  'good_friday',
  'easter_sunday',
  'easter_monday',
  'labour_day',
  'constitution_day',
  'ascension_day',
  'whit_sunday',
  'whit_monday',
  'christmas_day',
  'boxing_day',
] as const;
export type NorwegianHoliday = (typeof NORWEGIAN_HOLIDAYS)[number];

/**
 * Easter Sunday in the Gregorian calendar, by the anonymous Gregorian algorithm (Meeus, Astronomical
 * Algorithms, ch. 8; "Meeus/Jones/Butcher"): exact for every year from 1583 on.
 */
export function easterSunday(year: number): IsoDate {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new RangeError(`No Gregorian Easter computed for ${year}`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Every Norwegian public holiday of a year, in calendar order. */
export function norwegianHolidays(year: number): ReadonlyArray<{ readonly date: IsoDate; readonly holiday: NorwegianHoliday }> {
  const easter = easterSunday(year);
  const y = String(year).padStart(4, '0');
  const days: Array<{ date: IsoDate; holiday: NorwegianHoliday }> = [
    { date: `${y}-01-01`, holiday: 'new_years_day' },
    { date: addDays(easter, -3), holiday: 'maundy_thursday' },
    { date: addDays(easter, -2), holiday: 'good_friday' },
    { date: easter, holiday: 'easter_sunday' },
    { date: addDays(easter, 1), holiday: 'easter_monday' },
    { date: `${y}-05-01`, holiday: 'labour_day' },
    { date: `${y}-05-17`, holiday: 'constitution_day' },
    { date: addDays(easter, 39), holiday: 'ascension_day' },
    { date: addDays(easter, 49), holiday: 'whit_sunday' },
    { date: addDays(easter, 50), holiday: 'whit_monday' },
    { date: `${y}-12-25`, holiday: 'christmas_day' },
    { date: `${y}-12-26`, holiday: 'boxing_day' },
  ];
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

const byYear = new Map<number, ReadonlySet<IsoDate>>();
function holidaySet(year: number): ReadonlySet<IsoDate> {
  let set = byYear.get(year);
  if (!set) {
    set = new Set(norwegianHolidays(year).map((h) => h.date));
    byYear.set(year, set);
  }
  return set;
}

export function isNorwegianHoliday(date: IsoDate): boolean {
  return holidaySet(Number(date.slice(0, 4))).has(date);
}

/** A working day (virkedag): not a Saturday, not a Sunday, not a public holiday. */
export function isWorkingDay(date: IsoDate): boolean {
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6 && !isNorwegianHoliday(date);
}

/** `date` if it is a working day, else the next one (Easter can string five days off together). */
export function nextWorkingDay(date: IsoDate): IsoDate {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}
