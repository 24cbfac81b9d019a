import { AppendOptions, DelegatingEventStore, EventStore, EventToAppend } from '@app/event-store';
import type { WriteHealth } from '../health/write-health';
import { Metrics } from '../metrics/metrics';

/** Wraps any adapter to time appends and tell readiness whether they work; everything else passes through. */
export class InstrumentedEventStore extends DelegatingEventStore {
  constructor(
    inner: EventStore,
    private readonly metrics: Metrics,
    private readonly writes?: WriteHealth,
  ) {
    super(inner);
  }

  override async appendToStream(stream: string, events: readonly EventToAppend[], options: AppendOptions) {
    const end = this.metrics.appendSeconds.startTimer();
    try {
      const result = await this.inner.appendToStream(stream, events, options);
      end({ outcome: 'ok' });
      this.writes?.succeeded();
      return result;
    } catch (error) {
      end({ outcome: (error as { code?: string }).code ?? 'error' });
      this.writes?.failed(error);
      throw error;
    }
  }
}
