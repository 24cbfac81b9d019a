import { RecordedEvent, Subscription, SubscriptionMessage, SubscribeToAllOptions } from './event-store.port';
import { compileFilter } from './filter';
import { WakeableSleep } from './wakeable-sleep';
import { Position, START } from './position';
import { assertLogPosition } from './stream-state';

/** What the embedded stores give a catch-up subscription: ordered reads and a signal after each commit. */
export interface LogSource {
  /** Up to `limit` events strictly after `after`, in log order, unfiltered. */
  readAfter(after: Position, limit: number): RecordedEvent[] | Promise<RecordedEvent[]>;
  /** Calls `listener` right after each commit; returns a function that stops listening. */
  onCommitted(listener: () => void): () => void;
}

export interface CatchUpTuning {
  readonly batchSize?: number;
  /**
   * While live, re-read at least this often even without a commit signal: another process (the CLI, a
   * second app instance on the same file) may have written. The signal covers this process's writes.
   */
  readonly pollIntervalMs?: number;
}

/**
 * A catch-up subscription for stores that can read their log in order. It pulls one batch at a time,
 * only when the consumer asks for more, so a slow consumer never makes it buffer the whole log.
 */
export function catchUpSubscription(source: LogSource, options: SubscribeToAllOptions = {}, tuning: CatchUpTuning = {}): Subscription {
  const batchSize = tuning.batchSize ?? 512;
  const pollIntervalMs = tuning.pollIntervalMs ?? 500;
  const matches = compileFilter(options.filter);
  let closed = false;
  let committedSinceRead = false;
  const pause = new WakeableSleep();
  const stopListening = source.onCommitted(() => {
    committedSinceRead = true;
    pause.wakeUp();
  });

  async function* deliver(): AsyncGenerator<SubscriptionMessage> {
    let cursor = options.fromPosition === undefined || options.fromPosition === 'start' ? START : options.fromPosition;
    let live = false;
    try {
      assertLogPosition(cursor);
      while (!closed) {
        committedSinceRead = false;
        const batch = await source.readAfter(cursor, batchSize);
        let skipped = false;
        for (const event of batch) {
          cursor = event.position;
          skipped = !matches(event.stream, event.type);
          if (skipped) continue;
          yield { kind: 'event', event };
          if (closed) return;
        }
        // The filter skipped the batch's last events: say how far the log was considered, so a
        // consumer can resume from there instead of from its last matching event.
        if (skipped) yield { kind: 'checkpoint', position: cursor };
        if (closed) return;
        if (batch.length === batchSize) {
          live = false;
          // The embedded stores read synchronously: yield to timers and I/O between pages, or a long
          // catch-up would starve the event loop (an app could not answer HTTP until it finished).
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        if (!live) {
          live = true;
          yield { kind: 'caughtUp', position: cursor };
        }
        if (!committedSinceRead && !closed) await pause.sleep(pollIntervalMs);
      }
    } finally {
      stopListening();
    }
  }

  let iterator: AsyncGenerator<SubscriptionMessage> | undefined;
  return {
    [Symbol.asyncIterator]() {
      if (iterator) throw new Error('A subscription can be iterated once');
      iterator = deliver();
      return iterator;
    },
    async unsubscribe() {
      closed = true;
      pause.wakeUp();
      stopListening();
    },
  };
}
