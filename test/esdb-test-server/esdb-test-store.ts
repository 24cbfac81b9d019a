import { randomUUID } from 'node:crypto';

/**
 * The in-memory log behind the EventStoreDB test server: a test double of the server's semantics, never
 * product code. Written independently of the adapters on purpose, so an adapter bug is not mirrored here.
 *
 * What it reproduces from EventStoreDB:
 * - revisions are 0-based per stream; positions are (commit, prepare) byte offsets in one log, uint64;
 * - a multi-event append is one implicit transaction: every event carries the commit position of the
 *   transaction (its first prepare) and its own prepare position, as EventStoreDB reports them in $all;
 * - expected revision any / no_stream / stream_exists / exact;
 * - idempotent re-append: the same ids at the place the expectation points to (or, for any and
 *   stream_exists, wherever the first id sits) succeed without writing and without a position, as the
 *   server answers idempotent writes; a partial match is a wrong expected version;
 * - system events (in $-streams, with $-types) exist in the log from the start, like a fresh database.
 */
export interface StoredEvent {
  readonly stream: string;
  readonly revision: bigint;
  readonly commit: bigint;
  readonly prepare: bigint;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends them in the "created" metadata entry. */
  readonly created: bigint;
}

export type ProposedEvent = Pick<StoredEvent, 'id' | 'type' | 'contentType' | 'data' | 'metadata'>;
export type Expected = 'any' | 'no_stream' | 'stream_exists' | bigint;
export type Current = bigint | 'no_stream';

export type AppendOutcome =
  /** `position` is absent when the append repeated an earlier one and wrote nothing. */
  | { readonly ok: true; readonly revision: bigint; readonly position?: { commit: bigint; prepare: bigint } }
  | { readonly ok: false; readonly current: Current };

export interface EsdbTestStoreOptions {
  /** Where the log starts. Set it past 2^53 to prove nobody turns a position into a JavaScript number. */
  readonly firstPosition?: bigint;
  /** Seed a few system events, as a fresh EventStoreDB has. Default true. */
  readonly systemEvents?: boolean;
}

const RECORD_OVERHEAD = 120n; // roughly what a prepare record's header costs; only makes positions look real

export class EsdbTestStore {
  readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly listeners = new Set<() => void>();
  private nextOffset: bigint;

  constructor(options: EsdbTestStoreOptions = {}) {
    this.nextOffset = options.firstPosition ?? 0n;
    if (options.systemEvents ?? true) {
      const json = (value: object) => new TextEncoder().encode(JSON.stringify(value));
      const system = (type: string, data: object): ProposedEvent => ({
        id: randomUUID(),
        type,
        contentType: 'application/json',
        data: json(data),
        metadata: new Uint8Array(),
      });
      this.append('$settings', [system('$settings', { $userStreamAcl: {} })], 'any');
      this.append('$stats-127.0.0.1:2113', [system('$statsCollected', { 'proc-id': 1 })], 'any');
    }
  }

  events(stream: string): readonly StoredEvent[] | undefined {
    return this.streams.get(stream);
  }

  /** Appends atomically; public so a test can write "from another node" while the server is down. */
  append(stream: string, proposed: readonly ProposedEvent[], expected: Expected): AppendOutcome {
    const existing = this.streams.get(stream) ?? [];
    const current: Current = existing.length === 0 ? 'no_stream' : BigInt(existing.length - 1);
    const repeat = this.repeatOf(existing, proposed, expected);
    if (repeat === 'partial') return { ok: false, current };
    if (repeat !== undefined) return { ok: true, revision: repeat };
    if (!satisfied(expected, current)) return { ok: false, current };

    const created = BigInt(Date.now()) * 10_000n;
    const commit = this.nextOffset;
    const written: StoredEvent[] = proposed.map((p, i) => {
      const prepare = this.nextOffset;
      this.nextOffset += RECORD_OVERHEAD + BigInt(p.data.length + p.metadata.length);
      return { ...p, id: p.id.toLowerCase(), stream, revision: BigInt(existing.length + i), commit, prepare, created };
    });
    this.streams.set(stream, [...existing, ...written]);
    this.log.push(...written);
    this.listeners.forEach((listener) => listener());
    const last = written[written.length - 1];
    return { ok: true, revision: last.revision, position: { commit: last.commit, prepare: last.prepare } };
  }

  /**
   * TEST-ONLY TAMPER HOOK, not part of EventStoreDB's semantics: rewrites the stored log the way someone
   * with write access to the server's data files could, so the tamper-evidence tests can run over gRPC.
   * `edit` gets a copy of the log in order and returns the log to keep (events changed, removed or
   * moved); each stream is rebuilt from it in revision order. No listener is told: nothing was appended.
   */
  tamperForTests(edit: (log: StoredEvent[]) => StoredEvent[]): void {
    const kept = edit([...this.log]);
    this.log.splice(0, this.log.length, ...kept);
    this.streams.clear();
    for (const e of kept) this.streams.set(e.stream, [...(this.streams.get(e.stream) ?? []), e]);
    for (const events of this.streams.values()) events.sort((a, b) => (a.revision < b.revision ? -1 : a.revision > b.revision ? 1 : 0));
  }

  /** Calls `listener` after every append; returns the function that stops it. */
  onAppended(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The revision of the last repeated event, 'partial' for a clash, undefined when this is a new write. */
  private repeatOf(existing: StoredEvent[], proposed: readonly ProposedEvent[], expected: Expected) {
    const ids = proposed.map((p) => p.id.toLowerCase());
    let start: number;
    if (typeof expected === 'bigint') start = existing.findIndex((e) => e.revision === expected + 1n);
    else if (expected === 'no_stream') start = 0;
    else start = existing.findIndex((e) => e.id === ids[0]);
    if (start < 0 || existing[start]?.id !== ids[0]) return undefined;
    const same = ids.every((id, i) => existing[start + i]?.id === id);
    return same ? existing[start + ids.length - 1].revision : ('partial' as const);
  }
}

function satisfied(expected: Expected, current: Current): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === 'no_stream';
  if (expected === 'stream_exists') return current !== 'no_stream';
  return current === expected;
}

/** A position in the log, compared as EventStoreDB does: commit first, then prepare. */
export function compareLogPositions(a: { commit: bigint; prepare: bigint }, b: { commit: bigint; prepare: bigint }) {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  return a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
}
