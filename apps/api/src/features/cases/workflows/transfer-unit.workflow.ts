import { Injectable } from '@nestjs/common';
import { TransferUnit, unitDecider, unitStream, WithoutToday } from '@app/domain';
import { CommandContext, CommandOutcome, stepContext } from '../../../platform/commands/command-context';
import { CommandRunner } from '../../../platform/commands/command-runner';
import { CaseSteps, rule } from '../case-steps';

export type TransferInput = WithoutToday<Omit<TransferUnit, 'unit'>>;

/** Occupy the new unit first (the capacity check), then move the case; free the new unit if the case refuses. */
@Injectable()
export class TransferUnitWorkflow {
  constructor(
    private readonly runner: CommandRunner,
    private readonly steps: CaseSteps,
  ) {}

  async run(input: TransferInput, today: string, ctx: CommandContext): Promise<CommandOutcome> {
    await this.steps.authorized(input.caseId, 'TransferUnit', ctx);
    const unit = await this.steps.unitOf(input.toUnitId);
    const command: TransferUnit = { ...input, today, unit: { kind: unit.kind } };
    const { state, replay } = await this.steps.precheck(command, ctx);
    if (replay) return replay;
    if (state.status !== 'resident') throw rule('transfer.not_resident', 'Only a resident can be transferred');
    if (unit.facilityId !== state.facility.facilityId) throw rule('transfer.unit_not_in_facility', 'The unit belongs to another facility', 'toUnitId');
    await this.steps.holdUntil(await this.steps.unitOf(state.stay.unitId), input.caseId, input.on, ctx);
    const occupy = {
      type: 'OccupyUnitByTransfer',
      unitId: input.toUnitId,
      caseId: input.caseId,
      personId: state.personId,
      transferId: input.transferId,
      on: input.on,
    } as const;
    await this.runner.run({ decider: unitDecider, stream: unitStream(input.toUnitId), command: occupy, effectiveDate: input.on }, stepContext(ctx, 'occupy'));
    try {
      return await this.steps.onCase(command, stepContext(ctx, 'case', true));
    } catch (error) {
      const vacate = { type: 'VacateUnit', unitId: input.toUnitId, caseId: input.caseId, on: input.on, transferId: input.transferId } as const;
      await this.runner.run({ decider: unitDecider, stream: unitStream(input.toUnitId), command: vacate }, stepContext(ctx, 'undo')).catch(() => undefined);
      throw error;
    }
  }
}
