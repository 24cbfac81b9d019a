export { startEsdbTestServer, EsdbTestServer, EsdbTestServerOptions } from './esdb-test-server';
export { EsdbTestStore, EsdbTestStoreOptions, RecentWrites, DELETED_STREAM } from './esdb-test-store';
