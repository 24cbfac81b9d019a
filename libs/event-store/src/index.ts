export * from './event-store.port';
export * from './errors';
export * from './expected-revision';
export * from './filter';
export * from './position';
export { catchUpSubscription, LogSource } from './catch-up-subscription';
export { MemoryEventStore } from './memory/memory.event-store';
export { SqliteEventStore, SqliteEventStoreOptions } from './sqlite/sqlite.event-store';
export { EsdbEventStore, EsdbEventStoreOptions } from './esdb/esdb.event-store';
