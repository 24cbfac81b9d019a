import { randomUUID } from 'node:crypto';
import { EventStore, EventToAppend, RecordedEvent } from '../event-store.port';
import { InvalidPositionError, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '../errors';
import { comparePositions, formatPosition, parsePosition, Position } from '../position';
import { SubscriptionProbe } from './subscription-probe';

export interface OpenedStore {
  store: EventStore;
  cleanup(): Promise<void>;
  /**
   * A position near `valid` (an event's) that no event has in this store's log: for EventStoreDB an
   * offset inside the event's record, for the embedded stores a pair they never hand out.
   */
  notAPosition(valid: Position): Position;
  /**
   * For durable stores: what a restart does (the process, or the server, goes away and comes back with
   * the data). Resolves with the store to use from then on.
   */
  restart?(): Promise<EventStore>;
}

/**
 * The one contract every adapter passes. Each test writes to streams with a fresh unique prefix, so the
 * suite also runs against a long-lived real EventStoreDB whose log already holds other events. Where it
 * says what EventStoreDB does (deletes, metadata, idempotency, positions), the embedded stores do the
 * same, so code tested on them behaves the same in production.
 */
export function eventStoreContract(adapterName: string, open: () => Promise<OpenedStore>, options: { durable?: boolean } = {}): void {
  describe(`event store contract: ${adapterName}`, () => {
    let opened: OpenedStore;
    let store: EventStore;
    let prefix: string;

    beforeAll(async () => {
      opened = await open();
      store = opened.store;
    });
    afterAll(async () => opened?.cleanup());
    beforeEach(() => {
      prefix = `contract_${randomUUID().replace(/-/g, '')}`;
    });

    const stream = (name = 'case') => `${prefix}-${name}`;
    const event = (type = 'TestHappened', data: Record<string, unknown> = { n: 1 }, metadata?: object): EventToAppend => ({
      id: randomUUID(),
      type,
      data: data as EventToAppend['data'],
      metadata: metadata as EventToAppend['metadata'],
    });
    const readStream = async (name: string, options?: Parameters<EventStore['readStream']>[1]) => {
      const out: RecordedEvent[] = [];
      for await (const e of store.readStream(name, options)) out.push(e);
      return out;
    };
    const readAll = async (options?: Parameters<EventStore['readAll']>[0]) => {
      const out: RecordedEvent[] = [];
      for await (const e of store.readAll(options)) out.push(e);
      return out;
    };
    const onlyMine = { on: 'streamName' as const, prefixes: [] as string[] };
    const mine = () => ({ ...onlyMine, prefixes: [prefix] });
    const conflict = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => e,
      );

    describe('append and read back', () => {
      it('returns what was appended, with stream, 0-based revisions, positions and created time', async () => {
        const a = event('PersonRegistered', { name: 'Kari' }, { actor: 'u1' });
        const b = event('ReferralRegistered', { source: 'nav' });
        const before = Date.now();
        const result = await store.appendToStream(stream(), [a, b], { expectedRevision: 'no_stream' });
        const read = await readStream(stream());
        expect(read.map((e) => [e.id, e.type, e.revision])).toEqual([
          [a.id, 'PersonRegistered', 0n],
          [b.id, 'ReferralRegistered', 1n],
        ]);
        expect(read[0].stream).toBe(stream());
        expect(read[0].data).toEqual({ name: 'Kari' });
        expect(read[0].metadata).toEqual({ actor: 'u1' });
        expect(read[1].metadata).toEqual({});
        expect(read[0].created).toBeInstanceOf(Date);
        expect(read[0].created.getTime()).toBeGreaterThanOrEqual(before - 60_000);
        expect(result.nextExpectedRevision).toBe(1n);
        expect(comparePositions(result.position, read[1].position)).toBe(0);
        expect(comparePositions(read[0].position, read[1].position)).toBe(-1);
      });

      it('continues revisions across appends and keeps positions increasing in the global log', async () => {
        const first = await store.appendToStream(stream(), [event()], { expectedRevision: 'any' });
        await store.appendToStream(stream('other'), [event()], { expectedRevision: 'any' });
        const third = await store.appendToStream(stream(), [event(), event()], { expectedRevision: 0n });
        expect(first.nextExpectedRevision).toBe(0n);
        expect(third.nextExpectedRevision).toBe(2n);
        expect(comparePositions(first.position, third.position)).toBe(-1);
        const all = await readAll({ filter: mine() });
        for (let i = 1; i < all.length; i++) expect(comparePositions(all[i - 1].position, all[i].position)).toBe(-1);
        expect(all.map((e) => e.stream)).toEqual([stream(), stream('other'), stream(), stream()]);
      });

      it('gives each event of one append its own position, each one a place to read from', async () => {
        await store.appendToStream(
          stream(),
          [0, 1, 2].map((n) => event('N', { n })),
          { expectedRevision: 'no_stream' },
        );
        const read = await readStream(stream());
        expect(new Set(read.map((e) => e.position.commit)).size).toBe(3);
        for (const e of read) {
          const [first] = await readAll({ fromPosition: e.position, maxCount: 1, filter: mine() });
          expect(first.id).toBe(e.id);
        }
      });

      it('positions survive a round trip through their string form as bigints', async () => {
        const { position } = await store.appendToStream(stream(), [event()], { expectedRevision: 'any' });
        expect(typeof position.commit).toBe('bigint');
        expect(parsePosition(formatPosition(position))).toEqual(position);
      });
    });

    describe('expected revision', () => {
      it('no_stream: succeeds on a new stream, fails on an existing one with the actual revision', async () => {
        await store.appendToStream(stream(), [event()], { expectedRevision: 'no_stream' });
        const error = await conflict(store.appendToStream(stream(), [event()], { expectedRevision: 'no_stream' }));
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect((error as WrongExpectedVersionError).expected).toBe('no_stream');
        expect((error as WrongExpectedVersionError).actual).toBe(0n);
      });

      it('stream_exists: fails on a missing stream, succeeds on an existing one', async () => {
        const error = await conflict(store.appendToStream(stream(), [event()], { expectedRevision: 'stream_exists' }));
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect((error as WrongExpectedVersionError).actual).toBe('no_stream');
        await store.appendToStream(stream(), [event()], { expectedRevision: 'no_stream' });
        const ok = await store.appendToStream(stream(), [event()], { expectedRevision: 'stream_exists' });
        expect(ok.nextExpectedRevision).toBe(1n);
      });

      it('an exact revision: succeeds when it matches, fails with expected and actual when it does not', async () => {
        await store.appendToStream(stream(), [event(), event()], { expectedRevision: 'no_stream' });
        const ok = await store.appendToStream(stream(), [event()], { expectedRevision: 1n });
        expect(ok.nextExpectedRevision).toBe(2n);
        const error = await conflict(store.appendToStream(stream(), [event()], { expectedRevision: 1n }));
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect((error as WrongExpectedVersionError).expected).toBe(1n);
        expect((error as WrongExpectedVersionError).actual).toBe(2n);
        expect((error as WrongExpectedVersionError).stream).toBe(stream());
        const missing = await conflict(store.appendToStream(stream('missing'), [event()], { expectedRevision: 0n }));
        expect((missing as WrongExpectedVersionError).actual).toBe('no_stream');
      });

      it('any: always appends', async () => {
        await store.appendToStream(stream(), [event()], { expectedRevision: 'any' });
        const second = await store.appendToStream(stream(), [event()], { expectedRevision: 'any' });
        expect(second.nextExpectedRevision).toBe(1n);
      });

      it('a failed append writes nothing', async () => {
        await store.appendToStream(stream(), [event()], { expectedRevision: 'no_stream' });
        await conflict(store.appendToStream(stream(), [event(), event()], { expectedRevision: 5n }));
        expect(await readStream(stream())).toHaveLength(1);
      });

      it('20 concurrent appends with the same expected revision: exactly one wins', async () => {
        await store.appendToStream(stream(), [event()], { expectedRevision: 'no_stream' });
        const outcomes = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) => store.appendToStream(stream(), [event('Raced', { i })], { expectedRevision: 0n })),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(19);
        lost.forEach((o) => expect(o.reason).toBeInstanceOf(WrongExpectedVersionError));
        expect(await readStream(stream())).toHaveLength(2);
      });

      it('conflicts stay per stream: concurrent appends to different streams all succeed', async () => {
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => store.appendToStream(stream(`s${i}`), [event()], { expectedRevision: 'no_stream' })),
        );
        expect(results.every((r) => r.nextExpectedRevision === 0n)).toBe(true);
      });
    });

    describe('idempotent re-append', () => {
      it('repeating an append with the same event ids returns the first result and writes nothing', async () => {
        const events = [event(), event()];
        const first = await store.appendToStream(stream(), events, { expectedRevision: 'no_stream' });
        const again = await store.appendToStream(stream(), events, { expectedRevision: 'no_stream' });
        expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
        expect(comparePositions(again.position, first.position)).toBe(0);
        const anyAgain = await store.appendToStream(stream(), events, { expectedRevision: 'any' });
        expect(anyAgain.nextExpectedRevision).toBe(1n);
        expect(await readStream(stream())).toHaveLength(2);
      });
    });

    if (options.durable) {
      describe('idempotent re-append across a restart', () => {
        it('an exact revision (or no_stream) is recognised from the stream itself after a restart: nothing is written twice', async () => {
          await store.appendToStream(stream(), [event()], { expectedRevision: 'no_stream' });
          const events = [event(), event()];
          const first = await store.appendToStream(stream(), events, { expectedRevision: 0n });
          const created = [event()];
          const createdFirst = await store.appendToStream(stream('new'), created, { expectedRevision: 'no_stream' });
          store = await opened.restart!();
          const again = await store.appendToStream(stream(), events, { expectedRevision: 0n });
          expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
          expect(comparePositions(again.position, first.position)).toBe(0);
          const createdAgain = await store.appendToStream(stream('new'), created, { expectedRevision: 'no_stream' });
          expect(comparePositions(createdAgain.position, createdFirst.position)).toBe(0);
          expect(await readStream(stream())).toHaveLength(3);
          expect(await readStream(stream('new'))).toHaveLength(1);
        });
      });
    }

    describe('readStream', () => {
      it('reads backwards, from a revision, and up to a count', async () => {
        await store.appendToStream(
          stream(),
          [0, 1, 2, 3, 4].map((n) => event('N', { n })),
          { expectedRevision: 'no_stream' },
        );
        const n = (events: RecordedEvent[]) => events.map((e) => e.data.n);
        expect(n(await readStream(stream(), { direction: 'backwards' }))).toEqual([4, 3, 2, 1, 0]);
        expect(n(await readStream(stream(), { fromRevision: 2n }))).toEqual([2, 3, 4]);
        expect(n(await readStream(stream(), { fromRevision: 3n, direction: 'backwards', maxCount: 2 }))).toEqual([3, 2]);
        expect(n(await readStream(stream(), { maxCount: 2n }))).toEqual([0, 1]);
        expect(n(await readStream(stream(), { direction: 'backwards', maxCount: 1 }))).toEqual([4]);
      });

      it('reading a stream that does not exist throws StreamNotFoundError', async () => {
        await expect(readStream(stream('nobody'))).rejects.toBeInstanceOf(StreamNotFoundError);
      });
    });

    describe('readAll', () => {
      beforeEach(async () => {
        await store.appendToStream(stream('a'), [event('CaseOpened', { n: 0 })], { expectedRevision: 'any' });
        await store.appendToStream(stream('b'), [event('UnitAdded', { n: 1 })], { expectedRevision: 'any' });
        await store.appendToStream(stream('a'), [event('CaseClosed', { n: 2 })], { expectedRevision: 'any' });
      });
      const n = (events: RecordedEvent[]) => events.map((e) => e.data.n);

      it('reads in global order forwards and backwards', async () => {
        expect(n(await readAll({ filter: mine() }))).toEqual([0, 1, 2]);
        const backwards = await readAll({ filter: mine(), direction: 'backwards', maxCount: 3 });
        expect(n(backwards)).toEqual([2, 1, 0]);
      });

      it('starts at a position (inclusive) and stops at a count', async () => {
        const all = await readAll({ filter: mine() });
        expect(n(await readAll({ filter: mine(), fromPosition: all[1].position }))).toEqual([1, 2]);
        expect(n(await readAll({ filter: mine(), fromPosition: all[0].position, maxCount: 2 }))).toEqual([0, 1]);
      });

      it('filters by stream-name prefix, event-type prefix and regular expression', async () => {
        expect(n(await readAll({ filter: { on: 'streamName', prefixes: [stream('b')] } }))).toEqual([1]);
        const cases = await readAll({ filter: { on: 'eventType', prefixes: ['Case'] } });
        expect(n(cases.filter((e) => e.stream.startsWith(prefix)))).toEqual([0, 2]);
        expect(n(await readAll({ filter: { on: 'streamName', regex: `^${prefix}-(a|b)$` } }))).toEqual([0, 1, 2]);
      });

      it('never returns system events', async () => {
        const recent = await readAll({ direction: 'backwards', maxCount: 200 });
        expect(recent.some((e) => e.type.startsWith('$') || e.stream.startsWith('$'))).toBe(false);
      });
    });

    describe('deleting streams', () => {
      const two = () => [event('N', { n: 0 }), event('N', { n: 1 })];

      it('soft delete: the stream reads as not found, $all keeps its events, and an append recreates it going on from its last revision', async () => {
        await store.appendToStream(stream(), two(), { expectedRevision: 'no_stream' });
        await store.deleteStream(stream(), { expectedRevision: 1n });
        await expect(readStream(stream())).rejects.toBeInstanceOf(StreamNotFoundError);
        expect(await readAll({ filter: mine() })).toHaveLength(2);
        // A writer that read "not found" expects no stream; that is right for a deleted one.
        const recreated = await store.appendToStream(stream(), [event('N', { n: 2 })], { expectedRevision: 'no_stream' });
        expect(recreated.nextExpectedRevision).toBe(2n);
        expect((await readStream(stream())).map((e) => [e.revision, e.data.n])).toEqual([[2n, 2]]);
        expect(await store.getStreamMetadata(stream())).toEqual({ truncateBefore: 2n });
        expect(await readAll({ filter: mine() })).toHaveLength(3);
      });

      it('soft delete checks the expected revision, refuses a stream that never existed, and a deleted stream is not one that exists', async () => {
        await store.appendToStream(stream(), two(), { expectedRevision: 'no_stream' });
        await expect(store.deleteStream(stream(), { expectedRevision: 0n })).rejects.toBeInstanceOf(WrongExpectedVersionError);
        expect(await readStream(stream())).toHaveLength(2);
        const never = await conflict(store.deleteStream(stream('never'), { expectedRevision: 'any' }));
        expect(never).toBeInstanceOf(WrongExpectedVersionError);
        expect((never as WrongExpectedVersionError).actual).toBe('no_stream');
        await store.deleteStream(stream(), { expectedRevision: 'any' });
        await expect(store.appendToStream(stream(), [event()], { expectedRevision: 'stream_exists' })).rejects.toBeInstanceOf(StreamDeletedError);
        const any = await store.appendToStream(stream(), [event()], { expectedRevision: 'any' });
        expect(any.nextExpectedRevision).toBe(2n);
      });

      it('tombstone: gone for good, whatever the expectation; $all keeps the events it had', async () => {
        await store.appendToStream(stream(), two(), { expectedRevision: 'no_stream' });
        await expect(store.tombstoneStream(stream(), { expectedRevision: 0n })).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await store.tombstoneStream(stream(), { expectedRevision: 1n });
        await expect(readStream(stream())).rejects.toBeInstanceOf(StreamDeletedError);
        for (const expectedRevision of ['any', 'no_stream', 'stream_exists', 1n] as const) {
          await expect(store.appendToStream(stream(), [event()], { expectedRevision })).rejects.toBeInstanceOf(StreamDeletedError);
        }
        await expect(store.deleteStream(stream(), { expectedRevision: 'any' })).rejects.toBeInstanceOf(StreamDeletedError);
        await expect(store.tombstoneStream(stream(), { expectedRevision: 'any' })).rejects.toBeInstanceOf(StreamDeletedError);
        expect((await readAll({ filter: mine() })).map((e) => e.data.n)).toEqual([0, 1]);
        await store.tombstoneStream(stream('never'), { expectedRevision: 'no_stream' });
        await expect(store.appendToStream(stream('never'), [event()], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(StreamDeletedError);
      });
    });

    describe('stream metadata', () => {
      const five = () => [0, 1, 2, 3, 4].map((n) => event('N', { n }));
      const ns = (events: RecordedEvent[]) => events.map((e) => e.data.n);

      it('$maxCount and $tb limit what the stream reads, in both directions; $all keeps every event', async () => {
        await store.appendToStream(stream(), five(), { expectedRevision: 'no_stream' });
        await store.setStreamMetadata(stream(), { maxCount: 2 });
        expect(await store.getStreamMetadata(stream())).toEqual({ maxCount: 2 });
        expect(ns(await readStream(stream()))).toEqual([3, 4]);
        expect(ns(await readStream(stream(), { fromRevision: 0n }))).toEqual([3, 4]);
        expect(ns(await readStream(stream(), { direction: 'backwards' }))).toEqual([4, 3]);
        await store.setStreamMetadata(stream(), { truncateBefore: 2n });
        expect(ns(await readStream(stream()))).toEqual([2, 3, 4]);
        expect(ns(await readStream(stream(), { fromRevision: 3n, direction: 'backwards' }))).toEqual([3, 2]);
        await store.setStreamMetadata(stream(), { truncateBefore: 9n });
        expect(await readStream(stream())).toEqual([]); // all hidden, yet the stream exists
        expect(ns(await readAll({ filter: mine() }))).toEqual([0, 1, 2, 3, 4]);
      });

      it('$maxAge hides events older than it; a stream without metadata has none', async () => {
        expect(await store.getStreamMetadata(stream())).toEqual({});
        await store.appendToStream(stream(), [event('N', { n: 0 })], { expectedRevision: 'no_stream' });
        await store.setStreamMetadata(stream(), { maxAge: 1 });
        await new Promise((resolve) => setTimeout(resolve, 1_200));
        expect(await readStream(stream())).toEqual([]);
        await store.appendToStream(stream(), [event('N', { n: 1 })], { expectedRevision: 0n });
        expect(ns(await readStream(stream()))).toEqual([1]);
      });

      it('metadata can be set before the stream exists, which still reads as not found', async () => {
        await store.setStreamMetadata(stream(), { maxCount: 1 });
        await expect(readStream(stream())).rejects.toBeInstanceOf(StreamNotFoundError);
        await store.appendToStream(stream(), [event('N', { n: 0 }), event('N', { n: 1 })], { expectedRevision: 'no_stream' });
        expect(ns(await readStream(stream()))).toEqual([1]);
      });
    });

    describe('positions that are not in the log', () => {
      it('a read or a subscription from a position no event has is refused with InvalidPositionError', async () => {
        await store.appendToStream(stream(), [event(), event()], { expectedRevision: 'no_stream' });
        const [, second] = await readStream(stream());
        const bad = opened.notAPosition(second.position);
        await expect(readAll({ fromPosition: bad, filter: mine() })).rejects.toBeInstanceOf(InvalidPositionError);
        const probe = new SubscriptionProbe(store.subscribeToAll({ fromPosition: bad, filter: mine() }));
        try {
          await expect(probe.waitFor(() => false)).rejects.toBeInstanceOf(InvalidPositionError);
        } finally {
          await probe.stop();
        }
      });
    });

    describe('subscribeToAll', () => {
      it('from the start: stored events, then caught up, then live events, in order without duplicates', async () => {
        await store.appendToStream(stream(), [event('N', { n: 0 }), event('N', { n: 1 })], { expectedRevision: 'no_stream' });
        const probe = new SubscriptionProbe(store.subscribeToAll({ filter: mine() }));
        try {
          await probe.waitFor((p) => p.caughtUpCount > 0);
          expect(probe.events.map((e) => e.data.n)).toEqual([0, 1]);
          // Checkpoints may come between them (a filter skipped other events); the order of the rest is fixed.
          const caughtUpAt = probe.messages.filter((m) => m.kind !== 'checkpoint').findIndex((m) => m.kind === 'caughtUp');
          expect(caughtUpAt).toBe(2);
          await store.appendToStream(stream(), [event('N', { n: 2 })], { expectedRevision: 1n });
          await store.appendToStream(stream('x'), [event('N', { n: 3 })], { expectedRevision: 'no_stream' });
          await probe.waitFor((p) => p.events.length >= 4);
          expect(probe.events.map((e) => e.data.n)).toEqual([0, 1, 2, 3]);
        } finally {
          await probe.stop();
        }
      });

      it('from a checkpoint: resumes after it (exclusive), as after a restart', async () => {
        await store.appendToStream(
          stream(),
          [0, 1, 2, 3].map((n) => event('N', { n })),
          { expectedRevision: 'no_stream' },
        );
        const stored = await readStream(stream());
        const checkpoint = parsePosition(formatPosition(stored[1].position));
        const probe = new SubscriptionProbe(store.subscribeToAll({ fromPosition: checkpoint, filter: mine() }));
        try {
          await probe.waitFor((p) => p.caughtUpCount > 0);
          expect(probe.events.map((e) => e.data.n)).toEqual([2, 3]);
        } finally {
          await probe.stop();
        }
      });

      it('live delivery of many appends, none lost, none twice', async () => {
        const probe = new SubscriptionProbe(store.subscribeToAll({ filter: mine() }));
        try {
          await probe.waitFor((p) => p.caughtUpCount > 0);
          expect(probe.events).toHaveLength(0);
          const writes = Array.from({ length: 50 }, (_, i) => store.appendToStream(stream(`s${i % 5}`), [event('N', { n: i })], { expectedRevision: 'any' }));
          await Promise.all(writes);
          await probe.waitFor((p) => p.events.length >= 50);
          const ids = new Set(probe.events.map((e) => e.id));
          expect(ids.size).toBe(50);
          for (let i = 1; i < probe.events.length; i++) {
            expect(comparePositions(probe.events[i - 1].position, probe.events[i].position)).toBe(-1);
          }
        } finally {
          await probe.stop();
        }
      });

      it('filters by event type and signals caught up on an empty selection', async () => {
        await store.appendToStream(stream(), [event('Wanted', { n: 1 }), event('Unwanted', { n: 2 })], {
          expectedRevision: 'no_stream',
        });
        const type = `${prefix}Wanted`;
        const probe = new SubscriptionProbe(store.subscribeToAll({ filter: { on: 'eventType', prefixes: [type] } }));
        try {
          await probe.waitFor((p) => p.caughtUpCount > 0);
          expect(probe.events).toHaveLength(0);
          await store.appendToStream(stream(), [event(type, { n: 3 }), event('Unwanted', { n: 4 })], { expectedRevision: 1n });
          await probe.waitFor((p) => p.events.length >= 1);
          expect(probe.events.map((e) => e.data.n)).toEqual([3]);
        } finally {
          await probe.stop();
        }
      });

      it('a consumer that falls behind a fast writer gets every event once, in order, and is told it caught up again', async () => {
        const probe = new SubscriptionProbe(store.subscribeToAll({ filter: mine() }));
        try {
          await probe.waitFor((p) => p.caughtUpCount > 0);
          probe.pause();
          const pad = 'x'.repeat(1024); // enough bytes to fill the transport's buffers on the way
          for (let i = 0; i < 20; i++) {
            const batch = Array.from({ length: 10 }, (_, j) => event('N', { n: i * 10 + j, pad }));
            await store.appendToStream(stream(`s${i % 4}`), batch, { expectedRevision: 'any' });
          }
          probe.resume();
          await probe.waitFor((p) => p.events.length >= 200 && p.caughtUpCount >= 2);
          await new Promise((resolve) => setTimeout(resolve, 100)); // room for a duplicate to show up
          expect(probe.events.map((e) => e.data.n)).toEqual(Array.from({ length: 200 }, (_, n) => n));
        } finally {
          await probe.stop();
        }
      });

      it('unsubscribe ends iteration', async () => {
        const probe = new SubscriptionProbe(store.subscribeToAll({ filter: mine() }));
        await probe.waitFor((p) => p.caughtUpCount > 0);
        await probe.stop();
        await store.appendToStream(stream(), [event()], { expectedRevision: 'any' });
        await new Promise((r) => setTimeout(r, 50));
        expect(probe.events).toHaveLength(0);
      });
    });

    describe('payloads', () => {
      it('round-trips a 1 MB event', async () => {
        const big = 'x'.repeat(1024 * 1024 - 200);
        await store.appendToStream(stream(), [event('Big', { big })], { expectedRevision: 'no_stream' });
        const [read] = await readStream(stream());
        expect((read.data.big as string).length).toBe(big.length);
        expect(read.data.big).toBe(big);
      });

      it('round-trips Norwegian text in data, metadata and stream names', async () => {
        const text = 'Blåbærsyltetøy på Ørland; ÆØÅ æøå – «sitat» §§ 23–29';
        const name = stream('bøgård-æøå');
        await store.appendToStream(name, [event('NotatSkrevet', { text }, { begrunnelse: text })], {
          expectedRevision: 'no_stream',
        });
        const [read] = await readStream(name);
        expect(read.stream).toBe(name);
        expect(read.data.text).toBe(text);
        expect(read.metadata.begrunnelse).toBe(text);
      });
    });
  });
}
