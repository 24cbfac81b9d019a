import { AppendOptions, EventStore, EventToAppend, StoreUnavailableError } from '@app/event-store';

/**
 * Wraps a real store and fails appends to chosen streams, to stand in for a process that dies or
 * loses its connection between two appends. Reads and subscriptions pass through untouched.
 */
export class FaultyEventStore implements EventStore {
  failAppendsTo?: (stream: string) => boolean;

  constructor(private readonly inner: EventStore) {}

  appendToStream(stream: string, events: readonly EventToAppend[], options: AppendOptions) {
    if (this.failAppendsTo?.(stream)) return Promise.reject(new StoreUnavailableError('injected fault'));
    return this.inner.appendToStream(stream, events, options);
  }
  readStream(...args: Parameters<EventStore['readStream']>) {
    return this.inner.readStream(...args);
  }
  readAll(...args: Parameters<EventStore['readAll']>) {
    return this.inner.readAll(...args);
  }
  subscribeToAll(...args: Parameters<EventStore['subscribeToAll']>) {
    return this.inner.subscribeToAll(...args);
  }
  ping() {
    return this.inner.ping();
  }
  close() {
    return this.inner.close();
  }
}
