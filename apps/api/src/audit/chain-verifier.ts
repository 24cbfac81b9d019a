import { EventStore, formatPosition, RecordedEvent } from '@app/event-store';
import { chainOf, GENESIS, linkFor } from '../application/hash-chain';

export type BrokenLinkReason = 'hash_mismatch' | 'broken_link' | 'missing_chain' | 'revision_gap';

export interface BrokenLink {
  readonly stream: string;
  readonly revision: string;
  readonly position: string;
  readonly reason: BrokenLinkReason;
}

export interface VerificationReport {
  readonly ok: boolean;
  readonly streams: number;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** The first broken link in log order, if any. */
  readonly firstBroken?: BrokenLink;
}

interface StreamCursor {
  revision: bigint;
  hash: string;
}

/**
 * Verifies the hash chains of one stream or of the whole log. A changed event no longer matches its
 * own hash; a deleted one leaves a gap in revisions and a link to a hash that is gone; a reordered one
 * fails both, since the hash covers the revision and the previous hash.
 */
export async function verifyChains(
  store: EventStore,
  options: { stream?: string; onProgress?: (events: number) => void } = {},
): Promise<VerificationReport> {
  const started = performance.now();
  const cursors = new Map<string, StreamCursor>();
  let events = 0;
  let firstBroken: BrokenLink | undefined;
  const source = options.stream ? store.readStream(options.stream) : store.readAll();
  for await (const event of source) {
    events++;
    const broken = check(event, cursors);
    if (broken && !firstBroken) firstBroken = broken;
    if (events % 10_000 === 0) options.onProgress?.(events);
  }
  options.onProgress?.(events);
  const seconds = (performance.now() - started) / 1000;
  return { ok: !firstBroken, streams: cursors.size, events, seconds, eventsPerSecond: seconds > 0 ? Math.round(events / seconds) : events, firstBroken };
}

function check(event: RecordedEvent, cursors: Map<string, StreamCursor>): BrokenLink | undefined {
  const cursor = cursors.get(event.stream);
  const expectedRevision = cursor ? cursor.revision + 1n : 0n;
  const expectedPrev = cursor?.hash ?? GENESIS;
  const chain = chainOf(event.metadata);
  const at = (reason: BrokenLinkReason): BrokenLink => ({ stream: event.stream, revision: event.revision.toString(), position: formatPosition(event.position), reason });
  // Whatever is found, carry on from this event so one break is reported once, not on every later event.
  cursors.set(event.stream, { revision: event.revision, hash: chain?.hash ?? GENESIS });
  if (event.revision !== expectedRevision) return at('revision_gap');
  if (!chain) return at('missing_chain');
  if (chain.prev !== expectedPrev) return at('broken_link');
  const recomputed = linkFor({ stream: event.stream, revision: event.revision, type: event.type, data: event.data, metadata: event.metadata as Record<string, unknown>, prev: chain.prev });
  if (recomputed.hash !== chain.hash) return at('hash_mismatch');
  return undefined;
}
