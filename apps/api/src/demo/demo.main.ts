import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Clock } from '../platform/clock';
import { createApp } from '../app/bootstrap';
import { ConfigError, loadConfig } from '../platform/config/app-config';
import { DemoSeedResult, seedDemo } from './demo-seed';

/**
 * `npm run demo`: the real app on a throw-away demo data folder (DEMO_DATA_DIR, default ./data-demo),
 * wiped and seeded on every start, then the demo accounts and the URL. It never touches ./data or
 * DATA_DIR, never uses EventStoreDB, and ignores the installation's secrets and OpenID Connect settings.
 */
const MARKER = 'DEMO-DATA-NOT-FOR-REAL-USE.txt';
const BANNER = 'DEMO DATA — not for real use';

async function main(): Promise<void> {
  const dataDir = resolve(process.env.DEMO_DATA_DIR || './data-demo');
  freshDemoDir(dataDir);

  let config;
  try {
    // Only what makes sense for a demo is taken from the environment; the store is always SQLite here.
    config = loadConfig({
      EVENT_STORE: 'sqlite',
      DATA_DIR: dataDir,
      PORT: process.env.PORT,
      TOKEN_TTL_SECONDS: process.env.TOKEN_TTL_SECONDS ?? '3600',
      SQLITE_SYNCHRONOUS: process.env.SQLITE_SYNCHRONOUS ?? 'NORMAL',
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (process.env.EVENT_STORE === 'esdb') new Logger('Demo').warn('EVENT_STORE=esdb is ignored: the demo always runs on SQLite in its own folder');

  const app = await createApp(config);
  await app.init();
  const started = Date.now();
  const today = app.get(Clock).today();
  const result = await seedDemo(app, { today }).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  await app.listen(config.port);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  printSummary(result, url, dataDir, Date.now() - started);
}

/** Wipes the demo folder and recreates it, refusing any folder that might hold real data. */
function freshDemoDir(dir: string): void {
  const realData = resolve(process.env.DATA_DIR || './data');
  const cwd = process.cwd();
  const isAncestorOf = (a: string, b: string) => a === b || relative(a, b) === '' || !relative(a, b).startsWith('..');
  const refuse = (why: string) => {
    process.stderr.write(`Refusing to use ${dir} as the demo folder: ${why}. Set DEMO_DATA_DIR to a folder of its own.\n`);
    process.exit(2);
  };
  if (dir === dirname(dir) || dir === homedir()) refuse('it is a root or home folder');
  if (isAncestorOf(dir, realData) || isAncestorOf(realData, dir)) refuse(`it overlaps the real data folder ${realData}`);
  if (isAncestorOf(dir, cwd)) refuse('it contains the working folder');
  if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(join(dir, MARKER))) {
    refuse(`it is not empty and was not made by the demo (no ${MARKER})`);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MARKER), `${BANNER}.\nMade by \`npm run demo\`, which wipes and re-seeds this folder on every start.\n`);
}

function printSummary(result: DemoSeedResult, url: string, dataDir: string, ms: number): void {
  const line = '='.repeat(72);
  const width = Math.max(...result.accounts.map((a) => a.username.length));
  const statuses = Object.entries(result.statusCounts)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
  const out = [
    '',
    line,
    `  ${BANNER}`,
    `  ${BANNER}`,
    line,
    `  Open:       ${url}/   (the admin UI: log in with an account below)`,
    `  API:        ${url}/api  (OpenAPI: ${url}/api/openapi.json)`,
    `  Data:       ${dataDir}${sep}  (wiped and re-seeded on every start)`,
    `  Today:      ${result.today}`,
    `  Seeded:     ${result.facilities.length} facilities, ${result.facilities.reduce((n, f) => n + f.units, 0)} units, ${result.people} fake people, ${result.cases.length} cases, ${result.commands} commands in ${(ms / 1000).toFixed(1)} s`,
    `  Cases:      ${statuses}`,
    '',
    `  DEMO accounts (password for all: ${result.accounts[0].password})`,
    ...result.accounts.map((a) => `    ${a.username.padEnd(width)}  ${a.description}`),
    '',
    `  Log in:     POST ${url}/api/v1/auth/login {"username":"demo.saksbehandler","password":"${result.accounts[0].password}"}`,
    '  Ignore the "setup token" logged above: setup is done, the token no longer works.',
    line,
    `  ${BANNER}`,
    line,
    '',
  ];
  process.stdout.write(out.join('\n'));
}

void main().catch((error: unknown) => {
  process.stderr.write(`Demo failed: ${(error as Error)?.message ?? error}\n`);
  process.exit(1);
});
