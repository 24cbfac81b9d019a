import * as grpc from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import {
  AccessDenied,
  AllStreamPosition,
  Empty,
  StreamDeleted,
  StreamIdentifier,
  Timeout,
  UUID,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  DeleteReq,
  DeleteResp,
  ReadReq,
  ReadResp,
  TombstoneReq,
  TombstoneResp,
} from '@eventstore/db-client/generated/streams_pb';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { compareLogPositions, EsdbTestStore, Expected, LogPosition, ProposedEvent, RecentWrites, StoredEvent, WriteOutcome } from './esdb-test-store';

/**
 * A gRPC server that answers the official EventStoreDB client the way EventStoreDB (KurrentDB) does,
 * over the service definitions the client ships, backed by an in-memory log (see esdb-test-store.ts for
 * the log's rules). A test double: it lets the EventStoreDB adapter run the shared contract, lose its
 * connection and reconnect, with no database and no Docker.
 *
 * Implemented: ServerFeatures.GetSupportedMethods (it tells the client whether to use BatchAppend),
 * Streams.Append, Streams.BatchAppend (when enabled), Streams.Delete, Streams.Tombstone, Streams.Read
 * for streams and $all, forwards and backwards, by count, with stream-name / event-type filters
 * (prefixes or regex) and $all catch-up subscriptions: confirmation, stored events, checkpoints every
 * checkpoint interval and at the end of each catch-up, caught-up, live events, and FellBehind followed
 * by a new catch-up and a second caught-up when the subscriber reads slower than its live buffer fills.
 * The server's failure modes, as the server reports them: NotLeader (with the leader's endpoint) on a
 * follower, AccessDenied, InvalidPosition, StreamDeleted, write timeouts (Append: Timeout/ABORTED after
 * the write timeout; BatchAppend: its per-append deadline), each while the write may still land.
 * Not implemented (the client gets UNIMPLEMENTED): stream subscriptions, link resolution, persistent
 * subscriptions, projections, users, gossip, TLS and authentication.
 */
export interface EsdbTestServer {
  readonly connectionString: string;
  readonly port: number;
  /** The data; pass it to the next start to "restart" the server with everything it held. */
  readonly store: EsdbTestStore;
  /** Positions $all subscriptions were asked to start after ('start' / 'end' for those), in order. */
  readonly subscriptionStarts: ReadonlyArray<LogPosition | 'start' | 'end'>;
  /** Shuts down hard (open calls fail as on a crash). The data stays in `store`. */
  stop(): Promise<void>;
  /** Ends every open read, subscription and batch-append stream with UNAVAILABLE, as a dropped connection. */
  dropConnections(): void;
  /** Stops answering (a partitioned or frozen node): calls hang until `resume`; the connection stays open. */
  stall(): void;
  resume(): void;
  /** Writes take this long (0: none); an answer after the write timeout or deadline is a timeout, written or not. */
  slowWrites(ms: number): void;
  /** This node is a follower: writes answer NotLeader with this leader's endpoint (reads are served). */
  becomeFollower(leader: { host: string; port: number }): void;
  becomeLeader(): void;
  /** Every Streams call answers AccessDenied, as a secure server does to a client without valid credentials. */
  denyAccess(denied: boolean): void;
  /** Every live subscription falls behind now (FellBehind, a new catch-up, a second caught-up). */
  fallBehind(): void;
}

export interface EsdbTestServerOptions {
  /** 0 (default) lets the OS choose, so test files can run in parallel. */
  readonly port?: number;
  readonly store?: EsdbTestStore;
  /** Advertise and serve BatchAppend, as EventStoreDB 21.10+ does; the client then prefers it. */
  readonly batchAppend?: boolean;
  /** How many recent event ids this process remembers for `any`/`stream_exists` re-appends. Default 100,000. */
  readonly idempotencyWindow?: number;
  /** Matching live events a subscription may have waiting before it falls behind (the server's is 32). */
  readonly liveBuffer?: number;
  /** The server's WriteTimeoutMs (default 2000): an append not done by then is answered with a timeout. */
  readonly writeTimeoutMs?: number;
  /** Answer an idempotent append without a position, as servers before 24.x do. Default: with one. */
  readonly idempotentWithoutPosition?: boolean;
}

