import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real PostgreSQL server for tests: a fresh cluster in a temp dir, on a free loopback port, stopped
 * and removed by `stop()`. The server refuses to run as root, and CI runs as root, so when we are root
 * the cluster belongs to the `postgres` user and its programs run through `runuser`.
 *
 * Debian's package (`apt-get install postgresql`) provides the binaries; `.ci/run` installs it. A
 * machine without it fails here with a message that says so, never a skipped test.
 */
export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/DB`: trust authentication, loopback only. */
  readonly connectionString: string;
  readonly port: number;
  /** Makes another empty database on the same server and returns its connection string. */
  createDatabase(name: string): string;
  /** Stops the server immediately (as a crash would) and starts it again on the same port and data. */
  restart(): void;
  stop(): void;
}

export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  if (versions.length === 0) {
    throw new Error('PostgreSQL is not installed: run `apt-get install -y postgresql` (.ci/run does this on a fresh machine)');
  }
  versions.sort((a, b) => Number(b) - Number(a));
  return join(root, versions[0], 'bin');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(database = 'rop'): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'rop-pg-'));
  const data = join(dir, 'data');
  const run = (program: string, args: string[]) => {
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, program), ...args] : args;
    const result = spawnSync(asRoot ? 'runuser' : join(bin, program), argv, { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${program} failed (${result.status}): ${result.stderr || result.stdout}`);
    return result.stdout;
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-instructions']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = () => run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
  const psql = (sql: string) => run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', sql]);
  start();
  const url = (db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;
  const createDatabase = (name: string) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
    psql(`CREATE DATABASE ${name}`);
    return url(name);
  };
  createDatabase(database);
  let stopped = false;
  return {
    connectionString: url(database),
    port,
    createDatabase,
    restart() {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      start();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
