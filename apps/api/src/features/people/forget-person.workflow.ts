import { Inject, Injectable } from '@nestjs/common';
import { ForgettingBasis, identityClaimDecider, identityClaimStream, personDecider, personStream } from '@app/domain';
import { ProjectionEngine, ReadModelDb } from '@app/projections';
import { parsePosition } from '@app/event-store';
import { NotFound } from '../../platform/errors/command-errors';
import { CommandContext, CommandOutcome, CommandRunner, stepContext } from '../../platform/commands/command-runner';
import { ClaimKeys } from '../../platform/auth/claim-keys';
import { ForgetIncompleteError, KEY_STORE, KeyStore } from '../../platform/crypto/key-store.port';
import { StreamReader } from '../../platform/streams/stream-reader';

/**
 * Forgetting (GDPR art. 17, where art. 17(3) allows it): record that it happened and why, free the
 * identity number, delete the person's key (their personal fields in the log become unreadable for
 * ever; the events, counts and hash chains stay), and purge the copies the read models hold. Other
 * instances learn of it from the key store (NOTIFY) and from the event (ForgottenPeopleFollower).
 */
@Injectable()
export class ForgetPersonWorkflow {
  constructor(
    private readonly runner: CommandRunner,
    private readonly streams: StreamReader,
    private readonly claimKeys: ClaimKeys,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    private readonly projections: ProjectionEngine,
    private readonly readModels: ReadModelDb,
  ) {}

  async run(personId: string, legalBasis: ForgettingBasis, on: string, context: CommandContext): Promise<CommandOutcome> {
    const person = await this.streams.load(personDecider, personStream(personId));
    if (person.state.status === 'none') throw new NotFound('Person');
    const identityNumber = person.state.status === 'registered' ? person.state.details.identityNumber : undefined;
    const outcome = await this.runner.run(
      { decider: personDecider, stream: personStream(personId), command: { type: 'ForgetPerson', personId, on, legalBasis }, effectiveDate: on },
      stepContext(context, 'forget', true),
    );
    if (identityNumber) {
      const claimKey = this.claimKeys.identityNumber(identityNumber);
      await this.runner.run(
        { decider: identityClaimDecider, stream: identityClaimStream(claimKey), command: { type: 'ReleaseIdentity', claimKey, personId } },
        stepContext(context, 'release'),
      );
    }
    try {
      // Resolves only when the key is gone from the key store's files; else ForgetIncompleteError (503):
      // every step above and this one are idempotent, so the caller simply tries again.
      await this.keys.forget(personId, new Date());
    } finally {
      this.streams.forgetFoldedStates();
    }
    // The read models drop their copies when they apply PersonForgotten; then the WAL is folded away.
    if (outcome.position)
      await this.projections.waitFor(
        this.projections.projections.map((p) => p.name),
        parsePosition(outcome.position),
        10_000,
      );
    // As for the key: the purged rows' old pages must not stay in the read models' WAL either.
    const deadline = Date.now() + 3000;
    while (!this.readModels.compact()) {
      if (Date.now() >= deadline) throw new ForgetIncompleteError();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return outcome;
  }
}
