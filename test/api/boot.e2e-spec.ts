import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { runApiExpectingFailure, spawnApi } from '../support/spawn-api';

describe('the API process on the embedded store', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'api-boot-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('starts on an empty DATA_DIR, reports ready, and finds its data again after a restart', async () => {
    const dataDir = join(root, 'fresh', 'data');
    const first = await spawnApi({ DATA_DIR: dataDir });
    try {
      const health = await fetch(`${first.url}/api/health`);
      expect(health.status).toBe(200);
      const body = (await health.json()) as any;
      expect(body).toMatchObject({ status: 'ok', live: true, ready: true, checks: { eventStore: { status: 'up', adapter: 'sqlite', headPosition: null } } });
      expect(body.checks.projections).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'audit_log', lagEvents: 0, parkedEvents: 0 })]));
      expect(existsSync(join(dataDir, 'events.sqlite'))).toBe(true);

      // Another process (as the CLI will) writes to the same log while the API runs.
      const writer = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
      const written = await writer.appendToStream('boot-test', [{ id: randomUUID(), type: 'Probed', data: {} }], {
        expectedRevision: 'no_stream',
      });
      await writer.close();
      const live = (await (await fetch(`${first.url}/api/health`)).json()) as any;
      expect(live.checks.eventStore.headPosition).toBe(written.position.commit.toString());
    } finally {
      // Nest closes the app (and the store) on SIGTERM, then re-raises the signal to end the process.
      expect(await first.stop('SIGTERM')).toEqual({ code: null, signal: 'SIGTERM' });
    }

    const second = await spawnApi({ DATA_DIR: dataDir });
    try {
      const body = (await (await fetch(`${second.url}/api/health`)).json()) as any;
      expect(body.ready).toBe(true);
      expect(body.checks.eventStore.headPosition).toBe('1');
      expect((await fetch(`${second.url}/api/health/live`)).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it('refuses to start on a bad setting and says which', async () => {
    const { code, stderr } = await runApiExpectingFailure({ DATA_DIR: root, PORT: 'eighty', EVENT_STORE: 'mongo' });
    expect(code).toBe(2);
    expect(stderr).toContain('PORT must be a whole number from 0 to 65535');
    expect(stderr).toContain('EVENT_STORE must be one of: sqlite, esdb');
  });
});
