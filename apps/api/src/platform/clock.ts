/** The municipality's time zone unless TIME_ZONE says otherwise: every Norwegian municipality keeps Oslo time. */
export const DEFAULT_TIME_ZONE = 'Europe/Oslo';

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** Whether the runtime knows this IANA time zone (e.g. "Europe/Oslo"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    dayFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The calendar day (YYYY-MM-DD) an instant falls on in a time zone. 23:30 UTC on 31 December is
 * already 1 January in Oslo; never `toISOString().slice(0, 10)`, which is the day in Greenwich.
 */
export function calendarDateIn(instant: Date, timeZone: string): string {
  const parts = dayFormat(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * The first instant of a calendar day in a time zone (midnight there, whatever the offset that day):
 * a search for the minute the day begins, so a day that starts in summer time is found as well.
 */
export function startOfDayIn(day: string, timeZone: string): Date {
  const minute = 60_000;
  let before = Date.parse(`${day}T00:00:00.000Z`) - 15 * 60 * minute; // still the day before everywhere
  let from = before + 30 * 60 * minute; // already the day everywhere
  while (from - before > minute) {
    const mid = before + Math.floor((from - before) / 2 / minute) * minute;
    if (calendarDateIn(new Date(mid), timeZone) >= day) from = mid;
    else before = mid;
  }
  return new Date(from);
}

/**
 * Where ids and time come from, so tests and the demo can control them. The domain gets both passed in.
 * `today()` is the municipality's day (its time zone, TIME_ZONE): every "today", "days left", "days
 * waiting" and "nights so far" is counted from it, never from the UTC date.
 */
export abstract class Clock {
  constructor(readonly timeZone: string = DEFAULT_TIME_ZONE) {}
  abstract now(): Date;
  today(): string {
    return calendarDateIn(this.now(), this.timeZone);
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
