import { Inject, Injectable } from '@nestjs/common';
import { identityClaimDecider, identityClaimStream, PersonDetails, personDecider, personStream } from '@app/domain';
import { DomainRuleViolation } from '../../platform/errors/command-errors';
import { CommandContext, CommandOutcome, CommandRunner, stepContext } from '../../platform/commands/command-runner';
import { idForNewRecord, IdGenerator } from '../../platform/ids';
import { ClaimKeys } from '../../platform/auth/claim-keys';
import { KEY_STORE, KeyStore } from '../../platform/crypto/key-store.port';
import { StreamReader } from '../../platform/streams/stream-reader';

/**
 * One person per identity number, enforced by the store: the number's claim stream is appended to
 * with "no stream" expected, so two concurrent registrations of one number cannot both succeed. The
 * person and the claim are both decided before either is written, so a refused registration writes
 * nothing. The claim comes first; if the person cannot be written after it, the claim is released
 * again (and if even that fails, or the process dies in between, a later registration of the same
 * number adopts the orphaned claim).
 *
 * The person's key is made here, before their first event, and nowhere else (see KeyStore): a retry
 * finds the key it made the first time.
 */
@Injectable()
export class RegisterPersonWorkflow {
  constructor(
    private readonly runner: CommandRunner,
    private readonly streams: StreamReader,
    private readonly claimKeys: ClaimKeys,
    private readonly ids: IdGenerator,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  async run(details: PersonDetails, context: CommandContext): Promise<CommandOutcome & { personId: string }> {
    let personId = idForNewRecord(this.ids, context, 'person');
    // Before any event names the person (the claim does): every instance that reads one finds the key.
    // A forgotten person's id (a retry after the forget) gets none: the register step replays or is refused.
    await this.keys.create(personId);
    const claimKey = details.identityNumber ? this.claimKeys.identityNumber(details.identityNumber) : undefined;
    if (claimKey) {
      const claim = await this.streams.load(identityClaimDecider, identityClaimStream(claimKey));
      if (claim.state.status === 'claimed') {
        const holder = await this.streams.load(personDecider, personStream(claim.state.personId));
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
    }
    const register = { decider: personDecider, stream: personStream(personId), command: { type: 'RegisterPerson', personId, ...details } } as const;
    const registerCtx = stepContext(context, 'register');
    const done = await this.runner.check(register, registerCtx);
    if (done.replay) return { ...done.replay, personId };
    if (!claimKey) return { ...(await this.runner.run(register, registerCtx)), personId };

    // The claim is decided by its state (held by this person: nothing to do), not by the key: after a
    // release, a retry under the same key must claim the number again.
    const claimCtx = { ...context, idempotencyKey: undefined };
    const claim = { decider: identityClaimDecider, stream: identityClaimStream(claimKey), command: { type: 'ClaimIdentity', claimKey, personId } } as const;
    await this.runner.check(claim, claimCtx);
    const claimed = await this.runner.run(claim, claimCtx);
    try {
      return { ...(await this.runner.run(register, registerCtx)), personId };
    } catch (error) {
      if (claimed.events.length > 0) {
        const release = {
          decider: identityClaimDecider,
          stream: identityClaimStream(claimKey),
          command: { type: 'ReleaseIdentity', claimKey, personId },
        } as const;
        await this.runner.run(release, claimCtx).catch(() => undefined);
      }
      throw error;
    }
  }
}