// google.protobuf.Any/Empty must come from the google-protobuf copy the generated code was loaded with.
const generatedRequire = createRequire(require.resolve('@eventstore/db-client/generated/status_pb'));
const { Any } = generatedRequire('google-protobuf/google/protobuf/any_pb');
const GoogleEmpty = generatedRequire('google-protobuf/google/protobuf/empty_pb').Empty;

const STREAMS = 'event_store.client.streams.Streams';
const CATCH_UP_WINDOW = 32; // EventStoreDB's read batch: the search window when the client sends no max
type Call =
  grpc.ServerWritableStream<ReadReq, ReadResp> | grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp> | grpc.ServerReadableStream<AppendReq, AppendResp>;
type Unary<Req, Resp> = (call: grpc.ServerUnaryCall<Req, Resp>, callback: grpc.sendUnaryData<Resp>) => void;

export async function startEsdbTestServer(options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> {
  const store = options.store ?? new EsdbTestStore();
  // This process's memory: a restart (a new server on the same store) or another node starts empty.
  const recent = new RecentWrites(options.idempotencyWindow ?? 100_000);
  const liveBuffer = options.liveBuffer ?? 32;
  const writeTimeoutMs = options.writeTimeoutMs ?? 2_000;
  const server = new grpc.Server();
  const open = new Set<Call>(); // calls that a drop or a stop ends
  const wakers = new Set<() => void>(); // loops waiting for an append, a drain or the end of their call
  const wakeAll = () => [...wakers].forEach((wake) => wake());
  const stopListening = store.onAppended(wakeAll);
  const isOpen = (call: Call) => open.has(call) && !call.cancelled;
  const subscriptionStarts: Array<LogPosition | 'start' | 'end'> = [];
  let stalled: { promise: Promise<void>; release: () => void } | undefined;
  let writeDelayMs = 0;
  let leader: { host: string; port: number } | undefined;
  let accessDenied = false;
  let fallBehindRound = 0;

  /** Resolves at once, or when a stall ends. */
  const answering = () => stalled?.promise ?? Promise.resolve();
  const track = (call: Call) => {
    open.add(call);
    call.once('finish', () => open.delete(call)).once('cancelled', () => open.delete(call));
  };

  /** Waits for a write to drain, a new event, or the call to end, whichever comes first. */
  const nextChange = (call: Call) =>
    new Promise<void>((resolve) => {
      const done = () => {
        wakers.delete(done);
        call.off('drain', done).off('cancelled', done);
        resolve();
      };
      wakers.add(done);
      call.once('drain', done).once('cancelled', done);
    });

  /** Writes with backpressure: a slow client slows the server down instead of filling its memory. */
  async function send(call: grpc.ServerWritableStream<ReadReq, ReadResp>, message: ReadResp): Promise<boolean> {
    if (!isOpen(call)) return false;
    if (!call.write(message)) await nextChange(call);
    return isOpen(call);
  }

  /** A write as the storage writer does it: after the (simulated) disk, whether or not anyone still waits. */
  async function write(apply: () => WriteOutcome): Promise<WriteOutcome> {
    if (writeDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, writeDelayMs));
    await answering();
    return apply();
  }

  /** The server's refusals that come before any work: access, and writes sent to a follower. */
  function refusal(kind: 'read' | 'write'): grpc.ServerErrorResponse | undefined {
    if (accessDenied) return rpcError(grpc.status.PERMISSION_DENIED, 'Access Denied', { exception: 'access-denied' });
    if (kind === 'write' && leader) {
      return rpcError(grpc.status.NOT_FOUND, 'Leader info available', {
        exception: 'not-leader',
        'leader-endpoint-host': leader.host,
        'leader-endpoint-port': String(leader.port),
      });
    }
    return undefined;
  }

  async function read(call: grpc.ServerWritableStream<ReadReq, ReadResp>) {
    track(call);
    await answering();
    const refused = refusal('read');
    if (refused) return call.emit('error', refused);
    const request = call.request.getOptions()!;
    const filter = filterOf(request);
    if (request.hasStream() && request.hasSubscription()) {
      return call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: 'Stream subscriptions are not simulated' });
    }
    if (request.hasStream()) {
      const options = request.getStream()!;
      const name = streamNameOf(options.getStreamIdentifier()!);
      const found = store.readStream(name);
      if (found.kind === 'deleted') return call.emit('error', streamDeletedError(name));
      if (found.kind === 'not_found') {
        const notFound = new ReadResp.StreamNotFound().setStreamIdentifier(options.getStreamIdentifier());
        await send(call, new ReadResp().setStreamNotFound(notFound));
      } else {
        for (const e of take(selectStream(found.events, request), request)) if (!(await send(call, eventMessage(e)))) return;
      }
      return call.end();
    }
    const all = request.getAll()!;
    const from = all.hasPosition() ? positionOf(all.getPosition()!) : undefined;
    // The reader cannot decode a record at an offset inside one: Streams.Read answers InvalidArgument.
    const invalidPosition = () => call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details: 'Trying to read from an invalid position.' });
    if (!request.hasSubscription()) {
      if (from && !store.isValidPosition(from)) return invalidPosition();
      const selected = selectAll(store.log, request).filter((e) => !filter || filter.matches(e));
      for (const e of take(selected, request)) if (!(await send(call, eventMessage(e)))) return;
      return call.end();
    }
    await subscribe(call, all, from, filter, invalidPosition);
  }

  /**
   * A catch-up subscription to $all (Enumerator.AllSubscriptionFiltered): from a position it is
   * exclusive, as a checkpoint is. Catch-up reads the log; at its end a checkpoint and caught-up; then
   * live. A live subscriber that lets more than `liveBuffer` matching events pile up has fallen behind:
   * FellBehind, a checkpoint, and a new catch-up ending in a second caught-up.
   */
  async function subscribe(
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    all: ReadReq.Options.AllOptions,
    from: LogPosition | undefined,
    filter: ReturnType<typeof filterOf>,
    invalidPosition: () => void,
  ) {
    subscriptionStarts.push(all.hasStart() ? 'start' : all.hasEnd() ? 'end' : from!);
    let next = all.hasStart() ? 0 : all.hasEnd() ? store.log.length : store.log.findIndex((e) => compareLogPositions(e, from!) > 0);
    if (next < 0) next = store.log.length;
    const confirmation = new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
    if (!(await send(call, new ReadResp().setConfirmation(confirmation)))) return;
    // The subscription is confirmed first; its catch-up read then fails on a position inside a record.
    if (from && !store.isValidPosition(from)) return invalidPosition();
    const checkpointEvery = filter?.checkpointEvery ?? CATCH_UP_WINDOW;
    const checkpointAt = (e: StoredEvent) =>
      new ReadResp().setCheckpoint(new ReadResp.Checkpoint().setCommitPosition(e.commit.toString()).setPreparePosition(e.prepare.toString()));
    const matches = (e: StoredEvent) => !filter || filter.matches(e);
    let considered = 0;
    let lastConsidered: StoredEvent | undefined;
    let live = false;
    let round = fallBehindRound;
    let mayHavePiledUp = false;
    while (isOpen(call)) {
      await answering();
      if (!isOpen(call)) return;
      if (live && (mayHavePiledUp || round !== fallBehindRound)) {
        mayHavePiledUp = false;
        const waiting = round !== fallBehindRound ? Infinity : store.log.slice(next).filter(matches).length;
        round = fallBehindRound;
        if (waiting > liveBuffer) {
          live = false;
          if (!(await send(call, new ReadResp().setFellBehind(new ReadResp.FellBehind())))) return;
          if (lastConsidered && !(await send(call, checkpointAt(lastConsidered)))) return;
          continue;
        }
      }
      if (next < store.log.length) {
        const e = store.log[next++];
        lastConsidered = e;
        if (matches(e)) {
          const drained = call.write(eventMessage(e));
          if (!drained) {
            await nextChange(call);
            mayHavePiledUp = true; // the subscriber was slow: events may have piled up meanwhile
          }
          if (!isOpen(call)) return;
        }
        // Filtered subscriptions report progress through events they skipped, so a client can checkpoint.
        if (filter && ++considered >= checkpointEvery) {
          considered = 0;
          if (!(await send(call, checkpointAt(e)))) return;
        }
      } else if (!live) {
        live = true;
        // Going live, the server checkpoints where catch-up ended (so at least one per interval).
        if (filter && lastConsidered && !(await send(call, checkpointAt(lastConsidered)))) return;
        if (!(await send(call, new ReadResp().setCaughtUp(new ReadResp.CaughtUp())))) return;
      } else {
        await nextChange(call);
        mayHavePiledUp = true;
      }
    }
  }

  function append(call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) {
    // Client streaming: the options come first, then one message per proposed event.
    track(call);
    let requested: AppendReq.Options | undefined;
    const proposed: ProposedEvent[] = [];
    call.on('data', (req: AppendReq) => {
      if (req.hasOptions()) requested = req.getOptions();
      else proposed.push(proposedEventOf(req.getProposedMessage()!));
    });
    call.on('end', () =>
      handled(callback, async () => {
        await answering();
        const refused = refusal('write');
        if (refused) return callback(refused);
        const Case = AppendReq.Options.ExpectedStreamRevisionCase;
        const expected = expectedOf(requested!.getExpectedStreamRevisionCase(), Case, () => requested!.getRevision());
        const stream = streamNameOf(requested!.getStreamIdentifier()!);
        let answered = false;
        // The storage writer gives up waiting after the write timeout; the write itself may still land.
        const timer = setTimeout(() => {
          answered = true;
          callback(rpcError(grpc.status.ABORTED, 'Operation timed out: Commit phase timeout.'));
        }, writeTimeoutMs);
        const outcome = await write(() => store.append(stream, proposed, expected, recent));
        clearTimeout(timer);
        if (answered) return;
        if (!outcome.ok && outcome.reason === 'stream_deleted') return callback(streamDeletedError(stream));
        const response = new AppendResp();
        if (outcome.ok) {
          const success = new AppendResp.Success().setCurrentRevision(outcome.revision.toString());
          if (outcome.idempotent && options.idempotentWithoutPosition) success.setNoPosition(new Empty());
          else {
            const p = outcome.position;
            success.setPosition(new AppendResp.Position().setCommitPosition(p.commit.toString()).setPreparePosition(p.prepare.toString()));
          }
          response.setSuccess(success);
        } else {
          const wrong = new AppendResp.WrongExpectedVersion();
          if (outcome.current === 'no_stream') wrong.setCurrentNoStream(new Empty());
          else wrong.setCurrentRevision(outcome.current.toString());
          if (typeof expected === 'bigint') wrong.setExpectedRevision(expected.toString());
          else if (expected === 'any') wrong.setExpectedAny(new Empty());
          else if (expected === 'no_stream') wrong.setExpectedNoStream(new Empty());
          else wrong.setExpectedStreamExists(new Empty());
          response.setWrongExpectedVersion(wrong);
        }
        callback(null, response);
      }),
    );
  }

  function batchAppend(call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>) {
    // One long-lived stream carries many appends, told apart by correlation id; an append may span
    // several requests, of which only the first has options and the last is final.
    track(call);
    const partial = new Map<string, { options: BatchAppendReq.Options; events: ProposedEvent[] }>();
    call.on('data', (req: BatchAppendReq) =>
      handled(
        (error) => call.emit('error', error),
        async () => {
          const key = req.getCorrelationId()!.getString();
          const entry = partial.get(key) ?? { options: req.getOptions()!, events: [] };
          entry.events.push(...req.getProposedMessagesList().map(proposedEventOf));
          if (!req.getIsFinal()) return void partial.set(key, entry);
          partial.delete(key);
          await answering();
          if (leader) {
            // The server throws NotLeader out of the whole call; the client reconnects to the leader.
            call.emit('error', refusal('write'));
            return;
          }
          const stream = streamNameOf(entry.options.getStreamIdentifier()!);
          const response = new BatchAppendResp().setCorrelationId(req.getCorrelationId()).setStreamIdentifier(entry.options.getStreamIdentifier());
          const fail = (status: Status) => call.write(response.setError(status));
          if (accessDenied) return void fail(packed(grpc.status.PERMISSION_DENIED, 'AccessDenied', new AccessDenied(), 'event_store.client.AccessDenied'));
          const Case = BatchAppendReq.Options.ExpectedStreamPositionCase;
          const expected = expectedOf(entry.options.getExpectedStreamPositionCase(), Case, () => entry.options.getStreamPosition());
          const deadline = entry.options.getDeadline()?.toDate().getTime() ?? Number.POSITIVE_INFINITY;
          const timeoutMs = Math.min(deadline - Date.now(), writeTimeoutMs);
          const timeout = () => fail(packed(grpc.status.DEADLINE_EXCEEDED, 'Timeout', new Timeout(), 'event_store.client.Timeout'));
          if (timeoutMs <= 0) return void timeout();
          let answered = false;
          const timer = setTimeout(() => {
            answered = true;
            timeout();
          }, timeoutMs);
          const outcome = await write(() => store.append(stream, entry.events, expected, recent));
          clearTimeout(timer);
          if (answered || !isOpen(call)) return;
          if (outcome.ok) {
            const success = new BatchAppendResp.Success().setCurrentRevision(outcome.revision.toString());
            if (outcome.idempotent && options.idempotentWithoutPosition) success.setNoPosition(new GoogleEmpty());
            else {
              const p = outcome.position;
              success.setPosition(new AllStreamPosition().setCommitPosition(p.commit.toString()).setPreparePosition(p.prepare.toString()));
            }
            call.write(response.setSuccess(success));
          } else if (outcome.reason === 'stream_deleted') {
            const deleted = new StreamDeleted().setStreamIdentifier(entry.options.getStreamIdentifier());
            fail(packed(grpc.status.NOT_FOUND, 'StreamDeleted', deleted, 'event_store.client.StreamDeleted'));
          } else {
            // BatchAppend reports a conflict as a google.rpc.Status whose details pack the shared message.
            const wrong = new WrongExpectedVersion();
            if (outcome.current === 'no_stream') wrong.setCurrentNoStream(new GoogleEmpty());
            else wrong.setCurrentStreamRevision(outcome.current.toString());
            if (typeof expected === 'bigint') wrong.setExpectedStreamPosition(expected.toString());
            else if (expected === 'any') wrong.setExpectedAny(new GoogleEmpty());
            else if (expected === 'no_stream') wrong.setExpectedNoStream(new GoogleEmpty());
            else wrong.setExpectedStreamExists(new GoogleEmpty());
            fail(packed(grpc.status.ALREADY_EXISTS, 'WrongExpectedVersion', wrong, 'event_store.client.WrongExpectedVersion'));
          }
        },
      ),
    );
    call.on('end', () => call.end());
  }

  /** Streams.Delete and Streams.Tombstone: a write with an expectation, answered with its position. */
  function deletion<Req extends DeleteReq | TombstoneReq, Resp extends DeleteResp | TombstoneResp>(
    hard: boolean,
    Response: { new (): Resp; Position: new () => DeleteResp.Position | TombstoneResp.Position },
  ): Unary<Req, Resp> {
    return (call, callback) =>
      handled(callback, async () => {
        await answering();
        const refused = refusal('write');
        if (refused) return callback(refused);
        const options = call.request.getOptions()!;
        const stream = streamNameOf(options.getStreamIdentifier()!);
        const Case = DeleteReq.Options.ExpectedStreamRevisionCase;
        const expected = expectedOf(options.getExpectedStreamRevisionCase(), Case, () => options.getRevision());
        const outcome = await write(() => (hard ? store.tombstone(stream, expected, recent) : store.softDelete(stream, expected, recent)));
        if (!outcome.ok && outcome.reason === 'stream_deleted') return callback(streamDeletedError(stream));
        if (!outcome.ok) {
          const expectedVersion = typeof expected === 'bigint' ? expected : { any: -2n, no_stream: -1n, stream_exists: -4n }[expected];
          const actual = outcome.current === 'no_stream' ? '-1' : outcome.current.toString();
          return callback(
            rpcError(grpc.status.FAILED_PRECONDITION, `Delete failed due to WrongExpectedVersion. Stream: ${stream}`, {
              exception: 'wrong-expected-version',
              'stream-name': stream,
              'expected-version': expectedVersion.toString(),
              'actual-version': actual,
            }),
          );
        }
        const position = new Response.Position().setCommitPosition(outcome.position.commit.toString()).setPreparePosition(outcome.position.prepare.toString());
        const response = new Response() as DeleteResp & TombstoneResp;
        response.setPosition(position as DeleteResp.Position & TombstoneResp.Position);
        callback(null, response as unknown as Resp);
      });
  }

  function getSupportedMethods(_call: unknown, callback: grpc.sendUnaryData<SupportedMethods>) {
    const names = ['read', 'append', 'delete', 'tombstone', ...(options.batchAppend ? ['batchappend'] : [])];
    const methods = names.map((name) => new SupportedMethod().setServiceName(STREAMS.toLowerCase()).setMethodName(name));
    callback(null, new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion('26.0.0-test-double'));
  }

  server.addService(StreamsService, {
    read: (call: grpc.ServerWritableStream<ReadReq, ReadResp>) =>
      handled(
        (error) => call.emit('error', error),
        () => read(call),
      ),
    append,
    delete: deletion<DeleteReq, DeleteResp>(false, DeleteResp),
    tombstone: deletion<TombstoneReq, TombstoneResp>(true, TombstoneResp),
    ...(options.batchAppend ? { batchAppend } : {}),
  });
  server.addService(ServerFeaturesService, { getSupportedMethods });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${options.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );

  function dropConnections() {
    for (const call of open) call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'Connection dropped (test server)' });
    open.clear();
    wakeAll();
  }

  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    store,
    subscriptionStarts,
    dropConnections,
    stall() {
      if (stalled) return;
      let release!: () => void;
      const promise = new Promise<void>((resolve) => (release = resolve));
      stalled = { promise, release };
    },
    resume() {
      stalled?.release();
      stalled = undefined;
    },
    slowWrites(ms: number) {
      writeDelayMs = ms;
    },
    becomeFollower(endpoint) {
      leader = endpoint;
    },
    becomeLeader() {
      leader = undefined;
    },
    denyAccess(denied: boolean) {
      accessDenied = denied;
    },
    fallBehind() {
      fallBehindRound++;
      wakeAll();
    },
    async stop() {
      stopListening();
      stalled?.release();
      stalled = undefined;
      open.clear();
      wakeAll();
      server.forceShutdown();
    },
  };
}

