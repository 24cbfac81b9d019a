/**
 * Roles and what they may do. Least privilege: case files hold special-category health data (GDPR
 * art. 9), so only those who work a case, lead its team, supervise its facility or audit may read
 * it; administrators manage users and facilities but do not read case files.
 */
export const ROLES = [
  'case_worker', // issues case commands within assigned facilities
  'team_lead', // also formal decisions, exclusions and appeal reviews, within assigned facilities
  'supervisor', // reads dashboards and cases of assigned facilities
  'auditor', // reads everything, including who looked at what (pasientjournalloven § 22)
  'admin', // manages users and facilities
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act only within the facilities they were granted. */
export const FACILITY_SCOPED_ROLES: readonly Role[] = ['case_worker', 'team_lead', 'supervisor'];
export const isFacilityScoped = (role: Role) => FACILITY_SCOPED_ROLES.includes(role);

export const ACTIONS = [
  'case.command', // referrals, moves, incidents, plans: the day-to-day record
  'case.decision', // formal decisions (enkeltvedtak)
  'case.exclusion', // ending a stay (avslutning fra tilbudet)
  'case.appeal_review', // the issuing unit's review of an appeal (fvl § 33)
  'read.case',
  'read.dashboard',
  'read.audit', // access logs and case histories for internal control
  'read.late_entries', // events recorded long after the day they are about (the team lead's review)
  'admin.users',
  'admin.facilities',
  'privacy.forget', // erase a person's personal data (crypto-shredding) on a recorded legal basis
] as const;
export type Action = (typeof ACTIONS)[number];

export interface RoleGrant {
  readonly role: Role;
  /** Facilities the grant covers; empty for roles without facility scope (auditor, admin). */
  readonly facilityIds: readonly string[];
}

const PERMISSIONS: { readonly [R in Role]: readonly Action[] } = {
  case_worker: ['case.command', 'read.case', 'read.dashboard'],
  team_lead: ['case.command', 'case.decision', 'case.exclusion', 'case.appeal_review', 'read.case', 'read.dashboard', 'read.late_entries'],
  supervisor: ['read.case', 'read.dashboard'],
  auditor: ['read.case', 'read.dashboard', 'read.audit', 'read.late_entries'],
  admin: ['admin.users', 'admin.facilities', 'privacy.forget'],
};

/** Whether a role allows an action at all; an unknown role (e.g. from an old token) allows nothing. */
const allows = (role: Role, action: Action) => (PERMISSIONS[role] ?? []).includes(action);

/** Roles that read case files (special-category health data): case_worker, team_lead, supervisor, auditor. */
export const readsCaseFiles = (role: Role): boolean => allows(role, 'read.case');

/**
 * Where the grants allow an action: everywhere, or only in these facilities (possibly none).
 * Listings and read models filter by this, so a scoped user never sees another facility's rows.
 */
export function facilityScope(grants: readonly RoleGrant[], action: Action): 'everywhere' | readonly string[] {
  const facilities = new Set<string>();
  for (const grant of grants) {
    if (!allows(grant.role, action)) continue;
    if (!isFacilityScoped(grant.role)) return 'everywhere';
    grant.facilityIds.forEach((id) => facilities.add(id));
  }
  return [...facilities].sort();
}

/**
 * May the holder of these grants perform `action` in facility `facilityId`? Without a facility, it
 * answers whether any grant allows the action somewhere: the gate a route checks before it knows the
 * record. Anything that belongs to a facility must then be checked again with its facilityId.
 */
export function can(grants: readonly RoleGrant[], action: Action, facilityId?: string): boolean {
  const scope = facilityScope(grants, action);
  if (scope === 'everywhere') return true;
  return facilityId === undefined ? scope.length > 0 : scope.includes(facilityId);
}
