import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const REPO_ROOT = join(__dirname, '..', '..');

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningApi {
  url: string;
  process: ChildProcess;
  /** Every line the process has printed so far (stdout and stderr), for assertions on its logs. */
  output(): string[];
  /** Sends a signal and resolves with how the process ended. */
  stop(signal?: NodeJS.Signals): Promise<ExitStatus>;
}

/**
 * Starts the API as its own process, the way `npm start` runs it, and resolves once it logs the URL it
 * listens on. PORT=0 lets the OS pick a free port so tests can run side by side.
 */
export function spawnApi(env: Record<string, string>, timeoutMs = 30_000): Promise<RunningApi> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(REPO_ROOT, 'apps/api/src/main.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<ExitStatus>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`API did not start in time:\n${output.join('\n')}`));
    }, timeoutMs);
    child.stderr.on('data', (chunk) => output.push(...String(chunk).split('\n').filter(Boolean)));
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`API exited (${code ?? signal}) before listening:\n${output.join('\n')}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      const match = /Listening on (http:\/\/\S+)/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1].replace('[::]', '127.0.0.1').replace('localhost', '127.0.0.1'),
        process: child,
        output: () => [...output],
        stop: async (signal = 'SIGTERM') => {
          child.kill(signal);
          return exited;
        },
      });
    });
  });
}

/** A log line as the API writes it (a JSON object per line). */
export interface LogLine {
  level: string;
  msg?: unknown;
  context?: string;
  requestId?: string;
  [field: string]: unknown;
}

/** The lines printed as parsed JSON; a line that is not JSON throws, naming it (the logs are JSON lines). */
export function logLines(output: readonly string[]): LogLine[] {
  return output.map((line) => {
    try {
      return JSON.parse(line) as LogLine;
    } catch {
      throw new Error(`Not a JSON log line: ${line}`);
    }
  });
}

/** The one-time setup token the active worker keeps in DATA_DIR (not in its logs), if it has one now. */
export function readSetupToken(dataDir: string): string | undefined {
  const file = join(dataDir, 'setup-token');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/** Runs the API expecting it to refuse to start; returns its exit code and what it printed. */
export function runApiExpectingFailure(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(REPO_ROOT, 'apps/api/src/main.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}
