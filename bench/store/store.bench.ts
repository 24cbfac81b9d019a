/**
 * `npm run bench:store`: durable append throughput of our SQLite event store against raw better-sqlite3
 * (the hardware + SQLite ceiling) and emmett-sqlite (a peer event store), plus group commit and a full
 * readAll scan. Every engine writes its own file in one temp folder, removed at the end, with WAL and
 * synchronous = FULL (each commit fsyncs the WAL), read back from SQLite rather than assumed.
 *
 * A benchmark, not a test: the goals (vsEmmett >= 3, vsRaw >= 0.8) are reported, never asserted. The last
 * line of stdout is one JSON object for scripts; progress and npm's first-run install go to stderr.
 *
 * Tunables (environment): BENCH_ROUNDS, BENCH_ROUND_MS, BENCH_WARMUP_MS, BENCH_CONCURRENCY, BENCH_SCAN_EVENTS.
 */
import Database from 'better-sqlite3';
import { join, relative } from 'node:path';
import { EmmettRunner, loadEmmett, openEmmett, openEmmettDefault } from './emmett';
import { interleave, Measurement, measure, Outcome, Plan, Runner, tempDir } from './harness';
import { fillForScan, openOursGrouped, openOursSequential, openScan } from './ours';
import { openRaw } from './raw';
import { fmt, round, Row, table } from './report';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/** Sized for about a minute on 2 cores: 4 sequential engines x 5 rounds x 1.5 s dominate. */
const SEQUENTIAL: Plan = {
  warmupMs: num('BENCH_WARMUP_MS', 500),
  rounds: num('BENCH_ROUNDS', 5),
  roundMs: num('BENCH_ROUND_MS', 1500),
};
const GROUPED: Plan = { ...SEQUENTIAL, rounds: 3 };
/** A scan round is one full pass whatever the budget; warm-up is one pass too. */
const SCAN: Plan = { warmupMs: 1, rounds: 3, roundMs: 0 };
/** Sequential appends rotate over this many streams, each append at its stream's exact revision. */
const STREAMS = 100;
const CONCURRENCY = num('BENCH_CONCURRENCY', 256);
const SCAN_EVENTS = num('BENCH_SCAN_EVENTS', 200_000);
const SCAN_EVENTS_PER_APPEND = 10;
const SCAN_FILL_CONCURRENCY = 64;

const SYNC_NAMES: Record<number, string> = { 0: 'OFF', 1: 'NORMAL', 2: 'FULL', 3: 'EXTRA' };
const syncName = (level?: number) => (level === undefined ? null : (SYNC_NAMES[level] ?? String(level)));
const ok = (o?: Outcome): Measurement | undefined => (o && !('error' in o) ? o : undefined);
const errorOf = (o?: Outcome) => (o && 'error' in o ? o.error : undefined);

/**
 * Node resolves `x.js` before `x.ts`, so a stray compiled file next to the adapter's source (from a tsc or
 * swc run without outDir) would be benchmarked instead of the source. Say so rather than mislead.
 */
function adapterModule(): string {
  const resolved = require.resolve('../../libs/event-store/src/sqlite/sqlite.event-store');
  if (!resolved.endsWith('.ts')) progress(`warning: benchmarking the compiled ${resolved}, not the .ts source next to it`);
  return resolved;
}

