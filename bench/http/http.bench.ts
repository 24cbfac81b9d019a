/**
 * `npm run bench:http`: commands end to end over HTTP, and read-your-writes. The real app (createApp on
 * a fresh DATA_DIR, SQLite with synchronous=FULL as in production) runs in a child process on
 * 127.0.0.1 (./server.ts seeds it through its own services); this process is the client:
 *
 *   1. autocannon: POST /api/v1/cases/:id/incidents spread round-robin over the seeded resident cases
 *      (a case worker's bearer token, a realistic body), commands/s (2xx only) and latency;
 *   2. autocannon: POST /api/v1/people (register a person: identity claim + person, two appends);
 *   3. read-your-writes, a few hundred samples one after another: send a command, then query a read
 *      model with the command's position as minPosition until the answer contains the new event; the
 *      time from sending the command to that answer (p50/p99). Measured idle, and again under load.
 *
 * Bounded in time and count, loopback only. A benchmark, not a test: the goals (>= 3,000 commands/s,
 * read-your-writes p99 < 20 ms) are reported, never asserted. The last line of stdout is one JSON object.
 *
 * Environment: BENCH_HTTP_SECONDS (10), BENCH_HTTP_CONNECTIONS (32), BENCH_HTTP_CASES (500),
 * BENCH_RYW_SAMPLES (300), BENCH_HTTP_SERVER_ARGS (extra node options for the app, e.g. --cpu-prof).
 */
import autocannon from 'autocannon';
import { ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INCIDENT_KINDS, SEVERITIES, synthesizeIdentityNumber } from '@app/domain';
import { fmtInt, fmtMs, goal, latencyStats, LatencyStats, round, table } from '../projections/measure';
import type { ServerReady } from './server';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SECONDS = num('BENCH_HTTP_SECONDS', 10);
const CONNECTIONS = num('BENCH_HTTP_CONNECTIONS', 32);
const CASES = num('BENCH_HTTP_CASES', 500);
const RYW_SAMPLES = num('BENCH_RYW_SAMPLES', 300);
const GOALS = { commandsPerSec: 3000, rywP99Ms: 20 };
const PASSWORD = 'bench-password-Lang-nok-1';

function progress(message: string) {
  process.stderr.write(`[bench:http] ${message}\n`);
}

interface Ryw {
  readonly stats: LatencyStats | null;
  /** The command's part (POST until its answer) and the query's part (until the answer shows it). */
  readonly command: LatencyStats | null;
  readonly query: LatencyStats | null;
  readonly pollsPerSample: number;
  /** Commands whose event the query never showed within the time limit. */
  readonly failed: number;
  readonly failure?: string;
}

/** Met only when every sample became visible and the p99 is under the goal. */
const rywMet = (r: Ryw) => r.stats !== null && r.failed === 0 && r.stats.p99 < GOALS.rywP99Ms;

