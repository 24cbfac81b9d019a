import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { postgresBinDir, startPostgres, TestPostgres } from '../../../../../test/support/postgres';
import { CONTRACT_MASTER_KEY, keyStoreContract } from './key-store.contract';
import { KeyStoreUnavailableError } from './key-store.port';
import { KeyWrapper } from './key-wrapping';
import { PostgresKeyStore } from './postgres-key-store';

let server: TestPostgres;
let databases = 0;
const backups = mkdtempSync(join(tmpdir(), 'rop-pg-backups-'));

beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(() => {
  server?.stop();
  rmSync(backups, { recursive: true, force: true });
});

async function sql<T extends object>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

keyStoreContract('PostgreSQL', async () => {
  const url = server.createDatabase(`keys_${++databases}`);
  const tool = (name: string, args: string[]) => execFileSync(join(postgresBinDir(), name), args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  return {
    open: (masterKey = CONTRACT_MASTER_KEY) => PostgresKeyStore.open({ connectionString: url, wrapper: new KeyWrapper(masterKey) }),
    async storedKey(personId: string) {
      const rows = await sql<{ wrapped: Buffer }>(url, 'SELECT wrapped FROM person_keys WHERE person_id = $1', [personId]);
      return rows[0]?.wrapped;
    },
    // What a dump of the database holds: bytea comes out as hex, which the contract looks for too.
    async rawBytes() {
      return tool('pg_dump', ['--dbname', url, '--data-only']);
    },
    async backup() {
      const file = join(backups, `${randomUUID()}.dump`);
      tool('pg_dump', ['--dbname', url, '--format=custom', '--file', file]);
      return file;
    },
    async restore(file: string) {
      tool('pg_restore', ['--dbname', url, '--clean', '--if-exists', '--single-transaction', file]);
    },
    notifiesOtherInstances: true,
    async close() {},
  };
});

describe('PostgresKeyStore when the server is away', () => {
  it('opens without the server and answers "unavailable"; after a crash of the server its notifications come back', async () => {
    const url = server.createDatabase(`keys_${++databases}`);
    const wrapper = new KeyWrapper(CONTRACT_MASTER_KEY);
    const person = randomUUID();
    // A port where nothing listens: the store opens anyway and says "unavailable" on use.
    const away = await PostgresKeyStore.open({ connectionString: url.replace(`:${server.port}/`, ':1/'), wrapper });
    await expect(away.create(person)).rejects.toThrow(KeyStoreUnavailableError);
    await expect(away.ping()).rejects.toThrow(KeyStoreUnavailableError);
    await away.close();

    const a = await PostgresKeyStore.open({ connectionString: url, wrapper });
    const b = await PostgresKeyStore.open({ connectionString: url, wrapper });
    try {
      await a.create(person);
      server.restart(); // an immediate stop, as a crash: every connection drops
      const told: Array<string | undefined> = [];
      b.onForgotten((id) => told.push(id));
      // B notices that it may have missed notifications once it is back.
      const deadline = Date.now() + 10_000;
      while (!told.includes(undefined) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(told).toContain(undefined);
      await b.load([person]);
      await a.forget(person, new Date());
      const until = Date.now() + 1000;
      while (b.existingKey(person) !== undefined && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(b.existingKey(person)).toBeUndefined();
    } finally {
      await a.close();
      await b.close();
    }
  }, 60_000);
});
