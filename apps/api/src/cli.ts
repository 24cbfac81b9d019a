import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { CommandBus } from '@nestjs/cqrs';
import { ROLES, Role } from '@app/domain';
import { Actor } from './application/actor';
import { createCliContext } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { CreateUserCommand } from './users/create-user.command';
import { SetupService } from './users/setup.service';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionEngine } from '@app/projections';
import { verifyChains } from './audit/chain-verifier';
import { ProgressBar } from './cli/progress-bar';
import { readSecret } from './cli/read-secret';

const HELP = `Usage: npm run cli -- <command> [options]

Commands:
  projections:status
            Per read model: version, generation, state, position, lag (events, seconds), parked events.
  projections:rebuild [NAME ...]
            Rebuilds the named read models (all by default) beside the live ones and swaps them in
            when caught up; a running server keeps answering from the old ones meanwhile.
  projections:replay-parked NAME
            Applies the parked (dead-lettered) events of a read model again, after a fix.
  audit:verify [STREAM]
            Verifies the hash chains of one stream or of the whole log, shows progress and speed,
            and names the first broken link. Exits 1 when a link is broken.
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
      return auditVerify(rest[0], config);
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
      const outcome = await app.get(CommandBus).execute(new CreateUserCommand({ ...user, grants: [{ role, facilityIds: values.facility ?? [] }] }, ctx));
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

async function auditVerify(stream: string | undefined, config: ReturnType<typeof loadConfig>): Promise<number> {
  const app = await createCliContext(config);
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    const total = stream ? null : await countEvents(store);
    const bar = new ProgressBar();
    const started = Date.now();
    const report = await verifyChains(store, {
      stream,
      onProgress: (events) => {
        const rate = events / Math.max(0.001, (Date.now() - started) / 1000);
        bar.update(events, total, rate, total ? (total - events) / Math.max(rate, 1) : null);
      },
    });
    bar.finish(
      report.ok
        ? `OK: ${report.events.toLocaleString('en')} events in ${report.streams.toLocaleString('en')} streams verified in ${report.seconds.toFixed(2)} s (${report.eventsPerSecond.toLocaleString('en')} events/s)`
        : `BROKEN: first broken link in ${report.firstBroken!.stream} at revision ${report.firstBroken!.revision} (${report.firstBroken!.reason}); ${report.events.toLocaleString('en')} events read`,
    );
    return report.ok ? 0 : 1;
  } finally {
    await app.close();
  }
}

/** The number of events in the log, for the progress bar: the head position on SQLite, else unknown. */
async function countEvents(store: EventStore): Promise<number | null> {
  for await (const last of store.readAll({ direction: 'backwards', maxCount: 1 })) return last.position.commit === last.position.prepare ? Number(last.position.commit) : null;
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
