import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ROLES, Role } from '@app/domain';
import { Actor } from '../platform/auth/actor';
import { createCliContext } from '../app/bootstrap';
import { ConfigError, loadConfig } from '../platform/config/app-config';
import { CreateUserWorkflow } from '../features/users/create-user.workflow';
import { SetupService } from '../features/users/setup.service';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionEngine } from '@app/projections';
import { verifyLog } from '../features/audit/log-verifier';
import { describeReport } from '../features/audit/verify-report';
import { latestSealExport } from '../features/audit/seals/seal-export';
import { parseExportedSeal } from '../features/audit/seals/seal';
import { SealingService } from '../features/audit/seals/sealing.service';
import { readFileSync } from 'node:fs';
import { ProgressBar } from './progress-bar';
import { readSecret } from './read-secret';

const HELP = `Usage: npm run cli -- <command> [options]

Commands:
  projections:status
            Per read model: version, generation, state, position, lag (events, seconds), parked events.
  projections:rebuild [NAME ...]
            Rebuilds the named read models (all by default) beside the live ones and swaps them in
            when caught up; a running server keeps answering from the old ones meanwhile.
  projections:replay-parked NAME
            Applies the parked (dead-lettered) events of a read model again, after a fix.
  audit:verify [STREAM] [--against FILE]
            Verifies the hash chains, the store's stream heads and positions, and every seal of the
            log (or of one stream), shows progress and speed, and names each finding. With --against,
            also checks that the log still holds the seal exported to FILE. Exits 1 on any finding.
  audit:seal [--export]
            Seals the log now (needs SEAL_KEY_FILE or SEAL_PRIVATE_KEY). With --export, prints the
            latest seal and its public key as JSON instead, for an auditor to keep elsewhere.
  users:add --username NAME --display-name "Full Name" --role ROLE [--facility ID ...]
            Creates a user. The password is read from ROP_PASSWORD or asked for (hidden).
            The first administrator of a new installation can be created this way instead of
            with the setup token. Roles: ${ROLES.join(', ')}.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  const config = loadConfig(process.env);
  switch (command) {
    case 'users:add':
      return addUser(rest, config);
    case 'audit:verify':
      return auditVerify(rest, config);
    case 'audit:seal':
      return auditSeal(rest, config);
    case 'projections:status':
      return projectionsStatus(config);
    case 'projections:rebuild':
      return projectionsRebuild(rest, config);
    case 'projections:replay-parked':
      return replayParked(rest, config);
    default:
      process.stderr.write(`Unknown command: ${command}\n\n${HELP}`);
      return 2;
  }
}

async function addUser(args: string[], config: ReturnType<typeof loadConfig>): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      'display-name': { type: 'string' },
      role: { type: 'string' },
      facility: { type: 'string', multiple: true },
    },
    strict: true,
  });
  const role = values.role as Role | undefined;
  if (!values.username || !values['display-name'] || !role || !ROLES.includes(role)) {
    process.stderr.write(`users:add needs --username, --display-name and --role (${ROLES.join(', ')})\n`);
    return 2;
  }
  const password = process.env.ROP_PASSWORD ?? (await readSecret('Password (at least 12 characters): '));
  const app = await createCliContext(config);
  try {
    // Recorded as the operating-system user who ran the command: the log says who created whom.
    const actor: Actor = { userId: `cli:${userInfo().username}`, username: userInfo().username, grants: [{ role: 'admin', facilityIds: [] }] };
    const commandId = randomUUID();
    const ctx = { actor, commandId, correlationId: commandId };
    const user = { username: values.username, displayName: values['display-name'], password };
    const setup = app.get(SetupService);
    let userId: string;
    if (role === 'admin' && !(await setup.isComplete())) {
      userId = await setup.createAdministrator(user, ctx);
    } else {
      const outcome = await app.get(CreateUserWorkflow).run({ ...user, grants: [{ role, facilityIds: values.facility ?? [] }] }, ctx);
      userId = outcome.userId;
    }
    process.stdout.write(`Created ${role} ${values.username} (${userId})\n`);
    return 0;
  } catch (error) {
    const e = error as { error?: { rule: string; message: string }; message: string };
    process.stderr.write(`Not created: ${e.error ? `${e.error.message} (${e.error.rule})` : e.message}\n`);
    return 1;
  } finally {
    await app.close();
  }
}

async function auditVerify(args: string[], config: ReturnType<typeof loadConfig>): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { against: { type: 'string' } }, allowPositionals: true, strict: true });
  const stream = positionals[0];
  let trustedKeys = config.seal.trustedKeys;
  let against;
  if (values.against) {
    let exported: ReturnType<typeof parseExportedSeal>;
    try {
      exported = parseExportedSeal(JSON.parse(readFileSync(values.against, 'utf8')));
    } catch (error) {
      exported = { problem: (error as NodeJS.ErrnoException).code ? 'cannot be read' : 'is not JSON' };
    }
    if ('problem' in exported) {
      process.stderr.write(`--against ${values.against}: ${exported.problem}\n`);
      return 2;
    }
    against = exported.seal;
    if (!trustedKeys.some((k) => k.keyId === exported.key.keyId)) trustedKeys = [...trustedKeys, exported.key];
  }
  const app = await createCliContext(config);
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    const total = stream ? null : await countEvents(store);
    const bar = new ProgressBar();
    const started = Date.now();
    const report = await verifyLog(store, {
      stream,
      trustedKeys,
      against,
      onProgress: (events) => {
        const rate = events / Math.max(0.001, (Date.now() - started) / 1000);
        bar.update(events, total, rate, total ? (total - events) / Math.max(rate, 1) : null);
      },
    });
    bar.finish(describeReport(report).join('\n'));
    return report.ok ? 0 : 1;
  } finally {
    await app.close();
  }
}

async function auditSeal(args: string[], config: ReturnType<typeof loadConfig>): Promise<number> {
  const { values } = parseArgs({ args, options: { export: { type: 'boolean' } }, strict: true });
  const app = await createCliContext(config);
  try {
    if (values.export) {
      const result = await latestSealExport(app.get<EventStore>(EVENT_STORE), config.seal.trustedKeys, new Date());
      if (!result.ok) {
        process.stderr.write(`Not exported: ${result.detail}\n`);
        return 1;
      }
      process.stdout.write(`${JSON.stringify(result.exported, null, 2)}\n`);
      return 0;
    }
    const sealer = app.get(SealingService).sealer;
    if (!sealer) {
      process.stderr.write('No signing key: set SEAL_KEY_FILE (outside DATA_DIR) or SEAL_PRIVATE_KEY\n');
      return 2;
    }
    const seal = await sealer.sealNow();
    const last = sealer.status().lastSeal;
    process.stdout.write(
      seal
        ? `Sealed: seal ${seal.sequence} covers ${seal.events.toLocaleString('en')} events up to position ${seal.upTo} (key ${seal.keyId})\n`
        : `Nothing new to seal${last ? `: seal ${last.sequence} covers ${last.events.toLocaleString('en')} events up to position ${last.upTo}` : ''}\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`Not sealed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await app.close();
  }
}

/** The number of events in the log, for the progress bar: the head position on SQLite, else unknown. */
async function countEvents(store: EventStore): Promise<number | null> {
  for await (const last of store.readAll({ direction: 'backwards', maxCount: 1 }))
    return last.position.commit === last.position.prepare ? Number(last.position.commit) : null;
  return 0;
}

async function projectionsStatus(config: ReturnType<typeof loadConfig>): Promise<number> {
  const app = await createCliContext(config);
  try {
    const rows = await app.get(ProjectionEngine).status();
    const table = rows.map((r) => ({
      projection: r.name,
      version: r.version,
      generation: r.generation,
      state: r.state,
      position: r.position ?? '-',
      'lag (events)': r.lagEvents ?? 'n/a',
      'lag (s)': r.lagSeconds.toFixed(1),
      parked: r.parkedEvents,
      rebuilding: r.rebuild ? `g${r.rebuild.generation} at ${r.rebuild.position ?? 'start'}` : '',
    }));
    console.table(table);
    return 0;
  } finally {
    await app.close();
  }
}

async function projectionsRebuild(names: string[], config: ReturnType<typeof loadConfig>): Promise<number> {
  const app = await createCliContext(config);
  try {
    const engine = app.get(ProjectionEngine);
    const known = engine.projections.map((p) => p.name);
    const unknown = names.filter((n) => !known.includes(n));
    if (unknown.length) {
      process.stderr.write(`Unknown read model(s): ${unknown.join(', ')}. Known: ${known.join(', ')}\n`);
      return 2;
    }
    const bar = new ProgressBar();
    const started = Date.now();
    let applied = 0;
    await engine.rebuild(names.length ? names : known, (p) => {
      applied = p.applied;
      const total = p.head && p.etaSeconds !== null ? p.applied + Math.round(p.etaSeconds * p.eventsPerSecond) : null;
      bar.update(p.applied, total, p.eventsPerSecond, p.etaSeconds);
    });
    const seconds = (Date.now() - started) / 1000;
    bar.finish(`Rebuilt ${(names.length ? names : known).join(', ')}: ${applied.toLocaleString('en')} events in ${seconds.toFixed(1)} s`);
    return 0;
  } finally {
    await app.close();
  }
}

async function replayParked(args: string[], config: ReturnType<typeof loadConfig>): Promise<number> {
  const [name] = args;
  if (!name) {
    process.stderr.write('projections:replay-parked needs the name of a read model\n');
    return 2;
  }
  const app = await createCliContext(config);
  try {
    const replayed = await app.get(ProjectionEngine).replayParked(name);
    process.stdout.write(`Replayed ${replayed} parked event(s) of ${name}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `Failed: ${(error as Error).message}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);
