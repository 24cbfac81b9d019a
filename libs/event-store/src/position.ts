/**
 * A position in the global log ($all). Shaped after EventStoreDB, where an event's place in the
 * transaction file is a (commit, prepare) pair. The embedded stores have one sequence and use the same
 * number for both. Callers treat positions as opaque: compare and serialise them with these helpers,
 * and never turn them into a JavaScript `number` (positions exceed 2^53 in long-lived stores).
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** Before the first event: subscribing or reading from here starts at the beginning. */
export const START: Position = Object.freeze({ commit: -1n, prepare: -1n });

export function positionOf(sequence: bigint): Position {
  return { commit: sequence, prepare: sequence };
}

export function comparePositions(a: Position, b: Position): -1 | 0 | 1 {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export function isAfter(a: Position, b: Position): boolean {
  return comparePositions(a, b) > 0;
}

/** A string token for HTTP responses, checkpoints and query parameters: "commit" or "commit/prepare". */
export function formatPosition(p: Position): string {
  return p.commit === p.prepare ? p.commit.toString() : `${p.commit}/${p.prepare}`;
}

const TOKEN = /^(-1|\d{1,20})(?:\/(-1|\d{1,20}))?$/;

/** Parses a token from `formatPosition`; throws on anything else, so bad input never becomes NaN. */
export function parsePosition(token: string): Position {
  const match = TOKEN.exec(token.trim());
  if (!match) throw new RangeError(`Not a log position: "${token}"`);
  const commit = BigInt(match[1]);
  const prepare = match[2] === undefined ? commit : BigInt(match[2]);
  return { commit, prepare };
}
