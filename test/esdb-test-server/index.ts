export { startEsdbTestServer, EsdbTestServer, EsdbTestServerOptions } from './esdb-test-server';
export { EsdbTestStore, EsdbTestStoreOptions } from './esdb-test-store';
