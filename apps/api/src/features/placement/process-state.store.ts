import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatPosition, parsePosition, Position } from '@app/event-store';

export interface PendingConfirmation {
  readonly kind: 'reservation' | 'transfer' | 'mapping';
  /** offerId, transferId or mappingId */
  readonly id: string;
  readonly unitId: string;
  readonly caseId: string;
  readonly on: string;
  readonly seenAt: string;
}

/**
 * Durable state of the background processes (not read models): each process's checkpoint, and unit
 * changes made ahead of their case (a reservation before its offer, a transfer's new unit before the
 * case moved, an assessment flat before the mapping started) that are still waiting for the case to
 * confirm them. Both are written in one transaction
 * per event, so a crash never loses a pending entry nor skips an event.
 */
export class ProcessStateStore {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'processes.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS pending_confirmations (
        kind TEXT NOT NULL, id TEXT NOT NULL, unit_id TEXT NOT NULL, case_id TEXT NOT NULL,
        on_date TEXT NOT NULL, seen_at TEXT NOT NULL, PRIMARY KEY (kind, id)
      );`);
  }

  checkpoint(name: string): Position | undefined {
    const row = this.db.prepare('SELECT position FROM checkpoints WHERE name = ?').get(name) as { position: string } | undefined;
    return row ? parsePosition(row.position) : undefined;
  }

  /** Records what an event changed and advances the checkpoint past it, atomically. */
  advance(name: string, position: Position, change: { add?: PendingConfirmation; confirm?: { kind: string; id: string } } = {}): void {
    this.db.transaction(() => {
      if (change.add) {
        const p = change.add;
        this.db
          .prepare('INSERT OR IGNORE INTO pending_confirmations (kind, id, unit_id, case_id, on_date, seen_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(p.kind, p.id, p.unitId, p.caseId, p.on, p.seenAt);
      }
      if (change.confirm) this.db.prepare('DELETE FROM pending_confirmations WHERE kind = ? AND id = ?').run(change.confirm.kind, change.confirm.id);
      this.db
        .prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position')
        .run(name, formatPosition(position));
    })();
  }

  pendingSeenBefore(cutoff: string): PendingConfirmation[] {
    return (
      this.db.prepare('SELECT kind, id, unit_id, case_id, on_date, seen_at FROM pending_confirmations WHERE seen_at < ? ORDER BY seen_at').all(cutoff) as Array<
        Record<string, string>
      >
    ).map((r) => ({ kind: r.kind as PendingConfirmation['kind'], id: r.id, unitId: r.unit_id, caseId: r.case_id, on: r.on_date, seenAt: r.seen_at }));
  }

  resolve(kind: string, id: string): void {
    this.db.prepare('DELETE FROM pending_confirmations WHERE kind = ? AND id = ?').run(kind, id);
  }

  close(): void {
    this.db.close();
  }
}
