import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DelegatingEventStore, EventStore, ReadAllOptions, RecordedEvent, SqliteEventStore } from '@app/event-store';
import { GENESIS, linkFor } from '../../../platform/streams/hash-chain';
import { verifyLog } from '../log-verifier';
import { LogSealer, SealingHalted } from './log-sealer';
import { parseSeal, SEAL_STREAM, sealHash } from './seal';
import { SigningKey, trustedKeyOf } from '../../../platform/crypto/seal-keys';

function signingKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { ...trustedKeyOf(publicKey), privateKey };
}

/** Counts the events readAll hands out, to show what a sealer reads. */
class CountingStore extends DelegatingEventStore {
  read = 0;
  override readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    const inner = this.inner.readAll(options);
    const count = () => this.read++;
    return (async function* () {
      for await (const e of inner) {
        count();
        yield e;
      }
    })();
  }
}

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('LogSealer', () => {
  let dir: string;
  let store: SqliteEventStore;
  const key = signingKey();
  const sealer = (s: EventStore = store, options: Partial<ConstructorParameters<typeof LogSealer>[0]> = {}) =>
    new LogSealer({ store: s, key, trustedKeys: [key], intervalMs: 60_000, logger: silent, ...options });

  /** Appends chained events to a stream, as the command runner would. */
  async function append(stream: string, count = 1): Promise<void> {
    const head = await last(stream);
    let prev = head?.hash ?? GENESIS;
    let revision = head ? head.revision + 1n : 0n;
    const events = Array.from({ length: count }, () => {
      const data = { n: Number(revision) };
      const metadata = { schemaVersion: 1, actorId: 'u1' };
      const link = linkFor({ stream, revision, type: 'Noted', data, metadata, prev });
      prev = link.hash;
      revision++;
      return { id: randomUUID(), type: 'Noted', data, metadata: { ...metadata, chain: { ...link } } };
    });
    await store.appendToStream(stream, events, { expectedRevision: head ? head.revision : 'no_stream' });
  }
  async function last(stream: string) {
    try {
      for await (const e of store.readStream(stream, { direction: 'backwards', maxCount: 1 }))
        return { revision: e.revision, hash: (e.metadata.chain as { hash: string }).hash };
    } catch {
      /* new stream */
    }
    return undefined;
  }
  async function seals() {
    const out = [];
    try {
      for await (const e of store.readStream(SEAL_STREAM)) out.push({ revision: e.revision, seal: parseSeal(e.data)! });
    } catch {
      /* none */
    }
    return out;
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rop-sealer-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seals what was appended, chains its seals, and seals nothing when nothing is new', async () => {
    await append('a', 3);
    await append('b');
    const s = sealer();
    const first = await s.sealNow();
    expect(first).toMatchObject({
      sequence: 0,
      events: 4,
      previousSeal: GENESIS,
      keyId: key.keyId,
      heads: [
        ['a', '2', expect.any(String)],
        ['b', '0', expect.any(String)],
      ],
    });
    expect(await s.sealNow()).toBeUndefined();
    await append('a');
    const second = await s.sealNow();
    expect(second).toMatchObject({ sequence: 1, events: 5, previousSeal: sealHash(first!), heads: [['a', '3', expect.any(String)]] });
    expect((await seals()).map((x) => x.revision)).toEqual([0n, 1n]);
    expect((await verifyLog(store, { trustedKeys: [key] })).findings).toEqual([]);
  });

  it('continues after a restart from its latest seal, without folding the log again from the start', async () => {
    await append('a', 50);
    await sealer().sealNow();
    await append('a', 2);
    const counting = new CountingStore(store);
    const restarted = sealer(counting);
    const seal = await restarted.sealNow();
    expect(seal).toMatchObject({ sequence: 1, events: 52 });
    // The 2 new events, and the last sealed one (a read from a position includes it); never the 50.
    expect(counting.read).toBeLessThanOrEqual(4);
    expect((await verifyLog(store, { trustedKeys: [key] })).seals).toMatchObject({ status: 'verified', count: 2 });
  });

  it('never forks the seal chain when two sealers run at once: the loser continues from the winner', async () => {
    const lost: string[] = [];
    const logger = { ...silent, log: (m: string) => lost.push(m) };
    const one = sealer(store, { logger });
    const two = sealer(store, { logger });
    for (let round = 0; round < 5; round++) {
      await append(`s${round % 2}`, 3);
      await Promise.all([one.sealNow(), two.sealNow(), append('c')]);
    }
    await one.sealNow();
    await two.sealNow();
    const all = await seals();
    expect(all.map((x) => x.seal.sequence)).toEqual(all.map((_, i) => i));
    all.forEach((x, i) => expect(x.seal.previousSeal).toBe(i === 0 ? GENESIS : sealHash(all[i - 1].seal)));
    expect(lost.length).toBeGreaterThan(0); // the races did happen, and were lost as conflicts
    const report = await verifyLog(store, { trustedKeys: [key] });
    expect(report.findings).toEqual([]);
    expect(report.seals.eventsAfterLatest).toBe(0);
  });

  it('halts rather than sign on top of a latest seal it cannot trust', async () => {
    await append('a');
    const stranger = signingKey();
    await new LogSealer({ store, key: stranger, trustedKeys: [stranger], intervalMs: 60_000, logger: silent }).sealNow();
    await append('a');
    const s = sealer();
    await expect(s.sealNow()).rejects.toBeInstanceOf(SealingHalted);
    expect(s.status()).toMatchObject({ state: 'halted', reason: expect.stringContaining(`signed by key ${stranger.keyId}`) });
    expect(await seals()).toHaveLength(1);
  });

  it('halts when seals it appended itself have gone from the log', async () => {
    await append('a');
    const s = sealer();
    await s.sealNow();
    // Someone with the files deletes the seal stream; this sealer still knows it appended seal 0.
    const db = (store as unknown as { db: import('better-sqlite3').Database }).db;
    db.prepare('DELETE FROM events WHERE stream = ?').run(SEAL_STREAM);
    db.prepare('DELETE FROM streams WHERE stream = ?').run(SEAL_STREAM);
    await append('a');
    await expect(s.sealNow()).rejects.toThrow(/no longer holds seal 0/);
    expect(s.status().state).toBe('halted');
  });

  it('seals in the background at its interval, and once more when stopped', async () => {
    await append('a');
    const s = sealer(store, { intervalMs: 200 });
    s.start();
    const deadline = Date.now() + 10_000;
    while ((await seals()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await seals()).toHaveLength(1);
    expect(s.status()).toMatchObject({ state: 'running', lastSeal: { sequence: 0, events: 1 } });
    await append('b', 2);
    await s.stop();
    expect((await seals()).at(-1)!.seal).toMatchObject({ events: 3 });
    expect(s.status()).toMatchObject({ state: 'stopped', unsealedEvents: 0 });
  });
});
