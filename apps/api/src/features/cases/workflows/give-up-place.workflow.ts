import { Injectable } from '@nestjs/common';
import { CaseCommand, CaseState, unitDecider, unitStream } from '@app/domain';
import { CommandContext, CommandOutcome, stepContext } from '../../../platform/commands/command-context';
import { StreamReader } from '../../../platform/streams/stream-reader';
import { CaseSteps } from '../case-steps';

/**
 * A decline, an expiry, a move-out or the end of an assessment stay gives up a place; the unit
 * follows the case. When the place's claim was entered after the fact and must end by a day a later
 * claim took the place, and this end is later, the unit is asked to hold it longer first (refused:
 * the place is taken, nothing is written).
 */
@Injectable()
export class GiveUpPlaceWorkflow {
  constructor(
    private readonly streams: StreamReader,
    private readonly steps: CaseSteps,
  ) {}

  async run(command: CaseCommand, ctx: CommandContext): Promise<CommandOutcome> {
    const { state, replay } = await this.steps.precheck(command, ctx);
    if (replay) return replay;
    const unitId = placeGivenUp(command, state);
    if (unitId !== undefined) {
      const { state: unit } = await this.streams.load(unitDecider, unitStream(unitId));
      if (unit.status === 'active') await this.steps.holdUntil(unit, command.caseId, command.on, ctx);
    }
    return this.steps.onCase(command, stepContext(ctx, 'case', true));
  }
}

/** The unit whose place the command gives up, if any. */
function placeGivenUp(command: CaseCommand, state: CaseState): string | undefined {
  if (state.status === 'none' || state.status === 'closed') return undefined;
  switch (command.type) {
    case 'DeclineOffer':
    case 'ExpireOffer':
      return state.offers[command.offerId]?.unitId;
    case 'MoveOut':
      return state.stay?.unitId;
    case 'EndMapping':
      return state.mappings[command.mappingId]?.assessmentUnitId;
    default:
      return undefined;
  }
}
