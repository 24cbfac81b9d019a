import type { Position } from '@app/event-store';

/** An event as a projection handler sees it: decoded (upcast) data and its metadata. */
export interface ProjectionEvent {
  readonly id: string;
  readonly stream: string;
  readonly revision: bigint;
  readonly position: Position;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
  readonly created: Date;
}

/** Values a read-model column holds. Booleans are stored as 0/1, dates as ISO strings. */
export type SqlValue = string | number | bigint | null;
export type Row = Readonly<Record<string, SqlValue>>;

/**
 * A row as a query reads it back. SQLite cannot tell TypeScript a SELECT's columns, so this is the one
 * untyped value of the read side, and each query maps it to its typed answer at once (toEntry, toSummary…).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one untyped value, documented above
export type SelectedRow = Record<string, any>;

/**
 * What a handler asks for, instead of writing itself: handlers stay pure functions of the event, and
 * the engine applies the changes in the batch's transaction. Every change is written so that applying
 * the same event twice leaves the same rows (absolute values, keyed upserts; no increments).
 */
export type RowChange =
  | { readonly op: 'upsert'; readonly table: string; readonly row: Row; readonly key: readonly string[] }
  | { readonly op: 'update'; readonly table: string; readonly set: Row; readonly where: Row }
  | { readonly op: 'delete'; readonly table: string; readonly where: Row };

export interface TableDefinition {
  /** Logical name; the engine stores it per generation as `<name>__g<generation>`. */
  readonly name: string;
  /** Column definitions and constraints, as inside CREATE TABLE ( … ). */
  readonly columns: string;
  /** Index definitions as `(<columns>)`; the engine names them. */
  readonly indexes?: readonly string[];
}

export interface Projection {
  /** Stable name, also the name queries use. */
  readonly name: string;
  /** Bump when the handler or the tables change: the engine rebuilds a new generation from the log. */
  readonly version: number;
  /** Event types the handler reads, or '*' for all; others never reach it. */
  readonly eventTypes: readonly string[] | '*';
  readonly tables: readonly TableDefinition[];
  /** After retries: park the event and go on, or park it and stop this projection until someone looks. */
  readonly onPoison: 'continue' | 'pause';
  handle(event: ProjectionEvent): readonly RowChange[];
}

/**
 * `stalled`: it cannot write its rows or read the log right now (a full disk, an I/O error, a lost
 * connection) and retries by itself; nothing is parked for it. `paused`: a handler failed on an event,
 * which is parked, and someone must look (projections:replay-parked).
 */
export type ProjectionState = 'catching_up' | 'live' | 'paused' | 'stalled' | 'rebuilding';

export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly generation: number;
  readonly state: ProjectionState;
  readonly position: string | null;
  /** Events between the checkpoint and the head of the log (exact on SQLite; null when unknown). */
  readonly lagEvents: number | null;
  /** Age of the oldest event not yet applied; 0 when live. */
  readonly lagSeconds: number;
  /** Events of the live generation parked and not yet replayed. */
  readonly parkedEvents: number;
  readonly eventsApplied: number;
  /** While stalled: why (storage or log), the error's code, since when. */
  readonly stall?: { readonly kind: 'storage' | 'log' | 'keys'; readonly error: string; readonly since: string };
  readonly rebuild?: { readonly generation: number; readonly position: string | null; readonly eventsApplied: number };
}
