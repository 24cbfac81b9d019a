import { Injectable } from '@nestjs/common';
import {
  CaseCommand,
  caseDecider,
  DecideExclusion,
  DecisionInput,
  EventOf,
  facilityDecider,
  facilityStream,
  IssueDecision,
  isFacilityScoped,
  personDecider,
  personStream,
} from '@app/domain';
import { Actor, primaryRole } from '../../../platform/auth/actor';
import { UserDirectory } from '../../../platform/auth/user-directory';
import { CommandContext, CommandOutcome, stepContext } from '../../../platform/commands/command-context';
import { StreamReader } from '../../../platform/streams/stream-reader';
import { CaseSteps } from '../case-steps';
import { keptLetter, LetterFacts, letterFactsOf } from './decision-letter';

type Deciding = IssueDecision | DecideExclusion;

/**
 * A formal decision goes out with its letter, and the letter as sent is kept with it: the command is
 * decided first without writing (refused: nothing is written, no letter made), the letter is composed
 * from the DecisionIssued that deciding gives (so its appeal deadline is the decider's own), and the
 * command is then recorded carrying the letter's text and hash. A forgotten person gets no letter
 * text kept: no personal data can be recorded about them.
 */
@Injectable()
export class DecisionLetterWorkflow {
  constructor(
    private readonly streams: StreamReader,
    private readonly steps: CaseSteps,
    private readonly users: UserDirectory,
  ) {}

  async run(command: Deciding, ctx: CommandContext): Promise<CommandOutcome> {
    const { state, replay } = await this.steps.precheck(command, ctx);
    if (replay) return replay;
    const decided = caseDecider.decide(command, state);
    const events = decided.ok ? decided.events : [];
    const issued = events.find((e): e is EventOf<'DecisionIssued'> => e.type === 'DecisionIssued');
    const exclusion = events.find((e): e is EventOf<'ExclusionDecided'> => e.type === 'ExclusionDecided');
    const facts = issued && (await this.letterFacts(issued, exclusion, ctx.actor));
    const letter = facts ? keptLetter(facts) : undefined;
    return this.steps.onCase(withLetter(command, letter), stepContext(ctx, 'case', true));
  }

  private async letterFacts(
    issued: EventOf<'DecisionIssued'>,
    exclusion: EventOf<'ExclusionDecided'> | undefined,
    actor: Actor,
  ): Promise<LetterFacts | undefined> {
    const d = issued.data;
    const [person, facility, user] = await Promise.all([
      this.streams.load(personDecider, personStream(d.personId)),
      this.streams.load(facilityDecider, facilityStream(d.facilityId)),
      this.users.byId(actor.userId),
    ]);
    if (person.state.status !== 'registered' || facility.state.status !== 'active') return undefined;
    const { givenName, familyName } = person.state.details;
    const grant = actor.grants.find((g) => !isFacilityScoped(g.role) || g.facilityIds.includes(d.facilityId));
    return letterFactsOf(d, exclusion?.data, {
      person: { givenName, familyName },
      facility: { name: facility.state.profile.name, municipality: facility.state.profile.municipality },
      caseWorker: { displayName: user?.displayName ?? actor.username, role: grant?.role ?? primaryRole(actor) },
    });
  }
}

function withLetter(command: Deciding, letter: DecisionInput['letter']): CaseCommand {
  if (!letter) return command;
  return command.type === 'IssueDecision' ? { ...command, letter } : { ...command, decision: { ...command.decision, letter } };
}
