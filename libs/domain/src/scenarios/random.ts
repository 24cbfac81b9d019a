/**
 * Seeded pseudo-random numbers for generated histories: the same seed gives the same history on every
 * run. Never Math.random or randomUUID in a scenario: a demo, a fixture or a benchmark dataset that
 * differs from one run to the next cannot be scripted, compared or cached.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
}

/** mulberry32: small, fast and good enough for made-up data. */
export class SeededRandom implements Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

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

  /** A (version 4 shaped) UUID drawn from this generator. */
  uuid(): string {
    const hex = (n: number) => ((n * 4294967296) >>> 0).toString(16).padStart(8, '0');
    const h = hex(this.next()) + hex(this.next()) + hex(this.next()) + hex(this.next());
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/**
 * xorshift32 drawing whole numbers below n (`Math.abs(x) % n`): the generator the hand-made test
 * populations were tuned with, kept so that their seeds still draw the same histories.
 */
export class XorShift {
  private x: number;

  constructor(seed: number) {
    this.x = seed | 0 || 1;
  }

  /** A whole number in [0, n). */
  below(n: number): number {
    this.x ^= this.x << 13;
    this.x ^= this.x >>> 17;
    this.x ^= this.x << 5;
    return Math.abs(this.x) % n;
  }

  /** A permutation of `items` (Fisher–Yates from the end). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}
