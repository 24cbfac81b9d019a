import 'reflect-metadata';
import { ROLES } from '@app/domain';
import { ConfigError, loadConfig } from '../platform/config/app-config';
import { auditSeal, auditVerify } from './audit.commands';
import { projectionsRebuild, projectionsStatus, replayParked } from './projections.commands';
import { addUser, disableUser, listUsers, resetPassword } from './users.commands';

const HELP = `Usage: npm run cli -- <command> [options]
  (in the production image: node dist/apps/api/src/cli.js <command> [options])

Commands:
  projections:status [--json]
            Per read model: version, generation, state, position, lag (events, seconds), parked events.
            With --json, one JSON document. Exits 1 when a read model is stalled or has parked events.
  projections:rebuild [NAME ...]
            Rebuilds the named read models (all by default) beside the live ones and swaps them in
            when caught up; a running server keeps answering from the old ones meanwhile.
  projections:replay-parked NAME
            Applies the parked (dead-lettered) events of a read model again, after a fix.
  audit:verify [STREAM] [--against FILE] [--json]
            Verifies the hash chains, the store's stream heads and positions, and every seal of the
            log (or of one stream), shows progress and speed, and names each finding. With --against,
            also checks that the log still holds the seal exported to FILE. With --json, prints the
            report as one JSON document. Exits 1 on any finding.
  audit:seal [--export]
            Seals the log now (needs SEAL_KEY_FILE or SEAL_PRIVATE_KEY). With --export, prints the
            latest seal and its public key as JSON instead, for an auditor to keep elsewhere.
  users:add --username NAME --display-name "Full Name" --role ROLE [--facility ID ...]
            Creates a user. The password is read from ROP_PASSWORD or asked for (hidden).
            The first administrator of a new installation can be created this way instead of
            with the setup token. Roles: ${ROLES.join(', ')}.
  users:list [--json]
            Every user: username, display name, roles with their facilities, disabled or not.
  users:disable USERNAME
            Disables a user and ends their sessions.
  users:reset-password USERNAME
            Sets a new password (from ROP_PASSWORD or asked for, hidden) and ends the user's sessions.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  const config = loadConfig(process.env);
  switch (command) {
    case 'users:add':
      return addUser(rest, config);
    case 'users:list':
      return listUsers(rest, config);
    case 'users:disable':
      return disableUser(rest, config);
    case 'users:reset-password':
      return resetPassword(rest, config);
    case 'audit:verify':
      return auditVerify(rest, config);
    case 'audit:seal':
      return auditSeal(rest, config);
    case 'projections:status':
      return projectionsStatus(rest, config);
    case 'projections:rebuild':
      return projectionsRebuild(rest, config);
    case 'projections:replay-parked':
      return replayParked(rest, config);
    default:
      process.stderr.write(`Unknown command: ${command}\n\n${HELP}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `Failed: ${(error as Error).message}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);
