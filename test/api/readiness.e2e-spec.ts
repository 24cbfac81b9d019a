import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DelegatingEventStore, EVENT_STORE, JsonObject, SqliteEventStore, StoreUnavailableError, SubscribeToAllOptions, Subscription } from '@app/event-store';
import { WriteHealth } from '../../apps/api/src/platform/health/write-health';
import { InstrumentedEventStore } from '../../apps/api/src/platform/event-store/instrumented-event-store';
import { Metrics } from '../../apps/api/src/platform/metrics/metrics';
import { FaultyEventStore } from '../support/faulty-event-store';
import { startTestApp, TestApp } from '../support/test-app';

const facility = {
  name: 'Bolig Nu',
  kind: 'temporary_housing',
  municipality: 'Bodø',
  targetGroup: { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true, requiresCoOccurringDisorder: false },
  maxStayDays: 90,
  exclusionReasons: ['violence_or_threats'],
};

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached in time: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A store whose subscriptions fail to read while `failing` is set (a log that cannot be read). */
class UnreadableLog extends DelegatingEventStore {
  failing = false;
  override subscribeToAll(options?: SubscribeToAllOptions): Subscription {
    const inner = super.subscribeToAll(options);
    return {
      unsubscribe: () => inner.unsubscribe(),
      [Symbol.asyncIterator]: () => {
        const it = inner[Symbol.asyncIterator]();
        return { next: () => (this.failing ? Promise.reject(new StoreUnavailableError('The event log could not be read')) : it.next()) };
      },
    };
  }
}

/** Appends fail while `failAppendsTo` is set, and so does the write probe: a disk that refuses writes. */
class RefusingWrites extends FaultyEventStore {
  override readonly probeWrite = () => (this.failAppendsTo ? Promise.reject(new StoreUnavailableError('injected fault')) : this.inner.probeWrite!());
}

/**
 * Readiness is honest (issue 10 finding 10, issue 11 finding 8): 503 while appends fail, while a read
 * model is paused or has parked events, and while the log cannot be read, naming each reason; liveness
 * stays 200 throughout.
 */
