import { randomUUID } from 'node:crypto';
import { accept, Decider, UpcasterChain } from '@app/domain';
import { EventStore, MemoryEventStore, ReadStreamOptions } from '@app/event-store';
import { SYSTEM_ACTOR } from '../auth/actor';
import { ConcurrencyConflict } from '../errors/command-errors';
import { CommandRunner } from './command-runner';
import { CommandMetadata } from './command-metadata';
import { StreamReader } from '../streams/stream-reader';
import { EventCodec } from '../streams/event-codec';
import { RandomIds } from '../ids';
import { SystemClock } from '../clock';

type Tally = { count: number; notes: readonly string[] };
type Add = { type: 'Add'; note: string };
type Added = { type: 'Added'; data: { note: string } };

/** A toy aggregate: it counts notes. `evolve` returns new states, as every decider here does. */
const tally: Decider<Add, Tally, Added> = {
  initialState: { count: 0, notes: [] },
  decide: (command) => accept({ type: 'Added', data: { note: command.note } }),
  evolve: (state, event) => ({ count: state.count + 1, notes: [...state.notes, event.data.note] }),
};

/** A memory store that records where each stream read started. */
class CountingStore extends MemoryEventStore {
  readonly reads: Array<ReadStreamOptions['fromRevision']> = [];
  override readStream(stream: string, options?: ReadStreamOptions) {
    this.reads.push(options?.fromRevision);
    return super.readStream(stream, options);
  }
}

/** A runner and the stream reader it loads with, on one store (the reader's load is the runner's cache). */
function runnerOn(store: EventStore) {
  const codec = new EventCodec(new UpcasterChain({}, []));
  const streams = new StreamReader(store, codec);
  const runner = new CommandRunner(store, streams, codec, new RandomIds(), new CommandMetadata(new SystemClock()));
  return Object.assign(runner, { load: streams.load.bind(streams), forgetFoldedStates: streams.forgetFoldedStates.bind(streams) });
}

describe('CommandRunner', () => {
  const ctx = { actor: SYSTEM_ACTOR, commandId: 'c', correlationId: 'c' };
  let store: CountingStore;
  let runner: ReturnType<typeof runnerOn>;
  const add = (r: ReturnType<typeof runnerOn>, note: string) => r.run({ decider: tally, stream: 'tally-1', command: { type: 'Add', note } }, ctx);

  beforeEach(() => {
    store = new CountingStore();
    runner = runnerOn(store);
  });

  it('folds a stream once, then reads only the events after what it has folded', async () => {
    await add(runner, 'a');
    await add(runner, 'b');
    await add(runner, 'c');
    const loaded = await runner.load(tally, 'tally-1');
    expect(loaded.state).toEqual({ count: 3, notes: ['a', 'b', 'c'] });
    expect(loaded.revision).toBe(2n);
    expect([...loaded.stored.values()].map((s) => s.revision)).toEqual([0n, 1n, 2n]);
    // Nothing to fold before the first event; from then on each load starts after what it has folded.
    expect(store.reads).toEqual([undefined, undefined, 1n, 2n]);
  });

  it('sees what another process appended since it last folded the stream', async () => {
    await add(runner, 'a');
    await runner.load(tally, 'tally-1');
    const other = runnerOn(store);
    await add(other, 'from elsewhere');
    const outcome = await add(runner, 'b');
    expect(outcome.revision).toBe('2');
    expect((await runner.load(tally, 'tally-1')).state.notes).toEqual(['a', 'from elsewhere', 'b']);
  });

  it('reads the whole stream again once folded states are forgotten (a person was forgotten)', async () => {
    await add(runner, 'a');
    await runner.load(tally, 'tally-1');
    runner.forgetFoldedStates();
    store.reads.length = 0;
    expect((await runner.load(tally, 'tally-1')).state.count).toBe(1);
    expect(store.reads).toEqual([undefined]);
  });

  it('keeps folds of different deciders apart', async () => {
    await add(runner, 'a');
    await runner.load(tally, 'tally-1');
    const lengths: Decider<Add, number, Added> = { initialState: 0, decide: () => accept(), evolve: (n, e) => n + e.data.note.length };
    store.reads.length = 0;
    expect((await runner.load(lengths, 'tally-1')).state).toBe(1);
    expect(store.reads).toEqual([undefined]);
  });

  describe('when another writer appends between the read and the append', () => {
    /** Appends one event "from elsewhere" just before the runner's first append. */
    class RacingStore extends CountingStore {
      raced = false;
      override async appendToStream(...args: Parameters<MemoryEventStore['appendToStream']>) {
        if (!this.raced && args[0] === 'tally-1' && args[2]?.expectedRevision !== 'any') {
          this.raced = true;
          await super.appendToStream('tally-1', [{ id: randomUUID(), type: 'Added', data: { note: 'elsewhere' } }], { expectedRevision: 'any' });
        }
        return super.appendToStream(...args);
      }
    }

    it('decides again on the new state when the caller pinned no revision', async () => {
      const racing = new RacingStore();
      const r = runnerOn(racing);
      racing.raced = true; // no race on the first append
      await add(r, 'a');
      racing.raced = false;
      const outcome = await add(r, 'b');
      expect(racing.raced).toBe(true);
      expect(outcome.revision).toBe('2');
      expect((await r.load(tally, 'tally-1')).state.notes).toEqual(['a', 'elsewhere', 'b']);
    });

    it('reports the conflict when two requests both create the record', async () => {
      const racing = new RacingStore();
      const r = runnerOn(racing);
      await expect(add(r, 'a')).rejects.toThrow(ConcurrencyConflict);
      expect((await r.load(tally, 'tally-1')).state.notes).toEqual(['elsewhere']);
    });

    it('reports the conflict when the caller pinned a revision (If-Match)', async () => {
      const racing = new RacingStore();
      const r = runnerOn(racing);
      racing.raced = true;
      await add(r, 'a');
      racing.raced = false;
      await expect(r.run({ decider: tally, stream: 'tally-1', command: { type: 'Add', note: 'b' } }, { ...ctx, expectedRevision: 0n })).rejects.toThrow(
        ConcurrencyConflict,
      );
      expect((await r.load(tally, 'tally-1')).state.notes).toEqual(['a', 'elsewhere']);
    });
  });
});
