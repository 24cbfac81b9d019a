import { INestApplicationContext, Type } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { DatasetMeta } from '../generator/generate';
import { Rng } from '../generator/random';
import { latencyStats, LatencyStats } from './measure';
import { Actor, READ_MODEL_FEATURES } from '../product/read-models';

/** From @nestjs/cqrs: where @QueryHandler(Query) keeps the query class on the handler. */
const QUERY_HANDLER_METADATA = '__queryHandler__';

export interface QueryProbe {
  readonly key: string;
  readonly label: string;
  /** How it was called: through the QueryBus of the app context, to the read model's own handler. */
  readonly via: string;
  /** Why it could not be measured (the read model or its handler is not in the app yet, or it failed). */
  readonly missing?: string;
  readonly run?: (rng: Rng) => Promise<unknown>;
  /** Heavy probes take fewer samples (an extra figure, not a goal). */
  readonly maxSamples?: number;
}

export interface QueryResult {
  readonly key: string;
  readonly label: string;
  readonly via: string;
  readonly stats: LatencyStats | null;
  readonly note: string;
  /** Something about the answers, to show they are not empty (rows, entries ...). */
  readonly answerSize: number | null;
}

/**
 * Finds a read model's query handler in READ_MODEL_FEATURES as the app has it at run time: the feature
 * whose projection has `projection` as its name, and in it the handler class called `handlerName`. The
 * query class comes from the handler's @QueryHandler metadata, so the probe builds exactly the query the
 * controller would send. Nothing is faked: a missing piece is reported as missing.
 */
function findQuery(projection: string, handlerName: string): { query: new (input: unknown) => object } | { missing: string } {
  const feature = READ_MODEL_FEATURES.find((f) => f.projection.name === projection);
  if (!feature) return { missing: `no read model named "${projection}" in READ_MODEL_FEATURES` };
  const handler = feature.queryHandlers.find((h) => h.name === handlerName) as Type<unknown> | undefined;
  if (!handler) return { missing: `read model "${projection}" has no ${handlerName}` };
  const query = Reflect.getMetadata(QUERY_HANDLER_METADATA, handler) as (new (input: unknown) => object) | undefined;
  if (!query) return { missing: `${handlerName} is not a @QueryHandler` };
  return { query };
}

export function queryProbes(app: INestApplicationContext, meta: DatasetMeta): QueryProbe[] {
  const bus = app.get(QueryBus);
  const summary = meta.summary;
  const facilities = summary.facilities.map((f) => f.facilityId);
  const supervisorOf = (facilityId: string): Actor => ({
    userId: summary.supervisor.userId || 'bench-supervisor',
    username: 'fagleder',
    grants: [{ role: 'supervisor', facilityIds: [facilityId] }],
  });
  const auditor: Actor = { userId: 'bench-auditor', username: 'revisor', grants: [{ role: 'auditor', facilityIds: [] }] };
  // Timelines of people picked at random, one in ten among the busiest (the long files are the p99).
  const people = summary.samplePeople.map((p) => p.personId);
  const busiest = summary.busiestPeople.map((p) => p.personId);
  const person = (rng: Rng) => (rng.chance(0.1) && busiest.length ? rng.pick(busiest) : rng.pick(people));
  const lastDay = summary.lastDay;
  const yearBefore = new Date(Date.parse(`${lastDay}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
  const via = "QueryBus.execute in a Nest application context (createCliContext), i.e. the read model's own query handler";

  const probe = (key: string, label: string, projection: string, handlerName: string, input: (rng: Rng) => unknown, maxSamples?: number): QueryProbe => {
    const found = findQuery(projection, handlerName);
    if ('missing' in found) return { key, label, via, missing: found.missing };
    return { key, label, via, maxSamples, run: (rng) => bus.execute(new found.query(input(rng)) as never) };
  };

  return [
    probe('timeline', 'timeline of one person (first page of 100)', 'timeline', 'GetTimelineHandler', (rng) => ({
      personId: person(rng),
      scope: 'everywhere',
      limit: 100,
      offset: 0,
    })),
    probe('occupancy', 'occupancy board of one facility', 'occupancy', 'GetOccupancyBoardHandler', (rng) => {
      const facilityId = rng.pick(facilities);
      return { facilityId, scope: [facilityId] };
    }),
    probe('outcomes', 'outcome report, one facility, last 12 months', 'outcomes', 'GetOutcomeReportHandler', (rng) => {
      const facilityId = rng.pick(facilities);
      return { actor: supervisorOf(facilityId), facilityId, from: yearBefore, to: lastDay };
    }),
    probe(
      'outcomesAll',
      `outcome report, all ${facilities.length} facilities, last 12 months`,
      'outcomes',
      'GetOutcomeReportHandler',
      () => ({ actor: auditor, from: yearBefore, to: lastDay }),
      20,
    ),
  ];
}

/** Warms a probe up, then times `samples` calls one after another. */
export async function measureProbe(probe: QueryProbe, samples: number, warmup: number, seed: number): Promise<QueryResult> {
  const base = { key: probe.key, label: probe.label, via: probe.via };
  if (!probe.run) return { ...base, stats: null, note: `missing: ${probe.missing}`, answerSize: null };
  const rng = new Rng(seed);
  if (probe.maxSamples !== undefined) {
    samples = Math.min(samples, probe.maxSamples);
    warmup = Math.min(warmup, 2);
  }
  const durations: number[] = [];
  let answerSize = 0;
  try {
    for (let i = 0; i < warmup; i++) await probe.run(rng);
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      const answer = await probe.run(rng);
      durations.push(performance.now() - started);
      answerSize += sizeOf(answer);
    }
  } catch (error) {
    return { ...base, stats: durations.length ? latencyStats(durations) : null, note: `failed: ${(error as Error).message}`, answerSize: null };
  }
  return { ...base, stats: latencyStats(durations), note: '', answerSize: Math.round(answerSize / samples) };
}

/** Rows in an answer, roughly: the longest array in it (entries, units, figures ...). */
function sizeOf(answer: unknown): number {
  if (Array.isArray(answer)) return answer.length;
  if (answer && typeof answer === 'object') {
    let best = 0;
    for (const value of Object.values(answer)) if (Array.isArray(value)) best = Math.max(best, value.length);
    return best;
  }
  return 0;
}
