"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EsdbTestStore = void 0;
exports.compareLogPositions = compareLogPositions;
const node_crypto_1 = require("node:crypto");
const RECORD_OVERHEAD = 120n; // roughly what a prepare record's header costs; only makes positions look real
class EsdbTestStore {
    log = [];
    streams = new Map();
    listeners = new Set();
    nextOffset;
    constructor(options = {}) {
        this.nextOffset = options.firstPosition ?? 0n;
        if (options.systemEvents ?? true) {
            const json = (value) => new TextEncoder().encode(JSON.stringify(value));
            const system = (type, data) => ({
                id: (0, node_crypto_1.randomUUID)(),
                type,
                contentType: 'application/json',
                data: json(data),
                metadata: new Uint8Array(),
            });
            this.append('$settings', [system('$settings', { $userStreamAcl: {} })], 'any');
            this.append('$stats-127.0.0.1:2113', [system('$statsCollected', { 'proc-id': 1 })], 'any');
        }
    }
    events(stream) {
        return this.streams.get(stream);
    }
    /** Appends atomically; public so a test can write "from another node" while the server is down. */
    append(stream, proposed, expected) {
        const existing = this.streams.get(stream) ?? [];
        const current = existing.length === 0 ? 'no_stream' : BigInt(existing.length - 1);
        const repeat = this.repeatOf(existing, proposed, expected);
        if (repeat === 'partial')
            return { ok: false, current };
        if (repeat !== undefined)
            return { ok: true, revision: repeat };
        if (!satisfied(expected, current))
            return { ok: false, current };
        const created = BigInt(Date.now()) * 10000n;
        const commit = this.nextOffset;
        const written = proposed.map((p, i) => {
            const prepare = this.nextOffset;
            this.nextOffset += RECORD_OVERHEAD + BigInt(p.data.length + p.metadata.length);
            return { ...p, id: p.id.toLowerCase(), stream, revision: BigInt(existing.length + i), commit, prepare, created };
        });
        this.streams.set(stream, [...existing, ...written]);
        this.log.push(...written);
        this.listeners.forEach((listener) => listener());
        const last = written[written.length - 1];
        return { ok: true, revision: last.revision, position: { commit: last.commit, prepare: last.prepare } };
    }
    /** Calls `listener` after every append; returns the function that stops it. */
    onAppended(listener) {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }
    /** The revision of the last repeated event, 'partial' for a clash, undefined when this is a new write. */
    repeatOf(existing, proposed, expected) {
        const ids = proposed.map((p) => p.id.toLowerCase());
        let start;
        if (typeof expected === 'bigint')
            start = existing.findIndex((e) => e.revision === expected + 1n);
        else if (expected === 'no_stream')
            start = 0;
        else
            start = existing.findIndex((e) => e.id === ids[0]);
        if (start < 0 || existing[start]?.id !== ids[0])
            return undefined;
        const same = ids.every((id, i) => existing[start + i]?.id === id);
        return same ? existing[start + ids.length - 1].revision : 'partial';
    }
}
exports.EsdbTestStore = EsdbTestStore;
function satisfied(expected, current) {
    if (expected === 'any')
        return true;
    if (expected === 'no_stream')
        return current === 'no_stream';
    if (expected === 'stream_exists')
        return current !== 'no_stream';
    return current === expected;
}
/** A position in the log, compared as EventStoreDB does: commit first, then prepare. */
function compareLogPositions(a, b) {
    if (a.commit !== b.commit)
        return a.commit < b.commit ? -1 : 1;
    return a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
}
//# sourceMappingURL=esdb-test-store.js.map