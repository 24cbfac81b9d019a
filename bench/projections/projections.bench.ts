/**
 * `npm run bench:projections`: the read side at size. On a generated history of BENCH_EVENTS events
 * (default 1,000,000; cached in bench/.tmp, generated through the domain's deciders on first use), in
 * ONE process and one Nest application context (createCliContext, as `npm run cli -- projections:rebuild`):
 *
 *   (a) baseline: a plain scan of the log (readAll, every event JSON-parsed and decoded with the app's
 *       decode for projections: upcasting and personal-data decryption), events/s;
 *   (b) a full rebuild of ALL read models in READ_MODEL_FEATURES from position zero with
 *       ProjectionEngine.rebuild(), events/s and its ratio to the baseline;
 *   (c) query latency p50/p99 of the timeline, the occupancy board and the outcome report, through the
 *       QueryBus to the read models' own query handlers (missing ones are reported as missing);
 *   (d) the process's peak RSS (maxRSS) and sampled RSS per phase.
 *
 * A benchmark, not a test: goals (rebuild >= 100k events/s, query p99 < 10 ms, RSS < 300 MB) are reported,
 * never asserted. Progress goes to stderr; the last line of stdout is one JSON object.
 *
 * Environment: BENCH_EVENTS, BENCH_QUERY_SAMPLES (300), BENCH_QUERY_WARMUP (30), BENCH_REBUILD_TIMEOUT_S
 * (1800), BENCH_SKIP_BASELINE=1, BENCH_SKIP_CLI=1 (no compiled-CLI rebuild).
 */
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_STORE, EventStore, RecordedEvent } from '@app/event-store';
import { physicalName, ProjectionEngine, RebuildProgress } from '@app/projections';
import { BENCH_KEY_MASTER_KEY } from '../generator/app-codec';
import { ensureDataset, TMP_DIR } from '../generator/dataset';
import { fmtInt, fmtMs, goal, RssSampler, round, table } from './measure';
import { measureProbe, QueryResult, queryProbes } from './queries';
import { buildApi, measureCliRebuild } from './cli-rebuild';
import { createCliContext, loadConfig } from '../product/app';
import { decodeForProjections, EventCodec } from '../product/read-models';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const EVENTS = num('BENCH_EVENTS', 1_000_000);
const QUERY_SAMPLES = num('BENCH_QUERY_SAMPLES', 300);
const QUERY_WARMUP = num('BENCH_QUERY_WARMUP', 30);
const REBUILD_TIMEOUT_S = num('BENCH_REBUILD_TIMEOUT_S', 1800);
const GOALS = { rebuildEventsPerSec: 100_000, queryP99Ms: 10, rssMb: 300 };
/** The JavaScript heap cap of the second CLI rebuild (README: running where memory is tight). */
const CAPPED_HEAP_MB = 128;
/** The bench's key for the hashed claim streams; the same as the generator's (commands are not run here). */
const CLAIM_KEY_SECRET = 'bench-generator-claim-key-0123456789abcdef';
const KEY_MASTER_KEY = BENCH_KEY_MASTER_KEY;

function progress(message: string) {
  process.stderr.write(`[bench:projections] ${message}\n`);
}

