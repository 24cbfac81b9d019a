import { today } from './dates';

/** From the first day of the month eleven months ago to today: twelve calendar months, this one included. */
export function lastTwelveMonths(): { from: string; to: string } {
  const to = today();
  const [year, month] = to.split('-').map(Number);
  const first = year * 12 + (month - 1) - 11;
  const from = `${Math.floor(first / 12)}-${String((first % 12) + 1).padStart(2, '0')}-01`;
  return { from, to };
}
