/**
 * Writes a generated history of N events to a SQLite event store file:
 *
 *   node -r @swc-node/register bench/generator/generate.ts --events 1000000 --dir bench/.tmp/x [--seed 20140505]
 *
 * The folder gets what a DATA_DIR would hold: `events.sqlite` (the log) and `keys.sqlite` (the persons'
 * keys for their encrypted fields), plus `meta.json` (counts, sample ids for queries, timings). Usually
 * started by `ensureDataset` (dataset.ts), which caches the folder. Progress goes to stderr.
 */
import 'reflect-metadata';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { appCodec } from './app-codec';
import { Calendar, Rng } from './random';
import { Recorder } from './recorder';
import { facilitiesFor, Simulation, START_DATE } from './simulation';

export interface DatasetMeta {
  readonly generatorVersion: string;
  readonly requestedEvents: number;
  readonly seed: number;
  readonly events: number;
  readonly appends: number;
  readonly lastPosition: number;
  readonly fileBytes: number;
  /** Personal fields encrypted with per-person keys, as the app stores them. */
  readonly personalDataEncrypted: boolean;
  readonly generationSeconds: number;
  readonly streams: Readonly<Record<string, number>>;
  readonly eventTypes: Readonly<Record<string, number>>;
  readonly summary: ReturnType<Simulation['summary']>;
}

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : fallback;
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
}

async function main() {
  const events = Number(arg('events'));
  const out = arg('dir');
  const seed = Number(arg('seed', '20140505'));
  const version = arg('version', 'dev');
  if (!Number.isInteger(events) || events < 1000) throw new Error('--events must be a whole number >= 1000');
  const partial = `${out}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const eventsFile = join(partial, 'events.sqlite');

  const started = performance.now();
  const rng = new Rng(seed);
  const cal = new Calendar(START_DATE, 366 * 20);
  let recorder: Recorder | undefined;
  // NORMAL: a generator crash costs a regeneration, never a wrong benchmark (the file is renamed when done).
  const store = new SqliteEventStore({ file: eventsFile, synchronous: 'NORMAL', clock: () => recorder!.clock() });
  // Generation speed only: a larger page cache for the random-order unique index on event ids.
  (store as unknown as { db: Database.Database }).db.pragma('cache_size = -262144');
  const codec = appCodec(join(partial, 'keys.sqlite'), { fastKeyStore: true });
  recorder = new Recorder(store, codec.codec, rng, codec.createKey);
  const sim = new Simulation(rng, cal, recorder, facilitiesFor(events));

  let lastReport = 0;
  await sim.run(events, (day) => {
    const now = performance.now();
    if (now - lastReport < 2000 && recorder!.events < events) return;
    lastReport = now;
    const seconds = (now - started) / 1000;
    process.stderr.write(
      `[generator] ${recorder!.events.toLocaleString('en')} / ${events.toLocaleString('en')} events, day ${cal.date(day)}, ` +
        `${sim.cases.toLocaleString('en')} cases, ${Math.round(recorder!.events / seconds).toLocaleString('en')} ev/s, ` +
        `rss ${Math.round(process.memoryUsage().rss / 1048576)} MB\n`,
    );
  });
  await store.close();
  codec.close();

  const db = new Database(eventsFile, { readonly: true });
  const { count, last } = db.prepare('SELECT count(*) AS count, max(position) AS last FROM events').get() as { count: number; last: number };
  db.close();
  if (count !== recorder.events) throw new Error(`The store holds ${count} events; the generator recorded ${recorder.events}`);
  const size = statSync(eventsFile).size;
  const meta: DatasetMeta = {
    generatorVersion: version,
    requestedEvents: events,
    seed,
    events: count,
    appends: recorder.appends,
    lastPosition: last,
    fileBytes: size,
    personalDataEncrypted: codec.encrypted,
    generationSeconds: Math.round((performance.now() - started) / 100) / 10,
    streams: Object.fromEntries(recorder.streamKinds),
    eventTypes: Object.fromEntries([...recorder.countsByType].sort((a, b) => b[1] - a[1])),
    summary: sim.summary(),
  };
  writeFileSync(join(partial, 'meta.json'), JSON.stringify(meta, null, 1));
  rmSync(out, { recursive: true, force: true });
  renameSync(partial, out);
  process.stderr.write(
    `[generator] done: ${count.toLocaleString('en')} events in ${meta.generationSeconds} s, ${meta.summary.cases.toLocaleString('en')} cases, ` +
      `${meta.summary.facilities.length} facilities, ${meta.summary.firstDay} .. ${meta.summary.lastDay}, ${(size / 1048576).toFixed(0)} MB, ` +
      `personal data ${codec.encrypted ? 'encrypted' : 'in the clear'}\n`,
  );
  if (!existsSync(join(out, 'events.sqlite'))) throw new Error('The dataset vanished');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