async function main() {
  const rss = new RssSampler();
  rss.enter('dataset');
  const dataset = await ensureDataset(EVENTS, progress);
  const meta = dataset.meta;
  progress(
    `dataset: ${fmtInt(meta.events)} events, ${fmtInt(meta.summary.cases)} cases, ${meta.summary.facilities.length} facilities, ${meta.summary.firstDay}..${meta.summary.lastDay}${dataset.generated ? ` (generated in ${meta.generationSeconds} s)` : ' (cached)'}`,
  );

  // A fresh DATA_DIR per run: the cached log and key store linked in, read models made from nothing.
  mkdirSync(TMP_DIR, { recursive: true });
  const dataDir = mkdtempSync(join(TMP_DIR, 'run-projections-'));
  symlinkSync(dataset.eventsFile, join(dataDir, 'events.sqlite'));
  symlinkSync(dataset.keysFile, join(dataDir, 'keys.sqlite'));
  const config = loadConfig({ DATA_DIR: dataDir, CLAIM_KEY_SECRET, KEY_MASTER_KEY, SQLITE_SYNCHRONOUS: 'FULL' });

  rss.enter('app context');
  const app = await createCliContext(config);
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    const engine = app.get(ProjectionEngine);
    const projections = engine.projections.map((p) => p.name);
    const issues = preflight(engine);
    issues.forEach((i) => progress(`warning: ${i}`));

    // (a) Baseline: scan and decode every event.
    const decode = decodeForProjections(app.get(EventCodec));
    let baseline: { events: number; seconds: number; perSec: number } | null = null;
    let scanOnly: { events: number; seconds: number; perSec: number } | null = null;
    if (!process.env.BENCH_SKIP_BASELINE) {
      rss.enter('scan');
      progress('baseline: readAll, JSON.parse only');
      scanOnly = await scan(store, () => undefined);
      progress(`  ${fmtInt(scanOnly.perSec)} events/s`);
      rss.enter('baseline');
      progress('baseline: readAll + decode (upcast, decrypt) of every event');
      baseline = await scan(store, decode, (batch) => app.get(EventCodec).loadKeysFor(batch));
      progress(`  ${fmtInt(baseline.perSec)} events/s`);
      if (baseline.events !== meta.events) issues.push(`readAll returned ${baseline.events} events, the dataset has ${meta.events}`);
    }

    // (b) Full rebuild of every read model from position zero.
    rss.enter('rebuild');
    progress(`rebuild of ${projections.length} read models: ${projections.join(', ')}`);
    // How long the event loop could not run anything else (timers, I/O: a serving app's requests): the
    // longest gap between the beats of a 10 ms timer, the last one counted to the end of the rebuild.
    let lastBeat = performance.now();
    let maxLoopStallMs = 0;
    const heartbeat = setInterval(() => {
      const now = performance.now();
      maxLoopStallMs = Math.max(maxLoopStallMs, now - lastBeat);
      lastBeat = now;
    }, 10);
    const started = performance.now();
    let last: RebuildProgress | undefined;
    let lastReport = 0;
    let reporting = true;
    const rebuildPromise = engine.rebuild(projections, (p) => {
      last = p;
      rss.sample(); // the sampler's own timer may not get to run during the rebuild
      const now = performance.now();
      if (reporting && now - lastReport > 3000) {
        lastReport = now;
        progress(
          `  ${fmtInt(p.applied)} events, ${fmtInt(p.eventsPerSecond)} events/s, ETA ${p.etaSeconds === null ? '?' : Math.round(p.etaSeconds)} s, rss ${Math.round(process.memoryUsage.rss() / 1048576)} MB`,
        );
      }
    });
    const finished = await Promise.race([
      rebuildPromise.then(() => true),
      new Promise<false>((r) => setTimeout(() => r(false), REBUILD_TIMEOUT_S * 1000).unref()),
    ]);
    const rebuildSeconds = (performance.now() - started) / 1000;
    reporting = false;
    clearInterval(heartbeat);
    maxLoopStallMs = Math.max(maxLoopStallMs, performance.now() - lastBeat);
    if (maxLoopStallMs > 1000)
      issues.push(
        `the event loop was blocked for up to ${(maxLoopStallMs / 1000).toFixed(1)} s during the rebuild (no timer or I/O could run: a serving app would not answer)`,
      );
    const lastProgress = last as RebuildProgress | undefined;
    const rebuildEvents = finished ? meta.events : Number(lastProgress?.position?.commit ?? 0n);
    const rebuildPerSec = rebuildEvents / rebuildSeconds;
    if (!finished)
      issues.push(
        `the rebuild did not finish within ${REBUILD_TIMEOUT_S} s (at position ${lastProgress?.position?.commit ?? 'start'} of ${meta.lastPosition})`,
      );
    progress(`rebuild ${finished ? 'done' : 'STOPPED'}: ${fmtInt(rebuildEvents)} events in ${rebuildSeconds.toFixed(1)} s = ${fmtInt(rebuildPerSec)} events/s`);
    const status = await engine.status();
    const parked = Object.fromEntries(status.map((s) => [s.name, s.parkedEvents]));
    const parkedTotal = status.reduce((n, s) => n + s.parkedEvents, 0);
    if (parkedTotal > 0)
      issues.push(
        `${parkedTotal} events parked (dead-lettered) during the rebuild: ${status
          .filter((s) => s.parkedEvents)
          .map((s) => `${s.name} ${s.parkedEvents}`)
          .join(', ')}`,
      );
    const paused = status.filter((s) => s.state === 'paused').map((s) => s.name);
    if (paused.length) issues.push(`paused after a poison event: ${paused.join(', ')}`);

    // (c) Query latency.
    rss.enter('queries');
    const results: QueryResult[] = [];
    for (const probe of queryProbes(app, meta)) {
      if (!finished && probe.run) {
        results.push({ key: probe.key, label: probe.label, via: probe.via, stats: null, note: 'not measured: the rebuild did not finish', answerSize: null });
        continue;
      }
      progress(`query: ${probe.label}${probe.missing ? ` (missing: ${probe.missing})` : ''}`);
      results.push(await measureProbe(probe, QUERY_SAMPLES, QUERY_WARMUP, 42));
    }

    // (d) The same rebuild as the compiled CLI in a process of its own: the product's memory, without
    // this bench's in-process TypeScript compiler.
    rss.enter('cli rebuild');
    const cliSpec = {
      eventsFile: dataset.eventsFile,
      keysFile: dataset.keysFile,
      tmpDir: TMP_DIR,
      env: { CLAIM_KEY_SECRET, KEY_MASTER_KEY, SQLITE_SYNCHRONOUS: 'FULL' },
      events: meta.events,
    };
    if (!process.env.BENCH_SKIP_CLI) buildApi(progress);
    const cli = process.env.BENCH_SKIP_CLI ? null : await measureCliRebuild(cliSpec);
    if (cli) progress(`cli rebuild: ${fmtInt(cli.eventsPerSec)} events/s, peak RSS ${cli.peakRssMb} MB`);
    // The live heap of a rebuild is small (30-40 MB): most of the RSS above is garbage V8 collects late.
    // The same run with the heap capped, as an operator would run it where memory is tight:
    const capped = process.env.BENCH_SKIP_CLI ? null : await measureCliRebuild({ ...cliSpec, nodeOptions: [`--max-old-space-size=${CAPPED_HEAP_MB}`] });
    if (capped) progress(`cli rebuild, heap capped at ${CAPPED_HEAP_MB} MB: ${fmtInt(capped.eventsPerSec)} events/s, peak RSS ${capped.peakRssMb} MB`);
    for (const [run, label] of [
      [cli, 'the CLI rebuild'],
      [capped, 'the capped CLI rebuild'],
    ] as const) {
      if (run && run.exitCode !== 0) issues.push(`${label} exited with ${run.exitCode}`);
    }

    // (e) Memory, and the report.
    const phases = rss.phases();
    const heapPhases = rss.heapPhases();
    const maxRssMb = rss.maxRssMb();
    const readModelsMb = fileMb(join(dataDir, 'read-models.sqlite'));
    const ratio = baseline ? rebuildPerSec / baseline.perSec : null;
    const mainQueries = results.filter((r) => r.key !== 'outcomesAll');
    const worstP99 = mainQueries.every((r) => r.stats) ? Math.max(...mainQueries.map((r) => r.stats!.p99)) : null;

    const rows: string[][] = [
      [
        'scan',
        `readAll of ${fmtInt(scanOnly?.events)} events, JSON.parse only`,
        scanOnly ? `${fmtInt(scanOnly.perSec)} ev/s` : 'skipped',
        '',
        '',
        scanOnly ? `${scanOnly.seconds.toFixed(1)} s` : '',
      ],
      [
        'baseline',
        'readAll + decode (upcast, decrypt) every event',
        baseline ? `${fmtInt(baseline.perSec)} ev/s` : 'skipped',
        '',
        '',
        baseline ? `${baseline.seconds.toFixed(1)} s` : '',
      ],
      [
        'rebuild',
        `ProjectionEngine.rebuild() of ${projections.length} read models from 0`,
        `${fmtInt(rebuildPerSec)} ev/s`,
        ratio === null ? '' : `${ratio.toFixed(2)}x baseline`,
        `goal >= ${fmtInt(GOALS.rebuildEventsPerSec)}/s: ${goal(finished ? rebuildPerSec >= GOALS.rebuildEventsPerSec : false)}`,
        `${rebuildSeconds.toFixed(1)} s${finished ? '' : ' (STOPPED)'}; read models ${readModelsMb} MB; longest event-loop stall ${(maxLoopStallMs / 1000).toFixed(1)} s`,
      ],
      ...results.map((r) => [
        `query ${r.key}`,
        r.label,
        r.stats ? `p50 ${fmtMs(r.stats.p50)} ms` : 'n/a',
        r.stats ? `p99 ${fmtMs(r.stats.p99)} ms` : '',
        r.stats && r.key !== 'outcomesAll'
          ? `goal p99 < ${GOALS.queryP99Ms} ms: ${goal(r.stats.p99 < GOALS.queryP99Ms)}`
          : r.key === 'outcomesAll' && r.stats
            ? 'extra (no goal)'
            : '',
        r.note || (r.stats ? `max ${fmtMs(r.stats.max)} ms, ${r.stats.samples} calls, ~${r.answerSize} rows` : ''),
      ]),
      ...(cli
        ? [
            [
              'rebuild (CLI)',
              'npm run cli -- projections:rebuild, compiled, own process',
              `${fmtInt(cli.eventsPerSec)} ev/s`,
              baseline ? `${(cli.eventsPerSec / baseline.perSec).toFixed(2)}x baseline` : '',
              `goal >= ${fmtInt(GOALS.rebuildEventsPerSec)}/s: ${goal(cli.eventsPerSec >= GOALS.rebuildEventsPerSec)}`,
              `${cli.seconds.toFixed(1)} s, start to exit (indexes and swap included)`,
            ],
            [
              'memory (CLI)',
              'peak RSS of the CLI rebuild (VmHWM)',
              `${cli.peakRssMb} MB`,
              '',
              `goal < ${GOALS.rssMb} MB: ${goal(cli.peakRssMb < GOALS.rssMb)}`,
              'node defaults: V8 lets garbage pile up',
            ],
          ]
        : []),
      ...(capped
        ? [
            [
              'memory (CLI, capped)',
              `the same with node --max-old-space-size=${CAPPED_HEAP_MB}`,
              `${capped.peakRssMb} MB`,
              `${fmtInt(capped.eventsPerSec)} ev/s`,
              `goal < ${GOALS.rssMb} MB: ${goal(capped.peakRssMb < GOALS.rssMb)}`,
              `${capped.seconds.toFixed(1)} s; the setting README recommends where memory is tight`,
            ],
          ]
        : []),
      [
        'memory',
        'peak RSS of this bench process (maxRSS)',
        `${maxRssMb} MB`,
        '',
        cli ? 'extra (TypeScript compiler inside)' : `goal < ${GOALS.rssMb} MB: ${goal(maxRssMb < GOALS.rssMb)}`,
        `${Object.entries(phases)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}; JS heap in use at most ${Math.max(...Object.values(heapPhases))} MB`,
      ],
    ];
    console.log(
      `\nProjection bench  (node ${process.version}; ${fmtInt(meta.events)} events, ${fmtInt(meta.summary.cases)} cases, ${meta.summary.facilities.length} facilities, ` +
        `${meta.summary.firstDay}..${meta.summary.lastDay}; personal data ${meta.personalDataEncrypted ? 'encrypted' : 'in the clear'}; queries via QueryBus in a Nest application context)\n`,
    );
    console.log(table(['what', 'workload', 'result', '', 'goal', 'notes'], rows, [2, 3]));
    if (issues.length) console.log(`\nIssues:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    console.log('');
    console.log(
      JSON.stringify({
        events: meta.events,
        scanEventsPerSec: round(scanOnly?.perSec),
        baselineEventsPerSec: round(baseline?.perSec),
        rebuildEventsPerSec: round(rebuildPerSec),
        rebuildVsBaseline: round(ratio, 3),
        rebuildSeconds: round(rebuildSeconds, 1),
        rebuildFinished: finished,
        rebuildMaxEventLoopStallMs: round(maxLoopStallMs),
        readModels: projections,
        readModelsMb,
        parkedEvents: parked,
        queries: Object.fromEntries(
          results.map((r) => [
            r.key,
            r.stats
              ? {
                  p50Ms: round(r.stats.p50, 2),
                  p90Ms: round(r.stats.p90, 2),
                  p99Ms: round(r.stats.p99, 2),
                  maxMs: round(r.stats.max, 2),
                  samples: r.stats.samples,
                  rows: r.answerSize,
                  note: r.note || undefined,
                }
              : { missing: true, note: r.note },
          ]),
        ),
        queriesVia: 'QueryBus (read-model query handlers) in createCliContext',
        cliRebuild: cli && {
          eventsPerSec: round(cli.eventsPerSec),
          vsBaseline: baseline ? round(cli.eventsPerSec / baseline.perSec, 3) : null,
          seconds: round(cli.seconds, 1),
          peakRssMb: cli.peakRssMb,
          exitCode: cli.exitCode,
        },
        cliRebuildHeapCapped: capped && {
          maxOldSpaceMb: CAPPED_HEAP_MB,
          eventsPerSec: round(capped.eventsPerSec),
          seconds: round(capped.seconds, 1),
          peakRssMb: capped.peakRssMb,
          exitCode: capped.exitCode,
        },
        maxRssMb,
        rssMbByPhase: phases,
        heapUsedMbByPhase: heapPhases,
        goals: {
          ...GOALS,
          rebuildMet: finished ? rebuildPerSec >= GOALS.rebuildEventsPerSec : false,
          queryP99Met: worstP99 === null ? null : worstP99 < GOALS.queryP99Ms,
          rssMet: (cli?.peakRssMb ?? maxRssMb) < GOALS.rssMb,
          rssMetWithHeapCap: capped ? capped.peakRssMb < GOALS.rssMb : null,
        },
        dataset: {
          generatorVersion: meta.generatorVersion,
          seed: meta.seed,
          cases: meta.summary.cases,
          people: meta.summary.people,
          facilities: meta.summary.facilities.length,
          firstDay: meta.summary.firstDay,
          lastDay: meta.summary.lastDay,
          eventsMb: Math.round(meta.fileBytes / 1048576),
          personalDataEncrypted: meta.personalDataEncrypted,
          generated: dataset.generated,
          generationSeconds: meta.generationSeconds,
        },
        issues,
        node: process.version,
      }),
    );
  } finally {
    rss.stop();
    await app.close().catch((e: Error) => progress(`closing the app failed: ${e.message}`));
    rmSync(dataDir, { recursive: true, force: true });
  }
  // Only a run that got to the rebuild reaches here (the others returned), and a rebuild stopped by the
  // timeout still holds timers: end here rather than wait for it.
  process.exit(process.exitCode ?? 0);
}

/** One full forward pass over the log, calling `use` on every event. */
async function scan<T>(
  store: EventStore,
  use: (e: Parameters<ReturnType<typeof decodeForProjections>>[0]) => T,
  prepare?: (batch: RecordedEvent[]) => Promise<void>,
) {
  const started = performance.now();
  let events = 0;
  // In batches, as the projection engine reads: the persons' keys are loaded for each batch first.
  let batch: RecordedEvent[] = [];
  const flush = async () => {
    await prepare?.(batch);
    for (const event of batch) use(event);
    events += batch.length;
    batch = [];
  };
  for await (const event of store.readAll()) {
    batch.push(event);
    if (batch.length >= 1000) await flush();
  }
  await flush();
  const seconds = (performance.now() - started) / 1000;
  return { events, seconds, perSec: events / seconds };
}

/**
 * Things that make a rebuild fail or mislead, visible before it runs: read models whose logical table
 * names collide while physical names carry no projection name (one generation's CREATE would drop the
 * other's table of the same name). Fixed in libs/projections (physicalName takes the projection); kept
 * as a guard.
 */
function preflight(engine: ProjectionEngine): string[] {
  const issues: string[] = [];
  const owners = new Map<string, string[]>();
  for (const p of engine.projections) for (const t of p.tables) owners.set(t.name, [...(owners.get(t.name) ?? []), p.name]);
  const name = physicalName as unknown as (...args: unknown[]) => string;
  for (const [table, names] of owners) {
    if (names.length < 2) continue;
    const physical = new Set(names.map((p) => (name.length >= 3 ? name(p, table, 1) : name(table, 1))));
    if (physical.size < names.length) issues.push(`table "${table}" of ${names.join(' and ')} maps to one physical table (${[...physical].join(', ')})`);
  }
  return issues;
}

function fileMb(file: string): number | null {
  try {
    return Math.round(statSync(file).size / 1048576);
  } catch {
    return null;
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
