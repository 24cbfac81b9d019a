import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Runner, sampleEvent, StreamCursor, timeBoxed } from './harness';

/** Where the peer store is installed, apart from the product's node_modules (see peer/package.json). */
const PEER_DIR = join(__dirname, 'peer');
const PACKAGE = '@event-driven-io/emmett-sqlite';

/** The slice of emmett-sqlite 0.42's API the bench uses, as declared in its dist/index.d.ts. */
interface SQLiteConnection {
  close(): void;
  command(sql: string, values?: unknown[]): Promise<unknown>;
  querySingle<T>(sql: string, values?: unknown[]): Promise<T | null>;
}
interface EmmettEventStore {
  appendToStream(
    streamName: string,
    events: Array<{ type: string; data: object; metadata?: object }>,
    options?: { expectedStreamVersion?: bigint },
  ): Promise<{ nextExpectedStreamVersion: bigint; lastEventGlobalPosition: bigint }>;
  readStream(streamName: string): Promise<{ currentStreamVersion: bigint }>;
}
interface EmmettSqlite {
  sqliteConnection(options: { fileName: string }): SQLiteConnection;
  getSQLiteEventStore(options: { fileName: string; connectionOptions?: { singleton: true; connection: SQLiteConnection } }): EmmettEventStore;
}

export type PeerLoad = { ok: true; api: EmmettSqlite; version: string } | { ok: false; reason: string };

/**
 * Installs the peer on first run (sqlite3 has no reachable prebuilt binary here, so node-gyp compiles it:
 * a minute or more) and loads it from its own folder. npm's output goes to stderr so that stdout stays
 * the table plus the final JSON line.
 */
