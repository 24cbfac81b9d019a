import { EventStore, StreamNotFoundError } from '@app/event-store';

/**
 * How many events a check will read, known before it starts: for the whole log the positions given out
 * where every position is one event (SQLite), for one stream its last revision + 1; null where the store cannot tell
 * cheaply (EventStoreDB's positions are byte offsets), and the progress is then shown without a percent.
 */
export async function eventsToCheck(store: EventStore, stream?: string): Promise<number | null> {
  if (stream === undefined) {
    const dense = store.bookkeeping?.()?.densePositions();
    if (!dense) return null;
    return dense.lastAssigned === null ? 0 : Number(dense.lastAssigned - dense.first + 1n);
  }
  try {
    for await (const last of store.readStream(stream, { direction: 'backwards', maxCount: 1 })) return Number(last.revision) + 1;
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return null;
}
