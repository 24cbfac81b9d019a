import { EventToAppend, ReadAllOptions, ReadStreamOptions, RecordedEvent } from './event-store.port';
import { InvalidAppendError } from './errors';
import { compileFilter } from './filter';
import { comparePositions } from './position';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The checks every adapter makes before writing, so a bad event is refused the same way everywhere. */
export function validateEvents(events: readonly EventToAppend[]): void {
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidAppendError('An append carries at least one event');
  }
  const ids = new Set<string>();
  for (const e of events) {
    if (!UUID.test(e.id)) throw new InvalidAppendError('An event id is a UUID');
    if (ids.has(e.id)) throw new InvalidAppendError('Event ids within one append are unique');
    ids.add(e.id);
    if (typeof e.type !== 'string' || e.type.length === 0 || e.type.length > 256) {
      throw new InvalidAppendError('An event type is a non-empty string of at most 256 characters');
    }
    if (!isPlainObject(e.data)) throw new InvalidAppendError('Event data is a JSON object');
    if (e.metadata !== undefined && !isPlainObject(e.metadata)) {
      throw new InvalidAppendError('Event metadata is a JSON object');
    }
  }
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function maxCountOf(maxCount: bigint | number | undefined): bigint {
  if (maxCount === undefined) return BigInt(Number.MAX_SAFE_INTEGER);
  const n = BigInt(maxCount);
  if (n < 0n) throw new RangeError('maxCount is zero or more');
  return n;
}

/**
 * Applies stream-read options to a stream's events held in memory (revision = index), within what its
 * metadata leaves visible: revisions from `visible.from`, recorded at or after `visible.oldest`.
 */
export function* selectStream(
  events: readonly RecordedEvent[],
  options: ReadStreamOptions,
  visible: { from: bigint; oldest?: Date } = { from: 0n },
): Iterable<RecordedEvent> {
  const backwards = options.direction === 'backwards';
  let remaining = maxCountOf(options.maxCount);
  const from = options.fromRevision ?? (backwards ? 'end' : 'start');
  const last = BigInt(events.length - 1);
  let index = from === 'start' ? 0n : from === 'end' ? last : from;
  if (backwards && index > last) index = last;
  if (!backwards && index < visible.from) index = visible.from;
  while (remaining > 0n && index >= visible.from && index <= last) {
    const event = events[Number(index)];
    index += backwards ? -1n : 1n;
    if (visible.oldest && event.created < visible.oldest) continue;
    yield event;
    remaining--;
  }
}

/** Applies $all-read options to the whole log held in memory, in position order. */
export function* selectAll(log: readonly RecordedEvent[], options: ReadAllOptions): Iterable<RecordedEvent> {
  const backwards = options.direction === 'backwards';
  const matches = compileFilter(options.filter);
  let remaining = maxCountOf(options.maxCount);
  const from = options.fromPosition ?? (backwards ? 'end' : 'start');
  const ordered = backwards ? [...log].reverse() : log;
  for (const event of ordered) {
    if (remaining <= 0n) return;
    if (typeof from === 'object') {
      const c = comparePositions(event.position, from);
      if (backwards ? c > 0 : c < 0) continue;
    }
    if (!matches(event.stream, event.type)) continue;
    yield event;
    remaining--;
  }
}
