import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

export interface CliRebuild {
  readonly seconds: number;
  readonly eventsPerSec: number;
  /** The child's peak resident set (the kernel's VmHWM, read while it runs), in MB. */
  readonly peakRssMb: number;
  readonly exitCode: number | null;
}

/**
 * The rebuild as an operator runs it: `node dist/apps/api/src/cli/cli.js projections:rebuild`, compiled
 * JavaScript in a process of its own (no TypeScript compiler loaded, unlike this bench's process), on a
 * fresh DATA_DIR holding the same log and key store. Its memory is the product's own.
 */
/** Compiles the API once, for the CLI runs below. */
export function buildApi(log: (m: string) => void): void {
  log('building the API (nest build api) for the CLI rebuild');
  execFileSync(process.execPath, [join(ROOT, 'node_modules/@nestjs/cli/bin/nest.js'), 'build', 'api'], { cwd: ROOT, stdio: 'ignore' });
}

/** `nodeOptions`: flags for node itself, e.g. a cap on the JavaScript heap. */
export async function measureCliRebuild(spec: {
  eventsFile: string;
  keysFile: string;
  tmpDir: string;
  env: Record<string, string>;
  events: number;
  nodeOptions?: string[];
}): Promise<CliRebuild> {
  const dataDir = mkdtempSync(join(spec.tmpDir, 'run-cli-rebuild-'));
  try {
    symlinkSync(spec.eventsFile, join(dataDir, 'events.sqlite'));
    symlinkSync(spec.keysFile, join(dataDir, 'keys.sqlite'));
    const started = performance.now();
    const child = spawn(process.execPath, [...(spec.nodeOptions ?? []), join(ROOT, 'dist/apps/api/src/cli/cli.js'), 'projections:rebuild'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...spec.env, DATA_DIR: dataDir },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    let peakKb = 0;
    const sample = () => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        /* it has exited, or this is not Linux */
      }
    };
    const timer = setInterval(sample, 100);
    const exitCode = await new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    clearInterval(timer);
    const seconds = (performance.now() - started) / 1000;
    return { seconds, eventsPerSec: spec.events / seconds, peakRssMb: Math.round(peakKb / 1024), exitCode };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
