import { randomUUID } from 'node:crypto';
import { EsdbTestServer, EsdbTestStore, startEsdbTestServer } from '../../../../test/esdb-test-server';
import { eventStoreContract, OpenedStore } from '../contract/event-store.contract';
import { SubscriptionProbe } from '../contract/subscription-probe';
import { InvalidPositionError, StoreAccessDeniedError, StoreUnavailableError, WrongExpectedVersionError } from '../errors';
import { EventToAppend } from '../event-store.port';
import { comparePositions, formatPosition, parsePosition, Position } from '../position';
import { EsdbEventStore, EsdbEventStoreOptions } from './esdb.event-store';

const fastReconnect = { initialDelayMs: 20, maxDelayMs: 200 };

/** A position inside an event's record: every record is longer than one byte. */
const insideRecord = (valid: Position): Position => ({ commit: valid.commit + 1n, prepare: valid.commit + 1n });

async function onTestServer(batchAppend: boolean): Promise<OpenedStore> {
  // A small idempotency window, as a busy server's: the contract must not lean on a long one.
  const options = { batchAppend, idempotencyWindow: 1_000 };
  let server = await startEsdbTestServer(options);
  const store = new EsdbEventStore({ connectionString: server.connectionString, reconnect: fastReconnect });
  return {
    store,
    notAPosition: insideRecord,
    restart: async () => {
      // The process goes; the data stays (as on disk); the new process remembers no recent writes.
      const { port, store: data } = server;
      await server.stop();
      server = await startEsdbTestServer({ ...options, port, store: data });
      await eventually(() => store.ping());
      return store;
    },
    cleanup: async () => {
      await store.close();
      await server.stop();
    },
  };
}

// The client uses Append unless the server advertises BatchAppend (as EventStoreDB 21.10+ does): run both.
eventStoreContract('esdb (test server, Append)', () => onTestServer(false), { durable: true });
eventStoreContract('esdb (test server, BatchAppend)', () => onTestServer(true), { durable: true });

const realServer = process.env.EVENTSTORE_CONNECTION_STRING;
if (realServer) {
  eventStoreContract('esdb (real)', async () => {
    const store = new EsdbEventStore({ connectionString: realServer });
    return { store, cleanup: () => store.close(), notAPosition: insideRecord };
  });
}

