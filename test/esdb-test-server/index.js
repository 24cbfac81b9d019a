"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EsdbTestStore = exports.startEsdbTestServer = void 0;
var esdb_test_server_1 = require("./esdb-test-server");
Object.defineProperty(exports, "startEsdbTestServer", { enumerable: true, get: function () { return esdb_test_server_1.startEsdbTestServer; } });
var esdb_test_store_1 = require("./esdb-test-store");
Object.defineProperty(exports, "EsdbTestStore", { enumerable: true, get: function () { return esdb_test_store_1.EsdbTestStore; } });
//# sourceMappingURL=index.js.map