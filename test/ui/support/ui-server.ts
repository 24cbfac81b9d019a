import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');
export const UI_DIST = join(ROOT, 'dist/admin-ui');
const UI_SRC = join(ROOT, 'apps/admin-ui');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the UI once per run: only when dist/admin-ui is missing or older than its sources. */
export function ensureUiBuilt(): void {
  const index = join(UI_DIST, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(UI_SRC)) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(UI_SRC, 'vite.config.mts'), '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