/**
 * Runs an async handler for a callback-style gRPC method. What it throws is answered as INTERNAL, as the
 * real server answers a fault, instead of becoming an unhandled rejection the client never hears of.
 */
function handled(fail: (error: grpc.ServerErrorResponse) => void, work: () => Promise<unknown>): void {
  work().catch((error: unknown) => fail(rpcError(grpc.status.INTERNAL, error instanceof Error ? error.message : String(error))));
}

function rpcError(code: grpc.status, details: string, metadata: Record<string, string> = {}): grpc.ServerErrorResponse {
  const trailers = new grpc.Metadata();
  for (const [key, value] of Object.entries(metadata)) trailers.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata: trailers });
}

function streamDeletedError(stream: string): grpc.ServerErrorResponse {
  return rpcError(grpc.status.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, { exception: 'stream-deleted', 'stream-name': stream });
}

/** A google.rpc.Status whose details pack one of the shared messages, as BatchAppend answers errors. */
function packed(code: grpc.status, message: string, detail: { serializeBinary(): Uint8Array }, typeName: string): Status {
  const details = new Any();
  details.pack(detail.serializeBinary(), typeName);
  return new Status()
    .setCode(code as number as Code)
    .setMessage(message)
    .setDetails(details);
}

function streamNameOf(identifier: StreamIdentifier): string {
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

function positionOf(p: { getCommitPosition(): string; getPreparePosition(): string }) {
  // The generated code reads uint64 fields as decimal strings (jstype = JS_STRING): exact as bigints.
  return { commit: BigInt(p.getCommitPosition()), prepare: BigInt(p.getPreparePosition()) };
}

function expectedOf<C extends Record<string, string | number>>(which: number, Case: C, revision: () => string): Expected {
  if (which === Case.ANY) return 'any';
  if (which === Case.NO_STREAM) return 'no_stream';
  if (which === Case.STREAM_EXISTS) return 'stream_exists';
  return BigInt(revision());
}

function proposedEventOf(message: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  return {
    id: message.getId()!.getString(),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

/** Applies an event-type or stream-name filter, by prefixes or a regular expression. */
function filterOf(request: ReadReq.Options) {
  if (!request.hasFilter()) return undefined;
  const filter = request.getFilter()!;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const prefixes = expression.getPrefixList();
  const window = filter.hasMax() ? filter.getMax() : CATCH_UP_WINDOW;
  return {
    matches: (e: StoredEvent) => {
      const value = onStream ? e.stream : e.type;
      return regex ? regex.test(value) : prefixes.some((p) => value.startsWith(p));
    },
    checkpointEvery: Math.max(1, filter.getCheckpointintervalmultiplier()) * window,
  };
}

/** Stream reads are inclusive of the starting revision in both directions. */
function selectStream(events: readonly StoredEvent[], request: ReadReq.Options): StoredEvent[] {
  const options = request.getStream()!;
  const backwards = request.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  if (options.hasEnd()) return backwards ? [...events].reverse() : [];
  const from = options.hasStart() ? 0n : BigInt(options.getRevision());
  return backwards ? events.filter((e) => e.revision <= from).reverse() : events.filter((e) => e.revision >= from);
}

/** $all reads: forwards include the starting position, backwards start before it. */
function selectAll(log: readonly StoredEvent[], request: ReadReq.Options): StoredEvent[] {
  const options = request.getAll()!;
  const backwards = request.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  if (options.hasStart()) return backwards ? [] : [...log];
  if (options.hasEnd()) return backwards ? [...log].reverse() : [];
  const from = positionOf(options.getPosition()!);
  if (backwards) return log.filter((e) => compareLogPositions(e, from) < 0).reverse();
  return log.filter((e) => compareLogPositions(e, from) >= 0);
}

function take(events: StoredEvent[], request: ReadReq.Options): StoredEvent[] {
  const count = BigInt(request.getCount());
  return count >= BigInt(events.length) ? events : events.slice(0, Number(count));
}

function eventMessage(e: StoredEvent): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(e.id))
    .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(e.stream, 'utf8')))
    .setStreamRevision(e.revision.toString())
    .setCommitPosition(e.commit.toString())
    .setPreparePosition(e.prepare.toString())
    .setData(e.data)
    .setCustomMetadata(e.metadata);
  recorded.getMetadataMap().set('type', e.type).set('content-type', e.contentType).set('created', e.created.toString());
  return new ReadResp().setEvent(new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(e.commit.toString()));
}
