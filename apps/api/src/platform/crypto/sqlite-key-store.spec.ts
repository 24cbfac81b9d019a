import Database from 'better-sqlite3';
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTRACT_MASTER_KEY, keyStoreContract } from './key-store.contract';
import { ForgetIncompleteError } from './key-store.port';
import { KeyWrapper } from './key-wrapping';
import { SQLITE_KEY_STORE_FILES, SqliteKeyStore } from './sqlite-key-store';

function sqliteHarness(dir: string) {
  const file = join(dir, 'keys.sqlite');
  const files = () => SQLITE_KEY_STORE_FILES.map((suffix) => `${file}${suffix}`).filter(existsSync);
  return {
    file,
    files,
    async open(masterKey = CONTRACT_MASTER_KEY) {
      return new SqliteKeyStore({ file, wrapper: new KeyWrapper(masterKey), eraseWithinMs: 500 });
    },
    async storedKey(personId: string) {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare('SELECT wrapped FROM wrapped_keys WHERE person_id = ?').pluck().get(personId) as Buffer | undefined) ?? undefined;
      } finally {
        db.close();
      }
    },
    async rawBytes() {
      return Buffer.concat(files().map((f) => readFileSync(f)));
    },
    async backup() {
      const target = join(dir, `backup-${randomUUID()}.sqlite`);
      const db = new Database(file, { readonly: true });
      try {
        await db.backup(target);
      } finally {
        db.close();
      }
      return target;
    },
    async restore(backup: string) {
      for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      copyFileSync(backup, file);
    },
    notifiesOtherInstances: false,
    async close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

keyStoreContract('SQLite', async () => sqliteHarness(mkdtempSync(join(tmpdir(), 'rop-keys-'))));

/** A `sqlite3` shell with an open read transaction on the file, as an operator's session would hold it. */
async function shellReading(file: string): Promise<{ shell: ChildProcessWithoutNullStreams; release(): Promise<void> }> {
  const shell = spawn('sqlite3', [file]);
  let out = '';
  shell.stdout.on('data', (chunk) => (out += chunk));
  shell.stdin.write("BEGIN;\nSELECT 'reading', count(*) FROM wrapped_keys;\n");
  const deadline = Date.now() + 5000;
  while (!out.includes('reading')) {
    if (Date.now() > deadline) throw new Error('the sqlite3 shell did not answer');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    shell,
    release: () =>
      new Promise<void>((resolve) => {
        shell.on('exit', () => resolve());
        shell.stdin.end('COMMIT;\n.quit\n');
      }),
  };
}

/**
 * Issue 10, finding 5: a reader holding keys.sqlite open kept the forgotten key in keys.sqlite-wal.
 * Forgetting now answers "incomplete" instead of done while that is so, and completes once the reader
 * lets go; then neither the wrapped nor the unwrapped key is in any of the files.
 */
describe('SqliteKeyStore forgetting with readers holding the file open', () => {
  let dir: string;
  let harness: ReturnType<typeof sqliteHarness>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rop-keys-'));
    harness = sqliteHarness(dir);
  });
  afterEach(() => harness.close());

  async function storeWithKeys() {
    const store = await harness.open();
    const person = randomUUID();
    await store.create(person);
    for (let i = 0; i < 20; i++) await store.create(randomUUID());
    const key = store.keyFor(person);
    const wrapped = (await harness.storedKey(person))!;
    return { store, person, key, wrapped };
  }

  const anywhere = async (secret: Buffer) => (await harness.rawBytes()).includes(secret);

  it('with another connection in a read transaction: incomplete, then complete once it ends', async () => {
    const { store, person, key, wrapped } = await storeWithKeys();
    const reader = new Database(harness.file, { readonly: true });
    reader.prepare('BEGIN').run();
    reader.prepare('SELECT count(*) FROM wrapped_keys').get();

    const started = Date.now();
    await expect(store.forget(person, new Date())).rejects.toThrow(ForgetIncompleteError);
    expect(Date.now() - started).toBeLessThan(3000);
    // The reason it must not say "done": the old copy of the key is still on disk.
    expect(await anywhere(wrapped)).toBe(true);
    expect(await store.isForgotten(person)).toBe(true);
    expect(store.existingKey(person)).toBeUndefined();

    reader.prepare('COMMIT').run();
    reader.close();
    await store.forget(person, new Date());
    expect(await anywhere(wrapped)).toBe(false);
    expect(await anywhere(key)).toBe(false);
    await store.close();
  });

  it('with a sqlite3 shell in another process reading: incomplete, then complete once it quits', async () => {
    const { store, person, key, wrapped } = await storeWithKeys();
    const reader = await shellReading(harness.file);
    try {
      await expect(store.forget(person, new Date())).rejects.toThrow(ForgetIncompleteError);
      expect(await anywhere(wrapped)).toBe(true);
    } finally {
      await reader.release();
    }
    await store.forget(person, new Date());
    expect(await anywhere(wrapped)).toBe(false);
    expect(await anywhere(key)).toBe(false);
    await store.close();
  });

  it('wraps the keys of a key file from before envelope encryption, and leaves no plain key in its files', async () => {
    const legacy = new Database(harness.file);
    legacy.pragma('journal_mode = WAL');
    legacy.exec('CREATE TABLE person_keys (person_id TEXT PRIMARY KEY, key BLOB NOT NULL, created_at TEXT NOT NULL)');
    const people = Array.from({ length: 30 }, () => ({ id: randomUUID(), key: randomBytes(32) }));
    for (const p of people) legacy.prepare('INSERT INTO person_keys VALUES (?, ?, ?)').run(p.id, p.key, '2026-01-01T00:00:00.000Z');
    legacy.close();
    expect(await anywhere(people[0].key)).toBe(true);

    const store = await harness.open();
    await store.load(people.map((p) => p.id));
    expect(people.every((p) => store.keyFor(p.id).equals(p.key))).toBe(true);
    for (const p of people) expect(await anywhere(p.key)).toBe(false);
    expect(await store.create(people[0].id)).toBe('exists');
    await store.close();
  });
});
