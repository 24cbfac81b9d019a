import { AppendOptions, EventStore, EventToAppend } from '@app/event-store';
import { Metrics } from './metrics';

/** Wraps any adapter to time appends; everything else passes through. */
export class InstrumentedEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly metrics: Metrics,
  ) {}

  async appendToStream(stream: string, events: readonly EventToAppend[], options: AppendOptions) {
    const end = this.metrics.appendSeconds.startTimer();
    try {
      const result = await this.inner.appendToStream(stream, events, options);
      end({ outcome: 'ok' });
      return result;
    } catch (error) {
      end({ outcome: (error as { code?: string }).code ?? 'error' });
      throw error;
    }
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
