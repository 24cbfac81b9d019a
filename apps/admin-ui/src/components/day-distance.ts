import type { TFunction } from 'i18next';
import { formatDate } from '../util/dates';

/**
 * A day with how far it is from today, in one wording wherever a deadline or a limit is listed:
 * "17.12.2026 (om 17 dager)", "01.03.2026 (passert for 19 dager siden)", "20.03.2026 (i dag)".
 * `daysUntil` counts from today to the day: negative once the day has passed.
 */
export function dayWithDistance(t: TFunction, lang: string, day: string, daysUntil: number): string {
  const date = formatDate(day, lang);
  if (daysUntil === 0) return t('dayDistance.today', { date });
  return t(daysUntil < 0 ? 'workQueue.passed' : 'workQueue.daysLeft', { date, count: Math.abs(daysUntil) });
}
