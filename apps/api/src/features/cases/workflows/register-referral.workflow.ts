import { Injectable } from '@nestjs/common';
import {
  can,
  caseDecider,
  caseStream,
  facilityDecider,
  facilityStream,
  personDecider,
  personStream,
  referralClaimDecider,
  referralClaimStream,
  referralEnded,
  RegisterReferral,
} from '@app/domain';
import { assertCan } from '../../../platform/auth/authorization';
import { CommandContext, CommandOutcome, stepContext } from '../../../platform/commands/command-context';
import { CommandRunner } from '../../../platform/commands/command-runner';
import { Clock } from '../../../platform/clock';
import { idForNewRecord, IdGenerator } from '../../../platform/ids';
import { StreamReader } from '../../../platform/streams/stream-reader';
import { PersonFiles } from '../../../read-models/person-files/person-files.service';
import { AccessLogService } from '../../privacy/access-log.service';
import { rule } from '../case-steps';

export type NewReferral = Omit<RegisterReferral, 'type' | 'caseId' | 'facility' | 'person' | 'today'> & { facilityId: string };

/**
 * A referral claims the person–facility pair first (one open referral at a time, see
 * referral-claim.decider.ts), then writes the case. A claim left by a case that was never written is
 * adopted: the referral takes that case id, so two adopters cannot both write it (the second finds
 * the stream and gets a 409).
 *
 * A referral to one's own facility needs no purpose (referrals come from outside: the referral says
 * why), and it widens no reads: the facility sees the person's registered details and its own case,
 * not the cases recorded elsewhere (AccessLogService.decide). When the person's file is held only by
 * facilities outside the registrar's, the referral is flagged in the person's access log, so that a
 * reviewer sees that a new facility now works with the person.
 */
@Injectable()
export class RegisterReferralWorkflow {
  constructor(
    private readonly runner: CommandRunner,
    private readonly streams: StreamReader,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly access: AccessLogService,
    private readonly personFiles: PersonFiles,
  ) {}

  async run(input: NewReferral, ctx: CommandContext): Promise<CommandOutcome & { caseId: string }> {
    // Access first: the case does not exist yet, so the facility named in the referral decides.
    assertCan(ctx.actor, 'case.command', input.facilityId);
    const facility = await this.streams.load(facilityDecider, facilityStream(input.facilityId));
    if (facility.state.status !== 'active') throw rule('referral.facility_not_found', 'No such facility', 'facilityId');
    const person = await this.streams.load(personDecider, personStream(input.personId));
    if (person.state.status !== 'registered') throw rule('referral.person_not_found', 'No such person', 'personId');
    const { facilityId, ...rest } = input;
    const { profile } = facility.state;
    const { details } = person.state;
    const command = (caseId: string): RegisterReferral => ({
      ...rest,
      type: 'RegisterReferral',
      caseId,
      today: this.clock.today(),
      facility: {
        facilityId,
        kind: profile.kind,
        targetGroup: profile.targetGroup,
        maxStayDays: profile.maxStayDays,
        exclusionReasons: profile.exclusionReasons,
      },
      person: { birthDate: details.birthDate, gender: details.gender },
    });
    let caseId = idForNewRecord(this.ids, ctx, 'case');
    const done = await this.runner.check(
      { decider: caseDecider, stream: caseStream(caseId), command: command(caseId) },
      { ...stepContext(ctx, 'case'), expectedRevision: undefined },
    );
    if (done.replay) return { ...done.replay, caseId };

    const claimStream = referralClaimStream(input.personId, facilityId);
    const claim = await this.streams.load(referralClaimDecider, claimStream);
    let endedHolder: string | undefined;
    if (claim.state.status === 'claimed' && claim.state.caseId !== caseId) {
      const holder = await this.streams.load(caseDecider, caseStream(claim.state.caseId));
      if (holder.state.status === 'none') caseId = claim.state.caseId;
      else if (referralEnded(holder.state)) endedHolder = claim.state.caseId;
    }
    const claimCommand = { type: 'ClaimReferral', personId: input.personId, facilityId, caseId, endedHolder } as const;
    await this.runner.run({ decider: referralClaimDecider, stream: claimStream, command: claimCommand }, stepContext(ctx, 'claim'));
    const heldBy = await this.personFiles.facilitiesOf(input.personId);
    const known = heldBy.length === 0 || heldBy.some((f) => can(ctx.actor.grants, 'read.case', f));
    const flag = { flagged: !known, purpose: ctx.accessPurpose, show: 'everything' as const };
    const beforeAppend = this.access.flaggedWrite(ctx, { personId: input.personId, caseId, view: 'referral' }, flag);
    const outcome = await this.runner.run(
      { decider: caseDecider, stream: caseStream(caseId), command: command(caseId), effectiveDate: input.on, beforeAppend },
      { ...stepContext(ctx, 'case'), expectedRevision: undefined },
    );
    return { ...outcome, caseId };
  }
}
