import { Injectable } from '@nestjs/common';
import { addDays, facilityDecider, facilityStream, MoveIn, WithoutToday } from '@app/domain';
import { CommandContext, CommandOutcome, stepContext } from '../../../platform/commands/command-context';
import { StreamReader } from '../../../platform/streams/stream-reader';
import { CaseSteps } from '../case-steps';

export type MoveInInput = WithoutToday<Omit<MoveIn, 'unit' | 'facilityMaxStayDays'>>;

/**
 * The offer holds the place; the case records the move-in and the unit follows (the reservation held
 * through the night of the move-in). Access to the case is checked before the unit or the facility
 * is read, so an outsider learns nothing about either (403, not `unit.not_found`).
 */
@Injectable()
export class MoveInWorkflow {
  constructor(
    private readonly streams: StreamReader,
    private readonly steps: CaseSteps,
  ) {}

  async run(input: MoveInInput, today: string, ctx: CommandContext): Promise<CommandOutcome> {
    await this.steps.authorized(input.caseId, 'MoveIn', ctx);
    const unit = await this.steps.unitOf(input.unitId);
    const facility = await this.streams.load(facilityDecider, facilityStream(unit.facilityId));
    const maxStay = facility.state.status === 'active' ? facility.state.profile.maxStayDays : undefined;
    const command: MoveIn = { ...input, today, unit: { kind: unit.kind }, facilityMaxStayDays: maxStay };
    const { replay } = await this.steps.precheck(command, ctx);
    if (replay) return replay;
    await this.steps.holdUntil(unit, command.caseId, addDays(command.on, 1), ctx);
    return this.steps.onCase(command, stepContext(ctx, 'case', true));
  }
}
