import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainEventLike } from '../streams/event-codec';
import { CommandContext, CommandOutcome, CommandRunner, RunSpec } from './command-runner';

/**
 * A command that touches one stream: decided by that stream's decider and appended with optimistic
 * concurrency. Workflows that touch two streams (move-in, transfer, move-out, registrations with a
 * uniqueness claim) have their own commands and handlers.
 */
export class RunDeciderCommand<C extends { type: string } = { type: string }, S = unknown, E extends DomainEventLike = DomainEventLike> extends Command<CommandOutcome> {
  constructor(
    readonly spec: RunSpec<C, S, E>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RunDeciderCommand)
export class RunDeciderHandler implements ICommandHandler<RunDeciderCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: RunDeciderCommand): Promise<CommandOutcome> {
    return this.runner.run(command.spec, command.context);
  }
}
