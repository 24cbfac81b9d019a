import * as grpc from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { AllStreamPosition, Empty, StreamIdentifier, UUID, WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { compareLogPositions, EsdbTestStore, Expected, ProposedEvent, StoredEvent } from './esdb-test-store';

/**
 * A gRPC server that answers the official EventStoreDB client the way EventStoreDB does, over the service
 * definitions the client ships, backed by an in-memory log. A test double: it lets the EventStoreDB
 * adapter run the shared contract, lose its connection and reconnect, with no database and no Docker.
 *
 * Implemented: ServerFeatures.GetSupportedMethods (it tells the client whether to use BatchAppend),
 * Streams.Append, Streams.BatchAppend (when enabled), Streams.Read for streams and $all, forwards and
 * backwards, by count, with stream-name / event-type filters (prefixes or regex) and $all catch-up
 * subscriptions (confirmation, stored events, checkpoints, caught_up, live events).
 * Not implemented (the client gets UNIMPLEMENTED): Delete, Tombstone, stream subscriptions, link
 * resolution, persistent subscriptions, projections, users, gossip, TLS and authentication.
 */
export interface EsdbTestServer {
  readonly connectionString: string;
  readonly port: number;
  /** The data; pass it to the next start to "restart" the server with everything it held. */
  readonly store: EsdbTestStore;
  /** Shuts down hard (open calls fail as on a crash). The data stays in `store`. */
  stop(): Promise<void>;
  /** Ends every open read, subscription and batch-append stream with UNAVAILABLE, as a dropped connection. */
  dropConnections(): void;
}

export interface EsdbTestServerOptions {
  /** 0 (default) lets the OS choose, so test files can run in parallel. */
  readonly port?: number;
  readonly store?: EsdbTestStore;
  /** Advertise and serve BatchAppend, as EventStoreDB 21.10+ does; the client then prefers it. */
  readonly batchAppend?: boolean;
}

// google.protobuf.Any/Empty must come from the google-protobuf copy the generated code was loaded with.
const generatedRequire = createRequire(require.resolve('@eventstore/db-client/generated/status_pb'));
const { Any } = generatedRequire('google-protobuf/google/protobuf/any_pb');
const GoogleEmpty = generatedRequire('google-protobuf/google/protobuf/empty_pb').Empty;

const STREAMS = 'event_store.client.streams.Streams';
const CATCH_UP_WINDOW = 32; // EventStoreDB's read batch: the search window when the client sends no max
type Call = grpc.ServerWritableStream<ReadReq, ReadResp> | grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>;

export async function startEsdbTestServer(options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> {
  const store = options.store ?? new EsdbTestStore();
  const server = new grpc.Server();
  const open = new Set<Call>(); // calls that a drop or a stop ends
  const wakers = new Set<() => void>(); // loops waiting for an append, a drain or the end of their call
  const wakeAll = () => [...wakers].forEach((wake) => wake());
  const stopListening = store.onAppended(wakeAll);
  const isOpen = (call: Call) => open.has(call) && !call.cancelled;

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

  async function read(call: grpc.ServerWritableStream<ReadReq, ReadResp>) {
    open.add(call);
    call.once('finish', () => open.delete(call)).once('cancelled', () => open.delete(call));
    const request = call.request.getOptions()!;
    const filter = filterOf(request);
    if (request.hasStream() && request.hasSubscription()) {
      return call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: 'Stream subscriptions are not simulated' });
    }
    if (request.hasStream()) {
      const options = request.getStream()!;
      const events = store.events(streamNameOf(options.getStreamIdentifier()!));
      if (!events) {
        const notFound = new ReadResp.StreamNotFound().setStreamIdentifier(options.getStreamIdentifier());
        await send(call, new ReadResp().setStreamNotFound(notFound));
      } else {
        for (const e of take(selectStream(events, request), request)) if (!(await send(call, eventMessage(e)))) return;
      }
      return call.end();
    }
    if (!request.hasSubscription()) {
      const selected = selectAll(store.log, request).filter((e) => !filter || filter.matches(e));
      for (const e of take(selected, request)) if (!(await send(call, eventMessage(e)))) return;
      return call.end();
    }
    // A catch-up subscription to $all: from a position it is exclusive, as a checkpoint is.
    const all = request.getAll()!;
    const from = all.hasPosition() ? positionOf(all.getPosition()!) : undefined;
    let next = all.hasStart() ? 0 : all.hasEnd() ? store.log.length : store.log.findIndex((e) => compareLogPositions(e, from!) > 0);
    if (next < 0) next = store.log.length;
    const confirmation = new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
    if (!(await send(call, new ReadResp().setConfirmation(confirmation)))) return;
    let considered = 0;
    let caughtUp = false;
    while (isOpen(call)) {
      if (next < store.log.length) {
        const e = store.log[next++];
        if ((!filter || filter.matches(e)) && !(await send(call, eventMessage(e)))) return;
        // Filtered subscriptions report progress through events they skipped, so a client can checkpoint.
        if (filter && ++considered >= filter.checkpointEvery) {
          considered = 0;
          const checkpoint = new ReadResp.Checkpoint().setCommitPosition(e.commit.toString()).setPreparePosition(e.prepare.toString());
          if (!(await send(call, new ReadResp().setCheckpoint(checkpoint)))) return;
        }
      } else if (!caughtUp) {
        caughtUp = true;
        if (!(await send(call, new ReadResp().setCaughtUp(new ReadResp.CaughtUp())))) return;
      } else {
        await nextChange(call);
      }
    }
  }

  function append(call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) {
    // Client streaming: the options come first, then one message per proposed event.
    let options: AppendReq.Options | undefined;
    const proposed: ProposedEvent[] = [];
    call.on('data', (req: AppendReq) => {
      if (req.hasOptions()) options = req.getOptions();
      else proposed.push(proposedEventOf(req.getProposedMessage()!));
    });
    call.on('end', () => {
      const Case = AppendReq.Options.ExpectedStreamRevisionCase;
      const expected = expectedOf(options!.getExpectedStreamRevisionCase(), Case, () => options!.getRevision());
      const outcome = store.append(streamNameOf(options!.getStreamIdentifier()!), proposed, expected);
      const response = new AppendResp();
      if (outcome.ok) {
        const success = new AppendResp.Success().setCurrentRevision(outcome.revision.toString());
        if (outcome.position) {
          const p = outcome.position;
          success.setPosition(new AppendResp.Position().setCommitPosition(p.commit.toString()).setPreparePosition(p.prepare.toString()));
        } else success.setNoPosition(new Empty());
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
    });
  }

  function batchAppend(call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>) {
    // One long-lived stream carries many appends, told apart by correlation id; an append may span
    // several requests, of which only the first has options and the last is final.
    open.add(call);
    const partial = new Map<string, { options: BatchAppendReq.Options; events: ProposedEvent[] }>();
    call.on('data', (req: BatchAppendReq) => {
      const key = req.getCorrelationId()!.getString();
      const entry = partial.get(key) ?? { options: req.getOptions()!, events: [] };
      entry.events.push(...req.getProposedMessagesList().map(proposedEventOf));
      if (!req.getIsFinal()) return void partial.set(key, entry);
      partial.delete(key);
      const Case = BatchAppendReq.Options.ExpectedStreamPositionCase;
      const expected = expectedOf(entry.options.getExpectedStreamPositionCase(), Case, () => entry.options.getStreamPosition());
      const outcome = store.append(streamNameOf(entry.options.getStreamIdentifier()!), entry.events, expected);
      const response = new BatchAppendResp().setCorrelationId(req.getCorrelationId()).setStreamIdentifier(entry.options.getStreamIdentifier());
      if (outcome.ok) {
        const success = new BatchAppendResp.Success().setCurrentRevision(outcome.revision.toString());
        if (outcome.position) {
          const p = outcome.position;
          success.setPosition(new AllStreamPosition().setCommitPosition(p.commit.toString()).setPreparePosition(p.prepare.toString()));
        } else success.setNoPosition(new GoogleEmpty());
        response.setSuccess(success);
      } else {
        // BatchAppend reports a conflict as a google.rpc.Status whose details pack the shared message.
        const wrong = new WrongExpectedVersion();
        if (outcome.current === 'no_stream') wrong.setCurrentNoStream(new GoogleEmpty());
        else wrong.setCurrentStreamRevision(outcome.current.toString());
        if (typeof expected === 'bigint') wrong.setExpectedStreamPosition(expected.toString());
        else if (expected === 'any') wrong.setExpectedAny(new GoogleEmpty());
        else if (expected === 'no_stream') wrong.setExpectedNoStream(new GoogleEmpty());
        else wrong.setExpectedStreamExists(new GoogleEmpty());
        const details = new Any();
        details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
        response.setError(new Status().setCode(9).setMessage('Wrong expected version').setDetails(details));
      }
      call.write(response);
    });
    call.on('end', () => call.end());
    call.once('cancelled', () => open.delete(call));
  }

  function getSupportedMethods(_call: unknown, callback: grpc.sendUnaryData<SupportedMethods>) {
    const names = ['read', 'append', ...(options.batchAppend ? ['batchappend'] : [])];
    const methods = names.map((name) => new SupportedMethod().setServiceName(STREAMS.toLowerCase()).setMethodName(name));
    callback(null, new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion('23.10.0-test-double'));
  }

  server.addService(StreamsService, { read, append, ...(options.batchAppend ? { batchAppend } : {}) });
  server.addService(ServerFeaturesService, { getSupportedMethods });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${options.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
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
    dropConnections,
    async stop() {
      stopListening();
      open.clear();
      wakeAll();
      server.forceShutdown();
    },
  };
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
