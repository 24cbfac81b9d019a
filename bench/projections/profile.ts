/**
 * Where a projection rebuild spends its time: the same events taken through the rebuild's stages one
 * layer at a time, each stage a full pass over the cached dataset of BENCH_EVENTS events (default
 * 1,000,000):
 *
 *   sqlite-rows      better-sqlite3 iterate() over the events table, no JSON.parse   (the floor)
 *   readAll          SqliteEventStore.readAll: rows → RecordedEvent (2 JSON.parse, Date, bigint)
 *   decode-plain     + EventCodec.decode without the personal-data cipher (upcasting only)
 *   decode           + the app's decode for projections (upcast; a personal field decrypted when a handler reads it)
 *   subscription     subscribeToAll() until caught up, + decode (the async iteration the group uses)
 *   handlers         readAll + decode + every projection's handle(), no SQL
 *   handlers+sql     + ReadModelDb.apply and a checkpoint per projection, 1000 events per transaction,
 *                    in a plain synchronous loop (no subscription, no linger): the engine's ceiling today
 *   engine           ProjectionEngine.rebuild() itself
 *
 * plus the time of each projection's handler and SQL in the handlers+sql stage. BENCH_PROFILE_EVENTS
 * limits the stages that read the log themselves to its first events (the engine stage always rebuilds
 * the whole log, so it is skipped then).
 *
 *   BENCH_EVENTS=200000 node -r @swc-node/register bench/projections/profile.ts [stage ...]
 */
import 'reflect-metadata';
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { domainUpcasters } from '@app/domain';
import { RecordedEvent, SqliteEventStore } from '@app/event-store';
import { Projection, ProjectionEngine, ReadModelDb } from '@app/projections';
import { appCodec } from '../generator/app-codec';
import { ensureDataset, TMP_DIR } from '../generator/dataset';
import { fmtInt, RssSampler, round, table } from './measure';
import { ALL_PROJECTIONS, decodeForProjections, EventCodec } from '../product/read-models';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const STAGES = ['sqlite-rows', 'readAll', 'decode-plain', 'decode', 'subscription', 'handlers', 'handlers+sql', 'engine'] as const;
type Stage = (typeof STAGES)[number];

const log = (m: string) => process.stderr.write(`[profile] ${m}\n`);