export function loadEmmett(): PeerLoad {
  const installed = join(PEER_DIR, 'node_modules', ...PACKAGE.split('/'), 'package.json');
  if (!existsSync(installed)) {
    process.stderr.write(`Installing ${PACKAGE} into ${PEER_DIR} (first run only; sqlite3 compiles from source)...\n`);
    const npm = spawnSync('npm', ['install', '--prefix', PEER_DIR, '--legacy-peer-deps', '--no-package-lock', '--no-audit', '--no-fund'], {
      stdio: ['ignore', 2, 2],
      shell: process.platform === 'win32',
    });
    if (npm.status !== 0) return { ok: false, reason: `npm install in ${PEER_DIR} failed (exit ${npm.status})` };
  }
  try {
    const peerRequire = createRequire(join(PEER_DIR, 'package.json'));
    const api = peerRequire(PACKAGE) as EmmettSqlite;
    // Loading emmett-sqlite does not load the native sqlite3 binding; this does, so a failed build shows here.
    peerRequire('sqlite3');
    const version = (JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version;
    return { ok: true, api, version };
  } catch (error) {
    const why = (error as Error).message.split('\n')[0];
    return { ok: false, reason: `cannot load ${PACKAGE} (${why}); delete ${PEER_DIR}/node_modules to reinstall` };
  }
}

/** Appends emmett refused with an error (not counted as appends); see `appender`. */
export interface Failures {
  count: number;
  first?: string;
}

export interface EmmettRunner extends Runner {
  readonly failures: Failures;
  /** PRAGMA synchronous as SQLite reports it on the connection that appends (2 = FULL). */
  readonly synchronous: number;
  readonly journalMode: string;
  /** The SQLite that node-sqlite3 bundles (not the one better-sqlite3 bundles). */
  readonly sqliteVersion: string;
}

/**
 * emmett at its best: one long-lived connection handed to the store (its `singleton` option). By
 * default, for a file, emmett opens a fresh sqlite3 connection for every operation and closes it after;
 * that mode is measured separately by `openEmmettDefault`. emmett itself only sets journal_mode = WAL;
 * node-sqlite3 is compiled with SQLITE_DEFAULT_(WAL_)SYNCHRONOUS=2, so it is FULL already; we still set
 * FULL explicitly and read it back so the comparison is like for like.
 */
export async function openEmmett(api: EmmettSqlite, file: string, streams: number): Promise<EmmettRunner> {
  const connection = api.sqliteConnection({ fileName: file });
  await connection.command('PRAGMA synchronous = FULL');
  await connection.command('PRAGMA busy_timeout = 5000');
  const store = api.getSQLiteEventStore({ fileName: file, connectionOptions: { singleton: true, connection } });
  const settings = await pragmas(connection);
  const failures: Failures = { count: 0 };
  const appendOne = appender(store, 'emmett', streams, failures);
  return {
    name: 'emmett',
    ...settings,
    failures,
    round: (budgetMs) => timeBoxed(budgetMs, appendOne),
    close: async () => connection.close(),
  };
}

/** emmett given only a file name, its simplest configuration: a new connection per operation. */
export async function openEmmettDefault(api: EmmettSqlite, file: string, streams: number): Promise<EmmettRunner> {
  const store = api.getSQLiteEventStore({ fileName: file });
  // Any connection reports the defaults each per-operation connection gets (journal_mode is persistent).
  await store.appendToStream('probe-0', [{ type: 'Probe', data: {} }]);
  const probe = api.sqliteConnection({ fileName: file });
  const settings = await pragmas(probe);
  probe.close();
  const failures: Failures = { count: 0 };
  const appendOne = appender(store, 'emmettdefault', streams, failures);
  return {
    name: 'emmettDefault',
    ...settings,
    failures,
    round: (budgetMs) => timeBoxed(budgetMs, appendOne),
    close: async () => undefined,
  };
}

/**
 * Sequential single-event appends with exact expected versions. emmett counts a stream's version from 1
 * (0 = no stream yet), so our revision r is its version r + 1.
 *
 * emmett on node-sqlite3 sporadically fails a COMMIT with "SQLITE_BUSY: cannot commit transaction - SQL
 * statements in progress" (seen here about once per thousand appends, so far only in its default
 * per-operation-connection mode). Likely cause: it reads `INSERT/UPDATE ... RETURNING` with node-sqlite3's
 * `db.get`, which steps once and leaves the write statement active until an asynchronously scheduled
 * finalize, and COMMIT can get there first. Such an append is counted as failed, not as done, the
 * stream's version is re-read, and the bench goes on; only a run of failures stops the engine.
 */
function appender(store: EmmettEventStore, prefix: string, streams: number, failures: Failures) {
  const cursor = new StreamCursor(prefix, streams);
  let n = 0;
  let consecutive = 0;
  return async () => {
    const { stream, slot, expected } = cursor.next();
    const { type, data, metadata } = sampleEvent(n++);
    const expectedStreamVersion = BigInt(expected + 1);
    let result: { nextExpectedStreamVersion: bigint };
    try {
      result = await store.appendToStream(stream, [{ type, data, metadata }], { expectedStreamVersion });
    } catch (error) {
      failures.count++;
      failures.first ??= (error as Error).message;
      if (++consecutive >= 10) throw new Error(`${consecutive} appends failed in a row; first error: ${failures.first}`, { cause: error });
      const { currentStreamVersion } = await store.readStream(stream);
      cursor.reset(slot, Number(currentStreamVersion) - 1);
      return 0;
    }
    consecutive = 0;
    if (result.nextExpectedStreamVersion !== expectedStreamVersion + 1n) {
      throw new Error(`emmett: ${stream} is at ${result.nextExpectedStreamVersion}, expected ${expectedStreamVersion + 1n}`);
    }
    cursor.advance(slot);
    return 1;
  };
}

async function pragmas(connection: SQLiteConnection) {
  const sync = await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous');
  const journal = await connection.querySingle<{ journal_mode: string }>('PRAGMA journal_mode');
  const version = await connection.querySingle<{ v: string }>('SELECT sqlite_version() AS v');
  return {
    synchronous: sync?.synchronous ?? -1,
    journalMode: journal?.journal_mode ?? 'unknown',
    sqliteVersion: version?.v ?? 'unknown',
  };
}
