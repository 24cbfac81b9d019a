/**
 * Same seed, same dataset: same ids, same dates, same stories. Never Math.random or randomUUID in the
 * generator: the scenarios' seeded generator (with exp, weighted and uuid for a long simulation).
 */
import { SeededRandom } from '@app/domain/scenarios';

export { SeededRandom as Rng };

/** Calendar days as integers from a fixed start, with their ISO dates precomputed (the hot path). */
export class Calendar {
  private readonly iso: string[] = [];
  private readonly startMs: number;

  constructor(
    readonly start: string,
    days: number,
  ) {
    this.startMs = Date.parse(`${start}T00:00:00Z`);
    for (let d = 0; d < days; d++) this.iso.push(new Date(this.startMs + d * 86_400_000).toISOString().slice(0, 10));
  }

  date(day: number): string {
    return this.iso[day] ?? new Date(this.startMs + day * 86_400_000).toISOString().slice(0, 10);
  }

  /** The day number of an ISO date. */
  dayOf(date: string): number {
    return Math.round((Date.parse(`${date}T00:00:00Z`) - this.startMs) / 86_400_000);
  }

  /** Milliseconds since the epoch at 00:00 UTC of a day. */
  ms(day: number): number {
    return this.startMs + day * 86_400_000;
  }
}
