import { randomUUID } from 'node:crypto';
import { positionOf } from '@app/event-store';
import { Projection, ProjectionEvent, SelectedRow } from '../projection';
import { ReadModelDb } from '../read-model-db';

/**
 * Given events (type, data, optional metadata), apply them with the projection's handler into an
 * in-memory read-model database and read its tables back: specs for projections, from events to rows.
 */
export function projectionSpec(projection: Projection) {
  const db = new ReadModelDb(':memory:');
  const generation = db.createGeneration(projection, 'live');
  let position = 0n;
  const apply = (events: ProjectionEvent[]) => db.transaction(() => events.forEach((e) => db.apply(projection.name, generation, projection.handle(e))));
  return {
    db,
    /** Builds a ProjectionEvent with sensible defaults. */
    event(type: string, data: Record<string, unknown>, extra: Partial<ProjectionEvent> = {}): ProjectionEvent {
      position += 1n;
      return {
        id: randomUUID(),
        stream: extra.stream ?? `stream-${data.caseId ?? data.personId ?? data.unitId ?? 'x'}`,
        revision: 0n,
        position: positionOf(position),
        type,
        data,
        metadata: {
          actorId: 'u1',
          actorRole: 'case_worker',
          recordedAt: '2026-01-01T10:00:00.000Z',
          commandId: 'c',
          correlationId: 'c',
          causationId: 'c',
          ...extra.metadata,
        },
        created: new Date('2026-01-01T10:00:00.000Z'),
        ...extra,
      };
    },
    given(...events: ProjectionEvent[]) {
      apply(events);
      return this;
    },
    /**
     * Another read model in the same database, built from its own events: for a query that joins
     * tables of two projections (the access log naming its readers from the staff read model).
     */
    alongside(other: Projection, ...events: ProjectionEvent[]) {
      const otherGeneration = db.createGeneration(other, 'live');
      db.transaction(() => events.forEach((e) => db.apply(other.name, otherGeneration, other.handle(e))));
      return this;
    },
    rows(table: string, orderBy = '1'): SelectedRow[] {
      return db.db.prepare(`SELECT * FROM "${db.table(projection.name, table)}" ORDER BY ${orderBy}`).all() as SelectedRow[];
    },
    /** Every table's rows, to compare states (e.g. after applying the same events twice). */
    snapshot(): Record<string, SelectedRow[]> {
      return Object.fromEntries(projection.tables.map((t) => [t.name, this.rows(t.name)]));
    },
  };
}
