import { InvalidAppendError } from './errors';

/**
 * Which events a read of $all or a subscription delivers. Mirrors EventStoreDB's server-side filters:
 * by stream name or by event type, as prefixes or as one regular expression. System events (types
 * starting with `$`) and system streams are always excluded; the product never reads them.
 */
export type EventFilter =
  | { readonly on: 'eventType'; readonly prefixes: readonly string[] }
  | { readonly on: 'eventType'; readonly regex: string }
  | { readonly on: 'streamName'; readonly prefixes: readonly string[] }
  | { readonly on: 'streamName'; readonly regex: string };

export function isSystem(stream: string, type: string): boolean {
  return type.startsWith('$') || stream.startsWith('$');
}

/** Compiles a filter into a predicate, for the stores that filter in process. */
export function compileFilter(filter?: EventFilter): (stream: string, type: string) => boolean {
  if (!filter) return (stream, type) => !isSystem(stream, type);
  const pick = filter.on === 'eventType' ? (_: string, t: string) => t : (s: string) => s;
  let test: (value: string) => boolean;
  if ('regex' in filter) {
    const re = new RegExp(filter.regex);
    test = (v) => re.test(v);
  } else {
    const prefixes = [...filter.prefixes];
    test = (v) => prefixes.some((p) => v.startsWith(p));
  }
  return (stream, type) => !isSystem(stream, type) && test(pick(stream, type));
}

/** Rejects stream names the contract does not allow before anything is written. */
export function assertWritableStream(stream: string): void {
  if (typeof stream !== 'string' || stream.length === 0 || stream.length > 512) {
    throw new InvalidAppendError('A stream name is a non-empty string of at most 512 characters');
  }
  if (stream.startsWith('$')) {
    throw new InvalidAppendError(`Stream ${stream} is reserved for the store's system streams`);
  }
}
