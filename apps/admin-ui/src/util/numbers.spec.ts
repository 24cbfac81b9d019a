import { formatNumber, formatPercent } from './numbers';

/** Issue 15 item 6: "24.5" beside "94,8". Every figure reads the way the UI's language writes numbers. */
describe('figures in the admin UI', () => {
  it('writes a decimal comma in bokmål and a decimal point in English, to one decimal', () => {
    expect(formatNumber(24.5, 'nb')).toBe('24,5');
    expect(formatNumber(24.5, 'en')).toBe('24.5');
    expect(formatNumber(53.456, 'nb')).toBe('53,5');
    expect(formatNumber(7, 'nb')).toBe('7');
  });

  it('groups thousands as Intl does for the language (a no-break space in bokmål), and keeps the sign', () => {
    expect(formatNumber(12345.5, 'nb')).toBe('12\u00a0345,5');
    expect(formatNumber(12345.5, 'en')).toBe('12,345.5');
    expect(formatNumber(-5, 'nb')).toBe('\u22125');
    expect(formatNumber(0, 'nb')).toBe('0');
  });

  it('shows a figure that is not there as a dash', () => {
    expect(formatNumber(null, 'nb')).toBe('—');
    expect(formatNumber(undefined, 'en')).toBe('—');
    expect(formatPercent(null, 'nb')).toBe('—');
  });

  it('writes a share as a whole percentage: "95 %" in bokmål, "95%" in English', () => {
    expect(formatPercent(0.948, 'nb')).toBe('95\u00a0%');
    expect(formatPercent(0.948, 'en')).toBe('95%');
    expect(formatPercent(1, 'nb')).toBe('100\u00a0%');
  });
});
