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
import { readSecret } from './cli/read-secret';

const HELP = `Usage: npm run cli -- <command> [options]

Commands:
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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `Failed: ${(error as Error).message}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);
