import { Client } from 'pg';
import { startPostgres, TestPostgres } from '../../../../../test/support/postgres';
import { PostgresWorkerLock } from './postgres-worker-lock';
import { EmbeddedWorkerLock } from './worker-lock.port';

/** The worker lock in a real PostgreSQL: one holder among instances, and freed by a holder that dies. */
describe('the PostgreSQL worker lock', () => {
  let pg: TestPostgres;
  const locks: PostgresWorkerLock[] = [];
  const lock = () => {
    const l = new PostgresWorkerLock(pg.connectionString);
    locks.push(l);
    return l;
  };
  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  afterEach(async () => {
    for (const l of locks.splice(0)) await l.release();
  });
  afterAll(() => pg?.stop());

  it('is held by one instance at a time, and taken by another once it is given up', async () => {
    const [a, b] = [lock(), lock()];
    expect(await a.tryAcquire()).toBe(true);
    expect(await a.tryAcquire()).toBe(true); // still held, not taken twice
    expect(await b.tryAcquire()).toBe(false);
    expect(await a.verify()).toBe(true);
    expect(await b.verify()).toBe(false);
    await a.release();
    expect(await a.verify()).toBe(false);
    expect(await b.tryAcquire()).toBe(true);
    expect(await a.tryAcquire()).toBe(false);
  });

  it('is freed when the holder’s session ends (a killed process), and the holder finds it lost', async () => {
    const [a, b] = [lock(), lock()];
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    // What PostgreSQL does when the holder's process dies: its session ends. Here, from outside.
    const admin = new Client({ connectionString: pg.connectionString });
    await admin.connect();
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = $1::oid AND granted`, [0x524f5057]);
    await admin.end();
    expect(await b.tryAcquire()).toBe(true);
    expect(await a.verify()).toBe(false);
    expect(await a.tryAcquire()).toBe(false); // b holds it now
  });

  it('answers false, not an error, while PostgreSQL is away', async () => {
    const away = new PostgresWorkerLock('postgres://postgres@127.0.0.1:1/none');
    expect(await away.tryAcquire()).toBe(false);
    expect(await away.verify()).toBe(false);
    await away.release();
  });

  it('is always held by the single instance of the embedded default', async () => {
    const embedded = new EmbeddedWorkerLock();
    expect([await embedded.tryAcquire(), await embedded.verify()]).toEqual([true, true]);
  });
});
