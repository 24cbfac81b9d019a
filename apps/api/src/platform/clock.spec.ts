import { calendarDateIn, clockTimeIn, startOfDayIn } from './clock';

describe('startOfDayIn', () => {
  it('is midnight in the zone: UTC+1 in winter, UTC+2 in summer', () => {
    expect(startOfDayIn('2026-01-15', 'Europe/Oslo').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfDayIn('2026-07-01', 'Europe/Oslo').toISOString()).toBe('2026-06-30T22:00:00.000Z');
  });

  it('finds the start of the days the clocks change on, and of a day in another zone', () => {
    // Summer time begins at 02:00 on 29 March 2026 and ends at 03:00 on 25 October: both days still begin at 00:00 local.
    expect(startOfDayIn('2026-03-29', 'Europe/Oslo').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDayIn('2026-10-25', 'Europe/Oslo').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfDayIn('2026-01-15', 'UTC').toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(startOfDayIn('2026-01-15', 'Pacific/Kiritimati').toISOString()).toBe('2026-01-14T10:00:00.000Z');
  });
});

describe('calendarDateIn and clockTimeIn', () => {
  it('give the day and the wall-clock time in the zone, on 24 hours', () => {
    const newYear = new Date('2026-12-31T23:05:00Z');
    expect([calendarDateIn(newYear, 'Europe/Oslo'), clockTimeIn(newYear, 'Europe/Oslo')]).toEqual(['2027-01-01', '00:05']);
    const summer = new Date('2026-07-01T12:30:00Z');
    expect([calendarDateIn(summer, 'Europe/Oslo'), clockTimeIn(summer, 'Europe/Oslo')]).toEqual(['2026-07-01', '14:30']);
    expect(clockTimeIn(summer, 'UTC')).toBe('12:30');
  });
});
