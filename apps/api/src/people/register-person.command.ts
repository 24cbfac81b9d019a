import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { identityClaimDecider, identityClaimStream, PersonDetails, personDecider, personStream } from '@app/domain';
import { DomainRuleViolation } from '../application/command-errors';
import { CommandContext, CommandOutcome, CommandRunner, stepContext } from '../application/command-runner';
import { idForNewRecord, IdGenerator } from '../application/ids';
import { ClaimKeys } from '../auth/claim-keys';
import { KEY_STORE, KeyStore } from '../privacy/key-store.port';

export class RegisterPersonCommand extends Command<CommandOutcome & { personId: string }> {
  constructor(
    readonly details: PersonDetails,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * One person per identity number, enforced by the store: the number's claim stream is appended to
 * with "no stream" expected, so two concurrent registrations of one number cannot both succeed. The
 * claim comes first; if the process dies before the person stream is written, a later registration of
 * the same number adopts the orphaned claim.
 *
 * The person's key is made here, before their first event, and nowhere else (see KeyStore): a retry
 * finds the key it made the first time.
 */
@CommandHandler(RegisterPersonCommand)
export class RegisterPersonHandler implements ICommandHandler<RegisterPersonCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly claimKeys: ClaimKeys,
    private readonly ids: IdGenerator,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  async execute({ details, context }: RegisterPersonCommand): Promise<CommandOutcome & { personId: string }> {
    let personId = idForNewRecord(this.ids, context, 'person');
    // Before any event names the person (the claim does): every instance that reads one finds the key.
    // A forgotten person's id (a retry after the forget) gets none: the register step replays or is refused.
    await this.keys.create(personId);
    if (details.identityNumber) {
      const claimStream = identityClaimStream(this.claimKeys.identityNumber(details.identityNumber));
      const claim = await this.runner.load(identityClaimDecider, claimStream);
      if (claim.state.status === 'claimed') {
        const holder = await this.runner.load(personDecider, personStream(claim.state.personId));
        if (holder.state.status === 'registered') {
          if (claim.state.personId !== personId) {
            throw new DomainRuleViolation({
              kind: 'domain_error',
              rule: 'person.identity_number.taken',
              message: 'A person with this identity number is already registered',
              field: 'identityNumber',
            });
          }
        } else {
          personId = claim.state.personId; // adopt the claim an interrupted registration left behind
          await this.keys.create(personId);
        }
      }
      await this.runner.run(
        { decider: identityClaimDecider, stream: claimStream, command: { type: 'ClaimIdentity', claimKey: this.claimKeys.identityNumber(details.identityNumber), personId } },
        stepContext(context, 'claim'),
      );
    }
    const outcome = await this.runner.run(
      { decider: personDecider, stream: personStream(personId), command: { type: 'RegisterPerson', personId, ...details } },
      stepContext(context, 'register'),
    );
    return { ...outcome, personId };
  }
}
