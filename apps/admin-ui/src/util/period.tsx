import { today } from './dates';

/** From the first day of the month eleven months ago to today: twelve calendar months, this one included. */
export function lastTwelveMonths(): { from: string; to: string } {
  const now = new Date();
  const first = new Date(now.getFullYear(), now.getMonth() - 11, 1);
  const from = `${first.getFullYear()}-${String(first.getMonth() + 1).padStart(2, '0')}-01`;
  return { from, to: today() };
}
