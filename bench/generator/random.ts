/**
 * A seeded pseudo-random generator (mulberry32), so a dataset is the same on every run with the same
 * seed: same ids, same dates, same stories. Never Math.random or randomUUID in the generator.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

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
