import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { RecordedEvent, SqliteEventStore } from '@app/event-store';

/**
 * A writer process is killed with SIGKILL in the middle of appending. After reopening the file, every
 * append it acknowledged is there, and nothing is half-written: each append's three events are all
 * present or all absent, revisions have no holes, and SQLite's integrity check passes.
 */
describe('sqlite store survives SIGKILL during appends', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'es-crash-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged append and no partial one', async () => {
    const file = join(dir, 'events.sqlite');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'crash-writer.ts'), file, '8'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: join(__dirname, '..', '..'),
    });
    const acknowledged: Array<{ stream: string; batch: string; ids: string[] }> = [];
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    for await (const line of createInterface({ input: child.stdout })) {
      const [, stream, batch, ids] = line.split(' ');
      acknowledged.push({ stream, batch, ids: ids.split(',') });
      if (acknowledged.length === 400) child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(400);

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();

    const store = new SqliteEventStore({ file });
    try {
      const all: RecordedEvent[] = [];
      for await (const e of store.readAll()) all.push(e);
      const ids = new Set(all.map((e) => e.id));
      const missing = acknowledged.flatMap((a) => a.ids).filter((id) => !ids.has(id));
      expect(missing).toEqual([]);

      const partsByBatch = new Map<string, number>();
      for (const e of all) partsByBatch.set(e.data.batch as string, (partsByBatch.get(e.data.batch as string) ?? 0) + 1);
      expect([...partsByBatch.values()].every((parts) => parts === 3)).toBe(true);

      for (let w = 0; w < 8; w++) {
        const revisions: bigint[] = [];
        for await (const e of store.readStream(`crash-${w}`)) revisions.push(e.revision);
        expect(revisions).toEqual(revisions.map((_, i) => BigInt(i)));
        // The next append continues exactly where the stream ends: the streams table agrees with the rows.
        const next = await store.appendToStream(`crash-${w}`, [{ id: crypto.randomUUID(), type: 'AfterCrash', data: {} }], {
          expectedRevision: BigInt(revisions.length - 1),
        });
        expect(next.nextExpectedRevision).toBe(BigInt(revisions.length));
      }
    } finally {
      await store.close();
    }
  });
});
