import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatPosition, parsePosition, Position } from '@app/event-store';
import { Projection, Row, RowChange, SqlValue, SelectedRow } from './projection';

export type GenerationStatus = 'live' | 'building' | 'retired';

export interface GenerationRow {
  readonly name: string;
  readonly generation: number;
  readonly version: number;
  readonly status: GenerationStatus;
  readonly position: Position | null;
  readonly eventsApplied: number;
  readonly paused: boolean;
  readonly failure: string | null;
}

const REGISTRY = `
CREATE TABLE IF NOT EXISTS projection_generations (
  name TEXT NOT NULL,
  generation INTEGER NOT NULL,
  version INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('live', 'building', 'retired')),
  position TEXT,
  events_applied INTEGER NOT NULL DEFAULT 0,
  paused INTEGER NOT NULL DEFAULT 0,
  failure TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (name, generation)
);
CREATE TABLE IF NOT EXISTS projection_dead_letters (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  generation INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  position TEXT NOT NULL,
  event_type TEXT NOT NULL,
  error TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  parked_at TEXT NOT NULL,
  replayed_at TEXT
);`;

/**
 * SQLite result codes that say the file or the disk failed, not the SQL: full, I/O, locked or busy
 * past the timeout, out of memory, read-only, cannot open, corrupt. A handler's rows can never cause
 * these, so an event that meets one is retried later, never parked as if its handler were broken.
 */
const STORAGE_CODES = /^SQLITE_(FULL|IOERR|BUSY|LOCKED|NOMEM|READONLY|CANTOPEN|PROTOCOL|NOLFS|CORRUPT|NOTADB|INTERRUPT|AUTH)/;

export function isStorageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && STORAGE_CODES.test(code);
}

/** Tables are named by projection, table and generation, so two projections never share a table. */
export const physicalName = (projection: string, table: string, generation: number) => `${projection}__${table}__g${generation}`;

/**
 * The read models' SQLite file (in DATA_DIR, also in EventStoreDB mode: each app instance keeps its own
 * replica). Every projection's tables exist per generation; `projection_generations` says which one is
 * live, so a rebuild fills the next generation beside the live one and a swap is one UPDATE.
 */
