import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import { EVENT_STORE, EventStore, StoreAccessDeniedError, StoreUnavailableError } from '@app/event-store';
import { ConfigError } from '../config/app-config';
import { Metrics } from '../metrics/metrics';

/** Failures that mean "the store cannot serve us now", as opposed to answers about the data. */
export function isOutage(error: unknown): error is StoreUnavailableError | StoreAccessDeniedError {
  return error instanceof StoreUnavailableError || error instanceof StoreAccessDeniedError;
}

/**
 * Whether the event store answers, as this process last saw it. The app starts whether or not the store
 * is there: an outage (at start or later) is logged once, at WARN, with its cause; while it lasts the
 * store is pinged with backoff, and the first answer is logged and wakes whatever waits for the store
 * (the setup check, background processes). Requests meanwhile fail fast with 503 and log nothing each.
 * A failed call is an outage only when the store then fails a ping too: a call can fail while the
 * store answers (a full disk refuses writes, a cluster without a leader takes none), and that is
 * readiness's writes check (WriteHealth), not a connection that comes and goes with every request.
 * A store that refuses access at start is a configuration error: the process does not start.
 */
@Injectable()
export class StoreConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('EventStore');
  private up = false;
  private downSince?: number;
  private cause?: string;
  private waiters: Array<() => void> = [];
  private timer?: NodeJS.Timeout;
  private probing = false;
  private confirming?: Promise<void>;
  private stopped = false;

  /**
   * The first wait between pings while the store is down, doubled after each miss up to the second:
   * what waits for the store starts within a second of its return, for one small call a second.
   */
  private static readonly PROBE_MS = [250, 1_000] as const;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  async onModuleInit(): Promise<void> {
    try {
      await this.store.ping();
      this.markUp();
    } catch (error) {
      if (error instanceof StoreAccessDeniedError) {
        throw new ConfigError([
          `EVENTSTORE_CONNECTION_STRING: the event store refused access (${error.message}). Give a user with read and write rights: esdb://USER:PASSWORD@host:2113?tls=true`,
        ]);
      }
      this.markDown(error, 'at start');
    }
  }

  /** True when the last call or ping reached the store. */
  get available(): boolean {
    return this.up;
  }

  /** The outage's cause (error class and message) while the store is down. */
  get outage(): { since: Date; cause: string } | undefined {
    return this.up || this.downSince === undefined ? undefined : { since: new Date(this.downSince), cause: this.cause ?? 'unknown' };
  }

  /** Resolves once the store answers (at once when it does now). */
  whenAvailable(): Promise<void> {
    if (this.up) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Tells the connection a call failed. Anything but an outage (a conflict, a missing stream) is no news
   * about the connection and is ignored. While the store was up, a ping decides (one at a time, however
   * many calls fail meanwhile): failed, the outage begins and is logged once; answered, the store is
   * still there. Resolves once that is known.
   */
  reportFailure(error: unknown): Promise<void> {
    if (!isOutage(error) || this.stopped) return Promise.resolve();
    if (!this.up && this.downSince !== undefined) {
      this.probe(); // known to be down: the probe is already on it
      return Promise.resolve();
    }
    this.confirming ??= this.store
      .ping()
      .then(
        () => this.markUp(),
        (pingError: unknown) => this.markDown(isOutage(pingError) ? pingError : error),
      )
      .finally(() => (this.confirming = undefined));
    return this.confirming;
  }

  /** Pings now (for readiness) and records the outcome; throws what the store answered. */
  async ping(): Promise<void> {
    try {
      await this.store.ping();
      this.markUp();
    } catch (error) {
      if (isOutage(error)) this.markDown(error);
      throw error;
    }
  }

  /** The store did not answer (or refused us): logged when the outage begins, then probed until it ends. */
  private markDown(error: unknown, when = ''): void {
    if (this.stopped) return;
    if (this.up || this.downSince === undefined) {
      this.up = false;
      this.downSince = Date.now();
      this.cause = describe(error as Error);
      this.metrics?.eventStoreUp.set(0);
      if (error instanceof StoreAccessDeniedError) {
        // Not an outage that passes by itself: the credentials in the setting (or the server's rules) must change.
        this.logger.error(`Event store refuses access (${this.cause}): check the user in EVENTSTORE_CONNECTION_STRING; answering 503 meanwhile`);
      } else {
        this.logger.warn(`Event store unavailable${when ? ` ${when}` : ''} (${this.cause}); answering 503 and retrying until it answers`);
      }
    }
    this.probe();
  }

  private probe(delayMs: number = StoreConnection.PROBE_MS[0]): void {
    if (this.probing || this.stopped) return;
    this.probing = true;
    this.timer = setTimeout(() => void this.probeOnce(delayMs), delayMs);
  }

  /** One probe; never rejects (a failure schedules the next, backing off). */
  private async probeOnce(delayMs: number): Promise<void> {
    this.probing = false;
    if (this.stopped || this.up) return;
    try {
      await this.store.ping();
      this.markUp();
    } catch (error) {
      if (isOutage(error)) this.cause = describe(error);
      this.probe(Math.min(delayMs * 2, StoreConnection.PROBE_MS[1]));
    }
  }

  private markUp(): void {
    if (this.stopped) return;
    if (!this.up && this.downSince !== undefined) {
      this.logger.log(`Event store available again after ${Math.round((Date.now() - this.downSince) / 1000)} s`);
    }
    this.up = true;
    this.downSince = undefined;
    this.cause = undefined;
    this.metrics?.eventStoreUp.set(1);
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((wake) => wake());
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

/** The error's class and message: an operator's view of the cause (addresses, no request data). */
function describe(error: Error): string {
  const inner = error.cause instanceof Error ? error.cause.message : '';
  const cause = inner && !error.message.includes(inner) ? `; ${inner}` : '';
  return `${error.name}: ${error.message}${cause}`.replace(/\s+/g, ' ').slice(0, 300);
}
