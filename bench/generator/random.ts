/**
 * Same seed, same dataset: same ids, same dates, same stories. Never Math.random or randomUUID in the
 * generator.
 */
import { DemoRandom } from '../../apps/api/src/demo/demo-random';

/** The demo's seeded generator, plus what a long simulation needs. */
export class Rng extends DemoRandom {
  /** An exponentially distributed wait with this mean (Poisson arrivals, hazards). */
  exp(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** One of the keys, with probability proportional to its weight. */
  weighted<T extends string>(weights: Readonly<Partial<Record<T, number>>>): T {
    const entries = Object.entries(weights) as Array<[T, number]>;
    let total = 0;
    for (const [, w] of entries) total += w;
    let x = this.next() * total;
    for (const [key, w] of entries) {
      x -= w;
      if (x < 0) return key;
    }
    return entries[entries.length - 1][0];
  }

  /** A random (version 4 shaped) UUID drawn from this generator. */
  uuid(): string {
    const a = (this.next() * 4294967296) >>> 0;
    const b = (this.next() * 4294967296) >>> 0;
    const c = (this.next() * 4294967296) >>> 0;
    const d = (this.next() * 4294967296) >>> 0;
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const h = hex(a) + hex(b) + hex(c) + hex(d);
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

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
