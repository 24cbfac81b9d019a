import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { catchUpSubscription, CatchUpTuning } from '../catch-up-subscription';
import { DuplicateEventIdError, EventStoreError, StoreUnavailableError, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '../errors';
import {
  AppendOptions,
  AppendResult,
  DeleteOptions,
  EventStore,
  EventToAppend,
  JsonObject,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamMetadata,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port';
import { StoreBookkeeping } from '../bookkeeping';
import { CurrentRevision } from '../expected-revision';
import { assertWritableStream, compileFilter } from '../filter';
import { Position, positionOf } from '../position';
import { maxCountOf, validateEvents } from '../read-selection';
import {
  assertLogPosition,
  checkWrite,
  firstVisibleRevision,
  isSoftDeleted,
  NO_SETTINGS,
  oldestVisible,
  recreatedMetadata,
  replacedMetadata,
  SOFT_DELETED,
  StreamSettings,
} from '../stream-state';
import { GroupCommit } from './group-commit';
import { EVENT_LOG_SCHEMA, EventRow, StreamSettingsRow } from './sqlite.schema';

export type SqliteSynchronous = 'FULL' | 'NORMAL' | 'EXTRA';

export interface SqliteEventStoreOptions {
  /** Path of the database file; created with its folder when missing. */
  readonly file: string;
  /** FULL (default) syncs the WAL on every commit: an acknowledged append survives a power cut. */
  readonly synchronous?: SqliteSynchronous;
  readonly clock?: () => Date;
  readonly subscription?: CatchUpTuning;
  /** How long a writer waits for another process's lock before the store reports itself unavailable. */
  readonly busyTimeoutMs?: number;
}

const PAGE = 512;

/** The durable embedded store: one SQLite file in WAL mode, written through group commit. */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly committed = new EventEmitter().setMaxListeners(0);
  private readonly writer: GroupCommit;
  private readonly clock: () => Date;
  private closed = false;
  private readonly sql: ReturnType<SqliteEventStore['prepare']>;

  constructor(private readonly options: SqliteEventStoreOptions) {
    this.clock = options.clock ?? (() => new Date());
    try {
      mkdirSync(dirname(options.file), { recursive: true });
      this.db = new Database(options.file);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
      this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
      this.db.exec(EVENT_LOG_SCHEMA);
    } catch (error) {
      throw new StoreUnavailableError(`Cannot open the event log at ${options.file}`, { cause: error });
    }
    this.sql = this.prepare();
    const exec = (statement: string) => () => this.db.exec(statement);
    this.writer = new GroupCommit(
      {
        begin: exec('BEGIN IMMEDIATE'),
        commit: exec('COMMIT'),
        rollback: exec('ROLLBACK'),
        savepoint: exec('SAVEPOINT append'),
        release: exec('RELEASE append'),
        rollbackToSavepoint: exec('ROLLBACK TO append'),
      },
      () => this.committed.emit('committed'),
      (error) => new StoreUnavailableError('The event log could not commit', { cause: error }),
    );
  }

  private prepare() {
    const s = (text: string) => this.db.prepare(text).safeIntegers(true);
    return {
      streamRevision: s('SELECT revision FROM streams WHERE stream = ?'),
      byId: s('SELECT stream, revision, position FROM events WHERE id = ?'),
      insert: s('INSERT INTO events (stream, revision, id, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      setRevision: s('INSERT INTO streams (stream, revision) VALUES (?, ?) ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision'),
      settings: s('SELECT tombstoned, max_age, max_count, truncate_before FROM stream_settings WHERE stream = ?'),
      setSettings: s(
        `INSERT INTO stream_settings (stream, tombstoned, max_age, max_count, truncate_before) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (stream) DO UPDATE SET tombstoned = excluded.tombstoned, max_age = excluded.max_age,
           max_count = excluded.max_count, truncate_before = excluded.truncate_before`,
      ),
      // Within what the stream's metadata leaves visible: from a first revision, recorded since a time.
      streamForwards: s('SELECT * FROM events WHERE stream = ? AND revision >= ? AND created >= ? ORDER BY revision ASC LIMIT ?'),
      streamBackwards: s('SELECT * FROM events WHERE stream = ? AND revision <= ? AND revision >= ? AND created >= ? ORDER BY revision DESC LIMIT ?'),
      allForwards: s('SELECT * FROM events WHERE position >= ? ORDER BY position ASC LIMIT ?'),
      allBackwards: s('SELECT * FROM events WHERE position <= ? ORDER BY position DESC LIMIT ?'),
      after: s('SELECT * FROM events WHERE position > ? ORDER BY position ASC LIMIT ?'),
      ping: s('SELECT 1'),
      probeInsert: s("INSERT INTO streams (stream, revision) VALUES ('$write-probe', -1) ON CONFLICT (stream) DO NOTHING"),
      probeDelete: s("DELETE FROM streams WHERE stream = '$write-probe'"),
      // AUTOINCREMENT keeps the highest position ever given out here, even after rows are deleted.
      lastAssigned: s("SELECT seq FROM sqlite_sequence WHERE name = 'events'"),
      heads: s('SELECT stream, revision FROM streams WHERE stream > ? ORDER BY stream LIMIT ?'),
    };
  }

  appendToStream(stream: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    try {
      this.assertOpen();
      assertWritableStream(stream);
      validateEvents(events);
    } catch (error) {
      return Promise.reject(error);
    }
    // Serialise outside the transaction so the write lock is held only for the inserts.
    const rows = events.map((e) => ({
      id: e.id.toLowerCase(),
      type: e.type,
      data: JSON.stringify(e.data),
      metadata: JSON.stringify(e.metadata ?? {}),
    }));
    return this.writer.run(() => storageErrorsAsUnavailable(() => this.appendInTransaction(stream, rows, options)));
  }

  /**
   * Whether the log takes a write now, without writing an event (for readiness after a failed append):
   * a row is added to `streams` and removed again in one committed transaction, so its pages are
   * written and synced as an append's are, and a full disk or a failing device refuses it the same way.
   */
  probeWrite(): Promise<void> {
    try {
      this.assertOpen();
    } catch (error) {
      return Promise.reject(error);
    }
    return this.writer.run(() =>
      storageErrorsAsUnavailable(() => {
        this.sql.probeInsert.run();
        this.sql.probeDelete.run();
      }),
    );
  }

  private appendInTransaction(stream: string, rows: Array<{ id: string; type: string; data: string; metadata: string }>, options: AppendOptions): AppendResult {
    const settings = this.settingsOf(stream);
    if (settings.tombstoned) throw new StreamDeletedError(stream);
    const repeat = this.findRepeat(stream, rows);
    if (repeat) return repeat;
    const current = this.currentOf(stream);
    const { recreates } = checkWrite(stream, current, settings, options.expectedRevision);
    if (recreates) this.saveSettings(stream, { ...settings, metadata: recreatedMetadata(settings, current) });
    const created = this.clock().toISOString();
    let revision = current === 'no_stream' ? -1n : current;
    let position = 0n;
    for (const row of rows) {
      revision += 1n;
      const info = this.sql.insert.run(stream, revision, row.id, row.type, row.data, row.metadata, created);
      position = BigInt(info.lastInsertRowid);
    }
    this.sql.setRevision.run(stream, revision);
    return { nextExpectedRevision: revision, position: positionOf(position) };
  }

  /**
   * A retry after a lost acknowledgement repeats ids already stored: when they stand in this stream in
   * the same order, the original result is returned and nothing is written (as EventStoreDB does).
   */
  private findRepeat(stream: string, rows: Array<{ id: string }>): AppendResult | undefined {
    const first = this.sql.byId.get(rows[0].id) as { stream: string; revision: bigint } | undefined;
    if (!first) {
      const clash = rows.find((r) => this.sql.byId.get(r.id) !== undefined);
      if (clash) throw new DuplicateEventIdError(stream, clash.id);
      return undefined;
    }
    let last: { stream: string; revision: bigint; position: bigint } | undefined;
    rows.forEach((row, i) => {
      const hit = this.sql.byId.get(row.id) as typeof last;
      if (!hit || hit.stream !== stream || hit.revision !== first.revision + BigInt(i)) {
        throw new DuplicateEventIdError(stream, row.id);
      }
      last = hit;
    });
    return { nextExpectedRevision: last!.revision, position: positionOf(last!.position) };
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    let remaining = maxCountOf(options.maxCount);
    const from = options.fromRevision ?? (backwards ? 'end' : 'start');
    let cursor = from === 'start' ? 0n : from === 'end' ? (backwards ? BigInt(Number.MAX_SAFE_INTEGER) : -1n) : from;
    const { head, settings } = this.guard(() => ({ head: this.currentOf(stream), settings: this.settingsOf(stream) }));
    if (settings.tombstoned) throw new StreamDeletedError(stream);
    if (head === 'no_stream' || isSoftDeleted(settings)) throw new StreamNotFoundError(stream);
    if (from === 'end' && !backwards) return;
    const first = firstVisibleRevision(head, settings.metadata);
    const since = oldestVisible(settings.metadata, this.clock())?.toISOString() ?? '';
    if (!backwards && cursor < first) cursor = first;
    const query = backwards
      ? (c: bigint, limit: bigint) => this.sql.streamBackwards.all(stream, c, first, since, limit)
      : (c: bigint, limit: bigint) => this.sql.streamForwards.all(stream, c, since, limit);
    while (remaining > 0n) {
      const limit = remaining < BigInt(PAGE) ? remaining : BigInt(PAGE);
      const page = this.guard(() => query(cursor, limit) as EventRow[]);
      for (const row of page) yield toRecorded(row);
      if (page.length < Number(limit)) return;
      remaining -= BigInt(page.length);
      cursor = page[page.length - 1].revision + (backwards ? -1n : 1n);
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const matches = compileFilter(options.filter);
    let remaining = maxCountOf(options.maxCount);
    const from = options.fromPosition ?? (backwards ? 'end' : 'start');
    if (from === 'end' && !backwards) return;
    if (typeof from === 'object') assertLogPosition(from);
    let cursor = from === 'start' ? 0n : from === 'end' ? BigInt(Number.MAX_SAFE_INTEGER) : from.commit;
    const query = backwards ? this.sql.allBackwards : this.sql.allForwards;
    while (remaining > 0n) {
      const page = this.guard(() => query.all(cursor, PAGE) as EventRow[]);
      for (const row of page) {
        if (!matches(row.stream, row.type)) continue;
        yield toRecorded(row);
        if (--remaining === 0n) return;
      }
      if (page.length < PAGE) return;
      cursor = page[page.length - 1].position + (backwards ? -1n : 1n);
    }
  }

  deleteStream(stream: string, options: DeleteOptions): Promise<void> {
    return this.write(stream, () => {
      const settings = this.settingsOf(stream);
      const current = this.currentOf(stream);
      checkWrite(stream, current, settings, options.expectedRevision);
      const known = current !== 'no_stream' || this.sql.settings.get(stream) !== undefined;
      if (!known) throw new WrongExpectedVersionError(stream, options.expectedRevision, current);
      this.saveSettings(stream, { tombstoned: false, metadata: { truncateBefore: SOFT_DELETED } });
    });
  }

  tombstoneStream(stream: string, options: DeleteOptions): Promise<void> {
    return this.write(stream, () => {
      const settings = this.settingsOf(stream);
      checkWrite(stream, this.currentOf(stream), settings, options.expectedRevision);
      this.saveSettings(stream, { tombstoned: true, metadata: settings.metadata });
    });
  }

  setStreamMetadata(stream: string, metadata: StreamMetadata): Promise<void> {
    return this.write(stream, () => {
      const settings = this.settingsOf(stream);
      this.saveSettings(stream, { ...settings, metadata: replacedMetadata(settings, this.currentOf(stream), metadata) });
    });
  }

  async getStreamMetadata(stream: string): Promise<StreamMetadata> {
    this.assertOpen();
    return { ...this.guard(() => this.settingsOf(stream)).metadata };
  }

  /** A change to a stream's settings, through the same writer (and transaction order) as appends. */
  private write(stream: string, change: () => void): Promise<void> {
    try {
      this.assertOpen();
      assertWritableStream(stream);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.writer.run(() => storageErrorsAsUnavailable(change));
  }

  private currentOf(stream: string): CurrentRevision {
    const found = this.sql.streamRevision.get(stream) as { revision: bigint } | undefined;
    return found ? found.revision : 'no_stream';
  }

  private settingsOf(stream: string): StreamSettings {
    const row = this.sql.settings.get(stream) as StreamSettingsRow | undefined;
    if (!row) return NO_SETTINGS;
    const metadata: { maxAge?: number; maxCount?: number; truncateBefore?: bigint } = {};
    if (row.max_age !== null) metadata.maxAge = Number(row.max_age);
    if (row.max_count !== null) metadata.maxCount = Number(row.max_count);
    if (row.truncate_before !== null) metadata.truncateBefore = row.truncate_before;
    return { tombstoned: row.tombstoned === 1n, metadata };
  }

  private saveSettings(stream: string, settings: StreamSettings): void {
    const m = settings.metadata;
    this.sql.setSettings.run(stream, settings.tombstoned ? 1 : 0, m.maxAge ?? null, m.maxCount ?? null, m.truncateBefore ?? null);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    this.assertOpen();
    return catchUpSubscription(
      {
        readAfter: (after: Position, limit: number) => this.guard(() => (this.sql.after.all(after.commit, limit) as EventRow[]).map(toRecorded)),
        onCommitted: (listener) => {
          this.committed.on('committed', listener);
          return () => this.committed.off('committed', listener);
        },
      },
      options,
      this.options.subscription,
    );
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.guard(() => this.sql.ping.get());
  }

  /**
   * Positions are dense: AUTOINCREMENT numbers from 1, and a failed append rolls its numbers back with
   * its transaction (or savepoint), so only a deletion leaves a hole. `streams` is kept apart from the
   * events (the concurrency check reads it), so it still names a stream's last revision after the
   * event rows are gone.
   */
  bookkeeping(): StoreBookkeeping {
    return {
      densePositions: () => {
        this.assertOpen();
        const row = this.guard(() => this.sql.lastAssigned.get() as { seq: bigint } | undefined);
        return { first: 1n, lastAssigned: row ? BigInt(row.seq) : null };
      },
      streamHeads: () => this.streamHeads(),
      streamHead: (stream) => {
        this.assertOpen();
        return (this.guard(() => this.sql.streamRevision.get(stream)) as { revision: bigint } | undefined)?.revision;
      },
    };
  }

  private async *streamHeads(): AsyncIterable<{ stream: string; revision: bigint }> {
    this.assertOpen();
    let after = '';
    for (;;) {
      const page = this.guard(() => this.sql.heads.all(after, PAGE) as Array<{ stream: string; revision: bigint }>);
      yield* page;
      if (page.length < PAGE) return;
      after = page[page.length - 1].stream;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writer.drained();
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The event log is closed');
  }

  private guard<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      if (error instanceof EventStoreError) throw error;
      throw new StoreUnavailableError('The event log could not be read', { cause: error });
    }
  }
}

/**
 * A write that fails inside its savepoint for want of space or a working disk (SQLITE_FULL on an
 * insert, say) is the store's failure, not the caller's: it is a StoreUnavailableError (503), as a
 * failed commit is, and never a raw SqliteError (a 500).
 */
function storageErrorsAsUnavailable<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof EventStoreError) throw error;
    throw new StoreUnavailableError('The event log could not write', { cause: error });
  }
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    stream: row.stream,
    revision: row.revision,
    position: positionOf(row.position),
    id: row.id,
    type: row.type,
    data: JSON.parse(row.data) as JsonObject,
    metadata: JSON.parse(row.metadata) as JsonObject,
    created: new Date(row.created),
  };
}
