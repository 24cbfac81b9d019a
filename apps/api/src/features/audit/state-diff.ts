/** One difference between two states, by dotted path. */
export interface StateChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * What changed between two plain-data states, leaving out the top-level fields in `omit` (the
 * decider's bookkeeping): leaves and arrays compared whole (an array that changed
 * is shown before and after), objects walked key by key. Enough to answer "what did this event change".
 */
export function diffStates(before: unknown, after: unknown, omit: readonly string[] = [], path = ''): StateChange[] {
  if (Object.is(before, after)) return [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Set);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => path || !omit.includes(k)).sort();
    return keys.flatMap((k) => diffStates(before[k], after[k], [], path ? `${path}.${k}` : k));
  }
  if (JSON.stringify(toPlain(before)) === JSON.stringify(toPlain(after))) return [];
  return [{ path: path || '(state)', before: toPlain(before), after: toPlain(after) }];
}

/** JSON-safe copy: bigints as strings, sets as arrays. */
export function toPlain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null, (_k, v) => (typeof v === 'bigint' ? v.toString() : v instanceof Set ? [...v] : v)));
}