async function main() {
  const adapter = adapterModule();
  const tmp = tempDir();
  const opened: Runner[] = [];
  const track = <R extends Runner>(r: R) => (opened.push(r), r);
  // emmett console.log()s every error it rolls back; keep stdout for the table and the JSON line.
  const log = console.log;
  console.log = (...args: unknown[]) => console.error(...args);
  try {
    // 1-3: sequential durable appends, all engines interleaved round by round.
    const peer = loadEmmett();
    const ours = track(openOursSequential(join(tmp.dir, 'ours.db'), STREAMS));
    const raw = track(openRaw(join(tmp.dir, 'raw.db'), STREAMS));
    let emmett: EmmettRunner | undefined;
    let emmettDefault: EmmettRunner | undefined;
    let peerError = peer.ok ? undefined : peer.reason;
    if (peer.ok) {
      try {
        emmett = track(await openEmmett(peer.api, join(tmp.dir, 'emmett.db'), STREAMS));
        emmettDefault = track(await openEmmettDefault(peer.api, join(tmp.dir, 'emmett-default.db'), STREAMS));
      } catch (error) {
        peerError = `emmett failed to start: ${(error as Error).message}`;
      }
    }
    const contenders = [ours, raw, emmett, emmettDefault].filter((r): r is NonNullable<typeof r> => !!r);
    progress(`sequential appends: ${contenders.map((c) => c.name).join(', ')} interleaved`);
    const seq = await interleave(contenders, SEQUENTIAL);
    const oursR = ok(seq.get('ours'));
    const rawR = ok(seq.get('raw'));
    if (!oursR || !rawR) throw new Error(`ours/raw failed: ${errorOf(seq.get('ours')) ?? errorOf(seq.get('raw'))}`);

    // 4: group commit.
    progress(`grouped appends: ${CONCURRENCY} concurrent callers`);
    const grouped = await measure(track(openOursGrouped(join(tmp.dir, 'grouped.db'), CONCURRENCY)), GROUPED);

    // 5: full scan.
    const scanFile = join(tmp.dir, 'scan.db');
    const fill = await fillForScan(scanFile, SCAN_EVENTS, SCAN_EVENTS_PER_APPEND, SCAN_FILL_CONCURRENCY);
    progress(`scan: filled ${fmt(fill.events)} events in ${fmt(fill.ms)} ms; scanning`);
    const scan = await measure(track(openScan(scanFile, fill.events)), SCAN);

    // Report.
    const peerRow = (runner: EmmettRunner | undefined, name: string, mode: string): Row => {
      const outcome = runner ? seq.get(runner.name) : undefined;
      const base = { name, what: 'sequential 1-event appends', unit: '/s' };
      if (!runner) return { ...base, note: `not run: ${peerError}` };
      const failed = errorOf(outcome);
      if (failed) return { ...base, note: `stopped: ${failed}` };
      const failures = runner.failures.count ? `; ${runner.failures.count} appends failed (${runner.failures.first})` : '';
      return {
        ...base,
        result: ok(outcome),
        note: `emmett-sqlite ${peer.ok ? peer.version : ''}, ${mode}; journal=${runner.journalMode} sync=${syncName(runner.synchronous)}${failures}`,
      };
    };
    const emmettR = ok(emmett && seq.get(emmett.name));
    const emmettDefaultR = ok(emmettDefault && seq.get(emmettDefault.name));
    const emmettError = peerError ?? errorOf(emmett && seq.get(emmett.name));
    const vsRaw = oursR.perSec / rawR.perSec;
    const vsEmmett = emmettR ? oursR.perSec / emmettR.perSec : null;
    const rows: Row[] = [
      { name: 'ours', what: 'sequential 1-event appends', unit: '/s', result: oursR, note: `SqliteEventStore; journal=wal sync=${syncName(ours.synchronous)}` },
      {
        name: 'raw',
        what: 'sequential 1-event appends',
        unit: '/s',
        result: rawR,
        note: `better-sqlite3 by hand, same schema and statements; journal=wal sync=${syncName(raw.synchronous)}`,
      },
      peerRow(emmett, 'emmett', 'one long-lived connection'),
      peerRow(emmettDefault, 'emmett (default)', 'its default pool: a new connection per append'),
      {
        name: 'grouped',
        what: `${CONCURRENCY} concurrent callers`,
        unit: '/s',
        result: grouped,
        note: 'ours, group commit; 1 event per append, own stream per caller',
      },
      { name: 'scan', what: `readAll of ${fmt(fill.events)} events`, unit: 'ev/s', result: scan, note: 'ours, full forward pass, every event JSON-parsed' },
    ];
    const ratio = (x: number | null, goal: number) => (x === null ? 'n/a' : `${x.toFixed(2)}  (goal >= ${goal}: ${x >= goal ? 'met' : 'NOT met'})`);

    console.log = log;
    log(
      `\nDurable event-store bench  (node ${process.version}; sequential: ${SEQUENTIAL.rounds} interleaved rounds of ${SEQUENTIAL.roundMs} ms after ${SEQUENTIAL.warmupMs} ms warm-up; median)\n`,
    );
    log(table(rows));
    log(`\nvsRaw    (ours / raw)    = ${ratio(vsRaw, 0.8)}`);
    log(`vsEmmett (ours / emmett) = ${ratio(vsEmmett, 3)}`);
    if (emmettDefaultR) log(`ours / emmett (default)  = ${(oursR.perSec / emmettDefaultR.perSec).toFixed(2)}`);
    log(`grouped / ours           = ${(grouped.perSec / oursR.perSec).toFixed(1)}x`);
    log(
      `scan fill                = ${fmt(fill.events)} events in ${fmt(fill.ms)} ms (${SCAN_EVENTS_PER_APPEND} per append, ${SCAN_FILL_CONCURRENCY} callers)\n`,
    );
    log(
      JSON.stringify({
        oursAppendsPerSec: round(oursR.perSec),
        rawAppendsPerSec: round(rawR.perSec),
        emmettAppendsPerSec: emmettR ? round(emmettR.perSec) : null,
        emmettDefaultAppendsPerSec: emmettDefaultR ? round(emmettDefaultR.perSec) : null,
        vsRaw: round(vsRaw, 3),
        vsEmmett: round(vsEmmett, 3),
        groupedAppendsPerSec: round(grouped.perSec),
        scanEventsPerSec: round(scan.perSec),
        goals: { vsRaw: 0.8, vsEmmett: 3, vsRawMet: vsRaw >= 0.8, vsEmmettMet: vsEmmett === null ? null : vsEmmett >= 3 },
        counts: {
          oursAppends: oursR.ops,
          rawAppends: rawR.ops,
          emmettAppends: emmettR?.ops ?? null,
          emmettFailedAppends: emmett ? emmett.failures.count : null,
          emmettDefaultAppends: emmettDefaultR?.ops ?? null,
          emmettDefaultFailedAppends: emmettDefault ? emmettDefault.failures.count : null,
          groupedAppends: grouped.ops,
          scanEvents: fill.events,
          scanPasses: scan.rounds.length,
        },
        rounds: {
          ours: oursR.rounds.map((x) => round(x)),
          raw: rawR.rounds.map((x) => round(x)),
          emmett: emmettR?.rounds.map((x) => round(x)) ?? null,
          grouped: grouped.rounds.map((x) => round(x)),
          scan: scan.rounds.map((x) => round(x)),
        },
        settings: {
          journalMode: 'wal',
          synchronous: {
            ours: syncName(ours.synchronous),
            raw: syncName(raw.synchronous),
            emmett: syncName(emmett?.synchronous),
            emmettDefault: syncName(emmettDefault?.synchronous),
          },
          sequentialStreams: STREAMS,
          groupedConcurrency: CONCURRENCY,
          scanEventsPerAppend: SCAN_EVENTS_PER_APPEND,
          warmupMs: SEQUENTIAL.warmupMs,
          rounds: SEQUENTIAL.rounds,
          roundMs: SEQUENTIAL.roundMs,
          statistic: 'median of rounds',
        },
        adapterModule: relative(process.cwd(), adapter),
        versions: {
          node: process.version,
          sqliteInBetterSqlite3: sqliteVersion(),
          emmettSqlite: peer.ok ? peer.version : null,
          sqliteInNodeSqlite3: emmett?.sqliteVersion ?? null,
        },
        emmettError: emmettError ?? null,
      }),
    );
  } finally {
    console.log = log;
    for (const r of opened) await r.close().catch(() => undefined);
    tmp.cleanup();
  }
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  const v = db.prepare('SELECT sqlite_version()').pluck().get() as string;
  db.close();
  return v;
}

function progress(message: string) {
  process.stderr.write(`[bench:store] ${message}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
