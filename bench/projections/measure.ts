/** Small measuring tools shared by the projection and HTTP benches. */

export interface LatencyStats {
  readonly samples: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** Nearest-rank percentiles of millisecond samples. */
export function latencyStats(ms: readonly number[]): LatencyStats {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return {
    samples: sorted.length,
    p50: at(50),
    p90: at(90),
    p99: at(99),
    max: sorted[sorted.length - 1],
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

/**
 * The process's resident set size: the kernel's peak (maxRSS, for the whole process lifetime) and a
 * sampled peak per phase, so a report can say which phase needed the memory.
 */
export class RssSampler {
  private readonly peaks = new Map<string, number>();
  private readonly heapPeaks = new Map<string, number>();
  private phase = 'start';
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 50) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  enter(phase: string): void {
    this.sample();
    this.phase = phase;
    this.sample();
  }

  sample(): void {
    const { rss, heapUsed } = process.memoryUsage();
    if (rss > (this.peaks.get(this.phase) ?? 0)) this.peaks.set(this.phase, rss);
    if (heapUsed > (this.heapPeaks.get(this.phase) ?? 0)) this.heapPeaks.set(this.phase, heapUsed);
  }

  /** Peak sampled V8 heap in use per phase, in MB: what of the RSS is JavaScript objects. */
  heapPhases(): Record<string, number> {
    this.sample();
    return Object.fromEntries([...this.heapPeaks].map(([k, v]) => [k, mb(v)]));
  }

  /** Peak sampled RSS per phase, in MB. */
  phases(): Record<string, number> {
    this.sample();
    return Object.fromEntries([...this.peaks].map(([k, v]) => [k, mb(v)]));
  }

  /** The kernel's lifetime peak for this process, in MB. */
  maxRssMb(): number {
    return Math.round(process.resourceUsage().maxRSS / 1024);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export const mb = (bytes: number) => Math.round(bytes / 1048576);

export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return 'n/a';
  return ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : Math.round(ms).toString();
}

export function fmtInt(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? 'n/a' : Math.round(n).toLocaleString('en-US');
}

/** Rounds for the JSON line: readable, without false precision. */
export function round(n: number | null | undefined, digits = 0): number | null {
  if (n === null || n === undefined || !Number.isFinite(n)) return null;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** A plain fixed-width table; numeric-looking columns are right-aligned. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, rightAligned: readonly number[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const render = (cells: readonly string[]) =>
    cells
      .map((c, i) => (rightAligned.includes(i) ? (c ?? '').padStart(widths[i]) : (c ?? '').padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(render)].join('\n');
}

export function goal(met: boolean | null): string {
  return met === null ? 'n/a' : met ? 'met' : 'NOT met';
}
