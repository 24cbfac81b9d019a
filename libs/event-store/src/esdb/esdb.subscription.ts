import { WakeableSleep } from '../wakeable-sleep';
import {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  EventStoreDBClient,
  Filter,
  START as ESDB_START,
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
} from '@eventstore/db-client';
import { StoreUnavailableError } from '../errors';
import { SubscribeToAllOptions, Subscription, SubscriptionMessage } from '../event-store.port';
import { compileFilter, EventFilter } from '../filter';
import { isAfter, Position, START } from '../position';
import { isRetryable, toRecorded, toStoreError } from './esdb.mapping';

export interface ReconnectPolicy {
  /** Wait before the first resubscription; doubled after each failure in a row. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Failures in a row before iteration throws StoreUnavailableError. */
  readonly maxAttempts: number;
}

/**
 * What the client's subscription stream carries once we add our markers. The v6 client reports
 * caught-up as an emitter event ('caughtUp') and checkpoints through the filter's checkpointReached
 * callback, never as items of its async iteration. Both fire inside the stream's transform, after the
 * events before them were pushed, so pushing a marker right then keeps it in its place among the events.
 */
type Item = AllStreamResolvedEvent | { readonly marker: 'caughtUp' } | { readonly marker: 'checkpoint'; readonly position: Position };

/**
 * A catch-up subscription to $all that survives lost connections. It remembers the last position it
 * saw (an event, or a server checkpoint past skipped events) and, when the server goes away,
 * resubscribes after that position with exponential backoff. EventStoreDB's subscribeToAll treats its
 * start position as exclusive, exactly like our checkpoint, so nothing is delivered twice or skipped.
 * Delivery is pulled: the client's stream is read only as fast as the consumer iterates, and gRPC flow
 * control holds the server back meanwhile. `caughtUp` is yielded whenever the server says so: once per
 * (re)subscription, and again after falling behind (the server then sends FellBehind and catches up).
 * A server checkpoint past the last delivered event is yielded as `checkpoint`, so the consumer can
 * keep it: after a restart it resumes from there, not from its last matching event.
 */
export function esdbSubscription(
  client: EventStoreDBClient,
  options: SubscribeToAllOptions,
  policy: ReconnectPolicy,
  onEnd: () => void = () => undefined,
): Subscription {
  const matches = compileFilter(options.filter);
  let closed = false;
  let current: AllStreamSubscription | undefined;
  const pause = new WakeableSleep();

  function open(after: Position | undefined): AllStreamSubscription {
    const subscription = client.subscribeToAll({
      fromPosition: after ?? ESDB_START,
      filter: serverFilter(options.filter, (s, position) => void s.push({ marker: 'checkpoint', position })),
    });
    subscription.on('caughtUp', () => subscription.push({ marker: 'caughtUp' }));
    // Errors reach us through iteration; this keeps a late one (after we stopped iterating) from crashing.
    subscription.on('error', () => undefined);
    return subscription;
  }

  async function* deliver(): AsyncGenerator<SubscriptionMessage> {
    let cursor = options.fromPosition === undefined || options.fromPosition === 'start' ? undefined : options.fromPosition;
    let failures = 0;
    try {
      while (!closed) {
        const subscription = (current = open(cursor));
        let failure: unknown;
        try {
          for await (const item of subscription as AsyncIterable<Item>) {
            if (closed) return;
            failures = 0; // the server answered: a later failure starts the backoff afresh
            if ('marker' in item) {
              if (item.marker === 'caughtUp') yield { kind: 'caughtUp', position: cursor ?? START };
              else if (!cursor || isAfter(item.position, cursor)) {
                cursor = item.position;
                yield { kind: 'checkpoint', position: cursor };
              }
              continue;
            }
            const event = item.event;
            if (!event) continue;
            if (cursor && !isAfter(event.position, cursor)) continue; // never deliver twice across a resubscription
            cursor = { commit: event.position.commit, prepare: event.position.prepare };
            if (matches(event.streamId, event.type)) yield { kind: 'event', event: toRecorded(event) };
          }
        } catch (error) {
          failure = error;
        } finally {
          await subscription.unsubscribe().catch(() => undefined);
        }
        if (closed) return;
        if (failure !== undefined && !isRetryable(failure)) throw toStoreError(failure, { position: cursor });
        // Dropped, or ended by the server: try again after the last position seen.
        failures++;
        if (failures > policy.maxAttempts) {
          throw new StoreUnavailableError(`The subscription to EventStoreDB failed ${failures - 1} times in a row`, {
            cause: failure,
          });
        }
        await pause.sleep(Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (failures - 1)));
      }
    } finally {
      closed = true;
      current = undefined;
      onEnd();
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
      // Cancelling the call ends the client's stream, so a pending iteration finishes without error.
      await current?.unsubscribe().catch(() => undefined);
    },
  };
}

/**
 * The server-side filter: ours when given, else one that drops system events. A server filter on event
 * types cannot also drop system streams (and one on streams cannot drop $-types), so every event is
 * checked again with compileFilter. With a filter the server also sends checkpoints past skipped events.
 */
function serverFilter(filter: EventFilter | undefined, checkpointReached: Filter['checkpointReached']): Filter {
  if (!filter || ('prefixes' in filter && filter.prefixes.length === 0)) return excludeSystemEvents({ checkpointReached });
  const create = filter.on === 'eventType' ? eventTypeFilter : streamNameFilter;
  return 'regex' in filter ? create({ regex: filter.regex, checkpointReached }) : create({ prefixes: [...filter.prefixes], checkpointReached });
}
