import { Injectable } from '@nestjs/common';
import { Role, userDecider, userStream, usernameClaimDecider, usernameClaimStream } from '@app/domain';
import { DomainRuleViolation } from '../../platform/errors/command-errors';
import { CommandContext, CommandOutcome, CommandRunner, stepContext } from '../../platform/commands/command-runner';
import { idForNewRecord, IdGenerator } from '../../platform/ids';
import { Clock } from '../../platform/clock';
import { ClaimKeys } from '../../platform/auth/claim-keys';
import { hashPassword, passwordProblem } from '../../platform/auth/password-hasher';
import { UserDirectory } from '../../platform/auth/user-directory';
import { StreamReader } from '../../platform/streams/stream-reader';

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  /** Absent for users who log in through the municipality's OpenID Connect issuer. */
  readonly password?: string;
  readonly grants: ReadonlyArray<{ role: Role; facilityIds?: readonly string[] }>;
}

/** A user creation checked in full and ready to be written. */
export interface PreparedUser {
  readonly userId: string;
  /** The first result, when this was already done under the same Idempotency-Key. */
  readonly replay?: CommandOutcome;
  /** Writes the claim, then the user with its roles in one append. */
  commit(): Promise<CommandOutcome & { userId: string }>;
}

/**
 * Creating a user touches two streams: the username claim (which makes the name unique) and the user.
 * Both are decided before either is written, so a refusal (a weak password, a taken name, a grant
 * without facilities) writes nothing; the user and its roles are then one append. Only a store failure
 * can come between the two appends: the claim then names a user that does not exist, and the next
 * creation of that username adopts the orphaned claim (the repair) instead of failing forever.
 */
@Injectable()
export class CreateUserWorkflow {
  constructor(
    private readonly runner: CommandRunner,
    private readonly streams: StreamReader,
    private readonly directory: UserDirectory,
    private readonly claimKeys: ClaimKeys,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  /** `userId` is set by first-run setup, which must create the administrator it started with. */
  async run(user: NewUser, context: CommandContext, userId?: string): Promise<CommandOutcome & { userId: string }> {
    const prepared = await this.prepare(user, context, userId);
    return prepared.replay ? { ...prepared.replay, userId: prepared.userId } : prepared.commit();
  }

  /** Decides every step (also used by first-run setup, which must check the user before its own first append). */
  async prepare(user: NewUser, context: CommandContext, given?: string): Promise<PreparedUser> {
    if (user.password !== undefined) {
      const problem = passwordProblem(user.password);
      if (problem) throw new DomainRuleViolation({ kind: 'domain_error', rule: 'user.password.too_weak', message: problem, field: 'password' });
    }
    const claimStream = usernameClaimStream(this.claimKeys.username(user.username));
    const claim = await this.streams.load(usernameClaimDecider, claimStream);
    const orphan = claim.state.status === 'claimed' && !(await this.directory.byId(claim.state.userId));
    const userId = orphan && claim.state.status === 'claimed' ? claim.state.userId : (given ?? idForNewRecord(this.ids, context, 'user'));
    const passwordHash = user.password === undefined ? undefined : await hashPassword(user.password);

    const create = {
      decider: userDecider,
      stream: userStream(userId),
      command: {
        type: 'CreateUser',
        userId,
        username: user.username,
        displayName: user.displayName,
        passwordHash,
        on: this.clock.today(),
        // A starting grant that needs a second administrator (admin with a case-file role) is recorded as a request.
        requestedBy: context.actor.userId,
        grants: user.grants.map((grant) => ({ ...grant, requestId: idForNewRecord(this.ids, context, `grant:${grant.role}`) })),
      },
    } as const;
    const claimUsername = { decider: usernameClaimDecider, stream: claimStream, command: { type: 'ClaimUsername', username: user.username, userId } } as const;
    const createCtx = stepContext(context, 'create');
    const claimCtx = stepContext(context, 'claim');
    const done = await this.runner.check(create, createCtx);
    if (done.replay) return { userId, replay: done.replay, commit: () => Promise.resolve({ ...done.replay!, userId }) };
    await this.runner.check(claimUsername, claimCtx);
    return {
      userId,
      commit: async () => {
        await this.runner.run(claimUsername, claimCtx);
        return { ...(await this.runner.run(create, createCtx)), userId };
      },
    };
  }
}
