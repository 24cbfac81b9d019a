import { fold } from '../shared/decider';
import { specFor } from '../shared/given-when-then';
import { effectiveGrants, UserCommand, userDecider, UserEvent, userStream } from './user.decider';

const given = specFor(userDecider);

const create: UserCommand = {
  type: 'CreateUser',
  userId: 'u1',
  username: 'kari.nordmann',
  displayName: 'Kari Nordmann',
  passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA',
  on: '2026-01-05',
};
const created: UserEvent = {
  type: 'UserCreated',
  data: {
    userId: 'u1',
    username: 'kari.nordmann',
    displayName: 'Kari Nordmann',
    passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA',
    on: '2026-01-05',
  },
};
const caseWorkerIn = (...facilityIds: string[]): UserEvent => ({
  type: 'RoleGranted',
  data: { userId: 'u1', role: 'case_worker', facilityIds },
});
const disabled: UserEvent = { type: 'UserDisabled', data: { userId: 'u1' } };
/** Asked for by administrator a1, as request r1. */
const grant = { type: 'GrantRole', requestedBy: 'a1', requestId: 'r1' } as const;
const adminRole: UserEvent = { type: 'RoleGranted', data: { userId: 'u1', role: 'admin', facilityIds: [] } };
const auditorRequested: UserEvent = {
  type: 'RoleGrantRequested',
  data: { userId: 'u1', requestId: 'r1', role: 'auditor', facilityIds: [], requestedBy: 'a1' },
};

