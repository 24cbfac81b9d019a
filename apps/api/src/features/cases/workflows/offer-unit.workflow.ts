import { Injectable } from '@nestjs/common';
import { CommandOf, unitDecider, unitStream } from '@app/domain';
import { CommandContext, CommandOutcome, stepContext } from '../../../platform/commands/command-context';
import { CommandRunner } from '../../../platform/commands/command-runner';
import { CaseSteps, rule } from '../case-steps';

/**
 * Reserve a place on the unit, then record the offer; release the place if the case refuses. Both
 * the unit and the offer are checked first (access to the case before either): a refused offer
 * leaves no reservation behind.
 */
@Injectable()
export class OfferUnitWorkflow {
  constructor(
    private readonly runner: CommandRunner,
    private readonly steps: CaseSteps,
  ) {}

  async run(command: CommandOf<'OfferUnit'>, ctx: CommandContext): Promise<CommandOutcome> {
    const { replay } = await this.steps.precheck(command, ctx);
    if (replay) return replay;
    const unit = await this.steps.unitOf(command.unitId);
    if (unit.facilityId !== command.facilityId) throw rule('offer.unit_not_in_facility', 'The unit belongs to another facility', 'unitId');
    const reserve = {
      type: 'ReserveUnit',
      unitId: command.unitId,
      caseId: command.caseId,
      offerId: command.offerId,
      on: command.on,
      expiresOn: command.expiresOn,
    } as const;
    await this.runner.run(
      { decider: unitDecider, stream: unitStream(command.unitId), command: reserve, effectiveDate: command.on },
      stepContext(ctx, 'reserve'),
    );
    try {
      return await this.steps.onCase(command, stepContext(ctx, 'case', true));
    } catch (error) {
      const release = { type: 'ReleaseReservation', unitId: command.unitId, offerId: command.offerId, on: command.on, reason: 'withdrawn' } as const;
      await this.runner.run({ decider: unitDecider, stream: unitStream(command.unitId), command: release }, stepContext(ctx, 'release')).catch(() => undefined);
      throw error;
    }
  }
}
