import { setMunicipalTimeZone, today } from './dates';
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
