import i18next from 'i18next';
import en from '../i18n/en.json';
import nb from '../i18n/nb.json';
import { dayWithDistance } from './day-distance';

/** Issue 15 item 7: a limit passed 19 days ago reads as passed, never as days left; the limit's own day as today. */
describe('a day with how far it is from today', () => {
  const i18n = i18next.createInstance();
  beforeAll(() => i18n.init({ resources: { nb: { translation: nb }, en: { translation: en } }, lng: 'nb', interpolation: { escapeValue: false } }));

  it('says days left before the day, days since once it has passed, and today on the day, in bokmål', () => {
    expect(dayWithDistance(i18n.t, 'nb', '2026-12-21', 17)).toBe('21.12.2026 (om 17 dager)');
    expect(dayWithDistance(i18n.t, 'nb', '2026-11-15', -19)).toBe('15.11.2026 (passert for 19 dager siden)');
    expect(dayWithDistance(i18n.t, 'nb', '2026-12-03', -1)).toBe('03.12.2026 (passert for 1 dag siden)');
    expect(dayWithDistance(i18n.t, 'nb', '2026-12-04', 0)).toBe('04.12.2026 (i dag)');
  });

  it('in English too', () => {
    const english = i18n.cloneInstance({ lng: 'en' });
    expect(dayWithDistance(english.t, 'en', '2026-12-21', 17)).toBe('21/12/2026 (in 17 days)');
    expect(dayWithDistance(english.t, 'en', '2026-11-15', -19)).toBe('15/11/2026 (passed 19 days ago)');
    expect(dayWithDistance(english.t, 'en', '2026-12-04', 0)).toBe('04/12/2026 (today)');
  });
});
