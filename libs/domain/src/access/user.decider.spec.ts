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
      given().when({ ...create, username: ' Kari.Nordmann ' }).then(created);
    });
    it('is idempotent when repeated', () => {
      given(created).when(create).thenNothing();
    });
    it('refuses a different user under the same id', () => {
      given(created).when({ ...create, displayName: 'Someone Else' }).thenRejects('user.already_exists');
    });
    it.each(['ab', 'a'.repeat(65), 'kari nordmann', 'kåre', 'kari@nav'])('refuses the username %p', (username) => {
      given().when({ ...create, username }).thenRejects('user.username.invalid', 'username');
    });
    it('needs a display name', () => {
      given().when({ ...create, displayName: '  ' }).thenRejects('user.display_name.required', 'displayName');
    });
    it('refuses an empty password hash', () => {
      given().when({ ...create, passwordHash: '' }).thenRejects('user.password_hash.invalid', 'passwordHash');
    });
    it('records the roles it starts with in the same decision', () => {
      given()
        .when({ ...create, grants: [{ role: 'case_worker', facilityIds: ['f2', 'f1'] }, { role: 'auditor' }] })
        .then(created, caseWorkerIn('f1', 'f2'), { type: 'RoleGranted', data: { userId: 'u1', role: 'auditor', facilityIds: [] } });
    });
    it('refuses the whole user when one of its grants is refused (nothing is recorded)', () => {
      given().when({ ...create, grants: [{ role: 'auditor' }, { role: 'case_worker' }] }).thenRejects('user.role.facilities_required', 'facilityIds');
    });
    it('adds only the missing grants when repeated after an interruption', () => {
      given(created).when({ ...create, grants: [{ role: 'case_worker', facilityIds: ['f1'] }] }).then(caseWorkerIn('f1'));
      given(created, caseWorkerIn('f1')).when({ ...create, grants: [{ role: 'case_worker', facilityIds: ['f1'] }] }).thenNothing();
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
        .when({ type: 'GrantRole', userId: 'u1', role: 'case_worker', facilityIds: ['f2', 'f1', 'f2'] })
        .then(caseWorkerIn('f1', 'f2'));
    });
    it('ignores facilities for roles without facility scope', () => {
      given(created)
        .when({ type: 'GrantRole', userId: 'u1', role: 'auditor', facilityIds: ['f1'] })
        .then({ type: 'RoleGranted', data: { userId: 'u1', role: 'auditor', facilityIds: [] } });
    });
    it('records nothing when re-granted with the same facilities', () => {
      given(created, caseWorkerIn('f1', 'f2'))
        .when({ type: 'GrantRole', userId: 'u1', role: 'case_worker', facilityIds: ['f2', 'f1'] })
        .thenNothing();
    });
    it('replaces the facilities when re-granted with others', () => {
      given(created, caseWorkerIn('f1', 'f2'))
        .when({ type: 'GrantRole', userId: 'u1', role: 'case_worker', facilityIds: ['f1'] })
        .then(caseWorkerIn('f1'));
    });
    it.each(['case_worker', 'team_lead', 'supervisor'] as const)('needs facilities for %s', (role) => {
      given(created).when({ type: 'GrantRole', userId: 'u1', role, facilityIds: [] }).thenRejects('user.role.facilities_required', 'facilityIds');
    });
    it('refuses an unknown role', () => {
      given(created)
        .when({ type: 'GrantRole', userId: 'u1', role: 'root' as never, facilityIds: ['f1'] })
        .thenRejects('user.role.unknown', 'role');
    });
    it('refuses a disabled user', () => {
      given(created, disabled)
        .when({ type: 'GrantRole', userId: 'u1', role: 'supervisor', facilityIds: ['f1'] })
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
      given(created).when({ type: 'ChangePassword', userId: 'u1', passwordHash: created.data.passwordHash as string }).thenNothing();
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
      expect(effectiveGrants(fold(userDecider, [created, caseWorkerIn('f1'), disabled, enabled]))).toEqual([
        { role: 'case_worker', facilityIds: ['f1'] },
      ]);
    });
    it('records nothing when already enabled', () => {
      given(created).when({ type: 'EnableUser', userId: 'u1' }).thenNothing();
    });
  });
});