async function main() {
  const wanted = (process.argv.slice(2).length ? process.argv.slice(2) : STAGES) as Stage[];
  const dataset = await ensureDataset(EVENTS, log);
  const total = Math.min(Number(process.env.BENCH_PROFILE_EVENTS ?? Infinity), dataset.meta.events);
  const partial = total < dataset.meta.events;
  mkdirSync(TMP_DIR, { recursive: true });
  const work = mkdtempSync(join(TMP_DIR, 'run-profile-'));
  const store = new SqliteEventStore({ file: dataset.eventsFile });
  const codec = appCodec(dataset.keysFile);
  const decode = decodeForProjections(codec.codec);
  const projections = ALL_PROJECTIONS;
  const rss = new RssSampler();
  const results: Array<{ stage: Stage; seconds: number; perSec: number; note: string; rssMb: number }> = [];
  const perProjection = new Map<string, { handle: number; sql: number; changes: number }>();

  const run = async (stage: Stage, body: () => Promise<string | void>) => {
    if (!wanted.includes(stage)) return;
    if (partial && stage === 'engine') return log(`${stage}: skipped (BENCH_PROFILE_EVENTS < the whole log)`);
    log(`${stage} ...`);
    rss.enter(stage);
    if (global.gc) global.gc();
    const started = performance.now();
    const note = (await body()) ?? '';
    const seconds = (performance.now() - started) / 1000;
    results.push({ stage, seconds, perSec: total / seconds, note, rssMb: rss.phases()[stage] ?? 0 });
    log(`  ${fmtInt(total / seconds)} events/s (${seconds.toFixed(1)} s) ${note}`);
  };

  const readAll = () => store.readAll({ maxCount: total });
  const plainDecode = decodeForProjections(new EventCodec(domainUpcasters()));

  try {
    await run('sqlite-rows', async () => {
      const db = new Database(dataset.eventsFile, { readonly: true });
      let n = 0;
      for (const row of db.prepare('SELECT * FROM events ORDER BY position LIMIT ?').safeIntegers(true).iterate(BigInt(total))) if (row) n++;
      db.close();
      return `${fmtInt(n)} rows`;
    });
    await run('readAll', async () => {
      for await (const e of readAll()) if (!e) throw new Error('unreachable');
    });
    await run('decode-plain', async () => {
      for await (const e of readAll()) plainDecode(e);
    });
    await run('decode', async () => {
      for await (const e of readAll()) decode(e);
    });
    await run('subscription', async () => {
      const sub = store.subscribeToAll();
      let n = 0;
      for await (const m of sub) {
        if (m.kind === 'caughtUp') break;
        if (m.kind !== 'event') continue;
        decode(m.event);
        if (++n >= total) break;
      }
      await sub.unsubscribe();
    });
    await run('handlers', async () => {
      let changes = 0;
      for await (const e of readAll()) {
        const event = decode(e);
        for (const p of projections) if (handles(p, event.type)) changes += p.handle(event).length;
      }
      return `${fmtInt(changes)} row changes`;
    });
    await run('handlers+sql', async () => {
      const db = new ReadModelDb(join(work, 'plain-loop.sqlite'));
      const generations = projections.map((p) => db.createGeneration(p, 'building'));
      let batch: RecordedEvent[] = [];
      const flush = () => {
        const events = batch.map(decode);
        db.transaction(() => {
          for (const event of events) {
            projections.forEach((p, i) => {
              if (!handles(p, event.type)) return;
              const t0 = performance.now();
              const changes = p.handle(event);
              const t1 = performance.now();
              db.apply(p.name, generations[i], changes);
              const t2 = performance.now();
              const acc = perProjection.get(p.name) ?? { handle: 0, sql: 0, changes: 0 };
              acc.handle += t1 - t0;
              acc.sql += t2 - t1;
              acc.changes += changes.length;
              perProjection.set(p.name, acc);
            });
          }
          const last = events[events.length - 1].position;
          projections.forEach((p, i) => db.checkpoint(p.name, generations[i], last, 0));
        });
        batch = [];
      };
      for await (const e of readAll()) {
        batch.push(e);
        if (batch.length === 1000) flush();
      }
      if (batch.length) flush();
      db.close();
      const worst = [...perProjection].sort((a, b) => b[1].sql - a[1].sql).slice(0, 3);
      return `slowest SQL: ${worst.map(([n, t]) => `${n} ${((t.sql * 1000) / total).toFixed(0)} µs/ev`).join(', ')}`;
    });
    await run('engine', async () => {
      const db = new ReadModelDb(join(work, 'engine.sqlite'));
      const engine = new ProjectionEngine({ store, db, projections, decode, positionsCountEvents: true, registryPollMs: 0 });
      await engine.rebuild();
      await engine.stop();
      db.close();
    });
  } finally {
    await store.close();
    codec.close();
    rmSync(work, { recursive: true, force: true });
  }

  const baseline = results.find((r) => r.stage === 'decode');
  console.log(
    `\nRebuild profile: ${fmtInt(total)} events of the ${fmtInt(dataset.meta.events)}-event dataset, ${projections.length} read models (node ${process.version})\n`,
  );
  console.log(
    table(
      ['stage', 'events/s', 'seconds', 'µs/event', 'vs decode', 'peak rss MB', 'notes'],
      results.map((r) => [
        r.stage,
        fmtInt(r.perSec),
        r.seconds.toFixed(1),
        ((r.seconds * 1e6) / total).toFixed(1),
        baseline ? (r.perSec / baseline.perSec).toFixed(2) : '',
        String(r.rssMb),
        r.note,
      ]),
      [1, 2, 3, 4, 5],
    ),
  );
  if (perProjection.size) {
    const rows = [...perProjection].sort((a, b) => b[1].handle + b[1].sql - (a[1].handle + a[1].sql));
    console.log('\nPer read model in handlers+sql (µs per event of the whole log):\n');
    console.log(
      table(
        ['read model', 'handle()', 'ReadModelDb.apply', 'row changes'],
        rows.map(([name, t]) => [name, ((t.handle * 1000) / total).toFixed(2), ((t.sql * 1000) / total).toFixed(2), fmtInt(t.changes)]),
        [1, 2, 3],
      ),
    );
  }
  console.log('');
  console.log(
    JSON.stringify({
      events: total,
      stages: Object.fromEntries(
        results.map((r) => [
          r.stage,
          { eventsPerSec: round(r.perSec), seconds: round(r.seconds, 2), usPerEvent: round((r.seconds * 1e6) / total, 2), note: r.note || undefined },
        ]),
      ),
      perReadModelUsPerEvent: Object.fromEntries(
        [...perProjection].map(([n, t]) => [n, { handle: round((t.handle * 1000) / total, 2), sql: round((t.sql * 1000) / total, 2), changes: t.changes }]),
      ),
      maxRssMb: rss.maxRssMb(),
    }),
  );
  rss.stop();
}

function handles(p: Projection, type: string): boolean {
  return p.eventTypes === '*' || p.eventTypes.includes(type);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