describe('readiness over HTTP', () => {
  let dataDir: string;
  let t: TestApp;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'rop-ready-'))));
  afterEach(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const health = async (path = '/api/health') => {
    const res = await t.request('GET', path);
    return { status: res.status, body: res.body };
  };

  it('is ready on a healthy app, at /api/health and /api/health/ready', async () => {
    t = await startTestApp({}, [], { dataDir });
    for (const path of ['/api/health', '/api/health/ready']) {
      expect(await health(path)).toMatchObject({ status: 200, body: { status: 'ok', ready: true, checks: { writes: { status: 'ok' } } } });
    }
    // The shape of @nestjs/terminus too, for operators' tools: each check up or down, sorted into info and error.
    const { body } = await health();
    const up = { status: 'up' };
    expect(body).toMatchObject({
      info: { eventStore: { ...up, adapter: 'sqlite' }, keyStore: up, writes: up, readModels: up },
      error: {},
      details: { eventStore: up, keyStore: up, writes: up, readModels: up },
    });
    expect(await health('/api/health/live')).toEqual({
      status: 200,
      body: { status: 'ok', live: true, info: { process: up }, error: {}, details: { process: up } },
    });
  });

  it('is not ready while a read model is paused on a parked event, and names it (access_log)', async () => {
    t = await startTestApp({}, [], { dataDir });
    const accessRecord = (stream: string, data: JsonObject) =>
      t.store.appendToStream(stream, [{ id: randomUUID(), type: 'PersonalDataAccessed', data, metadata: { schemaVersion: 1 } }], { expectedRevision: 'any' });
    const accessLog = (h: Awaited<ReturnType<typeof health>>) => h.body.checks.projections.find((p: { name: string }) => p.name === 'access_log');
    // A read record naming no person (as a replay before a case's first event once wrote) is kept:
    // the access log takes it in and stays live, and the app stays ready.
    await accessRecord('access-undefined', {
      accessId: randomUUID(),
      view: 'replay',
      actorId: 'u1',
      actorRole: 'auditor',
      at: new Date().toISOString(),
      flagged: false,
    });
    const head = (await health()).body.checks.eventStore.headPosition;
    const kept = await eventually(
      () => health(),
      (h) => accessLog(h).position === head,
    );
    expect(kept).toMatchObject({ status: 200, body: { ready: true } });
    expect(accessLog(kept)).toMatchObject({ state: 'live', parkedEvents: 0 });

    // One it cannot store (its view is no text): parked, and the access log pauses rather than skip a read.
    await accessRecord('access-p1', {
      accessId: randomUUID(),
      personId: 'p1',
      view: { not: 'a text' },
      actorId: 'u1',
      actorRole: 'auditor',
      at: new Date().toISOString(),
      flagged: false,
    });
    const paused = await eventually(
      () => health(),
      (h) => h.status !== 200,
    );
    expect(paused).toMatchObject({ status: 503, body: { status: 'error', ready: false, live: true, info: { eventStore: { status: 'up' } } } });
    expect(paused.body.error).toEqual({
      readModels: { status: 'down', notServing: [{ check: 'readModel', name: 'access_log', reason: 'paused', parkedEvents: 1 }] },
    });
    expect(paused.body.notReady).toEqual([{ check: 'readModel', name: 'access_log', reason: 'paused', parkedEvents: 1 }]);
    expect((await health('/api/health/ready')).status).toBe(503);
    expect((await health('/api/health/live')).status).toBe(200);
  });

  it('is not ready while appends fail, and ready again once a write goes through (the probe), without any traffic', async () => {
    let faulty!: RefusingWrites;
    t = await startTestApp(
      {},
      [
        {
          provide: EVENT_STORE,
          useFactory: (metrics: Metrics, writes: WriteHealth) => {
            faulty = new RefusingWrites(new SqliteEventStore({ file: join(dataDir, 'events.sqlite') }));
            return new InstrumentedEventStore(faulty, metrics, writes);
          },
          inject: [Metrics, WriteHealth],
        },
      ],
      { dataDir },
    );
    const admin = await t.adminToken();
    expect((await health()).status).toBe(200);

    faulty.failAppendsTo = () => true;
    const refused = await t.request('POST', '/api/v1/facilities', { token: admin, body: facility });
    expect(refused.status).toBe(503);
    const failing = await health();
    expect(failing.status).toBe(503);
    expect(failing.body.notReady).toEqual([{ check: 'writes', reason: 'failing', since: expect.any(String), error: 'store_unavailable' }]);
    expect(failing.body.checks.eventStore.status).toBe('up'); // it still answers reads: only writes fail

    // The fault is gone; no command comes (a load balancer sends none to an unready instance), and the
    // write probe makes it ready again.
    faulty.failAppendsTo = undefined;
    await new Promise((r) => setTimeout(r, 1100));
    expect(
      await eventually(
        () => health(),
        (h) => h.status === 200,
      ),
    ).toMatchObject({ body: { ready: true, checks: { writes: { status: 'ok' } } } });
    expect((await t.request('POST', '/api/v1/facilities', { token: admin, body: facility })).status).toBe(201);
  });

  it('is not ready while the log cannot be read, naming the read models that wait for it', async () => {
    const log = new UnreadableLog(new SqliteEventStore({ file: join(dataDir, 'events.sqlite') }));
    t = await startTestApp({}, [{ provide: EVENT_STORE, useValue: log }], { dataDir });
    const admin = await t.adminToken();
    expect(
      (
        await eventually(
          () => health(),
          (h) => h.status === 200,
        )
      ).body.ready,
    ).toBe(true);
    log.failing = true;
    await t.request('POST', '/api/v1/facilities', { token: admin, body: facility }); // wakes the subscriptions
    const unreadable = await eventually(
      () => health(),
      (h) => h.status === 503,
    );
    expect(unreadable.body.notReady).toEqual(
      expect.arrayContaining([{ check: 'readModel', name: 'access_log', reason: 'stalled', parkedEvents: 0, error: 'store_unavailable' }]),
    );
    expect(unreadable.body.checks.projections.every((p: { state: string; parkedEvents: number }) => p.state === 'stalled' && p.parkedEvents === 0)).toBe(true);
    log.failing = false;
    expect(
      (
        await eventually(
          () => health(),
          (h) => h.status === 200,
        )
      ).body.checks.projections.every((p: { state: string }) => p.state === 'live'),
    ).toBe(true);
  });
});
