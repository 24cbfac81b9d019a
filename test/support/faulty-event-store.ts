import { AppendOptions, DelegatingEventStore, EventToAppend, StoreUnavailableError } from '@app/event-store';

/**
 * Wraps a real store and fails appends to chosen streams, to stand in for a process that dies or
 * loses its connection between two appends. Reads and subscriptions pass through untouched.
 */
export class FaultyEventStore extends DelegatingEventStore {
  failAppendsTo?: (stream: string) => boolean;

  override appendToStream(stream: string, events: readonly EventToAppend[], options: AppendOptions) {
    if (this.failAppendsTo?.(stream)) return Promise.reject(new StoreUnavailableError('injected fault'));
    return this.inner.appendToStream(stream, events, options);
  }
}
