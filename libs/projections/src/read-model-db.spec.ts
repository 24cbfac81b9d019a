import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Projection } from './projection';
import { physicalName, ReadModelDb } from './read-model-db';

const notes: Projection = {
  name: 'notes',
  version: 1,
  eventTypes: '*',
  onPoison: 'continue',
  tables: [
    { name: 'notes', columns: 'note_id TEXT PRIMARY KEY, person TEXT NOT NULL, body TEXT, flagged INTEGER', indexes: ['(person)', '(flagged, person)'] },
  ],
  handle: () => [],
};

describe('ReadModelDb', () => {
  let dir: string;
  let db: ReadModelDb;
  const indexesOf = (generation: number) =>
    db.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name")
      .pluck()
      .all(physicalName('notes', 'notes', generation)) as string[];
  const rows = (generation: number) => db.db.prepare(`SELECT * FROM "${physicalName('notes', 'notes', generation)}" ORDER BY note_id`).all();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'read-model-db-'));
    db = new ReadModelDb(join(dir, 'read-models.sqlite'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives a live generation its indexes at once, and a building one only when it is swapped in', () => {
    const live = db.createGeneration(notes, 'live');
    expect(indexesOf(live)).toHaveLength(2);
    const building = db.createGeneration(notes, 'building');
    expect(indexesOf(building)).toEqual([]);
    db.transaction(() =>
      db.apply('notes', building, [{ op: 'upsert', table: 'notes', key: ['note_id'], row: { note_id: 'n1', person: 'p1', body: 'x', flagged: 0 } }]),
    );
    db.swap(notes, building);
    expect(indexesOf(building)).toHaveLength(2);
    expect(db.live('notes')?.generation).toBe(building);
    expect(db.generations('notes').map((g) => g.generation)).toEqual([building]);
    expect(rows(building)).toEqual([{ note_id: 'n1', person: 'p1', body: 'x', flagged: 0 }]);
  });

  it('applies upserts, updates and deletes with statements reused across shapes and values', () => {
    const g = db.createGeneration(notes, 'live');
    db.transaction(() =>
      db.apply('notes', g, [
        { op: 'upsert', table: 'notes', key: ['note_id'], row: { note_id: 'n1', person: 'p1', body: 'first', flagged: false as unknown as number } },
        {
          op: 'upsert',
          table: 'notes',
          key: ['note_id'],
          row: { note_id: 'n2', person: 'p1', body: undefined as unknown as string, flagged: true as unknown as number },
        },
        // Same shape, new values: the prepared statement is found by shape, the values are the new ones.
        { op: 'upsert', table: 'notes', key: ['note_id'], row: { note_id: 'n1', person: 'p2', body: 'second', flagged: 0 } },
        // Another shape on the same table: only some columns.
        { op: 'upsert', table: 'notes', key: ['note_id'], row: { note_id: 'n3', person: 'p3' } },
        { op: 'update', table: 'notes', set: { body: 'edited' }, where: { note_id: 'n3' } },
        { op: 'delete', table: 'notes', where: { note_id: 'n2' } },
      ]),
    );
    expect(rows(g)).toEqual([
      { note_id: 'n1', person: 'p2', body: 'second', flagged: 0 },
      { note_id: 'n3', person: 'p3', body: 'edited', flagged: null },
    ]);
  });
});
