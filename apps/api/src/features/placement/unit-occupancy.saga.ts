import { Injectable, Logger } from '@nestjs/common';
import { CaseEvent, unitDecider, unitFollowUps, unitStream } from '@app/domain';
import { SYSTEM_ACTOR } from '../../platform/auth/actor';
import { CommandRunner } from '../../platform/commands/command-runner';
import { EventMetadata } from '../../platform/streams/event-metadata';

/**
 * Applies to the units what a case event implies (see the domain's unit-occupancy saga). Every unit command
 * runs under an Idempotency-Key derived from the case event's id, so applying the same case event
 * twice — once right after the command, once from the repair process — writes the unit events once.
 */
@Injectable()
export class UnitOccupancySaga {
  private readonly logger = new Logger('UnitOccupancySaga');

  constructor(private readonly runner: CommandRunner) {}

  async apply(caseEventId: string, event: CaseEvent, cause: Pick<EventMetadata, 'correlationId'>): Promise<void> {
    const commands = unitFollowUps(event);
    for (const [index, command] of commands.entries()) {
      await this.runner.run(
        { decider: unitDecider, stream: unitStream(command.unitId), command, effectiveDate: event.data.on },
        {
          actor: SYSTEM_ACTOR,
          commandId: `${caseEventId}:${index}`,
          correlationId: cause.correlationId,
          causationId: caseEventId,
          idempotencyKey: `unit-follow-up:${caseEventId}:${index}`,
        },
      );
    }
  }

  /** After a command: best effort. If it fails, the repair process applies it from the log. */
  async applyAfterCommand(appended: ReadonlyArray<{ id: string; event: { type: string; data: object } }>, correlationId: string): Promise<void> {
    for (const { id, event } of appended) {
      try {
        await this.apply(id, event as CaseEvent, { correlationId });
      } catch (error) {
        this.logger.warn(`Unit follow-up of ${event.type} deferred to the repair process: ${(error as Error).name}`);
      }
    }
  }
}
