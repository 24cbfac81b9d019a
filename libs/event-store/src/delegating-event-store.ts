import { AppendOptions, AppendResult, EventStore, EventToAppend } from './event-store.port';

/** Passes every call to another store; subclasses override what they add to (timing, fault injection). */
export class DelegatingEventStore implements EventStore {
  constructor(protected readonly inner: EventStore) {
    if (inner.probeWrite) this.probeWrite = () => inner.probeWrite!();
  }

  appendToStream(stream: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult> {
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
  deleteStream(...args: Parameters<EventStore['deleteStream']>) {
    return this.inner.deleteStream(...args);
  }
  tombstoneStream(...args: Parameters<EventStore['tombstoneStream']>) {
    return this.inner.tombstoneStream(...args);
  }
  setStreamMetadata(...args: Parameters<EventStore['setStreamMetadata']>) {
    return this.inner.setStreamMetadata(...args);
  }
  getStreamMetadata(...args: Parameters<EventStore['getStreamMetadata']>) {
    return this.inner.getStreamMetadata(...args);
  }
  ping() {
    return this.inner.ping();
  }
  /** Only where the inner store has one. */
  readonly probeWrite?: () => Promise<void>;
  close() {
    return this.inner.close();
  }
  bookkeeping() {
    return this.inner.bookkeeping?.();
  }
}
