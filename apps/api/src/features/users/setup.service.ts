import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETUP_STREAM, setupAdminId, setupDecider } from '@app/domain';
import { StoreUnavailableError } from '@app/event-store';
import { RUN_BACKGROUND } from '../../platform/config/run-background';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { isOutage, StoreConnection } from '../../platform/event-store/store-connection';
import { SYSTEM_ACTOR } from '../../platform/auth/actor';
import { AccessDenied, SetupOnActiveWorker } from '../../platform/errors/command-errors';
import { CommandContext, CommandRunner, stepContext } from '../../platform/commands/command-runner';
import { IdGenerator } from '../../platform/ids';
import { CreateUserWorkflow } from './create-user.workflow';
import { SetupDto } from './users.dto';
import { StreamReader } from '../../platform/streams/stream-reader';

/**
 * A fresh installation has no users and no default password. The active worker (see ActiveWorker:
 * one instance among all that share a PostgreSQL) makes a one-time setup token; whoever holds it
 * creates the first administrator at that instance (or runs `npm run cli -- users:add`). The token is
 * written to DATA_DIR/setup-token (readable by the service's user only) and printed only to a terminal,
 * never to the logs, which are shipped elsewhere; the log says where the file is. It is void once setup
 * is done, the process stops or it is no longer the active worker (the file is removed then); another
 * instance answers a setup with 503 naming where it is served.
 * When the event store is not there at start, the check waits for it (the app serves meanwhile, not
 * ready). Two setups at once cannot both succeed: the setup stream is appended to with an expected
 * revision (see createAdministrator).
 */
/** Whether this process serves (prints the setup token, runs background processes) or is the CLI. */

@Injectable()
export class SetupService implements OnApplicationShutdown {
  private readonly logger = new Logger('Setup');
  private token?: string;
  /** Whether the store has told us if setup is done; until then a setup attempt is a 503. */
  private checked = false;
  private stopped = false;
  /** Whether this instance is the active worker, which alone prints and accepts a setup token. */
  private active = false;

  constructor(
    private readonly runner: CommandRunner,
    private readonly streams: StreamReader,
    private readonly users: CreateUserWorkflow,
    private readonly ids: IdGenerator,
    @Inject(RUN_BACKGROUND) private readonly serving: boolean,
    private readonly connection: StoreConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Where the active worker keeps the token while setup is not done. */
  get tokenFile(): string {
    return join(this.config.dataDir, SETUP_TOKEN_FILE);
  }

  /** On the active worker: checks whether setup is done and, if not, prints a token. */
  async start(): Promise<void> {
    if (!this.serving) return;
    this.stopped = false;
    this.active = true;
    if (this.connection.available && (await this.announce().catch((error: unknown) => this.deferUnless(error)))) return;
    void this.announceWhenTheStoreAnswers();
  }

  /** No longer the active worker (or shutdown): the token printed here is void. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.active = false;
    this.forgetToken();
    this.checked = false;
  }

  onApplicationShutdown(): void {
    void this.stop();
  }

  /** Prints the token if setup is not done yet; false when the store could not say. */
  private async announce(): Promise<boolean> {
    if (!(await this.isComplete())) {
      this.token = randomBytes(24).toString('base64url');
      mkdirSync(this.config.dataDir, { recursive: true });
      rmSync(this.tokenFile, { force: true }); // so the mode below is the file's, not an old file's
      writeFileSync(this.tokenFile, `${this.token}\n`, { mode: 0o600 });
      this.logger.warn(`No administrator yet. The one-time setup token is in ${this.tokenFile}`);
      this.logger.warn('POST it to /api/v1/setup with a username and password, or run: npm run cli -- users:add --role admin');
      // A terminal is read by the person starting the app; a pipe may be a log shipper.
      if (process.stdout.isTTY) process.stdout.write(`One-time setup token: ${this.token}\n`);
    } else {
      this.forgetToken(); // an earlier process's, if it stopped without removing it
    }
    this.checked = true;
    return true;
  }

  private forgetToken(): void {
    this.token = undefined;
    if (this.serving) rmSync(this.tokenFile, { force: true });
  }

  private async deferUnless(error: unknown): Promise<false> {
    if (!isOutage(error)) throw error;
    await this.connection.reportFailure(error);
    return false;
  }

  private async announceWhenTheStoreAnswers(): Promise<void> {
    while (!this.stopped && !this.checked) {
      await this.connection.whenAvailable();
      if (this.stopped) return;
      try {
        await this.announce();
      } catch (error) {
        if (!isOutage(error)) return void this.logger.error(`Setup check failed: ${(error as Error).name}`);
        await this.connection.reportFailure(error);
        // The store answers a ping but the check failed: try again in a second, not at once.
        if (this.connection.available) await new Promise((resolve) => setTimeout(resolve, 1_000).unref());
      }
    }
  }

  async isComplete(): Promise<boolean> {
    const { state } = await this.streams.load(setupDecider, SETUP_STREAM);
    return state.status === 'completed';
  }

  async setUp(body: SetupDto, ctx: Omit<CommandContext, 'actor'>): Promise<{ userId: string }> {
    if (!this.active) throw new SetupOnActiveWorker();
    if (!this.checked) throw new StoreUnavailableError('Setup waits for the event store');
    if (!this.token || !sameSecret(body.setupToken, this.token)) throw new AccessDenied('The setup token is wrong or already used');
    const userId = await this.createAdministrator(
      { username: body.username, displayName: body.displayName, password: body.password },
      { ...ctx, actor: SYSTEM_ACTOR },
    );
    this.forgetToken();
    return { userId };
  }

  /**
   * Also used by the CLI. Resumes an interrupted setup with the administrator it started. The
   * administrator is checked in full (password, username, display name) before the setup is started,
   * so a refused setup writes nothing.
   */
  async createAdministrator(user: { username: string; displayName: string; password?: string }, ctx: CommandContext): Promise<string> {
    const loaded = await this.streams.load(setupDecider, SETUP_STREAM);
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

/** The token's file in DATA_DIR. */
export const SETUP_TOKEN_FILE = 'setup-token';

/** A setup sent to an instance that is not the active worker: the token was printed by another one. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
