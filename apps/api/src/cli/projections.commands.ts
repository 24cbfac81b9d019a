import { parseArgs } from 'node:util';
import { ProjectionEngine, ProjectionStatus } from '@app/projections';
import { createCliContext } from '../app/bootstrap';
import { AppConfig } from '../platform/config/app-config';
import { ProgressBar } from './progress-bar';

/** A read model that needs someone to look: stalled, or with parked events to replay after a fix. */
const needsAttention = (r: ProjectionStatus) => r.state === 'stalled' || r.parkedEvents > 0;

/**
 * Prints each read model's status, as a table or (--json) as one JSON document for a script or a
 * monitor. Exits 1 when a read model is stalled or has parked events, so a check can act on the code.
 */
export async function projectionsStatus(args: string[], config: AppConfig): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
  const app = await createCliContext(config);
  try {
    const rows = await app.get(ProjectionEngine).status();
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ projections: rows }, null, 2)}\n`);
    } else {
      console.table(
        rows.map((r) => ({
          projection: r.name,
          version: r.version,
          generation: r.generation,
          state: r.state,
          position: r.position ?? '-',
          'lag (events)': r.lagEvents ?? 'n/a',
          'lag (s)': r.lagSeconds.toFixed(1),
          parked: r.parkedEvents,
          rebuilding: r.rebuild ? `g${r.rebuild.generation} at ${r.rebuild.position ?? 'start'}` : '',
        })),
      );
    }
    return rows.some(needsAttention) ? 1 : 0;
  } finally {
    await app.close();
  }
}

/** The names among `names` that are no read model of the engine, said with the known ones; null when all are known. */
function unknownReadModels(engine: ProjectionEngine, names: readonly string[]): string | null {
  const known = engine.projections.map((p) => p.name);
  const unknown = names.filter((n) => !known.includes(n));
  return unknown.length ? `Unknown read model(s): ${unknown.join(', ')}. Known: ${known.join(', ')}\n` : null;
}

export async function projectionsRebuild(names: string[], config: AppConfig): Promise<number> {
  const app = await createCliContext(config);
  try {
    const engine = app.get(ProjectionEngine);
    const unknown = unknownReadModels(engine, names);
    if (unknown) {
      process.stderr.write(unknown);
      return 2;
    }
    const chosen = names.length ? names : engine.projections.map((p) => p.name);
    const bar = new ProgressBar();
    const started = Date.now();
    let applied = 0;
    await engine.rebuild(chosen, (p) => {
      applied = p.applied;
      const total = p.head && p.etaSeconds !== null ? p.applied + Math.round(p.etaSeconds * p.eventsPerSecond) : null;
      bar.update(p.applied, total, p.eventsPerSecond, p.etaSeconds);
    });
    const seconds = (Date.now() - started) / 1000;
    bar.finish(`Rebuilt ${chosen.join(', ')}: ${applied.toLocaleString('en')} events in ${seconds.toFixed(1)} s`);
    return 0;
  } finally {
    await app.close();
  }
}

export async function replayParked(args: string[], config: AppConfig): Promise<number> {
  const [name, ...extra] = args;
  if (!name || extra.length) {
    process.stderr.write('projections:replay-parked needs the name of one read model\n');
    return 2;
  }
  const app = await createCliContext(config);
  try {
    const engine = app.get(ProjectionEngine);
    // The engine answers 0 for a name it does not know: a typo must not read as "nothing was parked".
    const unknown = unknownReadModels(engine, [name]);
    if (unknown) {
      process.stderr.write(unknown);
      return 2;
    }
    const replayed = await engine.replayParked(name);
    process.stdout.write(`Replayed ${replayed} parked event(s) of ${name}\n`);
    return 0;
  } finally {
    await app.close();
  }
}
