/**
 * The municipality's time zone. Effective dates are calendar days there, whatever zone the browser is
 * set to; the API states its zone in the OpenAPI document (info['x-time-zone']), which sets it here.
 */
let municipalTimeZone = 'Europe/Oslo';

export function setMunicipalTimeZone(timeZone: string | undefined): void {
  if (!timeZone) return;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    municipalTimeZone = timeZone;
  } catch {
    /* a zone this browser does not know: keep Oslo */
  }
}

/** The calendar day (YYYY-MM-DD) an instant falls on in the municipality's time zone. */
export function dayOf(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: municipalTimeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Today as YYYY-MM-DD in the municipality's time zone (the API's effective dates are its days). */
export function today(): string {
  return dayOf(new Date());
}

/** An instant as date and time in the municipality's time zone (what staff there read), not the browser's. */
export function formatDateTime(iso: string, lang: string): string {
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'nb-NO', { dateStyle: 'short', timeStyle: 'short', timeZone: municipalTimeZone });
}

/** Whether a value is a calendar day as the API sends it (YYYY-MM-DD), to be shown through formatDate. */
export function isIsoDay(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** A calendar day (YYYY-MM-DD, already the municipality's) as the reader writes dates: 04.12.2026. */
export function formatDate(isoDate: string, lang: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(lang === 'en' ? 'en-GB' : 'nb-NO', { dateStyle: 'short', timeZone: 'UTC' });
}

/** A calendar month (YYYY-MM) in words, as the reader writes it: "mars 2026", "March 2026". */
export function formatMonth(isoMonth: string, lang: string): string {
  const [y, m] = isoMonth.split('-').map(Number);
  if (!y || !m) return isoMonth;
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(lang === 'en' ? 'en-GB' : 'nb-NO', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The wall-clock time (YYYY-MM-DDTHH:mm, what a datetime-local input holds) of an instant in the municipality's zone. */
export function wallTimeOf(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: municipalTimeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/**
 * The instant (ISO 8601, UTC) a wall-clock time in the municipality's zone stands for: the offset is
 * found at the time itself, so a time in summer is read as summer time whatever the browser's zone.
 * An input the browser left malformed is returned as it is, for the API to refuse.
 */
export function instantOfWallTime(wallTime: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(wallTime)) return wallTime;
  const guess = Date.parse(`${wallTime}:00Z`);
  if (Number.isNaN(guess)) return wallTime;
  const offsetAt = (t: number) => Date.parse(`${wallTimeOf(new Date(t))}:00Z`) - Math.floor(t / 60_000) * 60_000;
  let instant = guess - offsetAt(guess);
  instant = guess - offsetAt(instant);
  return new Date(instant).toISOString();
}

/** YYYY-MM-DD plus n calendar days (done in UTC so no daylight-saving day is lost or doubled). */
export function addDays(isoDate: string, n: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
