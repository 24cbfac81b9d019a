"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.startEsdbTestServer = startEsdbTestServer;
const grpc = __importStar(require("@grpc/grpc-js"));
const serverfeatures_grpc_pb_1 = require("@eventstore/db-client/generated/serverfeatures_grpc_pb");
const serverfeatures_pb_1 = require("@eventstore/db-client/generated/serverfeatures_pb");
const shared_pb_1 = require("@eventstore/db-client/generated/shared_pb");
const status_pb_1 = require("@eventstore/db-client/generated/status_pb");
const streams_grpc_pb_1 = require("@eventstore/db-client/generated/streams_grpc_pb");
const streams_pb_1 = require("@eventstore/db-client/generated/streams_pb");
const node_crypto_1 = require("node:crypto");
const node_module_1 = require("node:module");
const esdb_test_store_1 = require("./esdb-test-store");
// google.protobuf.Any/Empty must come from the google-protobuf copy the generated code was loaded with.
const generatedRequire = (0, node_module_1.createRequire)(require.resolve('@eventstore/db-client/generated/status_pb'));
const { Any } = generatedRequire('google-protobuf/google/protobuf/any_pb');
const GoogleEmpty = generatedRequire('google-protobuf/google/protobuf/empty_pb').Empty;
const STREAMS = 'event_store.client.streams.Streams';
const CATCH_UP_WINDOW = 32; // EventStoreDB's read batch: the search window when the client sends no max
async function startEsdbTestServer(options = {}) {
    const store = options.store ?? new esdb_test_store_1.EsdbTestStore();
    const server = new grpc.Server();
    const open = new Set(); // calls that a drop or a stop ends
    const wakers = new Set(); // loops waiting for an append, a drain or the end of their call
    const wakeAll = () => [...wakers].forEach((wake) => wake());
    const stopListening = store.onAppended(wakeAll);
    const isOpen = (call) => open.has(call) && !call.cancelled;
    /** Waits for a write to drain, a new event, or the call to end, whichever comes first. */
    const nextChange = (call) => new Promise((resolve) => {
        const done = () => {
            wakers.delete(done);
            call.off('drain', done).off('cancelled', done);
            resolve();
        };
        wakers.add(done);
        call.once('drain', done).once('cancelled', done);
    });
    /** Writes with backpressure: a slow client slows the server down instead of filling its memory. */
    async function send(call, message) {
        if (!isOpen(call))
            return false;
        if (!call.write(message))
            await nextChange(call);
        return isOpen(call);
    }
    async function read(call) {
        open.add(call);
        call.once('finish', () => open.delete(call)).once('cancelled', () => open.delete(call));
        const request = call.request.getOptions();
        const filter = filterOf(request);
        if (request.hasStream() && request.hasSubscription()) {
            return call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: 'Stream subscriptions are not simulated' });
        }
        if (request.hasStream()) {
            const options = request.getStream();
            const events = store.events(streamNameOf(options.getStreamIdentifier()));
            if (!events) {
                const notFound = new streams_pb_1.ReadResp.StreamNotFound().setStreamIdentifier(options.getStreamIdentifier());
                await send(call, new streams_pb_1.ReadResp().setStreamNotFound(notFound));
            }
            else {
                for (const e of take(selectStream(events, request), request))
                    if (!(await send(call, eventMessage(e))))
                        return;
            }
            return call.end();
        }
        if (!request.hasSubscription()) {
            const selected = selectAll(store.log, request).filter((e) => !filter || filter.matches(e));
            for (const e of take(selected, request))
                if (!(await send(call, eventMessage(e))))
                    return;
            return call.end();
        }
        // A catch-up subscription to $all: from a position it is exclusive, as a checkpoint is.
        const all = request.getAll();
        const from = all.hasPosition() ? positionOf(all.getPosition()) : undefined;
        let next = all.hasStart() ? 0 : all.hasEnd() ? store.log.length : store.log.findIndex((e) => (0, esdb_test_store_1.compareLogPositions)(e, from) > 0);
        if (next < 0)
            next = store.log.length;
        const confirmation = new streams_pb_1.ReadResp.SubscriptionConfirmation().setSubscriptionId((0, node_crypto_1.randomUUID)());
        if (!(await send(call, new streams_pb_1.ReadResp().setConfirmation(confirmation))))
            return;
        let considered = 0;
        let caughtUp = false;
        while (isOpen(call)) {
            if (next < store.log.length) {
                const e = store.log[next++];
                if ((!filter || filter.matches(e)) && !(await send(call, eventMessage(e))))
                    return;
                // Filtered subscriptions report progress through events they skipped, so a client can checkpoint.
                if (filter && ++considered >= filter.checkpointEvery) {
                    considered = 0;
                    const checkpoint = new streams_pb_1.ReadResp.Checkpoint().setCommitPosition(e.commit.toString()).setPreparePosition(e.prepare.toString());
                    if (!(await send(call, new streams_pb_1.ReadResp().setCheckpoint(checkpoint))))
                        return;
                }
            }
            else if (!caughtUp) {
                caughtUp = true;
                if (!(await send(call, new streams_pb_1.ReadResp().setCaughtUp(new streams_pb_1.ReadResp.CaughtUp()))))
                    return;
            }
            else {
                await nextChange(call);
            }
        }
    }
    function append(call, callback) {
        // Client streaming: the options come first, then one message per proposed event.
        let options;
        const proposed = [];
        call.on('data', (req) => {
            if (req.hasOptions())
                options = req.getOptions();
            else
                proposed.push(proposedEventOf(req.getProposedMessage()));
        });
        call.on('end', () => {
            const Case = streams_pb_1.AppendReq.Options.ExpectedStreamRevisionCase;
            const expected = expectedOf(options.getExpectedStreamRevisionCase(), Case, () => options.getRevision());
            const outcome = store.append(streamNameOf(options.getStreamIdentifier()), proposed, expected);
            const response = new streams_pb_1.AppendResp();
            if (outcome.ok) {
                const success = new streams_pb_1.AppendResp.Success().setCurrentRevision(outcome.revision.toString());
                if (outcome.position) {
                    const p = outcome.position;
                    success.setPosition(new streams_pb_1.AppendResp.Position().setCommitPosition(p.commit.toString()).setPreparePosition(p.prepare.toString()));
                }
                else
                    success.setNoPosition(new shared_pb_1.Empty());
                response.setSuccess(success);
            }
            else {
                const wrong = new streams_pb_1.AppendResp.WrongExpectedVersion();
                if (outcome.current === 'no_stream')
                    wrong.setCurrentNoStream(new shared_pb_1.Empty());
                else
                    wrong.setCurrentRevision(outcome.current.toString());
                if (typeof expected === 'bigint')
                    wrong.setExpectedRevision(expected.toString());
                else if (expected === 'any')
                    wrong.setExpectedAny(new shared_pb_1.Empty());
                else if (expected === 'no_stream')
                    wrong.setExpectedNoStream(new shared_pb_1.Empty());
                else
                    wrong.setExpectedStreamExists(new shared_pb_1.Empty());
                response.setWrongExpectedVersion(wrong);
            }
            callback(null, response);
        });
    }
    function batchAppend(call) {
        // One long-lived stream carries many appends, told apart by correlation id; an append may span
        // several requests, of which only the first has options and the last is final.
        open.add(call);
        const partial = new Map();
        call.on('data', (req) => {
            const key = req.getCorrelationId().getString();
            const entry = partial.get(key) ?? { options: req.getOptions(), events: [] };
            entry.events.push(...req.getProposedMessagesList().map(proposedEventOf));
            if (!req.getIsFinal())
                return void partial.set(key, entry);
            partial.delete(key);
            const Case = streams_pb_1.BatchAppendReq.Options.ExpectedStreamPositionCase;
            const expected = expectedOf(entry.options.getExpectedStreamPositionCase(), Case, () => entry.options.getStreamPosition());
            const outcome = store.append(streamNameOf(entry.options.getStreamIdentifier()), entry.events, expected);
            const response = new streams_pb_1.BatchAppendResp().setCorrelationId(req.getCorrelationId()).setStreamIdentifier(entry.options.getStreamIdentifier());
            if (outcome.ok) {
                const success = new streams_pb_1.BatchAppendResp.Success().setCurrentRevision(outcome.revision.toString());
                if (outcome.position) {
                    const p = outcome.position;
                    success.setPosition(new shared_pb_1.AllStreamPosition().setCommitPosition(p.commit.toString()).setPreparePosition(p.prepare.toString()));
                }
                else
                    success.setNoPosition(new GoogleEmpty());
                response.setSuccess(success);
            }
            else {
                // BatchAppend reports a conflict as a google.rpc.Status whose details pack the shared message.
                const wrong = new shared_pb_1.WrongExpectedVersion();
                if (outcome.current === 'no_stream')
                    wrong.setCurrentNoStream(new GoogleEmpty());
                else
                    wrong.setCurrentStreamRevision(outcome.current.toString());
                if (typeof expected === 'bigint')
                    wrong.setExpectedStreamPosition(expected.toString());
                else if (expected === 'any')
                    wrong.setExpectedAny(new GoogleEmpty());
                else if (expected === 'no_stream')
                    wrong.setExpectedNoStream(new GoogleEmpty());
                else
                    wrong.setExpectedStreamExists(new GoogleEmpty());
                const details = new Any();
                details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
                response.setError(new status_pb_1.Status().setCode(9).setMessage('Wrong expected version').setDetails(details));
            }
            call.write(response);
        });
        call.on('end', () => call.end());
        call.once('cancelled', () => open.delete(call));
    }
    function getSupportedMethods(_call, callback) {
        const names = ['read', 'append', ...(options.batchAppend ? ['batchappend'] : [])];
        const methods = names.map((name) => new serverfeatures_pb_1.SupportedMethod().setServiceName(STREAMS.toLowerCase()).setMethodName(name));
        callback(null, new serverfeatures_pb_1.SupportedMethods().setMethodsList(methods).setEventStoreServerVersion('23.10.0-test-double'));
    }
    server.addService(streams_grpc_pb_1.StreamsService, { read, append, ...(options.batchAppend ? { batchAppend } : {}) });
    server.addService(serverfeatures_grpc_pb_1.ServerFeaturesService, { getSupportedMethods });
    const port = await new Promise((resolve, reject) => server.bindAsync(`127.0.0.1:${options.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (error, bound) => error ? reject(error) : resolve(bound)));
    function dropConnections() {
        for (const call of open)
            call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'Connection dropped (test server)' });
        open.clear();
        wakeAll();
    }
    return {
        connectionString: `esdb://127.0.0.1:${port}?tls=false`,
        port,
        store,
        dropConnections,
        async stop() {
            stopListening();
            open.clear();
            wakeAll();
            server.forceShutdown();
        },
    };
}
function streamNameOf(identifier) {
    return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}
