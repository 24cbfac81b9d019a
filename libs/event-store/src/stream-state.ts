import { InvalidPositionError, StreamDeletedError, WrongExpectedVersionError } from './errors';
import { StreamMetadata } from './event-store.port';
import { CurrentRevision, ExpectedRevision, satisfies } from './expected-revision';
import { Position } from './position';

/**
 * EventStoreDB's stream lifecycle, for the stores that keep their own streams (SQLite, memory), so
 * they answer deletes and metadata exactly as the server does:
 * - a soft delete sets the stream's $tb to the largest revision: the stream reads as not found, its
 *   events stay in $all and keep their revisions; an append recreates it with the revisions going on
 *   and $tb moved to the first new one;
 * - a tombstone is final: every read and write of the stream throws StreamDeletedError.
 */
export const SOFT_DELETED = 2n ** 63n - 1n;

export interface StreamSettings {
  readonly tombstoned: boolean;
  readonly metadata: StreamMetadata;
}

export const NO_SETTINGS: StreamSettings = Object.freeze({ tombstoned: false, metadata: {} });

export function isSoftDeleted(settings: StreamSettings): boolean {
  return settings.metadata.truncateBefore === SOFT_DELETED;
}

/**
 * Checks a write (an append or a delete) against the stream's revision and lifecycle; throws what
 * EventStoreDB answers. Returns whether the write recreates a soft-deleted stream.
 */
export function checkWrite(stream: string, current: CurrentRevision, settings: StreamSettings, expected: ExpectedRevision): { recreates: boolean } {
  if (settings.tombstoned) throw new StreamDeletedError(stream);
  const softDeleted = isSoftDeleted(settings);
  if (softDeleted) {
    if (expected === 'stream_exists') throw new StreamDeletedError(stream);
    // Expecting no stream is right for a deleted one: the writer read it as not found.
    if (expected === 'no_stream' || satisfies(expected, current)) return { recreates: true };
    throw new WrongExpectedVersionError(stream, expected, current);
  }
  if (!satisfies(expected, current)) throw new WrongExpectedVersionError(stream, expected, current);
  return { recreates: false };
}

/** The metadata after an append recreated a soft-deleted stream: only the new events are read. */
export function recreatedMetadata(settings: StreamSettings, current: CurrentRevision): StreamMetadata {
  return { ...settings.metadata, truncateBefore: current === 'no_stream' ? 0n : current + 1n };
}

/**
 * New metadata for a stream. Setting metadata on a soft-deleted stream recreates it, as on the
 * server: its old events stay hidden.
 */
export function replacedMetadata(settings: StreamSettings, current: CurrentRevision, metadata: StreamMetadata): StreamMetadata {
  const next = normaliseMetadata(metadata);
  if (!isSoftDeleted(settings) || current === 'no_stream') return next;
  const hiddenBefore = current + 1n;
  return { ...next, truncateBefore: next.truncateBefore !== undefined && next.truncateBefore > hiddenBefore ? next.truncateBefore : hiddenBefore };
}

/** The first revision a read may return, from $maxCount and $tb. */
export function firstVisibleRevision(last: bigint, metadata: StreamMetadata): bigint {
  let min = 0n;
  if (metadata.maxCount !== undefined) min = last - BigInt(metadata.maxCount) + 1n;
  if (metadata.truncateBefore !== undefined && metadata.truncateBefore > min) min = metadata.truncateBefore;
  return min < 0n ? 0n : min;
}

/** Events recorded before this instant are past $maxAge; undefined when the stream has no $maxAge. */
export function oldestVisible(metadata: StreamMetadata, now: Date): Date | undefined {
  return metadata.maxAge === undefined ? undefined : new Date(now.getTime() - metadata.maxAge * 1000);
}

/** Keeps only the settings EventStoreDB knows, checked: whole seconds, counts and revisions. */
export function normaliseMetadata(metadata: StreamMetadata): StreamMetadata {
  const out: { maxAge?: number; maxCount?: number; truncateBefore?: bigint } = {};
  if (metadata.maxAge !== undefined) out.maxAge = positiveInteger(metadata.maxAge, 'maxAge');
  if (metadata.maxCount !== undefined) out.maxCount = positiveInteger(metadata.maxCount, 'maxCount');
  if (metadata.truncateBefore !== undefined) {
    if (typeof metadata.truncateBefore !== 'bigint' || metadata.truncateBefore < 0n) throw new RangeError('truncateBefore is a revision (bigint)');
    out.truncateBefore = metadata.truncateBefore;
  }
  return out;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} is a whole number of at least 1`);
  return value;
}

/**
 * The embedded stores number their log 0, 1, 2… and give every event the position (n, n): anything
 * else was never handed out by them, so a read from it is refused as EventStoreDB refuses a position
 * inside a record.
 */
export function assertLogPosition(position: Position): void {
  const start = position.commit === -1n && position.prepare === -1n;
  if (!start && (position.commit !== position.prepare || position.commit < 0n)) throw new InvalidPositionError(position);
}
