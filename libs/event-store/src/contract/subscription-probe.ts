import { RecordedEvent, Subscription, SubscriptionMessage } from '../event-store.port';

/**
 * Drives a subscription from a test: records every message and lets the test wait for a condition.
 * Iteration runs in the background exactly as a projection would consume it.
 */
export class SubscriptionProbe {
  readonly messages: SubscriptionMessage[] = [];
  private waiters: Array<() => void> = [];
  private failure: unknown;
  private readonly done: Promise<void>;
  private paused?: { promise: Promise<void>; resume: () => void };

  constructor(readonly subscription: Subscription) {
    this.done = (async () => {
      try {
        for await (const message of subscription) {
          this.messages.push(message);
          this.notify();
          // A paused consumer asks for nothing more, as a slow projection would.
          if (this.paused) await this.paused.promise;
        }
      } catch (error) {
        this.failure = error;
        this.notify();
      }
    })();
  }

  get events(): RecordedEvent[] {
    return this.messages.flatMap((m) => (m.kind === 'event' ? [m.event] : []));
  }

  get caughtUpCount(): number {
    return this.messages.filter((m) => m.kind === 'caughtUp').length;
  }

  async waitFor(condition: (probe: SubscriptionProbe) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition(this)) {
      if (this.failure) throw this.failure;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(`Timed out; received ${this.events.length} events, ${this.caughtUpCount} caught-up signals`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Stops taking messages (after the one being taken) until `resume`. */
  pause(): void {
    if (this.paused) return;
    let resume!: () => void;
    const promise = new Promise<void>((resolve) => (resume = resolve));
    this.paused = { promise, resume };
  }

  resume(): void {
    const paused = this.paused;
    this.paused = undefined;
    paused?.resume();
  }

  async stop(): Promise<void> {
    this.resume();
    await this.subscription.unsubscribe();
    await this.done;
  }

  private notify(): void {
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((wake) => wake());
  }
}
