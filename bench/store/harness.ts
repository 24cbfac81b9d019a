import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One timed round: how much work was done and how long it took. */
export interface Round {
  readonly ops: number;
  readonly ms: number;
}

export interface Measurement {
  /** Median of the rounds' rates, so one slow round (a WAL checkpoint, a noisy neighbour) does not decide. */
  readonly perSec: number;
  readonly rounds: readonly number[];
  /** Total operations over all timed rounds (warm-up excluded). */
  readonly ops: number;
}

export interface Plan {
  /** An untimed run first, so JIT, statement caches and the page cache settle before we measure. */
  readonly warmupMs: number;
  readonly rounds: number;
  readonly roundMs: number;
}

/** One engine under test, already open. `round` works for about `budgetMs` and says how much it did. */
export interface Runner {
  readonly name: string;
  round(budgetMs: number): Promise<Round>;
  close(): Promise<void>;
}

/** A runner that threw is dropped from the remaining rounds and reported by its error instead. */
export type Outcome = Measurement | { readonly error: string };

/**
 * Warms each runner up, then runs their timed rounds interleaved (A B C, B C A, C A B, ...). A shared
 * virtual disk's fsync latency drifts by 2-3x over seconds; interleaving exposes every engine to the
 * same drift, where running them one after another would hand each a different disk. Rounds are
 * time-boxed so the bench takes about the same wall time on a fast NVMe and a slow network disk.
 * One engine breaking (the peer store, say) must not cost the others their numbers.
 */
export async function interleave(runners: readonly Runner[], plan: Plan): Promise<Map<string, Outcome>> {
  const rates = new Map<string, number[]>(runners.map((r) => [r.name, []]));
  const ops = new Map<string, number>(runners.map((r) => [r.name, 0]));
  const errors = new Map<string, string>();
  const attempt = async (runner: Runner, budgetMs: number) => {
    if (errors.has(runner.name)) return undefined;
    try {
      return await runner.round(budgetMs);
    } catch (error) {
      errors.set(runner.name, (error as Error).message ?? String(error));
      return undefined;
    }
  };
  for (const r of runners) await attempt(r, plan.warmupMs);
  for (let i = 0; i < plan.rounds; i++) {
    for (let k = 0; k < runners.length; k++) {
      const runner = runners[(i + k) % runners.length];
      const r = await attempt(runner, plan.roundMs);
      if (!r) continue;
      rates.get(runner.name)!.push((r.ops * 1000) / r.ms);
      ops.set(runner.name, ops.get(runner.name)! + r.ops);
    }
  }
  return new Map(
    runners.map((r): [string, Outcome] => {
      const error = errors.get(r.name);
      if (error !== undefined) return [r.name, { error }];
      const rounds = rates.get(r.name)!;
      return [r.name, { perSec: median(rounds), rounds, ops: ops.get(r.name)! }];
    }),
  );
}

/** One runner alone; here a failure is a bug in the bench or in our store, so it throws. */
export async function measure(runner: Runner, plan: Plan): Promise<Measurement> {
  const outcome = (await interleave([runner], plan)).get(runner.name)!;
  if ('error' in outcome) throw new Error(`${runner.name}: ${outcome.error}`);
  return outcome;
}

/**
 * Runs `work` repeatedly until `budgetMs` has passed; `work` returns how many operations it did.
 * Synchronous work is not awaited, so the raw baseline pays for no promise machinery at all.
 */
export async function timeBoxed(budgetMs: number, work: () => Promise<number> | number): Promise<Round> {
  const start = now();
  let ops = 0;
  while (now() - start < budgetMs) {
    const done = work();
    ops += typeof done === 'number' ? done : await done;
  }
  return { ops, ms: now() - start };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function now(): number {
  return performance.now();
}

/** A private temp folder, removed by `cleanup` whatever happens. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'store-bench-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The same payload for every engine: a small domain event (~250 bytes of JSON) with correlation metadata,
 * about what the housing domain writes. A fresh UUID per event, as a real writer would send.
 */
export function sampleEvent(i: number) {
  return {
    id: randomUUID(),
    type: 'RentAdjusted',
    data: {
      caseId: 'case-00042',
      unitId: 'unit-7',
      monthlyRentNok: 8450 + (i % 100),
      effectiveFrom: '2025-01-01',
      reason: 'Annual index adjustment according to the housing agreement, section 4.2',
      adjustedBy: 'saksbehandler@kommune.no',
    },
    metadata: { correlationId: 'c0ffee00-0000-4000-8000-000000000001', source: 'bench' },
  };
}

/**
 * Streams for sequential appends: a pool of streams written round-robin, each append carrying the
 * stream's exact current revision, as an aggregate loaded and saved would. `next` returns the stream and
 * its expected revision (-1 = the stream does not exist yet); `advance` records the append's success.
 */
export class StreamCursor {
  private readonly revisions: number[];
  private i = 0;

  constructor(
    private readonly prefix: string,
    count: number,
  ) {
    this.revisions = new Array<number>(count).fill(-1);
  }

  next(): { stream: string; slot: number; expected: number } {
    const slot = this.i++ % this.revisions.length;
    return { stream: `${this.prefix}-${slot}`, slot, expected: this.revisions[slot] };
  }

  advance(slot: number): void {
    this.revisions[slot]++;
  }

  /** After a failed append: take the revision the store reports, whatever became of the append. */
  reset(slot: number, revision: number): void {
    this.revisions[slot] = revision;
  }
}
