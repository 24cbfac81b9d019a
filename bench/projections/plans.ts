/**
 * Which row changes of which read model make SQLite scan a whole table. Runs every projection's handler
 * over the first BENCH_PLAN_EVENTS events (default 100,000) of the cached BENCH_EVENTS dataset, collects
 * the distinct statements ReadModelDb.apply would run (op, table, columns), asks SQLite for each one's
 * query plan on the generation's real schema, and counts how often each was used. An UPDATE or DELETE
 * whose WHERE no index covers is a full scan per change: its cost grows with the table, so a rebuild
 * slows down as it goes (quadratic overall).
 *
 *   BENCH_EVENTS=1000000 node -r @swc-node/register bench/projections/plans.ts
 */
import 'reflect-metadata';
import { RowChange } from '@app/projections';
import { ReadModelDb, physicalName } from '@app/projections';
import { SqliteEventStore } from '@app/event-store';
import { appCodec } from '../generator/app-codec';
import { ensureDataset } from '../generator/dataset';
import { fmtInt, table } from './measure';
import { ALL_PROJECTIONS, decodeForProjections } from '../product/read-models';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const LIMIT = Number(process.env.BENCH_PLAN_EVENTS ?? 100_000);

async function main() {
  const dataset = await ensureDataset(EVENTS, (m) => process.stderr.write(`[plans] ${m}\n`));
  const store = new SqliteEventStore({ file: dataset.eventsFile });
  const codec = appCodec(dataset.keysFile);
  const decode = decodeForProjections(codec.codec);
  const projections = ALL_PROJECTIONS;
  const db = new ReadModelDb(':memory:');
  const generation = new Map(projections.map((p) => [p.name, db.createGeneration(p, 'building')]));
  const seen = new Map<string, { projection: string; change: RowChange; count: number }>();
  let n = 0;
  for await (const recorded of store.readAll({ maxCount: LIMIT })) {
    const event = decode(recorded);
    for (const p of projections) {
      if (p.eventTypes !== '*' && !p.eventTypes.includes(event.type)) continue;
      for (const change of p.handle(event)) {
        const shape =
          change.op === 'upsert'
            ? `${change.key.join(',')}`
            : change.op === 'update'
              ? `${Object.keys(change.set).join(',')} WHERE ${Object.keys(change.where).join(',')}`
              : change.op === 'delete'
                ? `WHERE ${Object.keys(change.where).join(',')}`
                : JSON.stringify(change);
        const key = `${p.name}|${change.op}|${change.table}|${shape}`;
        const found = seen.get(key);
        if (found) found.count++;
        else seen.set(key, { projection: p.name, change, count: 1 });
      }
    }
    n++;
  }
  await store.close();
  codec.close();

  const rows: string[][] = [];
  let scans = 0;
  for (const { projection, change, count } of [...seen.values()].sort((a, b) => b.count - a.count)) {
    const t = `"${physicalName(projection, change.table, generation.get(projection)!)}"`;
    let sql: string;
    let shape: string;
    if (change.op === 'upsert') {
      const cols = Object.keys(change.row);
      sql = `INSERT INTO ${t} (${cols.map((c) => `"${c}"`).join(',')}) VALUES (${cols.map(() => '?').join(',')}) ON CONFLICT (${change.key.map((c) => `"${c}"`).join(',')}) DO NOTHING`;
      shape = `upsert on (${change.key.join(', ')})`;
    } else if (change.op === 'update') {
      sql = `UPDATE ${t} SET ${Object.keys(change.set)
        .map((c) => `"${c}" = ?`)
        .join(', ')} WHERE ${Object.keys(change.where)
        .map((c) => `"${c}" = ?`)
        .join(' AND ')}`;
      shape = `update where (${Object.keys(change.where).join(', ')})`;
    } else if (change.op === 'delete') {
      sql = `DELETE FROM ${t} WHERE ${Object.keys(change.where)
        .map((c) => `"${c}" = ?`)
        .join(' AND ')}`;
      shape = `delete where (${Object.keys(change.where).join(', ')})`;
    } else {
      rows.push([projection, (change as { table: string }).table, `op ${(change as { op: string }).op}`, fmtInt(count), 'not checked']);
      continue;
    }
    let plan: string;
    try {
      plan = (db.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join('; ');
    } catch (error) {
      plan = `cannot plan: ${(error as Error).message}`;
    }
    const scan = /\bSCAN\b/.test(plan) && !/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|USING PRIMARY KEY/.test(plan);
    if (scan) scans += count;
    rows.push([projection, change.table, shape, fmtInt(count), scan ? `FULL SCAN: ${plan}` : plan || '(insert)']);
  }
  console.log(`\nRow changes of ${fmtInt(n)} events and their query plans (${projections.length} read models)\n`);
  console.log(table(['read model', 'table', 'change', 'count', 'plan'], rows, [3]));
  console.log(`\n${fmtInt(scans)} of the row changes scan a whole table.`);
  db.close();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
