/**
 * Does a serving app answer while its read models catch up? Starts the real app (createApp, as
 * main.ts) on a copy of the cached dataset of BENCH_EVENTS events (default 50,000) with no read models
 * yet (a new read model, a version bump or a restored backup look the same), polls
 * GET /api/health/live from a separate process every 20 ms from before the start, and reports when the
 * app first answered and when its read models had caught up. Not part of `npm run bench`.
 *
 *   BENCH_EVENTS=50000 node -r @swc-node/register bench/http/catch-up-stall.ts
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressInfo, createServer } from 'node:net';
import { ProjectionEngine } from '@app/projections';
import { BENCH_KEY_MASTER_KEY } from '../generator/app-codec';
import { ensureDataset } from '../generator/dataset';
import { createApp, loadConfig } from '../product/app';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 50_000);

async function main() {
  const dataset = await ensureDataset(EVENTS, (m) => process.stderr.write(`[stall] ${m}\n`));
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-stall-'));
  try {
    copyFileSync(dataset.eventsFile, join(dataDir, 'events.sqlite'));
    copyFileSync(dataset.keysFile, join(dataDir, 'keys.sqlite'));
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(p));
      });
    });
    const config = loadConfig({
      DATA_DIR: dataDir,
      PORT: String(port),
      CLAIM_KEY_SECRET: 'bench-generator-claim-key-0123456789abcdef',
      KEY_MASTER_KEY: BENCH_KEY_MASTER_KEY,
    });
    // The poller is its own process: this one's event loop is what is being measured.
    const poller = spawn(
      process.execPath,
      [
        '-e',
        `let first = null; const url = 'http://127.0.0.1:${port}/api/health/live';
         const tick = async () => { try { const r = await fetch(url); if (r.ok && first === null) first = Date.now(); } catch {} };
         setInterval(tick, 20); process.send('polling'); process.on('message', () => { process.send(first); process.exit(0); });`,
      ],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    await new Promise((r) => poller.once('message', r));
    const started = performance.now();
    const startedAt = Date.now();
    const app = await createApp(config, { logger: false });
    await app.listen(port, '127.0.0.1');
    const listening = performance.now();
    const engine = app.get(ProjectionEngine);
    for (;;) {
      const status = await engine.status();
      if (status.every((st) => st.state === 'live')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const caughtUp = performance.now();
    await new Promise((r) => setTimeout(r, 500));
    const firstAnswerAt = await new Promise<number | null>((resolve) => {
      poller.once('message', (m) => resolve(m as number | null));
      poller.send('done');
    });
    await app.close();
    console.log(
      JSON.stringify({
        events: dataset.meta.events,
        /** From createApp to listen() returning (bootstrap starts the read models' catch-up). */
        startToListeningMs: Math.round(listening - started),
        /** From createApp until every read model reported live. */
        startToCaughtUpMs: Math.round(caughtUp - started),
        /** From createApp to the first answer of GET /api/health/live (polled every 20 ms from outside). */
        startToFirstAnswerMs: firstAnswerAt === null ? null : firstAnswerAt - startedAt,
      }),
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
