/** The running app (see README.md): config, the app and the CLI context, and what a seed runs commands through. */
export { SYSTEM_ACTOR } from '../../apps/api/src/application/actor';
export type { Actor } from '../../apps/api/src/application/actor';
export type { CommandContext } from '../../apps/api/src/application/command-runner';
export { Clock, IdGenerator } from '../../apps/api/src/application/ids';
export { RunDeciderCommand } from '../../apps/api/src/application/run-decider.command';
export { createApp, createCliContext } from '../../apps/api/src/bootstrap';
export { CaseCommandService } from '../../apps/api/src/cases/case-command.service';
export { loadConfig } from '../../apps/api/src/config/app-config';
export { RegisterPersonCommand } from '../../apps/api/src/people/register-person.command';
export { CreateUserCommand } from '../../apps/api/src/users/create-user.command';
export { SetupService } from '../../apps/api/src/users/setup.service';
export { UserDirectory } from '../../apps/api/src/users/user-directory';
