import Database from 'better-sqlite3';
import { positionOf, RecordedEvent, SqliteEventStore } from '@app/event-store';
import { physicalName, Projection, ProjectionEvent, ReadModelDb, Row, RowChange, SqlValue } from '@app/projections';

/**
 * A PROTOTYPE of the rebuild path with the changes the profile points to, kept in the bench folder
 * (libs/projections is not changed). Same read models, same decode, same ReadModelDb registry and
 * generation tables; what differs:
 *
 *  1. batches, not events: the log is read a page at a time, synchronously (what the SQLite LogSource's
 *     readAfter already does inside the catch-up subscription), so there is no async-generator step, no
 *     Promise.race and no 2 ms linger timer per event;
 *  2. bigger transactions (BATCH events, default 5000) and a bigger page cache on the read-model file
 *     while it builds;
 *  3. statements looked up by a cheap key (table, op, columns) instead of building each change's full
 *     SQL text to find its cached statement;
 *  4. secondary indexes created once the generation has caught up (one sort per index) instead of
 *     maintained row by row through the rebuild.
 *
 * Each can be switched off (PrototypeOptions) to see what it is worth.
 */
export interface PrototypeOptions {
  readonly batch?: number;
  readonly cacheMb?: number;
  readonly fastApply?: boolean;
  readonly deferIndexes?: boolean;
  /** PRAGMA secure_delete while building (the app sets ON for crypto-shredding). */
  readonly secureDelete?: boolean;
  /** PRAGMA synchronous while building (the app: NORMAL). */
  readonly synchronous?: 'OFF' | 'NORMAL';
}

export class PrototypeEngine {
  private readonly db: ReadModelDb;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly options: Required<PrototypeOptions>;

  constructor(
    private readonly spec: {
      file: string;
      store: SqliteEventStore;
      projections: readonly Projection[];
      decode: (e: RecordedEvent) => ProjectionEvent;
      limit?: number;
      options?: PrototypeOptions;
    },
  ) {
    this.options = { batch: 5000, cacheMb: 64, fastApply: true, deferIndexes: true, secureDelete: true, synchronous: 'NORMAL', ...spec.options };
    this.db = new ReadModelDb(spec.file);
    this.db.db.pragma(`cache_size = -${this.options.cacheMb * 1024}`);
    this.db.db.pragma(`secure_delete = ${this.options.secureDelete ? 'ON' : 'OFF'}`);
    this.db.db.pragma(`synchronous = ${this.options.synchronous}`);
  }

  async rebuild(): Promise<string> {
    const { projections, decode } = this.spec;
    const { batch, deferIndexes } = this.options;
    const members = projections.map((p) => {
      const created = deferIndexes ? { ...p, tables: p.tables.map((t) => ({ ...t, indexes: [] })) } : p;
      const generation = this.db.createGeneration(created, 'building');
      const types = p.eventTypes === '*' ? undefined : new Set(p.eventTypes);
      return { p, generation, handles: (type: string) => !types || types.has(type) };
    });
    // The store's own "events after position, up to n" statement: a batch read API the LogSource has.
    const after = (this.spec.store as unknown as { sql: { after: Database.Statement } }).sql.after;
    const limit = this.spec.limit ?? Number.MAX_SAFE_INTEGER;
    let cursor = 0n;
    let applied = 0;
    for (;;) {
      const rows = after.all(cursor, Math.min(batch, limit - applied)) as Array<Record<string, any>>;
      if (rows.length === 0) break;
      const events = rows.map((r) => decode(toRecorded(r)));
      const last = events[events.length - 1].position;
      this.db.transaction(() => {
        for (const event of events) {
          for (const m of members) {
            if (!m.handles(event.type)) continue;
            const changes = m.p.handle(event);
            if (this.options.fastApply) this.apply(m.p.name, m.generation, changes);
            else this.db.apply(m.p.name, m.generation, changes);
          }
        }
        for (const m of members) this.db.checkpoint(m.p.name, m.generation, last, 0);
      });
      applied += rows.length;
      cursor = last.commit;
      if (applied >= limit) break;
      // Let timers and I/O run between batches, as a CLI progress bar or a serving app needs.
      await new Promise((r) => setImmediate(r));
    }
    let indexSeconds = 0;
    if (deferIndexes) {
      const started = performance.now();
      this.db.transaction(() => {
        for (const m of members) {
          for (const t of m.p.tables) {
            const name = physicalName(m.p.name, t.name, m.generation);
            (t.indexes ?? []).forEach((columns, i) => this.db.db.exec(`CREATE INDEX "${name}_i${i}" ON "${name}" ${columns}`));
          }
        }
      });
      indexSeconds = (performance.now() - started) / 1000;
    }
    const o = this.options;
    return (
      `batch ${batch}, cache ${o.cacheMb} MB, ${o.fastApply ? 'keyed statements' : 'ReadModelDb.apply'}, ${deferIndexes ? `indexes after (${indexSeconds.toFixed(1)} s)` : 'indexes during'}` +
      `${o.secureDelete ? '' : ', secure_delete OFF'}${o.synchronous === 'NORMAL' ? '' : `, synchronous ${o.synchronous}`}`
    );
  }

