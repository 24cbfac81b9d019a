import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Role, userDecider, userStream, usernameClaimDecider, usernameClaimStream } from '@app/domain';
import { DomainRuleViolation } from '../application/command-errors';
import { CommandContext, CommandOutcome, CommandRunner, stepContext } from '../application/command-runner';
import { Clock, idForNewRecord, IdGenerator } from '../application/ids';
import { ClaimKeys } from '../auth/claim-keys';
import { hashPassword, passwordProblem } from '../auth/password-hasher';
import { UserDirectory } from './user-directory';

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  /** Absent for users who log in through the municipality's OpenID Connect issuer. */
  readonly password?: string;
  readonly grants: ReadonlyArray<{ role: Role; facilityIds?: readonly string[] }>;
}

export class CreateUserCommand extends Command<CommandOutcome & { userId: string }> {
  constructor(
    readonly user: NewUser,
    readonly context: CommandContext,
    /** Set by first-run setup, which must create the administrator it started with. */
    readonly userId?: string,
  ) {
    super();
  }
}

/**
 * Creating a user touches two streams: the username claim (which makes the name unique) and the user.
 * The claim comes first. If the process dies between the two, the claim names a user that does not
 * exist; the next attempt for that username adopts the orphaned claim instead of failing forever.
 */
@CommandHandler(CreateUserCommand)
export class CreateUserHandler implements ICommandHandler<CreateUserCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly directory: UserDirectory,
    private readonly claimKeys: ClaimKeys,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute({ user, context, userId: given }: CreateUserCommand): Promise<CommandOutcome & { userId: string }> {
    if (user.password !== undefined) {
      const problem = passwordProblem(user.password);
      if (problem) throw new DomainRuleViolation({ kind: 'domain_error', rule: 'user.password.too_weak', message: problem, field: 'password' });
    }
    const claimStream = usernameClaimStream(this.claimKeys.username(user.username));
    const claim = await this.runner.load(usernameClaimDecider, claimStream);
    const orphan = claim.state.status === 'claimed' && !(await this.directory.byId(claim.state.userId));
    const userId = orphan && claim.state.status === 'claimed' ? claim.state.userId : (given ?? idForNewRecord(this.ids, context, 'user'));

    await this.runner.run({ decider: usernameClaimDecider, stream: claimStream, command: { type: 'ClaimUsername', username: user.username, userId } }, stepContext(context, 'claim'));
    const passwordHash = user.password === undefined ? undefined : await hashPassword(user.password);
    let outcome = await this.runner.run(
      {
        decider: userDecider,
        stream: userStream(userId),
        command: { type: 'CreateUser', userId, username: user.username, displayName: user.displayName, passwordHash, on: this.clock.today() },
      },
      stepContext(context, 'create'),
    );
    for (const grant of user.grants) {
      outcome = await this.runner.run(
        {
          decider: userDecider,
          stream: userStream(userId),
          // A grant that needs a second administrator (admin with a case-file role) is recorded as a request.
          command: { type: 'GrantRole', userId, role: grant.role, facilityIds: grant.facilityIds, requestedBy: context.actor.userId, requestId: idForNewRecord(this.ids, context, `grant:${grant.role}`) },
        },
        stepContext(context, `grant:${grant.role}`),
      );
    }
    return { ...outcome, userId };
  }
}
