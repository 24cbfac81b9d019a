import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ROLES, Role, userDecider, userStream } from '@app/domain';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { createCliContext } from '../app/bootstrap';
import { CreateUserWorkflow } from '../features/users/create-user.workflow';
import { SetupService } from '../features/users/setup.service';
import { Actor } from '../platform/auth/actor';
import { hashPassword, passwordProblem } from '../platform/auth/password-hasher';
import { KnownUser, UserDirectory } from '../platform/auth/user-directory';
import { CommandContext, CommandRunner } from '../platform/commands/command-runner';
import { AppConfig } from '../platform/config/app-config';
import { readSecret } from './read-secret';

type CliApp = Awaited<ReturnType<typeof createCliContext>>;

/** Recorded as the operating-system user who ran the command: the log says who changed whom. */
function cliCommandContext(): CommandContext {
  const os = userInfo().username;
  const actor: Actor = { userId: `cli:${os}`, username: os, grants: [{ role: 'admin', facilityIds: [] }] };
  const commandId = randomUUID();
  return { actor, commandId, correlationId: commandId };
}

const readPassword = async () => process.env.ROP_PASSWORD ?? (await readSecret('Password (at least 12 characters): '));

/** A refusal as the API would name it (rule and message), never with the password or other input. */
function refusal(error: unknown): string {
  const e = error as { error?: { rule: string; message: string }; message: string };
  return e.error ? `${e.error.message} (${e.error.rule})` : e.message;
}

export async function addUser(args: string[], config: AppConfig): Promise<number> {
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
  const password = await readPassword();
  const app = await createCliContext(config);
  try {
    const ctx = cliCommandContext();
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
    process.stderr.write(`Not created: ${refusal(error)}\n`);
    return 1;
  } finally {
    await app.close();
  }
}

/**
 * Every user, folded from the user streams as login does (UserDirectory): the command side, so a user
 * created or disabled a moment ago shows as such without waiting for a read model.
 */
async function allUsers(app: CliApp): Promise<KnownUser[]> {
  const store = app.get<EventStore>(EVENT_STORE);
  const directory = app.get(UserDirectory);
  const users: KnownUser[] = [];
  for await (const created of store.readAll({ filter: { on: 'eventType', regex: '^UserCreated$' } })) {
    const user = await directory.byId(String(created.data.userId));
    if (user) users.push(user);
  }
  return users.sort((a, b) => a.username.localeCompare(b.username));
}

/** Username, display name, roles with their facilities, and whether disabled; as a table or (--json) one JSON document. */
export async function listUsers(args: string[], config: AppConfig): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
  const app = await createCliContext(config);
  try {
    const users = (await allUsers(app)).map((u) => ({
      userId: u.userId,
      username: u.username,
      displayName: u.displayName,
      grants: u.grants.map((g) => ({ role: g.role, facilityIds: [...g.facilityIds] })),
      disabled: u.status === 'disabled',
    }));
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ users }, null, 2)}\n`);
    } else if (users.length === 0) {
      process.stdout.write('No users yet\n');
    } else {
      console.table(
        users.map((u) => ({
          username: u.username,
          'display name': u.displayName,
          roles: u.grants.map((g) => (g.facilityIds.length ? `${g.role} (${g.facilityIds.join(', ')})` : g.role)).join('; '),
          disabled: u.disabled ? 'yes' : '',
        })),
      );
    }
    return 0;
  } finally {
    await app.close();
  }
}

/**
 * Runs one command of the user decider on the named user, as the API's user routes do (same decider,
 * same runner, so the same rules and the same events). Exits 1 for an unknown username or a refusal.
 */
async function onUser(
  username: string,
  config: AppConfig,
  command: (userId: string) => Promise<Parameters<typeof userDecider.decide>[0]>,
  said: (changed: boolean) => string,
): Promise<number> {
  const app = await createCliContext(config);
  try {
    const userId = await app.get(UserDirectory).userIdFor(username);
    if (!userId) {
      process.stderr.write(`No user with the username ${username}\n`);
      return 1;
    }
    const outcome = await app.get(CommandRunner).run({ decider: userDecider, stream: userStream(userId), command: await command(userId) }, cliCommandContext());
    process.stdout.write(`${said(outcome.events.length > 0)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`Not changed: ${refusal(error)}\n`);
    return 1;
  } finally {
    await app.close();
  }
}

function oneUsername(command: string, args: string[]): string | undefined {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true });
  if (positionals.length === 1) return positionals[0];
  process.stderr.write(`${command} needs one username\n`);
  return undefined;
}

/** Disables the user (ends their sessions); their grants stay on record. */
export async function disableUser(args: string[], config: AppConfig): Promise<number> {
  const username = oneUsername('users:disable', args);
  if (!username) return 2;
  return onUser(
    username,
    config,
    (userId) => Promise.resolve({ type: 'DisableUser', userId }),
    (changed) => (changed ? `Disabled ${username}` : `${username} was already disabled`),
  );
}

/** Sets a new password (ends the user's sessions), read from ROP_PASSWORD or asked for, as users:add does. */
export async function resetPassword(args: string[], config: AppConfig): Promise<number> {
  const username = oneUsername('users:reset-password', args);
  if (!username) return 2;
  const password = await readPassword();
  const problem = passwordProblem(password);
  if (problem) {
    process.stderr.write(`Not changed: ${problem}\n`);
    return 1;
  }
  return onUser(
    username,
    config,
    async (userId) => ({ type: 'ChangePassword', userId, passwordHash: await hashPassword(password) }),
    () => `Password of ${username} changed; their sessions have ended`,
  );
}
