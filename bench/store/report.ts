import { Measurement } from './harness';

export interface Row {
  readonly name: string;
  readonly what: string;
  readonly unit: string;
  /** Absent when the engine could not run; `note` then says why. */
  readonly result?: Measurement;
  readonly note?: string;
}

/** A plain fixed-width table: median rate, the spread of the rounds, and how much work was measured. */
export function table(rows: readonly Row[]): string {
  const header = ['engine', 'workload', 'median', 'rounds (min..max)', 'measured ops', 'notes'];
  const lines = rows.map((r) => [
    r.name,
    r.what,
    r.result ? `${fmt(r.result.perSec)} ${r.unit}` : 'n/a',
    r.result ? `${fmt(Math.min(...r.result.rounds))}..${fmt(Math.max(...r.result.rounds))}` : '',
    r.result ? fmt(r.result.ops) : '',
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const render = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(render)].join('\n');
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Rounds a rate or ratio for the JSON line: readable, and no false precision from a noisy disk. */
export function round(n: number | null, digits = 0): number | null {
  if (n === null || !Number.isFinite(n)) return null;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
