import { randomUUID } from 'node:crypto';

/**
 * The in-memory log behind the EventStoreDB test server: a test double of the server's semantics, never
 * product code. Written independently of the adapters on purpose, so an adapter bug is not mirrored here.
 * Each rule below is the server's (KurrentDB's IndexWriter.CheckCommit, StorageWriterService,
 * IndexReader and AllReader), not a convenience:
 * - revisions are 0-based per stream; positions are (commit, prepare) byte offsets in one log, uint64;
 *   every event of a multi-event append is its own committed record, so each has its own position,
 *   commit = prepare (the server has written implicit transactions this way since 20.x);
 * - expected revision any / no_stream / stream_exists / exact;
 * - idempotent re-append, two ways. With an exact revision or no_stream the server looks at the stream
 *   itself: the same ids at the places the expectation points to succeed without writing, for good (a
 *   restart changes nothing). With any or stream_exists it only knows where an id went from a bounded
 *   in-memory cache of recent writes (`RecentWrites`, one per server process): past that window, or
 *   after a restart or a leader change, the same events are simply written again. A write whose first
 *   ids repeat and whose next ones do not is a wrong expected version (CorruptedIdempotency);
 * - soft delete writes `$tb` = 2^63-1 to the stream's metadata stream `$$stream`: the stream reads as
 *   not found, its events stay in $all, an append (any, no_stream or its last revision) recreates it
 *   with the revisions going on and `$tb` moved to the first new one; `stream_exists` on it is
 *   StreamDeleted; soft-deleting a stream that never existed is a wrong expected version;
 * - a tombstone is a `$streamDeleted` record in the stream: every later read or write of it is
 *   StreamDeleted;
 * - stream reads honour the metadata's `$maxAge` (seconds), `$maxCount` and `$tb`; $all does not;
 * - a read or subscription from a position whose commit part is inside a record is InvalidPosition;
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
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export type WriteOutcome =
  /** `idempotent` when the write repeated an earlier one and wrote nothing. */
  | { readonly ok: true; readonly revision: bigint; readonly position: LogPosition; readonly idempotent: boolean }
  | { readonly ok: false; readonly reason: 'wrong_expected_version'; readonly current: Current }
  | { readonly ok: false; readonly reason: 'stream_deleted' };

export interface StreamMetadata {
  readonly maxAge?: number;
  readonly maxCount?: number;
  readonly truncateBefore?: bigint;
}

export type StreamRead = { readonly kind: 'events'; readonly events: readonly StoredEvent[] } | { readonly kind: 'not_found' } | { readonly kind: 'deleted' };

export interface EsdbTestStoreOptions {
  /** Where the log starts. Set it past 2^53 to prove nobody turns a position into a JavaScript number. */
  readonly firstPosition?: bigint;
  /** Seed a few system events, as a fresh EventStoreDB has. Default true. */
  readonly systemEvents?: boolean;
}

const RECORD_OVERHEAD = 120n; // roughly what a prepare record's header costs; only makes positions look real
/** EventNumber.DeletedStream: a tombstone's revision, and the `$tb` of a soft-deleted stream. */
export const DELETED_STREAM = 2n ** 63n - 1n;
const ANY = -2n;
const NO_STREAM = -1n;

/**
 * What one server process remembers of recent writes, for weak idempotency: event id → stream and
 * revision, the oldest forgotten first once `capacity` is reached (the server bounds it at 8 MB).
 * A new process starts empty.
 */
export class RecentWrites {
  private readonly events = new Map<string, { stream: string; revision: bigint }>();
  constructor(readonly capacity: number) {}

  remember(id: string, stream: string, revision: bigint): void {
    this.events.delete(id);
    this.events.set(id, { stream, revision });
    if (this.events.size > this.capacity) this.events.delete(this.events.keys().next().value as string);
  }

  lookup(id: string): { stream: string; revision: bigint } | undefined {
    return this.events.get(id);
  }
}