describe('esdb store specifics (test server)', () => {
  const event = (n: number, type = 'N'): EventToAppend => ({ id: randomUUID(), type, data: { n } });
  /** An event written straight into the server's data, as another node would while we are cut off. */
  const raw = (n: number) => ({
    id: randomUUID(),
    type: 'N',
    contentType: 'application/json',
    data: Buffer.from(JSON.stringify({ n })),
    metadata: new Uint8Array(),
  });
  const ns = (probe: SubscriptionProbe) => probe.events.map((e) => e.data.n);
  const mine = (prefix: string) => ({ on: 'streamName' as const, prefixes: [prefix] });

  let server: EsdbTestServer;
  let store: EsdbEventStore;
  const open = (options: Partial<EsdbEventStoreOptions> = {}) =>
    new EsdbEventStore({ connectionString: server.connectionString, reconnect: fastReconnect, ...options });

  beforeEach(async () => {
    server = await startEsdbTestServer();
    store = open();
  });
  afterEach(async () => {
    await store.close();
    await server.stop();
  });

  it('keeps positions past 2^53 exact from the wire to append results, reads and checkpoints', async () => {
    await server.stop();
    const far = 2n ** 60n + 7n; // not representable as a JavaScript number
    server = await startEsdbTestServer({ store: new EsdbTestStore({ firstPosition: far, systemEvents: false }) });
    await store.close();
    store = open();
    const first = await store.appendToStream('big', [event(0), event(1)], { expectedRevision: 'no_stream' });
    const [a, b] = await collect(store.readStream('big'));
    expect(a.position).toEqual({ commit: far, prepare: far });
    // Each event of one append is its own committed record: its own position, commit = prepare.
    expect(b.position.commit > far).toBe(true);
    expect(b.position.prepare).toBe(b.position.commit);
    expect(first.position).toEqual(b.position);
    await store.appendToStream('big', [event(2)], { expectedRevision: 1n });
    const probe = new SubscriptionProbe(store.subscribeToAll({ fromPosition: parsePosition(formatPosition(b.position)) }));
    try {
      await probe.waitFor((p) => p.caughtUpCount > 0);
      expect(ns(probe)).toEqual([2]);
    } finally {
      await probe.stop();
    }
  });

  it('keeps system events out of subscriptions, live ones included', async () => {
    const probe = new SubscriptionProbe(store.subscribeToAll());
    try {
      await probe.waitFor((p) => p.caughtUpCount > 0);
      expect(probe.events).toHaveLength(0); // the server's log starts with system events only
      server.store.append('$stats-node', [{ ...raw(1), type: '$statsCollected' }], 'any');
      server.store.append('$$user-1', [{ ...raw(2), type: 'NotSystemType' }], 'any');
      await store.appendToStream('user-1', [event(3)], { expectedRevision: 'any' });
      await probe.waitFor((p) => p.events.length >= 1);
      expect(ns(probe)).toEqual([3]);
    } finally {
      await probe.stop();
    }
  });

  it('reports StoreUnavailableError from append, read and ping when the server is down', async () => {
    await store.appendToStream('s', [event(0)], { expectedRevision: 'any' });
    await expect(store.ping()).resolves.toBeUndefined();
    await server.stop();
    await expect(store.appendToStream('s', [event(1)], { expectedRevision: 'any' })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(collect(store.readStream('s'))).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('reports StoreUnavailableError when the server was never reachable', async () => {
    await server.stop(); // its port is now closed
    const never = open();
    try {
      await expect(never.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(never.appendToStream('s', [event(0)], { expectedRevision: 'any' })).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await never.close();
    }
  });

  it('validates before any network call', async () => {
    await server.stop();
    await expect(store.appendToStream('$system', [event(0)], { expectedRevision: 'any' })).rejects.toMatchObject({ code: 'invalid_append' });
    await expect(store.appendToStream('s', [], { expectedRevision: 'any' })).rejects.toMatchObject({ code: 'invalid_append' });
  });

  it('maps a conflict to WrongExpectedVersionError with our expectation and the actual revision', async () => {
    await store.appendToStream('c', [event(0)], { expectedRevision: 'no_stream' });
    const error = await store.appendToStream('c', [event(1)], { expectedRevision: 'no_stream' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ stream: 'c', expected: 'no_stream', actual: 0n });
  });

  it('an append cut off by a dropped connection can be retried with the same ids and is written once', async () => {
    await server.stop();
    server = await startEsdbTestServer({ batchAppend: true }); // one long-lived stream carries every append
    await store.close();
    store = open();
    await store.appendToStream('retry', [event(0)], { expectedRevision: 'no_stream' });
    server.dropConnections();
    const events = [event(1), event(2)];
    // The outcome is unknown to the writer: it may have been written before the connection went.
    const first = await store.appendToStream('retry', events, { expectedRevision: 0n }).catch((e: unknown) => e);
    if (!(first instanceof StoreUnavailableError)) expect(first).toMatchObject({ nextExpectedRevision: 2n });
    const retried = await eventually(() => store.appendToStream('retry', events, { expectedRevision: 0n }));
    expect(retried.nextExpectedRevision).toBe(2n);
    expect((await collect(store.readStream('retry'))).map((e) => e.data.n)).toEqual([0, 1, 2]);
  });

  it('a subscription survives dropped connections: events appended meanwhile arrive once, in order', async () => {
    const probe = new SubscriptionProbe(store.subscribeToAll({ filter: mine('drop-') }));
    try {
      await probe.waitFor((p) => p.caughtUpCount > 0);
      for (let round = 0; round < 3; round++) {
        await store.appendToStream(`drop-${round}`, [event(round * 3), event(round * 3 + 1)], { expectedRevision: 'no_stream' });
        server.dropConnections();
        // Written while the subscription is down or resubscribing.
        await store.appendToStream(`drop-${round}`, [event(round * 3 + 2)], { expectedRevision: 1n });
        await probe.waitFor((p) => p.events.length >= round * 3 + 3);
      }
      await new Promise((resolve) => setTimeout(resolve, 100)); // room for a duplicate to show up
      expect(ns(probe)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      expect(probe.caughtUpCount).toBe(4); // it resubscribed after each drop and caught up again
    } finally {
      await probe.stop();
    }
  });

  it('a subscription survives a server restart and delivers what was written while it was down', async () => {
    const probe = new SubscriptionProbe(store.subscribeToAll({ filter: mine('restart') }));
    try {
      await store.appendToStream('restart', [event(0), event(1)], { expectedRevision: 'no_stream' });
      await probe.waitFor((p) => p.events.length >= 2);
      const { port, store: data } = server;
      await server.stop();
      data.append('restart', [raw(2), raw(3)], 1n); // another node kept writing
      await new Promise((resolve) => setTimeout(resolve, 150)); // let a few reconnection attempts fail
      server = await startEsdbTestServer({ port, store: data });
      // gRPC fails calls fast while a channel is still backing off from the outage: wait for readiness.
      await eventually(() => store.ping());
      await store.appendToStream('restart', [event(4)], { expectedRevision: 3n });
      await probe.waitFor((p) => p.events.length >= 5);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(ns(probe)).toEqual([0, 1, 2, 3, 4]);
      for (let i = 1; i < probe.events.length; i++) {
        expect(comparePositions(probe.events[i - 1].position, probe.events[i].position)).toBe(-1);
      }
    } finally {
      await probe.stop();
    }
  });

  it('gives up with StoreUnavailableError after maxAttempts failures in a row', async () => {
    const impatient = open({ reconnect: { initialDelayMs: 10, maxDelayMs: 20, maxAttempts: 2 } });
    const probe = new SubscriptionProbe(impatient.subscribeToAll());
    try {
      await probe.waitFor((p) => p.caughtUpCount > 0);
      await server.stop();
      await expect(probe.waitFor(() => false, 5_000)).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await probe.stop();
      await impatient.close();
    }
  });

  it('unsubscribe while reconnecting ends iteration without error', async () => {
    const probe = new SubscriptionProbe(store.subscribeToAll());
    await probe.waitFor((p) => p.caughtUpCount > 0);
    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await probe.stop(); // resolves only when iteration has ended; a failure would reject waitFor below
    await expect(probe.waitFor(() => true)).resolves.toBeUndefined();
  });

  describe('idempotency as the server keeps it', () => {
    it("a re-append with any is recognised only within the server's window of recent writes; past it, or after a restart, it is written again", async () => {
      await server.stop();
      server = await startEsdbTestServer({ idempotencyWindow: 3 });
      await store.close();
      store = open();
      const events = [event(0)];
      await store.appendToStream('weak', events, { expectedRevision: 'any' });
      expect((await store.appendToStream('weak', events, { expectedRevision: 'any' })).nextExpectedRevision).toBe(0n);
      await store.appendToStream('other', [event(1), event(2), event(3)], { expectedRevision: 'any' }); // pushes it out
      expect((await store.appendToStream('weak', events, { expectedRevision: 'any' })).nextExpectedRevision).toBe(1n);
      const { port, store: data } = server;
      await server.stop();
      server = await startEsdbTestServer({ port, store: data }); // a new process: an empty cache
      await eventually(() => store.ping());
      expect((await store.appendToStream('weak', events, { expectedRevision: 'any' })).nextExpectedRevision).toBe(2n);
      // Pinning the revision is what makes a retry safe: the server looks in the stream itself.
      expect((await store.appendToStream('weak', events, { expectedRevision: 'no_stream' })).nextExpectedRevision).toBe(0n);
      expect((await collect(store.readStream('weak'))).map((e) => e.id)).toEqual([events[0].id, events[0].id, events[0].id]);
    });

    it('a repeat whose first events were written and whose next ones were not is a conflict, and writes nothing', async () => {
      const first = event(0);
      await store.appendToStream('partly', [first], { expectedRevision: 'no_stream' });
      await expect(store.appendToStream('partly', [first, event(1)], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(store.appendToStream('partly', [first, event(1)], { expectedRevision: 'any' })).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await collect(store.readStream('partly'))).toHaveLength(1);
    });

    it("an idempotent answer without a position (servers before 24.x) still returns the first append's position", async () => {
      await server.stop();
      server = await startEsdbTestServer({ idempotentWithoutPosition: true });
      await store.close();
      store = open();
      const events = [event(0), event(1)];
      const first = await store.appendToStream('legacy', events, { expectedRevision: 'no_stream' });
      const again = await store.appendToStream('legacy', events, { expectedRevision: 'no_stream' });
      expect(again).toEqual(first);
    });
  });

  describe("the server's other answers", () => {
    it.each([false, true])('after a leader change, a write to the old leader is sent once more to the one it names (BatchAppend: %s)', async (batchAppend) => {
      await server.stop();
      server = await startEsdbTestServer({ batchAppend });
      await store.close();
      store = open();
      const leader = await startEsdbTestServer({ store: server.store, batchAppend });
      try {
        server.becomeFollower({ host: '127.0.0.1', port: leader.port });
        const result = await store.appendToStream('elected', [event(0)], { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(0n);
        expect(leader.store.events('elected')).toHaveLength(1);
      } finally {
        await leader.stop();
      }
    });

    it('without a reachable leader (both nodes followers) the write is unavailable, not an unknown error', async () => {
      const other = await startEsdbTestServer({ store: server.store });
      try {
        server.becomeFollower({ host: '127.0.0.1', port: other.port });
        other.becomeFollower({ host: '127.0.0.1', port: server.port });
        const error = await store.appendToStream('leaderless', [event(0)], { expectedRevision: 'no_stream' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreUnavailableError);
        expect((error as Error).message).toMatch(/no reachable leader/);
        expect(server.store.events('leaderless')).toBeUndefined();
      } finally {
        await other.stop();
      }
    });

    it('access refused (a secure server, no credentials) is StoreAccessDeniedError from appends, reads and ping; a subscription waits for access', async () => {
      await store.appendToStream('guarded', [event(0)], { expectedRevision: 'no_stream' });
      const probe = new SubscriptionProbe(store.subscribeToAll({ filter: mine('guarded') }));
      try {
        await probe.waitFor((p) => p.caughtUpCount > 0);
        server.denyAccess(true);
        server.dropConnections(); // the subscription must subscribe again, and is refused
        await expect(store.appendToStream('guarded', [event(1)], { expectedRevision: 0n })).rejects.toBeInstanceOf(StoreAccessDeniedError);
        await expect(collect(store.readStream('guarded'))).rejects.toBeInstanceOf(StoreAccessDeniedError);
        await expect(collect(store.readAll({ maxCount: 1 }))).rejects.toBeInstanceOf(StoreAccessDeniedError);
        await expect(store.ping()).rejects.toBeInstanceOf(StoreAccessDeniedError);
        await new Promise((resolve) => setTimeout(resolve, 100));
        server.denyAccess(false);
        await store.appendToStream('guarded', [event(2)], { expectedRevision: 0n });
        await probe.waitFor((p) => p.events.length >= 2);
        expect(ns(probe)).toEqual([0, 2]);
      } finally {
        await probe.stop();
      }
    });

    it('a position inside a record is InvalidPositionError, for reads backwards too', async () => {
      const { position } = await store.appendToStream('pos', [event(0)], { expectedRevision: 'no_stream' });
      const inside = { commit: position.commit + 5n, prepare: position.commit + 5n };
      const error = await collect(store.readAll({ fromPosition: inside, direction: 'backwards', maxCount: 1 })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidPositionError);
      expect((error as InvalidPositionError).position).toEqual(inside);
    });

    it('a live subscription the server drops behind (FellBehind) catches up again: every event once, in order, a second caught-up', async () => {
      const probe = new SubscriptionProbe(store.subscribeToAll({ filter: mine('behind') }));
      try {
        await probe.waitFor((p) => p.caughtUpCount > 0);
        await store.appendToStream('behind', [event(0), event(1)], { expectedRevision: 'no_stream' });
        await probe.waitFor((p) => p.events.length >= 2);
        server.fallBehind();
        await store.appendToStream('behind', [event(2)], { expectedRevision: 1n });
        await probe.waitFor((p) => p.caughtUpCount >= 2 && p.events.length >= 3);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(ns(probe)).toEqual([0, 1, 2]);
      } finally {
        await probe.stop();
      }
    });

    it("a filtered subscription passes on the server's checkpoints past the events it skipped", async () => {
      await store.appendToStream('rare', [event(0)], { expectedRevision: 'no_stream' });
      for (let i = 0; i < 5; i++)
        await store.appendToStream(
          `noise-${i}`,
          Array.from({ length: 20 }, (_, j) => event(j)),
          { expectedRevision: 'no_stream' },
        );
      const probe = new SubscriptionProbe(store.subscribeToAll({ filter: mine('rare') }));
      try {
        await probe.waitFor((p) => p.caughtUpCount > 0);
        const [rare] = probe.events;
        const checkpoints = probe.messages.flatMap((m) => (m.kind === 'checkpoint' ? [m.position] : []));
        const last = checkpoints[checkpoints.length - 1];
        const head = server.store.log[server.store.log.length - 1];
        expect(comparePositions(last, rare.position)).toBe(1);
        expect(last).toEqual({ commit: head.commit, prepare: head.prepare }); // where catch-up ended
      } finally {
        await probe.stop();
      }
    });
  });

  describe('deadlines', () => {
    it('a server that stops answering fails appends, reads, $all reads and ping within the deadline instead of holding them', async () => {
      await store.close();
      store = open({ deadlineMs: 300, pingTimeoutMs: 300 });
      await store.appendToStream('frozen', [event(0)], { expectedRevision: 'no_stream' });
      server.stall();
      const started = Date.now();
      const outcomes = await Promise.all([
        store.appendToStream('frozen', [event(1)], { expectedRevision: 0n }).catch((e: unknown) => e),
        collect(store.readStream('frozen')).catch((e: unknown) => e),
        collect(store.readAll({ direction: 'backwards', maxCount: 1 })).catch((e: unknown) => e),
        store.ping().catch((e: unknown) => e),
      ]);
      outcomes.forEach((outcome) => expect(outcome).toBeInstanceOf(StoreUnavailableError));
      expect(Date.now() - started).toBeLessThan(5_000);
      server.resume();
    });

    it('an append that times out may still have been written: the retry with the same ids is answered from the stream, written once', async () => {
      await server.stop();
      server = await startEsdbTestServer({ batchAppend: true, writeTimeoutMs: 100 });
      await store.close();
      store = open();
      await store.appendToStream('slow', [event(0)], { expectedRevision: 'no_stream' });
      server.slowWrites(250);
      const events = [event(1), event(2)];
      await expect(store.appendToStream('slow', events, { expectedRevision: 0n })).rejects.toBeInstanceOf(StoreUnavailableError);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the write lands after the answer
      server.slowWrites(0);
      const retried = await store.appendToStream('slow', events, { expectedRevision: 0n });
      expect(retried.nextExpectedRevision).toBe(2n);
      expect((await collect(store.readStream('slow'))).map((e) => e.data.n)).toEqual([0, 1, 2]);
    });
  });

  it('close() ends open subscriptions and refuses further calls', async () => {
    const probe = new SubscriptionProbe(store.subscribeToAll());
    await probe.waitFor((p) => p.caughtUpCount > 0);
    await store.close();
    await probe.stop();
    await expect(store.appendToStream('s', [event(0)], { expectedRevision: 'any' })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Retries while the store reports itself unavailable, as a readiness probe or a client would. */
async function eventually<T>(attempt: () => Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof StoreUnavailableError) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