  close(): void {
    this.db.close();
  }

  /** ReadModelDb.apply, with statements found by (generation, table, op, columns) rather than by full SQL text. */
  private apply(projection: string, generation: number, changes: readonly RowChange[]): void {
    for (const change of changes) {
      switch (change.op) {
        case 'upsert': {
          const columns = Object.keys(change.row);
          const key = `u\u0000${projection}\u0000${generation}\u0000${change.table}\u0000${columns.join('\u0001')}\u0000${change.key.join('\u0001')}`;
          let s = this.statements.get(key);
          if (!s) {
            const table = physicalName(projection, change.table, generation);
            const updates = columns.filter((c) => !change.key.includes(c));
            s = this.db.db.prepare(
              `INSERT INTO "${table}" (${columns.map(q).join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ` +
                `ON CONFLICT (${change.key.map(q).join(', ')}) DO ` +
                (updates.length ? `UPDATE SET ${updates.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}` : 'NOTHING'),
            );
            this.statements.set(key, s);
          }
          s.run(...values(change.row, columns));
          break;
        }
        case 'update': {
          const set = Object.keys(change.set);
          const where = Object.keys(change.where);
          const key = `p\u0000${projection}\u0000${generation}\u0000${change.table}\u0000${set.join('\u0001')}\u0000${where.join('\u0001')}`;
          let s = this.statements.get(key);
          if (!s) {
            const table = physicalName(projection, change.table, generation);
            s = this.db.db.prepare(`UPDATE "${table}" SET ${set.map((c) => `${q(c)} = ?`).join(', ')} WHERE ${where.map((c) => `${q(c)} = ?`).join(' AND ')}`);
            this.statements.set(key, s);
          }
          s.run(...values(change.set, set), ...values(change.where, where));
          break;
        }
        case 'delete': {
          const where = Object.keys(change.where);
          const key = `d\u0000${projection}\u0000${generation}\u0000${change.table}\u0000${where.join('\u0001')}`;
          let s = this.statements.get(key);
          if (!s) {
            const table = physicalName(projection, change.table, generation);
            s = this.db.db.prepare(`DELETE FROM "${table}" WHERE ${where.map((c) => `${q(c)} = ?`).join(' AND ')}`);
            this.statements.set(key, s);
          }
          s.run(...values(change.where, where));
          break;
        }
        default:
          // A kind of change this prototype does not know: let the engine's own code apply it.
          this.db.apply(projection, generation, [change]);
      }
    }
  }
}

const q = (column: string) => `"${column.replace(/"/g, '')}"`;

function values(row: Row, columns: readonly string[]): SqlValue[] {
  const out = new Array<SqlValue>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const v = row[columns[i]] as SqlValue | boolean | undefined;
    out[i] = v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v;
  }
  return out;
}

/** As SqliteEventStore's toRecorded (private there). */
function toRecorded(row: Record<string, any>): RecordedEvent {
  return {
    stream: row.stream,
    revision: row.revision,
    position: positionOf(row.position),
    id: row.id,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    created: new Date(row.created),
  };
}
