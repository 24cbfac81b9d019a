import { Action, ACTIONS, can, facilityScope, RoleGrant } from './roles';

const caseWorker: RoleGrant = { role: 'case_worker', facilityIds: ['f1'] };
const teamLead: RoleGrant = { role: 'team_lead', facilityIds: ['f1', 'f2'] };
const supervisor: RoleGrant = { role: 'supervisor', facilityIds: ['f1'] };
const auditor: RoleGrant = { role: 'auditor', facilityIds: [] };
const admin: RoleGrant = { role: 'admin', facilityIds: [] };

/** The actions a grant allows in facility f1. */
const allowedIn = (grant: RoleGrant, facilityId = 'f1') => ACTIONS.filter((a) => can([grant], a, facilityId));

describe('roles and permissions', () => {
  it('lets a case worker work and read cases within assigned facilities only', () => {
    expect(allowedIn(caseWorker)).toEqual(['case.command', 'read.case', 'read.dashboard']);
    expect(allowedIn(caseWorker, 'f2')).toEqual([]);
  });

  it('lets a team lead also decide, exclude and review appeals, within assigned facilities', () => {
    expect(allowedIn(teamLead)).toEqual([
      'case.command',
      'case.decision',
      'case.exclusion',
      'case.appeal_review',
      'read.case',
      'read.dashboard',
      'read.late_entries',
    ]);
    expect(can([teamLead], 'case.decision', 'f2')).toBe(true);
    expect(can([teamLead], 'case.decision', 'f3')).toBe(false);
  });

  it('does not let a case worker make formal decisions, exclusions or appeal reviews', () => {
    for (const action of ['case.decision', 'case.exclusion', 'case.appeal_review'] as Action[]) {
      expect(can([caseWorker], action, 'f1')).toBe(false);
    }
  });

  it('lets a supervisor only read dashboards and cases of assigned facilities', () => {
    expect(allowedIn(supervisor)).toEqual(['read.case', 'read.dashboard']);
    expect(allowedIn(supervisor, 'f2')).toEqual([]);
  });

  it('lets an auditor read everything, in every facility, and change nothing', () => {
    expect(allowedIn(auditor, 'any-facility')).toEqual(['read.case', 'read.dashboard', 'read.audit', 'read.late_entries']);
  });

  it('lets an admin manage users and facilities and erase a person on request, but not read case files', () => {
    expect(allowedIn(admin)).toEqual(['admin.users', 'admin.facilities', 'privacy.forget']);
    expect(can([admin], 'read.case')).toBe(false);
  });

  it('keeps the audit log to auditors', () => {
    expect([caseWorker, teamLead, supervisor, admin].some((g) => can([g], 'read.audit'))).toBe(false);
  });

  it('without a facility, says whether any grant allows the action somewhere (the route gate)', () => {
    expect(can([caseWorker], 'case.command')).toBe(true);
    expect(can([caseWorker], 'case.decision')).toBe(false);
    expect(can([{ role: 'case_worker', facilityIds: [] }], 'case.command')).toBe(false);
  });

  it('combines grants: each counts in its own facilities', () => {
    const grants = [caseWorker, { role: 'team_lead' as const, facilityIds: ['f2'] }];
    expect(can(grants, 'case.decision', 'f1')).toBe(false);
    expect(can(grants, 'case.decision', 'f2')).toBe(true);
    expect(facilityScope(grants, 'case.command')).toEqual(['f1', 'f2']);
  });

  it('gives listings the facilities to filter by, or everywhere', () => {
    expect(facilityScope([supervisor, caseWorker], 'read.case')).toEqual(['f1']);
    expect(facilityScope([supervisor, auditor], 'read.case')).toBe('everywhere');
    expect(facilityScope([admin], 'read.case')).toEqual([]);
  });

  it('allows nothing without grants or for an unknown role', () => {
    expect(ACTIONS.some((a) => can([], a))).toBe(false);
    const unknown = { role: 'superuser', facilityIds: ['f1'] } as unknown as RoleGrant;
    expect(ACTIONS.some((a) => can([unknown], a, 'f1'))).toBe(false);
  });
});
