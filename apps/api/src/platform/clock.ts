/** The municipality's time zone unless TIME_ZONE says otherwise: every Norwegian municipality keeps Oslo time. */
export const DEFAULT_TIME_ZONE = 'Europe/Oslo';

const FIELDS = {
  day: { year: 'numeric', month: '2-digit', day: '2-digit' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(timeZone: string, fields: keyof typeof FIELDS): Intl.DateTimeFormat {
  const key = `${fields} ${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, ...FIELDS[fields] });
    formats.set(key, format);
  }
  return format;
}
const dayFormat = (timeZone: string) => formatIn(timeZone, 'day');

/** Whether the runtime knows this IANA time zone (e.g. "Europe/Oslo"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    dayFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

function partsIn(instant: Date, timeZone: string, fields: keyof typeof FIELDS) {
  const parts = formatIn(timeZone, fields).formatToParts(instant);
  return (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
}

/**
 * The calendar day (YYYY-MM-DD) an instant falls on in a time zone. 23:30 UTC on 31 December is
 * already 1 January in Oslo; never `toISOString().slice(0, 10)`, which is the day in Greenwich.
 */
export function calendarDateIn(instant: Date, timeZone: string): string {
  const part = partsIn(instant, timeZone, 'day');
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The time on the wall clock (HH:mm, 24 hours) an instant shows in a time zone. */
export function clockTimeIn(instant: Date, timeZone: string): string {
  const part = partsIn(instant, timeZone, 'time');
  return `${part('hour')}:${part('minute')}`;
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
