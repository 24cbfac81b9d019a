import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DatasetMeta } from './generate';

/**
 * Generated datasets are cached in bench/.tmp (gitignored), keyed by the number of events, the seed and
 * the generator version: GENERATOR_VERSION plus a hash of the generator's own sources, so a change to
 * the story (here or in libs/domain/src/scenarios) makes a new file instead of silently reusing an old
 * one. Any other change in libs/domain does not invalidate the cache: bump GENERATOR_VERSION when event
 * shapes change.
 */
export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 20_140_505;
export const TMP_DIR = resolve(__dirname, '..', '.tmp');
const ROOT = resolve(__dirname, '..', '..');

export interface Dataset {
  /** A folder shaped like a DATA_DIR: events.sqlite, keys.sqlite (and meta.json). */
  readonly dir: string;
  readonly eventsFile: string;
  readonly keysFile: string;
  readonly meta: DatasetMeta;
  /** True when this call generated it (its time is in meta.generationSeconds). */
  readonly generated: boolean;
}

/** The story is told with the domain's scenario builder: its sources are part of the generator. */
const SCENARIOS_DIR = resolve(__dirname, '..', '..', 'libs', 'domain', 'src', 'scenarios');

export function generatorVersion(): string {
  const hash = createHash('sha256');
  for (const dir of [__dirname, SCENARIOS_DIR]) {
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'dataset.ts' && !f.endsWith('.spec.ts'))
      .sort()) {
      hash.update(name).update(readFileSync(join(dir, name)));
    }
  }
  return `v${GENERATOR_VERSION}-${hash.digest('hex').slice(0, 8)}`;
}

export function datasetDir(events: number, seed = DEFAULT_SEED): string {
  return join(TMP_DIR, `dataset-${events}-s${seed}-${generatorVersion()}`);
}

/** The cached dataset of `events` events, generated first (in a child process) when missing. */
export async function ensureDataset(events: number, log: (message: string) => void, seed = DEFAULT_SEED): Promise<Dataset> {
  mkdirSync(TMP_DIR, { recursive: true });
  const dir = datasetDir(events, seed);
  const metaFile = join(dir, 'meta.json');
  const found = (generated: boolean): Dataset => ({
    dir,
    eventsFile: join(dir, 'events.sqlite'),
    keysFile: join(dir, 'keys.sqlite'),
    meta: JSON.parse(readFileSync(metaFile, 'utf8')) as DatasetMeta,
    generated,
  });
  if (existsSync(metaFile)) return found(false);
  log(`no cached dataset of ${events.toLocaleString('en')} events: generating ${dir}`);
  await new Promise<void>((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        join(__dirname, 'generate.ts'),
        '--events',
        String(events),
        '--dir',
        dir,
        '--seed',
        String(seed),
        '--version',
        generatorVersion(),
      ],
      { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.on('error', fail);
    child.on('exit', (code, signal) => (code === 0 ? done() : fail(new Error(`The generator failed (${signal ?? `exit ${code}`})`))));
  });
  return found(true);
}
