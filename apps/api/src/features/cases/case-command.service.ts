import { Injectable } from '@nestjs/common';
import { CaseCommand, DecideExclusion, IssueDecision, MoveIn, RegisterReferral, StartMapping, TransferUnit, WithoutToday } from '@app/domain';
import { CommandContext, CommandOutcome } from '../../platform/commands/command-context';
import { Clock } from '../../platform/clock';
import { CASE_COMMANDS, CaseWorkflow } from './case-commands';
import { CaseSteps } from './case-steps';
import { GiveUpPlaceWorkflow } from './workflows/give-up-place.workflow';
import { DecisionLetterWorkflow } from './decision-letters/decision-letter.workflow';
import { MoveInInput, MoveInWorkflow } from './workflows/move-in.workflow';
import { OfferUnitWorkflow } from './workflows/offer-unit.workflow';
import { NewReferral, RegisterReferralWorkflow } from './workflows/register-referral.workflow';
import { StartMappingInput, StartMappingWorkflow } from './workflows/start-mapping.workflow';
import { TransferInput, TransferUnitWorkflow } from './workflows/transfer-unit.workflow';

/** Any case command on an existing case as a client gives it: the workflows add `today` and the snapshots they load. */
export type CaseCommandInput =
  WithoutToday<Exclude<CaseCommand, RegisterReferral | MoveIn | TransferUnit | StartMapping>> | MoveInInput | TransferInput | StartMappingInput;

/**
 * Carries out a case command by the workflow its table row names (case-commands.ts): a full record,
 * so every workflow has its one way in. The municipal today is added here, once.
 */
@Injectable()
export class CaseCommandService {
  constructor(
    private readonly clock: Clock,
    private readonly steps: CaseSteps,
    private readonly referral: RegisterReferralWorkflow,
    private readonly offer: OfferUnitWorkflow,
    private readonly moveIn: MoveInWorkflow,
    private readonly transfer: TransferUnitWorkflow,
    private readonly mapping: StartMappingWorkflow,
    private readonly giveUpPlace: GiveUpPlaceWorkflow,
    private readonly decisionLetter: DecisionLetterWorkflow,
  ) {}

  private readonly workflows: Readonly<
    Record<Exclude<CaseWorkflow, 'referral'>, (input: CaseCommandInput, today: string, ctx: CommandContext) => Promise<CommandOutcome>>
  > = {
    case: (input, today, ctx) => this.steps.onCase({ ...input, today } as CaseCommand, ctx),
    offer: (input, today, ctx) => this.offer.run({ ...(input as WithoutToday<Extract<CaseCommand, { type: 'OfferUnit' }>>), today }, ctx),
    'move-in': (input, today, ctx) => this.moveIn.run(input as MoveInInput, today, ctx),
    transfer: (input, today, ctx) => this.transfer.run(input as TransferInput, today, ctx),
    mapping: (input, today, ctx) => this.mapping.run(input as StartMappingInput, today, ctx),
    'place-given-up': (input, today, ctx) => this.giveUpPlace.run({ ...input, today } as CaseCommand, ctx),
    'decision-letter': (input, today, ctx) => this.decisionLetter.run({ ...input, today } as IssueDecision | DecideExclusion, ctx),
  };

  registerReferral(input: NewReferral, ctx: CommandContext): Promise<CommandOutcome & { caseId: string }> {
    return this.referral.run(input, ctx);
  }

  execute(input: CaseCommandInput, ctx: CommandContext): Promise<CommandOutcome> {
    const workflow = CASE_COMMANDS[input.type].workflow ?? 'case';
    if (workflow === 'referral') throw new Error('RegisterReferral opens a case: use registerReferral');
    return this.workflows[workflow](input, this.clock.today(), ctx);
  }

  read(caseId: string) {
    return this.steps.read(caseId);
  }
}
