/** The running app (see README.md): config, the app and the CLI context, and what a seed runs commands through. */
export { SYSTEM_ACTOR } from '../../apps/api/src/platform/auth/actor';
export type { Actor } from '../../apps/api/src/platform/auth/actor';
export type { CommandContext } from '../../apps/api/src/platform/commands/command-runner';
export { IdGenerator } from '../../apps/api/src/platform/ids';
export { Clock } from '../../apps/api/src/platform/clock';
export { CommandRunner } from '../../apps/api/src/platform/commands/command-runner';
export { StreamReader } from '../../apps/api/src/platform/streams/stream-reader';
export { createApp, createCliContext } from '../../apps/api/src/app/bootstrap';
export { CaseCommandService } from '../../apps/api/src/features/cases/case-command.service';
export { loadConfig } from '../../apps/api/src/platform/config/app-config';
export { RegisterPersonWorkflow } from '../../apps/api/src/features/people/register-person.workflow';
export { CreateUserWorkflow } from '../../apps/api/src/features/users/create-user.workflow';
export { SetupService } from '../../apps/api/src/features/users/setup.service';
export { UserDirectory } from '../../apps/api/src/platform/auth/user-directory';
