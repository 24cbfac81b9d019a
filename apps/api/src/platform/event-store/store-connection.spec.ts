import { Logger } from '@nestjs/common';
import { DelegatingEventStore, MemoryEventStore, StoreAccessDeniedError, StoreUnavailableError, WrongExpectedVersionError } from '@app/event-store';
import { ConfigError } from '../config/app-config';
import { Metrics } from '../metrics/metrics';
import { StoreConnection } from './store-connection';

/** A store whose ping fails with `failure` while it is set. */
class SwitchableStore extends DelegatingEventStore {
  failure?: Error;
  pings = 0;
  constructor() {
    super(new MemoryEventStore());
  }
  override async ping(): Promise<void> {
    this.pings++;
    if (this.failure) throw this.failure;
  }
}

describe('StoreConnection', () => {
  let store: SwitchableStore;
  let metrics: Metrics;
  let connection: StoreConnection;
  let warn: jest.SpyInstance;
  let log: jest.SpyInstance;
  beforeEach(() => {
    store = new SwitchableStore();
    metrics = new Metrics();
    connection = new StoreConnection(store, metrics);
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    connection.onApplicationShutdown();
    jest.restoreAllMocks();
  });
  const up = async () => (await metrics.registry.getSingleMetric('rop_event_store_up')!.get()).values[0]?.value;

  it('starts with the store down, logs the outage once with its cause, and wakes what waits when the store answers', async () => {
    store.failure = new StoreUnavailableError('EventStoreDB is unavailable: connect ECONNREFUSED');
    await connection.onModuleInit(); // does not throw: the app starts not ready
    expect(connection.available).toBe(false);
    expect(connection.outage?.cause).toMatch(/^StoreUnavailableError: EventStoreDB is unavailable/);
    expect(await up()).toBe(0);
    let woken = false;
    const waiting = connection.whenAvailable().then(() => (woken = true));

    // Requests failing meanwhile say nothing new.
    for (let i = 0; i < 5; i++) await connection.reportFailure(new StoreUnavailableError('still down'));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/Event store unavailable at start \(StoreUnavailableError: .*ECONNREFUSED\)/);

    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(woken).toBe(false);
    const pingsWhileDown = store.pings;
    expect(pingsWhileDown).toBeGreaterThanOrEqual(2); // probed with backoff, not once per request
    store.failure = undefined;
    await waiting;
    expect(woken).toBe(true);
    expect(connection.available).toBe(true);
    expect(await up()).toBe(1);
    expect(log.mock.calls.some(([line]) => /Event store available again/.test(line))).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('logs a second outage once more, and ignores failures that are answers about the data', async () => {
    await connection.onModuleInit();
    expect(connection.available).toBe(true);
    await connection.reportFailure(new WrongExpectedVersionError('case-1', 1n, 2n));
    expect(connection.available).toBe(true);

    store.failure = new StoreUnavailableError('gone');
    await Promise.all([connection.reportFailure(store.failure), connection.reportFailure(store.failure)]);
    expect(connection.available).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    store.failure = undefined;
    await connection.whenAvailable();
    store.failure = new StoreUnavailableError('gone again');
    await expect(connection.ping()).rejects.toThrow('gone again');
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('takes a failed call while the store still answers a ping (a full disk, no leader) as no outage: nothing logged, still available', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    await connection.onModuleInit();
    const pingsBefore = store.pings;
    const failedCalls = Array.from({ length: 20 }, () => connection.reportFailure(new StoreUnavailableError('The event log could not write')));
    await Promise.all(failedCalls);
    expect(store.pings - pingsBefore).toBe(1); // one ping decides for every call that failed meanwhile
    expect(connection.available).toBe(true);
    expect(await up()).toBe(1);
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    expect(log.mock.calls.some(([line]) => /available again/.test(line))).toBe(false);
  });

  it('refuses to start when the store refuses access, naming the setting and not the password', async () => {
    store.failure = new StoreAccessDeniedError('Access denied (Unauthenticated)');
    const started = connection.onModuleInit();
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(/EVENTSTORE_CONNECTION_STRING: the event store refused access .*USER:PASSWORD@/);
  });

  it('when access is refused at run time, says so at ERROR once and answers 503 meanwhile', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    await connection.onModuleInit();
    store.failure = new StoreAccessDeniedError('Access denied (PermissionDenied)');
    await connection.reportFailure(store.failure);
    await connection.reportFailure(store.failure);
    expect(connection.available).toBe(false);
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0][0]).toMatch(/refuses access .*EVENTSTORE_CONNECTION_STRING/);
    expect(warn).not.toHaveBeenCalled();
  });
});