describe('user', () => {
  it('names its stream after the user', () => {
    expect(userStream('u1')).toBe('user-u1');
  });

  describe('CreateUser', () => {
    it('creates a user with a password hash', () => {
      given().when(create).then(created);
    });
    it('creates an external (OpenID Connect) user without a password', () => {
      const { passwordHash: _hash, ...external } = create;
      given()
        .when({ ...external, externalSubject: 'idp|123' })
        .then({
          type: 'UserCreated',
          data: { userId: 'u1', username: 'kari.nordmann', displayName: 'Kari Nordmann', externalSubject: 'idp|123', on: '2026-01-05' },
        });
    });
    it('stores the username in lower case', () => {
      given()
        .when({ ...create, username: ' Kari.Nordmann ' })
        .then(created);
    });
    it('is idempotent when repeated', () => {
      given(created).when(create).thenNothing();
    });
    it('refuses a different user under the same id', () => {
      given(created)
        .when({ ...create, displayName: 'Someone Else' })
        .thenRejects('user.already_exists');
    });
    it.each(['ab', 'a'.repeat(65), 'kari nordmann', 'kåre', 'kari@nav'])('refuses the username %p', (username) => {
      given()
        .when({ ...create, username })
        .thenRejects('user.username.invalid', 'username');
    });
    it('needs a display name', () => {
      given()
        .when({ ...create, displayName: '  ' })
        .thenRejects('user.display_name.required', 'displayName');
    });
    it('refuses an empty password hash', () => {
      given()
        .when({ ...create, passwordHash: '' })
        .thenRejects('user.password_hash.invalid', 'passwordHash');
    });
    it('records the roles it starts with in the same decision', () => {
      given()
        .when({
          ...create,
          requestedBy: 'a1',
          grants: [
            { role: 'case_worker', facilityIds: ['f2', 'f1'], requestId: 'r1' },
            { role: 'auditor', requestId: 'r2' },
          ],
        })
        .then(created, caseWorkerIn('f1', 'f2'), { type: 'RoleGranted', data: { userId: 'u1', role: 'auditor', facilityIds: [] } });
    });
    it('refuses the whole user when one of its grants is refused (nothing is recorded)', () => {
      given()
        .when({
          ...create,
          requestedBy: 'a1',
          grants: [
            { role: 'auditor', requestId: 'r1' },
            { role: 'case_worker', requestId: 'r2' },
          ],
        })
        .thenRejects('user.role.facilities_required', 'facilityIds');
    });
    it('adds only the missing grants when repeated after an interruption', () => {
      const again = { ...create, requestedBy: 'a1', grants: [{ role: 'case_worker', facilityIds: ['f1'], requestId: 'r1' }] } as const;
      given(created).when(again).then(caseWorkerIn('f1'));
      given(created, caseWorkerIn('f1')).when(again).thenNothing();
    });
    it('records a starting grant that needs a second administrator as a request (four eyes)', () => {
      given()
        .when({
          ...create,
          requestedBy: 'a1',
          grants: [
            { role: 'admin', requestId: 'r0' },
            { role: 'auditor', requestId: 'r1' },
          ],
        })
        .then(created, adminRole, auditorRequested);
    });
  });

  describe('every other command', () => {
    it('needs the user to exist', () => {
      given().when({ type: 'DisableUser', userId: 'u1' }).thenRejects('user.not_found');
    });
  });

  describe('GrantRole', () => {
    it('grants a facility-scoped role in the named facilities', () => {
      given(created)
        .when({ ...grant, userId: 'u1', role: 'case_worker', facilityIds: ['f2', 'f1', 'f2'] })
        .then(caseWorkerIn('f1', 'f2'));
    });
    it('ignores facilities for roles without facility scope', () => {
      given(created)
        .when({ ...grant, userId: 'u1', role: 'auditor', facilityIds: ['f1'] })
        .then({ type: 'RoleGranted', data: { userId: 'u1', role: 'auditor', facilityIds: [] } });
    });
    it('records nothing when re-granted with the same facilities', () => {
      given(created, caseWorkerIn('f1', 'f2'))
        .when({ ...grant, userId: 'u1', role: 'case_worker', facilityIds: ['f2', 'f1'] })
        .thenNothing();
    });
    it('replaces the facilities when re-granted with others', () => {
      given(created, caseWorkerIn('f1', 'f2'))
        .when({ ...grant, userId: 'u1', role: 'case_worker', facilityIds: ['f1'] })
        .then(caseWorkerIn('f1'));
    });
    it.each(['case_worker', 'team_lead', 'supervisor'] as const)('needs facilities for %s', (role) => {
      given(created)
        .when({ ...grant, userId: 'u1', role, facilityIds: [] })
        .thenRejects('user.role.facilities_required', 'facilityIds');
    });
    it('refuses an unknown role', () => {
      given(created)
        .when({ ...grant, userId: 'u1', role: 'root' as never, facilityIds: ['f1'] })
        .thenRejects('user.role.unknown', 'role');
    });
    it('refuses a disabled user', () => {
      given(created, disabled)
        .when({ ...grant, userId: 'u1', role: 'supervisor', facilityIds: ['f1'] })
        .thenRejects('user.disabled');
    });
  });

  describe('RevokeRole', () => {
    it('revokes a role', () => {
      given(created, caseWorkerIn('f1'))
        .when({ type: 'RevokeRole', userId: 'u1', role: 'case_worker' })
        .then({ type: 'RoleRevoked', data: { userId: 'u1', role: 'case_worker' } });
    });
    it('records nothing when the role is not held', () => {
      given(created).when({ type: 'RevokeRole', userId: 'u1', role: 'admin' }).thenNothing();
    });
    it('revokes from a disabled user too', () => {
      given(created, caseWorkerIn('f1'), disabled)
        .when({ type: 'RevokeRole', userId: 'u1', role: 'case_worker' })
        .then({ type: 'RoleRevoked', data: { userId: 'u1', role: 'case_worker' } });
    });
  });

  describe('ChangePassword', () => {
    it('records the new hash', () => {
      given(created)
        .when({ type: 'ChangePassword', userId: 'u1', passwordHash: 'new-hash' })
        .then({ type: 'PasswordChanged', data: { userId: 'u1', passwordHash: 'new-hash' } });
    });
    it('records nothing for the same hash', () => {
      given(created)
        .when({ type: 'ChangePassword', userId: 'u1', passwordHash: created.data.passwordHash as string })
        .thenNothing();
    });
    it('refuses an empty hash', () => {
      given(created).when({ type: 'ChangePassword', userId: 'u1', passwordHash: '' }).thenRejects('user.password_hash.invalid');
    });
  });

  describe('DisableUser and EnableUser', () => {
    it('disables a user, whose grants then count for nothing', () => {
      given(created, caseWorkerIn('f1')).when({ type: 'DisableUser', userId: 'u1' }).then(disabled);
      expect(effectiveGrants(fold(userDecider, [created, caseWorkerIn('f1'), disabled]))).toEqual([]);
    });
    it('records nothing when already disabled', () => {
      given(created, disabled).when({ type: 'DisableUser', userId: 'u1' }).thenNothing();
    });
    it('enables a disabled user, whose grants count again', () => {
      const enabled: UserEvent = { type: 'UserEnabled', data: { userId: 'u1' } };
      given(created, disabled).when({ type: 'EnableUser', userId: 'u1' }).then(enabled);
      expect(effectiveGrants(fold(userDecider, [created, caseWorkerIn('f1'), disabled, enabled]))).toEqual([{ role: 'case_worker', facilityIds: ['f1'] }]);
    });
    it('records nothing when already enabled', () => {
      given(created).when({ type: 'EnableUser', userId: 'u1' }).thenNothing();
    });
  });

  describe('four eyes', () => {
    it('refuses a grant to oneself, whatever the role', () => {
      given(created)
        .when({ ...grant, userId: 'u1', role: 'case_worker', facilityIds: ['f1'], requestedBy: 'u1' })
        .thenRejects('user.role.self_grant');
      given(created, adminRole)
        .when({ ...grant, userId: 'u1', role: 'auditor', requestedBy: 'u1' })
        .thenRejects('user.role.self_grant');
    });
    it.each(['case_worker', 'team_lead', 'supervisor', 'auditor'] as const)('records a request, not a grant, when an administrator is to get %s', (role) => {
      const facilityIds = role === 'auditor' ? [] : ['f1'];
      given(created, adminRole)
        .when({ ...grant, userId: 'u1', role, facilityIds })
        .then({ type: 'RoleGrantRequested', data: { userId: 'u1', requestId: 'r1', role, facilityIds, requestedBy: 'a1' } });
    });
    it('records a request when an account that reads case files is to become administrator', () => {
      given(created, caseWorkerIn('f1'))
        .when({ ...grant, userId: 'u1', role: 'admin' })
        .then({ type: 'RoleGrantRequested', data: { userId: 'u1', requestId: 'r1', role: 'admin', facilityIds: [], requestedBy: 'a1' } });
    });
    it("asks again when an administrator's case-file role is widened, and not when it is narrowed", () => {
      given(created, adminRole, caseWorkerIn('f1', 'f2'))
        .when({ ...grant, userId: 'u1', role: 'case_worker', facilityIds: ['f1', 'f3'] })
        .then({ type: 'RoleGrantRequested', data: { userId: 'u1', requestId: 'r1', role: 'case_worker', facilityIds: ['f1', 'f3'], requestedBy: 'a1' } });
      given(created, adminRole, caseWorkerIn('f1', 'f2'))
        .when({ ...grant, userId: 'u1', role: 'case_worker', facilityIds: ['f2'] })
        .then(caseWorkerIn('f2'));
    });
    it('grants at once what does not combine administration with case files', () => {
      given(created, adminRole)
        .when({ ...grant, userId: 'u1', role: 'admin' })
        .thenNothing();
      given(created, caseWorkerIn('f1'))
        .when({ ...grant, userId: 'u1', role: 'supervisor', facilityIds: ['f1'] })
        .then({ type: 'RoleGranted', data: { userId: 'u1', role: 'supervisor', facilityIds: ['f1'] } });
    });
    it('records nothing when the same request is made again', () => {
      given(created, adminRole, auditorRequested)
        .when({ ...grant, userId: 'u1', role: 'auditor' })
        .thenNothing();
    });
    it('keeps a pending request out of the grants', () => {
      const state = fold(userDecider, [created, adminRole, auditorRequested]);
      expect(effectiveGrants(state)).toEqual([{ role: 'admin', facilityIds: [] }]);
    });
    it('puts the grant in effect when a second administrator approves, saying who asked and who approved', () => {
      given(created, adminRole, auditorRequested)
        .when({ type: 'ApproveRoleGrant', userId: 'u1', requestId: 'r1', approvedBy: 'a2' })
        .then(
          { type: 'RoleGrantApproved', data: { userId: 'u1', requestId: 'r1', role: 'auditor', facilityIds: [], requestedBy: 'a1', approvedBy: 'a2' } },
          { type: 'RoleGranted', data: { userId: 'u1', role: 'auditor', facilityIds: [] } },
        );
    });
    it('refuses approval by the administrator who asked, and by the user themselves', () => {
      given(created, adminRole, auditorRequested)
        .when({ type: 'ApproveRoleGrant', userId: 'u1', requestId: 'r1', approvedBy: 'a1' })
        .thenRejects('user.grant_request.self_approval');
      given(created, adminRole, auditorRequested)
        .when({ type: 'ApproveRoleGrant', userId: 'u1', requestId: 'r1', approvedBy: 'u1' })
        .thenRejects('user.role.self_grant');
    });
    it('refuses approval of an unknown request and of a rejected one, and for a disabled user', () => {
      given(created, adminRole)
        .when({ type: 'ApproveRoleGrant', userId: 'u1', requestId: 'r9', approvedBy: 'a2' })
        .thenRejects('user.grant_request.not_found', 'requestId');
      const rejected: UserEvent = { type: 'RoleGrantRejected', data: { userId: 'u1', requestId: 'r1', rejectedBy: 'a2' } };
      given(created, adminRole, auditorRequested, rejected)
        .when({ type: 'ApproveRoleGrant', userId: 'u1', requestId: 'r1', approvedBy: 'a3' })
        .thenRejects('user.grant_request.not_pending');
      given(created, adminRole, auditorRequested, disabled)
        .when({ type: 'ApproveRoleGrant', userId: 'u1', requestId: 'r1', approvedBy: 'a2' })
        .thenRejects('user.disabled');
    });
    it('records nothing when an approval is repeated', () => {
      const approved: UserEvent = {
        type: 'RoleGrantApproved',
        data: { userId: 'u1', requestId: 'r1', role: 'auditor', facilityIds: [], requestedBy: 'a1', approvedBy: 'a2' },
      };
      given(created, adminRole, auditorRequested, approved).when({ type: 'ApproveRoleGrant', userId: 'u1', requestId: 'r1', approvedBy: 'a2' }).thenNothing();
    });
    it('rejects a pending request, once, and not an approved one', () => {
      const rejected: UserEvent = { type: 'RoleGrantRejected', data: { userId: 'u1', requestId: 'r1', rejectedBy: 'a2' } };
      given(created, adminRole, auditorRequested).when({ type: 'RejectRoleGrant', userId: 'u1', requestId: 'r1', rejectedBy: 'a2' }).then(rejected);
      given(created, adminRole, auditorRequested, rejected).when({ type: 'RejectRoleGrant', userId: 'u1', requestId: 'r1', rejectedBy: 'a2' }).thenNothing();
      const approved: UserEvent = {
        type: 'RoleGrantApproved',
        data: { userId: 'u1', requestId: 'r1', role: 'auditor', facilityIds: [], requestedBy: 'a1', approvedBy: 'a2' },
      };
      given(created, adminRole, auditorRequested, approved)
        .when({ type: 'RejectRoleGrant', userId: 'u1', requestId: 'r1', rejectedBy: 'a3' })
        .thenRejects('user.grant_request.not_pending');
    });
    it('keeps revoking immediate, for an administrator too', () => {
      given(created, adminRole, caseWorkerIn('f1'))
        .when({ type: 'RevokeRole', userId: 'u1', role: 'case_worker' })
        .then({ type: 'RoleRevoked', data: { userId: 'u1', role: 'case_worker' } });
    });
  });

  describe('sessions', () => {
    const version = (...events: UserEvent[]) => {
      const state = fold(userDecider, [created, ...events]);
      return state.status === 'none' ? undefined : state.sessionVersion;
    };
    it('end with a password change and with being disabled, and not with a new role', () => {
      expect(version()).toBe(0);
      expect(version(caseWorkerIn('f1'))).toBe(0);
      expect(version({ type: 'PasswordChanged', data: { userId: 'u1', passwordHash: 'h2' } })).toBe(1);
      // Enabling again does not revive the sessions that being disabled ended.
      expect(version(disabled, { type: 'UserEnabled', data: { userId: 'u1' } })).toBe(1);
    });
  });
});
