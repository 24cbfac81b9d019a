export * from './event-store.port';
export * from './errors';
export type { StoreBookkeeping } from './bookkeeping';
export * from './expected-revision';
export * from './filter';
export * from './position';
export { catchUpSubscription, LogSource } from './catch-up-subscription';
export { MemoryEventStore } from './memory/memory.event-store';
export { SqliteEventStore, SqliteEventStoreOptions } from './sqlite/sqlite.event-store';
export type { EsdbEventStoreOptions } from './esdb/esdb.event-store';
export { DelegatingEventStore } from './delegating-event-store';

/**
 * The EventStoreDB adapter, loaded on first use: its gRPC client costs ~20 MB of memory that an embedded
 * (SQLite) installation never needs.
 */
export function createEsdbEventStore(options: import('./esdb/esdb.event-store').EsdbEventStoreOptions): import('./event-store.port').EventStore {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EsdbEventStore } = require('./esdb/esdb.event-store') as typeof import('./esdb/esdb.event-store');
  return new EsdbEventStore(options);
}