export class ReadModelDb {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // Read models are rebuilt from the log, so a power cut may cost the last batches, never correctness.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // Erased personal data must not linger in free pages (crypto-shredding purges rows; see compact()).
    this.db.pragma('secure_delete = ON');
    // A rebuild touches every table's B-trees in turn; SQLite's default 2 MB page cache makes it re-read
    // the same pages from the OS for each batch. 16 MB rebuilt 1M events as fast as 64 or 512 MB did
    // (bench/projections), and memory counts too.
    this.db.pragma('cache_size = -16384');
    this.db.exec(REGISTRY);
  }

  generations(name: string): GenerationRow[] {
    return (this.db.prepare('SELECT * FROM projection_generations WHERE name = ? ORDER BY generation').all(name) as Array<SelectedRow>).map(toGeneration);
  }

  live(name: string): GenerationRow | undefined {
    return this.generations(name).find((g) => g.status === 'live');
  }

  building(name: string): GenerationRow | undefined {
    return this.generations(name).find((g) => g.status === 'building');
  }

  /** The physical table a query reads: the live generation's. */
  table(projection: string, table: string): string {
    const live = this.db.prepare("SELECT generation FROM projection_generations WHERE name = ? AND status = 'live'").get(projection) as
      { generation: number } | undefined;
    if (!live) throw new Error(`Projection ${projection} has no live generation`);
    return physicalName(projection, table, live.generation);
  }

  /**
   * Creates a new generation's tables (empty, no checkpoint) and registers it. A generation being built
   * gets its secondary indexes only when it is swapped in: one sort per index at the end is far cheaper
   * than keeping every index up to date row by row through a rebuild, and nothing queries it before.
   */
  createGeneration(projection: Projection, status: 'live' | 'building'): number {
    return this.db.transaction(() => {
      const max = this.db.prepare('SELECT MAX(generation) AS g FROM projection_generations WHERE name = ?').get(projection.name) as { g: number | null };
      const generation = (max.g ?? 0) + 1;
      for (const table of projection.tables) {
        const name = physicalName(projection.name, table.name, generation);
        this.db.exec(`DROP TABLE IF EXISTS "${name}"`);
        this.db.exec(`CREATE TABLE "${name}" (${table.columns})`);
      }
      if (status === 'live') this.createIndexes(projection, generation);
      this.db
        .prepare('INSERT INTO projection_generations (name, generation, version, status, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run(projection.name, generation, projection.version, status, new Date().toISOString());
      return generation;
    })();
  }

  /** The secondary indexes of a generation's tables (IF NOT EXISTS: some may have been made already). */
  private indexStatements(projection: Projection, generation: number): string[] {
    return projection.tables.flatMap((table) => {
      const name = physicalName(projection.name, table.name, generation);
      return (table.indexes ?? []).map((columns, i) => `CREATE INDEX IF NOT EXISTS "${name}_i${i}" ON "${name}" ${columns}`);
    });
  }

  private createIndexes(projection: Projection, generation: number): void {
    for (const sql of this.indexStatements(projection, generation)) this.db.exec(sql);
  }

  /**
   * Makes a built generation's indexes one at a time, letting the event loop run between them, so a
   * serving app goes on answering while a large rebuild is made ready to swap in.
   */
  async createIndexesGradually(projection: Projection, generation: number): Promise<void> {
    for (const sql of this.indexStatements(projection, generation)) {
      this.db.exec(sql);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Makes a built generation live and retires the one before, atomically, with the new generation's
   * indexes made in the same transaction; then drops the old tables.
   */
  swap(projection: Projection, generation: number): void {
    const old = this.live(projection.name);
    this.db.transaction(() => {
      this.createIndexes(projection, generation);
      this.db
        .prepare("UPDATE projection_generations SET status = 'retired', updated_at = ? WHERE name = ? AND status = 'live'")
        .run(new Date().toISOString(), projection.name);
      this.db
        .prepare("UPDATE projection_generations SET status = 'live', updated_at = ? WHERE name = ? AND generation = ?")
        .run(new Date().toISOString(), projection.name, generation);
    })();
    if (old) this.dropGeneration(projection, old.generation);
  }

  dropGeneration(projection: Projection, generation: number): void {
    this.db.transaction(() => {
      for (const table of projection.tables) this.db.exec(`DROP TABLE IF EXISTS "${physicalName(projection.name, table.name, generation)}"`);
      this.db.prepare('DELETE FROM projection_generations WHERE name = ? AND generation = ?').run(projection.name, generation);
    })();
  }

  /**
   * Applies a member's row changes to its generation's tables (inside the caller's transaction). Each
   * statement is prepared once per shape (generation, table, operation, columns) and found again by a
   * short key, not by building the change's whole SQL text first.
   */
  apply(projection: string, generation: number, changes: readonly RowChange[]): void {
    for (const change of changes) {
      switch (change.op) {
        case 'upsert': {
          const columns = Object.keys(change.row);
          const key = `u|${projection}|${generation}|${change.table}|${columns.join(',')}|${change.key.join(',')}`;
          const statement = this.shaped(key, () => {
            const updates = columns.filter((c) => !change.key.includes(c));
            return (
              `INSERT INTO "${physicalName(projection, change.table, generation)}" (${columns.map(q).join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ` +
              `ON CONFLICT (${change.key.map(q).join(', ')}) DO ` +
              (updates.length ? `UPDATE SET ${updates.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}` : 'NOTHING')
            );
          });
          statement.run(values(change.row, columns));
          break;
        }
        case 'update': {
          const set = Object.keys(change.set);
          const where = Object.keys(change.where);
          const key = `p|${projection}|${generation}|${change.table}|${set.join(',')}|${where.join(',')}`;
          const statement = this.shaped(
            key,
            () =>
              `UPDATE "${physicalName(projection, change.table, generation)}" SET ${set.map((c) => `${q(c)} = ?`).join(', ')} WHERE ${where.map((c) => `${q(c)} = ?`).join(' AND ')}`,
          );
          statement.run([...values(change.set, set), ...values(change.where, where)]);
          break;
        }
        case 'delete': {
          const where = Object.keys(change.where);
          const key = `d|${projection}|${generation}|${change.table}|${where.join(',')}`;
          const statement = this.shaped(
            key,
            () => `DELETE FROM "${physicalName(projection, change.table, generation)}" WHERE ${where.map((c) => `${q(c)} = ?`).join(' AND ')}`,
          );
          statement.run(values(change.where, where));
          break;
        }
      }
    }
  }

  /** Advances a member's checkpoint (inside the caller's transaction, with its rows). */
  checkpoint(name: string, generation: number, position: Position, applied: number): void {
    this.statement('UPDATE projection_generations SET position = ?, events_applied = events_applied + ?, updated_at = ? WHERE name = ? AND generation = ?').run(
      formatPosition(position),
      applied,
      new Date().toISOString(),
      name,
      generation,
    );
  }

  setPaused(name: string, generation: number, paused: boolean, failure: string | null): void {
    this.db
      .prepare('UPDATE projection_generations SET paused = ?, failure = ?, updated_at = ? WHERE name = ? AND generation = ?')
      .run(paused ? 1 : 0, failure, new Date().toISOString(), name, generation);
  }

  park(name: string, generation: number, event: { id: string; position: Position; type: string }, error: string, attempts: number): void {
    this.statement(
      'INSERT INTO projection_dead_letters (name, generation, event_id, position, event_type, error, attempts, parked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(name, generation, event.id, formatPosition(event.position), event.type, error, attempts, new Date().toISOString());
  }

  /** Parked events, oldest first: those still waiting, or (`replayed: true`) those already replayed. */
  parked(
    name: string,
    generation?: number,
    options: { replayed?: boolean } = {},
  ): Array<{ id: number; eventId: string; position: Position; eventType: string; error: string }> {
    const replayed = options.replayed ? 'IS NOT NULL' : 'IS NULL';
    const rows = this.db
      .prepare(`SELECT * FROM projection_dead_letters WHERE name = ? AND replayed_at ${replayed} AND (? IS NULL OR generation = ?) ORDER BY id`)
      .all(name, generation ?? null, generation ?? null) as Array<SelectedRow>;
    return rows.map((r) => ({ id: r.id, eventId: r.event_id, position: parsePosition(r.position), eventType: r.event_type, error: r.error }));
  }

  markReplayed(id: number): void {
    this.db.prepare('UPDATE projection_dead_letters SET replayed_at = ? WHERE id = ?').run(new Date().toISOString(), id);
  }

  /**
   * Folds the WAL into the database and truncates it, so no old copy of a purged row stays on disk.
   * False when that could not fully happen: another connection reads an older snapshot (try again).
   * Waits a few milliseconds at most, so the event loop is never held.
   */
  compact(): boolean {
    this.db.pragma('busy_timeout = 20');
    try {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      return result.busy === 0;
    } finally {
      this.db.pragma('busy_timeout = 5000');
    }
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  close(): void {
    this.db.close();
  }

  private shaped(key: string, sql: () => string): Database.Statement {
    let s = this.statements.get(key);
    if (!s) {
      s = this.db.prepare(sql());
      this.statements.set(key, s);
    }
    return s;
  }

  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }
}

const q = (column: string) => `"${column.replace(/"/g, '')}"`;
const bind = (value: SqlValue | boolean | undefined): SqlValue => (value === undefined ? null : typeof value === 'boolean' ? (value ? 1 : 0) : value);

function values(row: Row, columns: readonly string[]): SqlValue[] {
  const out = new Array<SqlValue>(columns.length);
  for (let i = 0; i < columns.length; i++) out[i] = bind(row[columns[i]] as SqlValue | boolean | undefined);
  return out;
}

function toGeneration(r: SelectedRow): GenerationRow {
  return {
    name: r.name,
    generation: r.generation,
    version: r.version,
    status: r.status,
    position: r.position ? parsePosition(r.position) : null,
    eventsApplied: r.events_applied,
    paused: r.paused === 1,
    failure: r.failure,
  };
}

export type { Row };
