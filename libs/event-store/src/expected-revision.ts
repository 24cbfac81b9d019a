/**
 * What the writer believes about a stream before appending, with EventStoreDB's meanings:
 * - `any`: no check;
 * - `no_stream`: the stream must not exist yet;
 * - `stream_exists`: the stream must have at least one event;
 * - a bigint: the 0-based revision of the stream's last event.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** A stream's current state as seen by a store: its last revision, or absent. */
export type CurrentRevision = bigint | 'no_stream';

export function satisfies(expected: ExpectedRevision, current: CurrentRevision): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === 'no_stream';
    case 'stream_exists':
      return current !== 'no_stream';
    default:
      return current === expected;
  }
}

export function describeRevision(r: ExpectedRevision | CurrentRevision): string {
  return typeof r === 'bigint' ? r.toString() : r;
}