export class EsdbTestStore {
  readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly tombstones = new Set<string>();
  private readonly recordStarts = new Set<bigint>();
  private readonly listeners = new Set<() => void>();
  private readonly firstPosition: bigint;
  private nextOffset: bigint;

  constructor(options: EsdbTestStoreOptions = {}) {
    this.firstPosition = options.firstPosition ?? 0n;
    this.nextOffset = this.firstPosition;
    if (options.systemEvents ?? true) {
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

  /** The events stored in a stream, whatever its metadata says; undefined when it has none. */
  events(stream: string): readonly StoredEvent[] | undefined {
    return this.streams.get(stream);
  }

  /** Where the next record will be written: a valid position to read or subscribe from. */
  get end(): bigint {
    return this.nextOffset;
  }

  /**
   * Appends atomically. Public so a test can write "from another node" while the server is down; such
   * writes pass no `recent`, as another process's cache is not this one's.
   */
  append(stream: string, proposed: readonly ProposedEvent[], expected: Expected, recent?: RecentWrites): WriteOutcome {
    const check = this.checkCommit(
      stream,
      proposed.map((p) => p.id.toLowerCase()),
      expected,
      recent,
    );
    if (check.decision !== 'ok') return this.failure(check);
    const softDeleted = this.isSoftDeleted(stream);
    const existing = this.streams.get(stream) ?? [];
    const created = BigInt(Date.now()) * 10_000n;
    const written: StoredEvent[] = proposed.map((p, i) => {
      const at = this.nextOffset;
      this.nextOffset += RECORD_OVERHEAD + BigInt(p.data.length + p.metadata.length);
      return { ...p, id: p.id.toLowerCase(), stream, revision: BigInt(existing.length + i), commit: at, prepare: at, created };
    });
    this.streams.set(stream, [...existing, ...written]);
    this.commit(written, recent);
    // Appending to a soft-deleted stream recreates it: its metadata now hides only the old events.
    if (softDeleted) this.writeMetadataRecord(stream, { ...this.metadataOf(stream), truncateBefore: BigInt(existing.length) }, recent);
    const last = written[written.length - 1];
    return { ok: true, revision: last.revision, position: { commit: last.commit, prepare: last.prepare }, idempotent: false };
  }

  /** Soft delete (Streams.Delete). */
  softDelete(stream: string, expected: Expected, recent?: RecentWrites): WriteOutcome {
    const check = this.checkCommit(stream, [randomUUID()], expected, recent);
    if (check.decision !== 'ok') return this.failure(check);
    const hasMetadata = (this.streams.get(`$$${stream}`)?.length ?? 0) > 0;
    if (check.current === NO_STREAM && !hasMetadata) return { ok: false, reason: 'wrong_expected_version', current: 'no_stream' };
    const record = this.writeMetadataRecord(stream, { truncateBefore: DELETED_STREAM }, recent);
    return { ok: true, revision: record.revision, position: { commit: record.commit, prepare: record.prepare }, idempotent: false };
  }

  /** Hard delete (Streams.Tombstone): a `$streamDeleted` record; the stream is gone for good. */
  tombstone(stream: string, expected: Expected, recent?: RecentWrites): WriteOutcome {
    const check = this.checkCommit(stream, [randomUUID()], expected, recent);
    if (check.decision !== 'ok') return this.failure(check);
    const at = this.nextOffset;
    this.nextOffset += RECORD_OVERHEAD;
    const record: StoredEvent = {
      stream,
      revision: DELETED_STREAM,
      commit: at,
      prepare: at,
      id: randomUUID(),
      type: '$streamDeleted',
      contentType: 'application/octet-stream',
      data: new Uint8Array(),
      metadata: new Uint8Array(),
      created: BigInt(Date.now()) * 10_000n,
    };
    this.tombstones.add(stream);
    this.commit([record], recent);
    return { ok: true, revision: DELETED_STREAM, position: { commit: at, prepare: at }, idempotent: false };
  }

  /** A stream read as the server's IndexReader answers it: within $maxAge, $maxCount and $tb. */
  readStream(stream: string): StreamRead {
    if (this.tombstones.has(stream)) return { kind: 'deleted' };
    const events = this.streams.get(stream);
    const metadata = this.metadataOf(stream);
    if (!events || events.length === 0 || metadata.truncateBefore === DELETED_STREAM) return { kind: 'not_found' };
    const last = events[events.length - 1].revision;
    let min = 0n;
    if (metadata.maxCount !== undefined) min = last - BigInt(metadata.maxCount) + 1n;
    if (metadata.truncateBefore !== undefined && metadata.truncateBefore > min) min = metadata.truncateBefore;
    const oldest = metadata.maxAge === undefined ? undefined : BigInt(Date.now() - metadata.maxAge * 1000) * 10_000n;
    return { kind: 'events', events: events.filter((e) => e.revision >= min && (oldest === undefined || e.created >= oldest)) };
  }

  /** The stream's metadata: the last `$metadata` record of `$$stream`. */
  metadataOf(stream: string): StreamMetadata {
    const records = this.streams.get(`$$${stream}`);
    const last = records?.[records.length - 1];
    if (!last) return {};
    const text = Buffer.from(last.data).toString('utf8');
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return {};
    }
    // $tb may be 2^63-1, past what a JavaScript number holds exactly: read its digits from the text.
    const tb = /"\$tb"\s*:\s*(\d+)/.exec(text)?.[1];
    return {
      ...(typeof parsed.$maxAge === 'number' ? { maxAge: parsed.$maxAge } : {}),
      ...(typeof parsed.$maxCount === 'number' ? { maxCount: parsed.$maxCount } : {}),
      ...(tb !== undefined ? { truncateBefore: BigInt(tb) } : {}),
    };
  }

  isTombstoned(stream: string): boolean {
    return this.tombstones.has(stream);
  }

  /** Whether a read may start at this position: its commit part must be where a record starts, or the end. */
  isValidPosition(position: LogPosition): boolean {
    return position.commit >= this.nextOffset || position.commit === this.firstPosition || this.recordStarts.has(position.commit);
  }

  /**
   * TEST-ONLY TAMPER HOOK, not part of EventStoreDB's semantics: rewrites the stored log the way someone
   * with write access to the server's data files could, so the tamper-evidence tests can run over gRPC.
   * `edit` gets a copy of the log in order and returns the log to keep (events changed, removed or
   * moved); each stream (and its tombstone) is rebuilt from it in revision order. No listener is told:
   * nothing was appended.
   */
  tamperForTests(edit: (log: StoredEvent[]) => StoredEvent[]): void {
    const kept = edit([...this.log]);
    this.log.splice(0, this.log.length, ...kept);
    this.streams.clear();
    this.tombstones.clear();
    this.recordStarts.clear();
    for (const e of kept) {
      this.recordStarts.add(e.commit);
      if (e.type === '$streamDeleted') this.tombstones.add(e.stream);
      else this.streams.set(e.stream, [...(this.streams.get(e.stream) ?? []), e]);
    }
    for (const events of this.streams.values()) events.sort((a, b) => (a.revision < b.revision ? -1 : a.revision > b.revision ? 1 : 0));
  }

  /** Calls `listener` after every write; returns the function that stops it. */
  onAppended(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private isSoftDeleted(stream: string): boolean {
    return this.metadataOf(stream).truncateBefore === DELETED_STREAM;
  }

  private commit(records: StoredEvent[], recent?: RecentWrites): void {
    for (const record of records) {
      this.log.push(record);
      this.recordStarts.add(record.commit);
      recent?.remember(record.id, record.stream, record.revision);
    }
    this.listeners.forEach((listener) => listener());
  }

  private writeMetadataRecord(stream: string, metadata: StreamMetadata, recent?: RecentWrites): StoredEvent {
    const fields = [
      metadata.maxAge !== undefined ? `"$maxAge":${metadata.maxAge}` : undefined,
      metadata.maxCount !== undefined ? `"$maxCount":${metadata.maxCount}` : undefined,
      metadata.truncateBefore !== undefined ? `"$tb":${metadata.truncateBefore}` : undefined,
    ].filter((f) => f !== undefined);
    const meta = `$$${stream}`;
    const existing = this.streams.get(meta) ?? [];
    const data = new TextEncoder().encode(`{${fields.join(',')}}`);
    const at = this.nextOffset;
    this.nextOffset += RECORD_OVERHEAD + BigInt(data.length);
    const record: StoredEvent = {
      stream: meta,
      revision: BigInt(existing.length),
      commit: at,
      prepare: at,
      id: randomUUID(),
      type: '$metadata',
      contentType: 'application/json',
      data,
      metadata: new Uint8Array(),
      created: BigInt(Date.now()) * 10_000n,
    };
    this.streams.set(meta, [...existing, record]);
    this.commit([record], recent);
    return record;
  }

  private failure(check: Exclude<CommitCheck, { decision: 'ok' }>): WriteOutcome {
    if (check.decision === 'idempotent') {
      const event = this.streams.get(check.stream)![Number(check.last)];
      return { ok: true, revision: check.last, position: { commit: event.commit, prepare: event.prepare }, idempotent: true };
    }
    if (check.decision === 'deleted') return { ok: false, reason: 'stream_deleted' };
    return { ok: false, reason: 'wrong_expected_version', current: check.current < 0n ? 'no_stream' : check.current };
  }

  /** IndexWriter.CheckCommit, with the request manager's mapping of its failures to StreamDeleted. */
  private checkCommit(stream: string, ids: readonly string[], expected: Expected, recent?: RecentWrites): CommitCheck {
    const events = this.streams.get(stream) ?? [];
    const current = this.tombstones.has(stream) ? DELETED_STREAM : BigInt(events.length - 1);
    if (current === DELETED_STREAM) return { decision: 'deleted' };
    const softDeleted = this.isSoftDeleted(stream);
    const expectedNumber = expected === 'any' ? ANY : expected === 'no_stream' ? NO_STREAM : expected === 'stream_exists' ? -4n : expected;
    if (expected === 'stream_exists') {
      if (softDeleted) return { decision: 'deleted' };
      if (current < 0n && (this.streams.get(`$$${stream}`)?.length ?? 0) === 0) return { decision: 'wrong', current };
    }
    if (expected === 'any' || expected === 'stream_exists') {
      // Weak idempotency: only the recent-writes cache knows where an id went.
      let first: bigint | undefined;
      let last: bigint | undefined;
      for (const id of ids) {
        const seen = recent?.lookup(id);
        if (seen && seen.stream === stream) {
          first ??= seen.revision;
          last = seen.revision;
          continue;
        }
        if (first !== undefined) return { decision: 'wrong', current }; // partly written before
        return { decision: 'ok', current };
      }
      return { decision: 'idempotent', stream, last: last! };
    }
    if (expectedNumber < current) {
      // Strong idempotency: the expectation says where the events must be; look there.
      let revision = expectedNumber;
      for (let i = 0; i < ids.length; i++) {
        revision += 1n;
        if (events[Number(revision)]?.id === ids[i]) continue;
        if (i > 0) return { decision: 'wrong', current };
        if (expected === 'no_stream' && softDeleted) return { decision: 'ok', current };
        return { decision: 'wrong', current };
      }
      return { decision: 'idempotent', stream, last: revision };
    }
    if (expectedNumber > current) return { decision: 'wrong', current };
    return { decision: 'ok', current };
  }
}

type CommitCheck =
  | { decision: 'ok'; current: bigint }
  | { decision: 'idempotent'; stream: string; last: bigint }
  | { decision: 'wrong'; current: bigint }
  | { decision: 'deleted' };

function json(value: object): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

/** A position in the log, compared as EventStoreDB does: commit first, then prepare. */
export function compareLogPositions(a: LogPosition, b: LogPosition) {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  return a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
}
