import { Injectable } from '@nestjs/common';
import { StartMapping, unitDecider, unitStream, WithoutToday } from '@app/domain';
import { CommandContext, CommandOutcome, stepContext } from '../../../platform/commands/command-context';
import { CommandRunner } from '../../../platform/commands/command-runner';
import { NotFound } from '../../../platform/errors/command-errors';
import { CaseSteps } from '../case-steps';

export type StartMappingInput = WithoutToday<Omit<StartMapping, 'assessmentUnit'>>;

/** An assessment stay takes its place in the flat first, as a transfer does; freed again if the case refuses. */
@Injectable()
export class StartMappingWorkflow {
  constructor(
    private readonly runner: CommandRunner,
    private readonly steps: CaseSteps,
  ) {}

  async run(input: StartMappingInput, today: string, ctx: CommandContext): Promise<CommandOutcome> {
    const unitId = input.assessmentUnitId;
    if (unitId === undefined) return this.steps.onCase({ ...input, today }, ctx);
    await this.steps.authorized(input.caseId, 'StartMapping', ctx);
    const unit = await this.steps.unitOf(unitId, 'assessmentUnitId');
    const command: StartMapping = { ...input, today, assessmentUnit: { facilityId: unit.facilityId, kind: unit.kind } };
    const { state, replay } = await this.steps.precheck(command, ctx);
    if (replay) return replay;
    if (state.status === 'none') throw new NotFound('Case');
    const occupy = { type: 'OccupyUnitForMapping', unitId, caseId: input.caseId, personId: state.personId, mappingId: input.mappingId, on: input.on } as const;
    await this.runner.run({ decider: unitDecider, stream: unitStream(unitId), command: occupy, effectiveDate: input.on }, stepContext(ctx, 'occupy'));
    try {
      return await this.steps.onCase(command, stepContext(ctx, 'case', true));
    } catch (error) {
      const vacate = { type: 'VacateUnit', unitId, caseId: input.caseId, on: input.on, mappingId: input.mappingId } as const;
      await this.runner.run({ decider: unitDecider, stream: unitStream(unitId), command: vacate }, stepContext(ctx, 'undo')).catch(() => undefined);
      throw error;
    }
  }
}
