import { CASE_COMMAND_TYPES, CaseCommandType, CaseState } from '@app/domain';
import { AccessRule } from '../../platform/auth/authorization';
import { CASE_COMMANDS } from './case-commands';

const facilityOf = (state: CaseState) => (state.status === 'none' ? undefined : state.facility.facilityId);

/** Who may issue each case command: its action (case-commands.ts) in the case's own facility. */
export const CASE_ACCESS: Readonly<Record<CaseCommandType, AccessRule<CaseState>>> = Object.fromEntries(
  CASE_COMMAND_TYPES.map((type) => [
    type,
    { record: 'Case', exists: (state: CaseState) => state.status !== 'none', allowed: [{ action: CASE_COMMANDS[type].action, facilityOf }] },
  ]),
) as unknown as Record<CaseCommandType, AccessRule<CaseState>>;
