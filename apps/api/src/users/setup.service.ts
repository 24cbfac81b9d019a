import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { SETUP_STREAM, setupAdminId, setupDecider } from '@app/domain';
import { SYSTEM_ACTOR } from '../application/actor';
import { AccessDenied } from '../application/command-errors';
import { CommandContext, CommandRunner, stepContext } from '../application/command-runner';
import { IdGenerator } from '../application/ids';
import { CreateUserHandler } from './create-user.command';
import { SetupDto } from './users.dto';

/**
 * A fresh installation has no users and no default password. At start it prints a one-time setup
 * token; whoever holds it creates the first administrator (or runs `npm run cli -- users:add`).
 * The token lives in memory only and is gone once setup is done or the process restarts.
 */
/** Whether this process serves (prints the setup token, runs background processes) or is the CLI. */
export const RUN_BACKGROUND = Symbol('RUN_BACKGROUND');

@Injectable()
export class SetupService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Setup');
  private token?: string;

  constructor(
    private readonly runner: CommandRunner,
    private readonly users: CreateUserHandler,
    private readonly ids: IdGenerator,
    @Inject(RUN_BACKGROUND) private readonly serving: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.serving || (await this.isComplete())) return;
    this.token = randomBytes(24).toString('base64url');
    this.logger.warn(`No administrator yet. One-time setup token: ${this.token}`);
    this.logger.warn('POST it to /api/v1/setup with a username and password, or run: npm run cli -- users:add --role admin');
  }

  async isComplete(): Promise<boolean> {
    const { state } = await this.runner.load(setupDecider, SETUP_STREAM);
    return state.status === 'completed';
  }

  async setUp(body: SetupDto, ctx: Omit<CommandContext, 'actor'>): Promise<{ userId: string }> {
    if (!this.token || !sameSecret(body.setupToken, this.token)) throw new AccessDenied('The setup token is wrong or already used');
    const userId = await this.createAdministrator(
      { username: body.username, displayName: body.displayName, password: body.password },
      { ...ctx, actor: SYSTEM_ACTOR },
    );
    this.token = undefined;
    return { userId };
  }

  /**
   * Also used by the CLI. Resumes an interrupted setup with the administrator it started. The
   * administrator is checked in full (password, username, display name) before the setup is started,
   * so a refused setup writes nothing.
   */
  async createAdministrator(user: { username: string; displayName: string; password?: string }, ctx: CommandContext): Promise<string> {
    const loaded = await this.runner.load(setupDecider, SETUP_STREAM);
    const adminUserId = setupAdminId(loaded.state, this.ids.next());
    const start = { decider: setupDecider, stream: SETUP_STREAM, command: { type: 'StartSetup', adminUserId } } as const;
    await this.runner.check(start, stepContext(ctx, 'start'));
    const admin = await this.users.prepare({ ...user, grants: [{ role: 'admin' }] }, stepContext(ctx, 'admin'), adminUserId);
    await this.runner.run(start, stepContext(ctx, 'start'));
    if (!admin.replay) await admin.commit();
    await this.runner.run({ decider: setupDecider, stream: SETUP_STREAM, command: { type: 'CompleteSetup', adminUserId } }, stepContext(ctx, 'complete'));
    return adminUserId;
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
