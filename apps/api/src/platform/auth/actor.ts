import type { Role } from '@app/domain';

/** Who issues a command or a query: from a verified token, never from the request body. */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly grants: readonly RoleGrant[];
}

export interface RoleGrant {
  readonly role: Role;
  /** Facilities the grant covers; empty for roles without facility scope (auditor, admin). */
  readonly facilityIds: readonly string[];
}

/** The system itself (repair processes, the demo loader): recorded as such in metadata. */
export const SYSTEM_ACTOR: Actor = { userId: 'system', username: 'system', grants: [] };

export function primaryRole(actor: Actor): Role | 'system' {
  return actor.grants[0]?.role ?? 'system';
}