interface Load {
  readonly name: string;
  readonly what: string;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly seconds: number;
  readonly perSec: number;
  readonly latency: { p50: number; p90: number; p99: number; max: number };
  readonly statuses: Record<string, number>;
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-http-'));
  let child: ChildProcess | undefined;
  try {
    progress(`starting the app (seeding ${CASES} resident cases) ...`);
    child = fork(join(__dirname, 'server.ts'), [], {
      // BENCH_HTTP_SERVER_ARGS: extra node options for the app, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
      execArgv: ['-r', '@swc-node/register', ...(process.env.BENCH_HTTP_SERVER_ARGS?.split(' ').filter(Boolean) ?? [])],
      env: { ...process.env, BENCH_DATA_DIR: dataDir, BENCH_HTTP_CASES: String(CASES) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise<ServerReady>((resolve, reject) => {
      child!.once('message', (m) => resolve(m as ServerReady));
      child!.once('exit', (code) => reject(new Error(`the app exited (${code}) before it was ready`)));
    });
    const base = `http://127.0.0.1:${ready.port}`;
    progress(
      `app on ${base}: ${ready.cases.length} cases seeded with ${ready.seedCommands} commands in ${ready.seedSeconds.toFixed(1)} s; read models: ${ready.readModels.join(', ')}`,
    );

    const login = async (username: string) => {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { accessToken?: string; token?: string; access_token?: string };
    };
    const tokenOf = (answer: Record<string, unknown>) => String(answer.accessToken ?? answer.token ?? answer.access_token);
    const workerToken = tokenOf((await login(ready.users.caseWorker)) as Record<string, unknown>);
    const auditorToken = tokenOf((await login(ready.users.auditor)) as Record<string, unknown>);

    const incidentBody = (i: number) =>
      JSON.stringify({
        on: ready.today,
        kind: INCIDENT_KINDS[i % INCIDENT_KINDS.length],
        severity: SEVERITIES[i % SEVERITIES.length],
        description: 'Bråk i fellesarealet om natten; beboeren ble snakket til av personalet',
      });
    let nextCase = 0;
    const incidentRequest = () => ({
      method: 'POST' as const,
      setupRequest: (req: { path: string; body?: string }) => {
        const i = nextCase++;
        req.path = `/api/v1/cases/${ready.cases[i % ready.cases.length].caseId}/incidents`;
        req.body = incidentBody(i);
        return req;
      },
    });
    const headers = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

    // Warm-up: JIT, statement caches, the read models' first batches.
    progress('warm-up: 2 s of incidents');
    await cannon('warmup', 'warm-up', base, headers(workerToken), [incidentRequest()], 2, CONNECTIONS);

    progress(`incidents: ${SECONDS} s, ${CONNECTIONS} connections`);
    const incidents = await cannon(
      'incidents',
      `POST /cases/:id/incidents over ${ready.cases.length} cases`,
      base,
      headers(workerToken),
      [incidentRequest()],
      SECONDS,
      CONNECTIONS,
    );
    progress(`  ${fmtInt(incidents.perSec)} commands/s, p99 ${fmtMs(incidents.latency.p99)} ms, non-2xx ${incidents.non2xx}`);

    let person = 0;
    const peopleRequest = {
      method: 'POST' as const,
      path: '/api/v1/people',
      setupRequest: (req: { body?: string }) => {
        const i = person++;
        // Distinct numbers: one birth date per request over 38 years, a new individual-number range for each pass.
        const birthDate = new Date(Date.UTC(1960, 0, 1) + (i % 14_000) * 86_400_000).toISOString().slice(0, 10);
        const identityNumber = synthesizeIdentityNumber(birthDate, 500 + (Math.floor(i / 14_000) % 400));
        req.body = JSON.stringify({ givenName: `Person${i}`, familyName: 'Benk', birthDate, identityNumber, gender: i % 2 ? 'male' : 'female' });
        return req;
      },
    };
    const peopleSeconds = Math.max(3, Math.round(SECONDS / 2));
    progress(`people: ${peopleSeconds} s, ${CONNECTIONS} connections`);
    const people = await cannon('people', 'POST /people (identity claim + person)', base, headers(workerToken), [peopleRequest], peopleSeconds, CONNECTIONS);
    progress(`  ${fmtInt(people.perSec)} commands/s, p99 ${fmtMs(people.latency.p99)} ms, non-2xx ${people.non2xx}`);

    // Read-your-writes: which read model answers it.
    const hasTimeline = ready.readModels.includes('timeline');
    const rywQuery = hasTimeline
      ? 'GET /people/:personId/timeline?minPosition=…&limit=5 (timeline read model)'
      : 'GET /audit/events?stream=case-…&minPosition=…&limit=5 (audit log read model)';
    const RYW_TIMEOUT_MS = 3000;
    const ryw = async (i: number): Promise<{ ms: number; commandMs: number; polls: number } | { failed: string }> => {
      const c = ready.cases[(i * 7919) % ready.cases.length];
      const started = performance.now();
      const res = await fetch(`${base}/api/v1/cases/${c.caseId}/incidents`, { method: 'POST', headers: headers(workerToken), body: incidentBody(i) });
      if (res.status !== 201) throw new Error(`command: ${res.status} ${await res.text()}`);
      const { position } = (await res.json()) as { position: string };
      const commandMs = performance.now() - started;
      for (let polls = 1; ; polls++) {
        const url = hasTimeline
          ? `${base}/api/v1/people/${c.personId}/timeline?minPosition=${position}&limit=5`
          : `${base}/api/v1/audit/events?stream=case-${c.caseId}&minPosition=${position}&limit=5`;
        const q = await fetch(url, { headers: headers(hasTimeline ? workerToken : auditorToken) });
        const body = q.ok ? ((await q.json()) as { entries?: Array<{ position: string }> }) : (await q.text(), undefined);
        if (body?.entries?.some((e) => e.position === position)) return { ms: performance.now() - started, commandMs, polls };
        if (q.status !== 503 && !q.ok) return { failed: `query answered ${q.status}` };
        if (performance.now() - started > RYW_TIMEOUT_MS) return { failed: `not visible after ${RYW_TIMEOUT_MS / 1000} s (last answer ${q.status})` };
      }
    };
    /** Samples one after another; a sample that never becomes visible counts as failed, and 5 in a row end it. */
    const sampleRyw = async (samples: number, until?: () => boolean): Promise<Ryw> => {
      const ms: number[] = [];
      const commandMs: number[] = [];
      let polls = 0;
      let failed = 0;
      let inARow = 0;
      let failure: string | undefined;
      for (let i = 0; i < samples && (!until || !until()) && inARow < 5; i++) {
        const r = await ryw(i * 13 + failed);
        if ('failed' in r) {
          failed++;
          inARow++;
          failure = r.failed;
          continue;
        }
        inARow = 0;
        ms.push(r.ms);
        commandMs.push(r.commandMs);
        polls += r.polls;
      }
      return {
        stats: ms.length ? latencyStats(ms) : null,
        command: ms.length ? latencyStats(commandMs) : null,
        query: ms.length ? latencyStats(ms.map((t, k) => t - commandMs[k])) : null,
        pollsPerSample: ms.length ? polls / ms.length : 0,
        failed,
        failure,
      };
    };
    progress(`read-your-writes, idle: ${RYW_SAMPLES} samples via ${rywQuery}`);
    await sampleRyw(20);
    const rywIdle = await sampleRyw(RYW_SAMPLES);
    progress(
      `  p50 ${fmtMs(rywIdle.stats?.p50)} ms, p99 ${fmtMs(rywIdle.stats?.p99)} ms${rywIdle.failed ? `, ${rywIdle.failed} never visible: ${rywIdle.failure}` : ''}`,
    );

    const loadConnections = Math.max(1, Math.round(CONNECTIONS / 2));
    progress(`read-your-writes under load: incidents with ${loadConnections} connections for ${SECONDS} s meanwhile`);
    let loadDone = false;
    const background = cannon('background', 'background load', base, headers(workerToken), [incidentRequest()], SECONDS, loadConnections).then((r) => {
      loadDone = true;
      return r;
    });
    // Meanwhile, the read models' lag as the health endpoint reports it (and how long it takes to answer).
    let maxLagEvents = 0;
    let maxLagSeconds = 0;
    const healthMs: number[] = [];
    const lagWatch = (async () => {
      while (!loadDone) {
        const t0 = performance.now();
        try {
          const h = (await (await fetch(`${base}/api/health`)).json()) as {
            checks?: { projections?: Array<{ lagEvents: number | null; lagSeconds: number }> };
          };
          healthMs.push(performance.now() - t0);
          for (const p of h.checks?.projections ?? []) {
            maxLagEvents = Math.max(maxLagEvents, p.lagEvents ?? 0);
            maxLagSeconds = Math.max(maxLagSeconds, p.lagSeconds);
          }
        } catch {
          /* the answer is what is measured; a failed one is skipped */
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    await new Promise((r) => setTimeout(r, 500));
    const rywLoaded = await sampleRyw(RYW_SAMPLES, () => loadDone);
    const backgroundLoad = await background;
    await lagWatch;
    const health = healthMs.length ? latencyStats(healthMs) : null;
    progress(
      `  p50 ${fmtMs(rywLoaded.stats?.p50)} ms, p99 ${fmtMs(rywLoaded.stats?.p99)} ms over ${rywLoaded.stats?.samples ?? 0} samples${rywLoaded.failed ? ` (${rywLoaded.failed} never visible)` : ''}; background ${fmtInt(backgroundLoad.perSec)} commands/s`,
    );

    const loadRow = (l: Load, goalText: string) => [
      l.name,
      l.what,
      `${fmtInt(l.perSec)} cmd/s`,
      `p50 ${fmtMs(l.latency.p50)} / p99 ${fmtMs(l.latency.p99)} ms`,
      goalText,
      `${fmtInt(l.ok)} ok, ${l.non2xx} non-2xx ${JSON.stringify(l.statuses)}, ${l.errors} errors, ${l.seconds} s x ${CONNECTIONS} conn`,
    ];
    const rywRow = (name: string, r: Ryw, goalText: string, note: string) => [
      name,
      'command → visible in read model',
      `p50 ${fmtMs(r.stats?.p50)} ms`,
      `p99 ${fmtMs(r.stats?.p99)} ms`,
      goalText,
      `max ${fmtMs(r.stats?.max)} ms, ${r.stats?.samples ?? 0} samples, ${r.pollsPerSample.toFixed(2)} queries/sample; ` +
        `command part p50/p99 ${fmtMs(r.command?.p50)}/${fmtMs(r.command?.p99)} ms, query part ${fmtMs(r.query?.p50)}/${fmtMs(r.query?.p99)} ms; ${note}` +
        (r.failed ? `; ${r.failed} NEVER VISIBLE (${r.failure})` : ''),
    ];
    console.log(
      `\nHTTP bench  (node ${process.version}; app in a child process on 127.0.0.1, SQLite synchronous=FULL; autocannon ${CONNECTIONS} connections; read-your-writes via ${rywQuery})\n`,
    );
    console.log(
      table(
        ['what', 'workload', 'result', 'latency', 'goal', 'notes'],
        [
          loadRow(incidents, `goal >= ${fmtInt(GOALS.commandsPerSec)}/s: ${goal(incidents.perSec >= GOALS.commandsPerSec)}`),
          loadRow(people, 'extra (no goal)'),
          rywRow('ryw idle', rywIdle, `goal p99 < ${GOALS.rywP99Ms} ms: ${goal(rywMet(rywIdle))}`, 'one client, nothing else running'),
          rywRow('ryw loaded', rywLoaded, 'extra (no goal)', `while ${fmtInt(backgroundLoad.perSec)} incidents/s ran on ${loadConnections} connections`),
          [
            'lag loaded',
            'read models behind the log (GET /api/health)',
            `max ${fmtInt(maxLagEvents)} events`,
            `max ${maxLagSeconds.toFixed(2)} s`,
            'extra (no goal)',
            `sampled every 250 ms during the loaded phase; /api/health answered in p50 ${fmtMs(health?.p50)} / max ${fmtMs(health?.max)} ms`,
          ],
        ],
        [2],
      ),
    );
    console.log('');
    const latency = (l: Load) => ({ p50Ms: round(l.latency.p50, 2), p99Ms: round(l.latency.p99, 2), maxMs: round(l.latency.max, 2) });
    const rywJson = (r: Ryw) => ({
      p50Ms: round(r.stats?.p50, 2),
      p90Ms: round(r.stats?.p90, 2),
      p99Ms: round(r.stats?.p99, 2),
      maxMs: round(r.stats?.max, 2),
      samples: r.stats?.samples ?? 0,
      commandPartP50Ms: round(r.command?.p50, 2),
      commandPartP99Ms: round(r.command?.p99, 2),
      queryPartP50Ms: round(r.query?.p50, 2),
      queryPartP99Ms: round(r.query?.p99, 2),
      neverVisible: r.failed,
      failure: r.failure ?? null,
      queriesPerSample: round(r.pollsPerSample, 2),
    });
    console.log(
      JSON.stringify({
        commandsPerSec: round(incidents.perSec),
        commandLatency: latency(incidents),
        commandsOk: incidents.ok,
        commandsNon2xx: incidents.non2xx,
        commandStatuses: incidents.statuses,
        peopleRegistrationsPerSec: round(people.perSec),
        peopleLatency: latency(people),
        peopleNon2xx: people.non2xx,
        readYourWrites: rywJson(rywIdle),
        readYourWritesUnderLoad: { ...rywJson(rywLoaded), backgroundCommandsPerSec: round(backgroundLoad.perSec), connections: loadConnections },
        projectionLagUnderLoad: {
          maxEvents: maxLagEvents,
          maxSeconds: round(maxLagSeconds, 2),
          healthP50Ms: round(health?.p50, 2),
          healthMaxMs: round(health?.max, 2),
        },
        readYourWritesVia: rywQuery,
        goals: { ...GOALS, commandsMet: incidents.perSec >= GOALS.commandsPerSec, rywMet: rywMet(rywIdle) },
        settings: {
          seconds: SECONDS,
          connections: CONNECTIONS,
          cases: ready.cases.length,
          rywSamples: RYW_SAMPLES,
          synchronous: 'FULL',
          readModels: ready.readModels,
        },
        seed: { commands: ready.seedCommands, seconds: round(ready.seedSeconds, 1) },
        node: process.version,
      }),
    );
  } finally {
    if (child && child.exitCode === null) {
      child.send({ type: 'stop' });
      await new Promise((r) => {
        const timer = setTimeout(() => {
          child!.kill('SIGKILL');
          r(undefined);
        }, 10_000);
        child!.once('exit', () => {
          clearTimeout(timer);
          r(undefined);
        });
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One autocannon run; counts only 2xx answers as commands done. */
async function cannon(
  name: string,
  what: string,
  url: string,
  headers: Record<string, string>,
  requests: autocannon.Request[],
  seconds: number,
  connections: number,
): Promise<Load> {
  const statuses: Record<string, number> = {};
  const withStatus = requests.map((r) => ({
    ...r,
    onResponse: (status: number) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
    },
  }));
  const result = await autocannon({ url, connections, duration: seconds, headers, requests: withStatus });
  const ok = result['2xx'];
  return {
    name,
    what,
    ok,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds: result.duration,
    perSec: ok / result.duration,
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    statuses,
  };
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
