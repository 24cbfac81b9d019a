import { calendarDateIn, Clock, DEFAULT_TIME_ZONE } from './clock';

class At extends Clock {
  constructor(
    private readonly instant: string,
    timeZone?: string,
  ) {
    super(timeZone);
  }
  now(): Date {
    return new Date(this.instant);
  }
}

describe('the municipal clock', () => {
  it('keeps Oslo time unless told otherwise', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Europe/Oslo');
    expect(new At('2026-01-01T00:00:00Z').timeZone).toBe('Europe/Oslo');
  });

  it('says 1 January at 00:30 Oslo time, when it is still 31 December in UTC', () => {
    // 00:30 on 1 January in Oslo (winter, UTC+1) is 23:30 UTC the day before.
    expect(new At('2025-12-31T23:30:00Z').today()).toBe('2026-01-01');
    expect(new At('2025-12-31T22:59:59Z').today()).toBe('2025-12-31');
    expect(new At('2025-12-31T23:00:00Z').today()).toBe('2026-01-01');
  });

  it('turns the day at local midnight across the change to summer time (last Sunday of March)', () => {
    // 29 March 2026: clocks go from 02:00 to 03:00. Before: UTC+1; after: UTC+2.
    expect(new At('2026-03-28T22:59:59Z').today()).toBe('2026-03-28');
    expect(new At('2026-03-28T23:00:00Z').today()).toBe('2026-03-29');
    expect(new At('2026-03-29T01:30:00Z').today()).toBe('2026-03-29'); // 03:30 summer time
    expect(new At('2026-03-29T21:59:59Z').today()).toBe('2026-03-29'); // 23:59:59 summer time
    expect(new At('2026-03-29T22:00:00Z').today()).toBe('2026-03-30'); // midnight is now 22:00 UTC
  });

  it('turns the day at local midnight across the change back to winter time (last Sunday of October)', () => {
    // 25 October 2026: clocks go from 03:00 back to 02:00.
    expect(new At('2026-10-24T21:59:59Z').today()).toBe('2026-10-24');
    expect(new At('2026-10-24T22:00:00Z').today()).toBe('2026-10-25');
    expect(new At('2026-10-25T00:30:00Z').today()).toBe('2026-10-25'); // 02:30 summer time
    expect(new At('2026-10-25T01:30:00Z').today()).toBe('2026-10-25'); // 02:30 again, winter time
    expect(new At('2026-10-25T22:59:59Z').today()).toBe('2026-10-25');
    expect(new At('2026-10-25T23:00:00Z').today()).toBe('2026-10-26'); // midnight is 23:00 UTC again
  });

  it('follows another configured zone', () => {
    expect(new At('2025-12-31T23:30:00Z', 'UTC').today()).toBe('2025-12-31');
    expect(new At('2026-01-01T09:00:00Z', 'America/New_York').today()).toBe('2026-01-01');
    expect(new At('2026-01-01T04:00:00Z', 'America/New_York').today()).toBe('2025-12-31');
    expect(calendarDateIn(new Date('2026-06-30T22:30:00Z'), 'Europe/Oslo')).toBe('2026-07-01');
  });
});
