import { formatDate, formatDateTime, formatMonth, instantOfWallTime, isIsoDay, setMunicipalTimeZone, today, wallTimeOf } from './dates';
import { lastTwelveMonths } from './period';

/** The UI fills in "today" as the municipality's day, whatever zone the browser (here the test process) is in. */
describe('today in the admin UI', () => {
  afterEach(() => {
    jest.useRealTimers();
    setMunicipalTimeZone('Europe/Oslo');
  });

  it('is 1 January at 00:30 Oslo time, when it is still 31 December in UTC', () => {
    jest.useFakeTimers({ now: new Date('2025-12-31T23:30:00Z') });
    expect(today()).toBe('2026-01-01');
    expect(lastTwelveMonths()).toEqual({ from: '2025-02-01', to: '2026-01-01' });
  });

  it('turns at local midnight in summer time too', () => {
    jest.useFakeTimers({ now: new Date('2026-06-30T21:59:00Z') });
    expect(today()).toBe('2026-06-30');
    jest.setSystemTime(new Date('2026-06-30T22:00:00Z'));
    expect(today()).toBe('2026-07-01');
  });

  it('follows the zone the API states, and keeps Oslo for one the browser does not know', () => {
    jest.useFakeTimers({ now: new Date('2025-12-31T23:30:00Z') });
    setMunicipalTimeZone('UTC');
    expect(today()).toBe('2025-12-31');
    setMunicipalTimeZone('Not/A_Zone');
    expect(today()).toBe('2025-12-31');
    setMunicipalTimeZone('Europe/Oslo');
    expect(today()).toBe('2026-01-01');
  });
});

/** Found at 00:12 Oslo time by the stale-page browser test: a recorded time was shown in the browser's zone. */
describe('a recorded time in the admin UI', () => {
  afterEach(() => setMunicipalTimeZone('Europe/Oslo'));

  it("is shown in the municipality's zone, so 23:12 UTC on 3 December reads as 00:12 on 4 December", () => {
    expect(formatDateTime('2026-12-03T23:12:00Z', 'nb')).toMatch(/^04\.12\.2026,? 00:12$/);
    expect(formatDateTime('2026-12-03T23:12:00Z', 'en')).toMatch(/^04\/12\/2026,? 00:12$/);
    setMunicipalTimeZone('UTC');
    expect(formatDateTime('2026-12-03T23:12:00Z', 'nb')).toMatch(/^03\.12\.2026,? 23:12$/);
  });
});

/** A moment entered in a form (datetime-local) is the municipality's wall-clock time, whatever zone the browser is in. */
describe('wall-clock times', () => {
  afterEach(() => setMunicipalTimeZone('Europe/Oslo'));

  it('reads 22:15 in winter as UTC+1 and in summer as UTC+2, and shows an instant back as it was entered', () => {
    expect(instantOfWallTime('2026-01-15T22:15')).toBe('2026-01-15T21:15:00.000Z');
    expect(instantOfWallTime('2026-07-01T22:15')).toBe('2026-07-01T20:15:00.000Z');
    expect(wallTimeOf(new Date('2026-07-01T20:15:00.000Z'))).toBe('2026-07-01T22:15');
    expect(wallTimeOf(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01T00:30');
  });

  it('follows the municipality’s zone across the change to summer time, and leaves a malformed input for the API to refuse', () => {
    expect(instantOfWallTime('2026-03-29T01:30')).toBe('2026-03-29T00:30:00.000Z');
    expect(instantOfWallTime('2026-03-29T03:30')).toBe('2026-03-29T01:30:00.000Z');
    setMunicipalTimeZone('UTC');
    expect(instantOfWallTime('2026-07-01T22:15')).toBe('2026-07-01T22:15:00.000Z');
    expect(instantOfWallTime('i natt')).toBe('i natt');
  });
});

/** Issue 15 item 6: ISO dates in lists beside 03.12.2026 in the audit log. One way of writing a day for each language. */
describe('a calendar day in the admin UI', () => {
  afterEach(() => setMunicipalTimeZone('Europe/Oslo'));

  it('reads dd.mm.yyyy in bokmål and dd/mm/yyyy in English, the same day whatever the zone', () => {
    expect(formatDate('2026-12-03', 'nb')).toBe('03.12.2026');
    expect(formatDate('2026-12-03', 'en')).toBe('03/12/2026');
    setMunicipalTimeZone('Pacific/Kiritimati');
    expect(formatDate('2026-01-01', 'nb')).toBe('01.01.2026');
    expect(formatDate('2028-02-29', 'nb')).toBe('29.02.2028');
  });

  it('writes a month in words, and leaves a value that is not a month as it is', () => {
    expect(formatMonth('2026-03', 'nb')).toBe('mars 2026');
    expect(formatMonth('2026-03', 'en')).toBe('March 2026');
    expect(formatMonth('n/a', 'nb')).toBe('n/a');
  });

  it('tells a day the API sends from an instant and from other text', () => {
    expect(isIsoDay('2026-12-03')).toBe(true);
    expect(isIsoDay('2026-12-03T10:00:00Z')).toBe(false);
    expect(isIsoDay(20261203)).toBe(false);
    expect(isIsoDay('03.12.2026')).toBe(false);
  });
});
