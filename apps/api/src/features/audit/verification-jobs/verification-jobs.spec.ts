import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { DelegatingEventStore, ReadAllOptions, RecordedEvent, SqliteEventStore } from '@app/event-store';
import { Clock } from '../../../platform/clock';
import { GENESIS, linkFor } from '../../../platform/streams/hash-chain';
import { KEEP_FINISHED, KEEP_FINISHED_MS, VerificationJob, VerificationJobs } from './verification-jobs';

/** Moves on 50 ms each time it is read, so a job's rate is never divided by zero; `advance` jumps ahead. */
class TickingClock extends Clock {
  private at = Date.UTC(2026, 2, 1, 9, 0, 0);
  now(): Date {
    return new Date((this.at += 50));
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

/** A store whose log read fails part way, with a message that names a person (as a driver's error might). */
class FailingStore extends DelegatingEventStore {
  override readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    const inner = this.inner.readAll(options);
    return (async function* () {
      let n = 0;
      for await (const e of inner) {
        if (++n > 100) throw new Error('row for Kari Nordmann 17059012345 is unreadable');
        yield e;
      }
    })();
  }
}

const BY = { userId: '6f1c2b9e-3f4a-4d5b-8c6d-7e8f9a0b1c2d', username: 'revisor' };

describe('VerificationJobs', () => {
  let dir: string;
  let store: SqliteEventStore;
  let clock: TickingClock;
  let jobs: VerificationJobs;

  /** Appends chained events to a new stream, as the command runner links them. */
  async function stream(count: number): Promise<string> {
    const name = `case-${randomUUID()}`;
    let prev = GENESIS;
    const events = Array.from({ length: count }, (_, r) => {
      const data = { n: r };
      const metadata = { schemaVersion: 1, actorId: 'u1' };
      const link = linkFor({ stream: name, revision: BigInt(r), type: 'Noted', data, metadata, prev });
      prev = link.hash;
      return { id: randomUUID(), type: 'Noted', data, metadata: { ...metadata, chain: { ...link } } };
    });
    await store.appendToStream(name, events, { expectedRevision: 'no_stream' });
    return name;
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rop-verification-jobs-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
    clock = new TickingClock();
    jobs = new VerificationJobs(store, clock);
  });
  afterEach(async () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    await jobs.onApplicationShutdown();
    log.mockRestore();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The job as a poller sees it at each turn of the event loop until it ends. */
  async function poll(id: string): Promise<VerificationJob[]> {
    const seen: VerificationJob[] = [];
    for (;;) {
      const job = jobs.get(id)!;
      seen.push(job);
      if (job.state !== 'running') return seen;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('reports progress while it runs (percent, events per second, time left) and reaches 100 % with the report', async () => {
    for (let i = 0; i < 5; i++) await stream(1000);
    const { job, started } = await jobs.start({ trustedKeys: [], startedBy: BY });
    expect(started).toBe(true);
    expect(job).toMatchObject({ state: 'running', total: 5000, percent: 0, startedBy: BY, startedAt: expect.stringMatching(/^2026-03-01T09:00/) });

    const seen = await poll(job.id);
    const running = seen.filter((j) => j.state === 'running' && j.eventsChecked > 0);
    expect(running.map((j) => j.eventsChecked)).toEqual(expect.arrayContaining([2000, 4000]));
    for (const j of running) {
      expect(j.total).toBe(5000);
      expect(j.percent).toBe(Math.floor((j.eventsChecked * 100) / 5000));
      expect(j.eventsPerSecond).toBeGreaterThan(0);
      expect(j.secondsLeft).toBeGreaterThanOrEqual(0);
    }
    const percents = seen.map((j) => j.percent ?? 0);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));

    const done = seen.at(-1)!;
    expect(done).toMatchObject({
      state: 'done',
      percent: 100,
      secondsLeft: 0,
      eventsChecked: 5000,
      total: 5000,
      report: { ok: true, events: 5000, streams: 5 },
    });
    expect(done.finishedAt! > done.startedAt).toBe(true);
  });

  it('answers the running job to a second start in the same scope, and runs another scope beside it', async () => {
    const one = await stream(3000);
    // Two starts at once, as two auditors' clicks might arrive.
    const [first, again] = await Promise.all([
      jobs.start({ trustedKeys: [], startedBy: BY }),
      jobs.start({ trustedKeys: [], startedBy: { ...BY, username: 'another' } }),
    ]);
    expect(again).toEqual({ started: false, job: expect.objectContaining({ id: first.job.id, state: 'running', startedBy: BY }) });
    const ofStream = await jobs.start({ stream: one, trustedKeys: [], startedBy: BY });
    expect(ofStream.started).toBe(true);
    expect(ofStream.job.id).not.toBe(first.job.id);

    expect(await jobs.finished(ofStream.job.id)).toMatchObject({ state: 'done', stream: one, total: 3000, report: { ok: true, events: 3000 } });
    expect((await jobs.finished(first.job.id))?.state).toBe('done');
    const after = await jobs.start({ trustedKeys: [], startedBy: BY });
    expect(after.started).toBe(true);
    expect(after.job.id).not.toBe(first.job.id);
  });

  it('reports a failure as failed with a code, and neither the job nor the log names what the error said', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      await stream(500);
      const failing = new VerificationJobs(new FailingStore(store), clock);
      const { job } = await failing.start({ trustedKeys: [], startedBy: BY });
      const failed = await failing.finished(job.id);
      expect(failed).toMatchObject({ state: 'failed', failure: 'error', finishedAt: expect.any(String) });
      expect(failed?.report).toBeUndefined();

      const missing = await jobs.finished((await jobs.start({ stream: 'person-17059012345', trustedKeys: [], startedBy: BY })).job.id);
      expect(missing).toMatchObject({ state: 'failed', failure: 'stream_not_found' });

      const logged = warn.mock.calls.map((c) => String(c[0]));
      expect(logged).toHaveLength(2);
      expect(logged.join('\n')).not.toMatch(/Kari|Nordmann|17059012345/);
      expect(JSON.stringify(failed)).not.toMatch(/Kari|Nordmann|17059012345/);
    } finally {
      warn.mockRestore();
    }
  });

  it('stops a running job when the application shuts down', async () => {
    await stream(5000);
    const { job } = await jobs.start({ trustedKeys: [], startedBy: BY });
    await jobs.onApplicationShutdown();
    expect(jobs.get(job.id)).toMatchObject({ state: 'failed', failure: 'stopped' });
  });

  it('keeps finished jobs for an hour, and only the latest few', async () => {
    const name = await stream(1);
    const ids: string[] = [];
    for (let i = 0; i <= KEEP_FINISHED; i++) {
      const id = (await jobs.start({ stream: name, trustedKeys: [], startedBy: BY })).job.id;
      await jobs.finished(id);
      ids.push(id);
    }
    expect(jobs.get(ids[0])).toBeUndefined();
    expect(jobs.get(ids[1])?.state).toBe('done');
    clock.advance(KEEP_FINISHED_MS + 1);
    expect(jobs.get(ids.at(-1)!)).toBeUndefined();
  });
});