function positionOf(p) {
    // The generated code reads uint64 fields as decimal strings (jstype = JS_STRING): exact as bigints.
    return { commit: BigInt(p.getCommitPosition()), prepare: BigInt(p.getPreparePosition()) };
}
function expectedOf(which, Case, revision) {
    if (which === Case.ANY)
        return 'any';
    if (which === Case.NO_STREAM)
        return 'no_stream';
    if (which === Case.STREAM_EXISTS)
        return 'stream_exists';
    return BigInt(revision());
}
function proposedEventOf(message) {
    const metadata = message.getMetadataMap();
    return {
        id: message.getId().getString(),
        type: metadata.get('type') ?? '',
        contentType: metadata.get('content-type') ?? 'application/octet-stream',
        data: message.getData_asU8(),
        metadata: message.getCustomMetadata_asU8(),
    };
}
/** Applies an event-type or stream-name filter, by prefixes or a regular expression. */
function filterOf(request) {
    if (!request.hasFilter())
        return undefined;
    const filter = request.getFilter();
    const onStream = filter.hasStreamIdentifier();
    const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
    const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
    const prefixes = expression.getPrefixList();
    const window = filter.hasMax() ? filter.getMax() : CATCH_UP_WINDOW;
    return {
        matches: (e) => {
            const value = onStream ? e.stream : e.type;
            return regex ? regex.test(value) : prefixes.some((p) => value.startsWith(p));
        },
        checkpointEvery: Math.max(1, filter.getCheckpointintervalmultiplier()) * window,
    };
}
/** Stream reads are inclusive of the starting revision in both directions. */
function selectStream(events, request) {
    const options = request.getStream();
    const backwards = request.getReadDirection() === streams_pb_1.ReadReq.Options.ReadDirection.BACKWARDS;
    if (options.hasEnd())
        return backwards ? [...events].reverse() : [];
    const from = options.hasStart() ? 0n : BigInt(options.getRevision());
    return backwards ? events.filter((e) => e.revision <= from).reverse() : events.filter((e) => e.revision >= from);
}
/** $all reads: forwards include the starting position, backwards start before it. */
function selectAll(log, request) {
    const options = request.getAll();
    const backwards = request.getReadDirection() === streams_pb_1.ReadReq.Options.ReadDirection.BACKWARDS;
    if (options.hasStart())
        return backwards ? [] : [...log];
    if (options.hasEnd())
        return backwards ? [...log].reverse() : [];
    const from = positionOf(options.getPosition());
    if (backwards)
        return log.filter((e) => (0, esdb_test_store_1.compareLogPositions)(e, from) < 0).reverse();
    return log.filter((e) => (0, esdb_test_store_1.compareLogPositions)(e, from) >= 0);
}
function take(events, request) {
    const count = BigInt(request.getCount());
    return count >= BigInt(events.length) ? events : events.slice(0, Number(count));
}
function eventMessage(e) {
    const recorded = new streams_pb_1.ReadResp.ReadEvent.RecordedEvent()
        .setId(new shared_pb_1.UUID().setString(e.id))
        .setStreamIdentifier(new shared_pb_1.StreamIdentifier().setStreamName(Buffer.from(e.stream, 'utf8')))
        .setStreamRevision(e.revision.toString())
        .setCommitPosition(e.commit.toString())
        .setPreparePosition(e.prepare.toString())
        .setData(e.data)
        .setCustomMetadata(e.metadata);
    recorded.getMetadataMap().set('type', e.type).set('content-type', e.contentType).set('created', e.created.toString());
    return new streams_pb_1.ReadResp().setEvent(new streams_pb_1.ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(e.commit.toString()));
}
//# sourceMappingURL=esdb-test-server.js.map