import { accept, Decider, Decision, nothingToDo, reject } from '../shared/decider';
import { IsoDate } from '../shared/dates';
import { isFacilityScoped, Role, RoleGrant, ROLES } from './roles';
import { isValidUsername, normaliseUsername } from './username';

/**
 * A user of the system (staff, not residents). Passwords arrive already hashed; a user who logs in
 * through the municipality's OpenID Connect issuer has an externalSubject and no password hash.
 * One user per username is enforced by the username claim stream (username-claim.decider.ts), which
 * the application claims before it creates the user.
 */
export const userStream = (userId: string) => `user-${userId}`;

interface UserProfile {
  username: string;
  displayName: string;
  passwordHash?: string;
  externalSubject?: string;
}

export type UserEvent =
  | { type: 'UserCreated'; data: { userId: string; on: IsoDate } & UserProfile }
  /** Sets the facilities of a role: a re-grant replaces the earlier set (to narrow or widen it). */
  | { type: 'RoleGranted'; data: { userId: string; role: Role; facilityIds: string[] } }
  | { type: 'RoleRevoked'; data: { userId: string; role: Role } }
  | { type: 'PasswordChanged'; data: { userId: string; passwordHash: string } }
  | { type: 'UserDisabled'; data: { userId: string } }
  | { type: 'UserEnabled'; data: { userId: string } };

export type UserCommand =
  /**
   * A user with the roles it starts with, recorded in one append: a user never exists half made (a
   * refused grant used to leave an account without roles that could log in).
   */
  | ({ type: 'CreateUser'; userId: string; on: IsoDate; grants?: ReadonlyArray<{ role: Role; facilityIds?: readonly string[] }> } & UserProfile)
  /** facilityIds are required for facility-scoped roles and ignored for auditor and admin. */
  | { type: 'GrantRole'; userId: string; role: Role; facilityIds?: readonly string[] }
  | { type: 'RevokeRole'; userId: string; role: Role }
  | { type: 'ChangePassword'; userId: string; passwordHash: string }
  | { type: 'DisableUser'; userId: string }
  | { type: 'EnableUser'; userId: string };

export type UserState =
  | { status: 'none' }
  | ({ status: 'enabled' | 'disabled'; userId: string; grants: readonly RoleGrant[] } & UserProfile);

type ExistingUser = Extract<UserState, { status: 'enabled' | 'disabled' }>;
type Command<T extends UserCommand['type']> = Extract<UserCommand, { type: T }>;

/** The grants that count now: a disabled user keeps its grants on record but may do nothing. */
export const effectiveGrants = (state: UserState): readonly RoleGrant[] =>
  state.status === 'enabled' ? state.grants : [];

const blankHash = () => reject('user.password_hash.invalid', 'The password hash is empty', { field: 'passwordHash' });

function createUser(command: Command<'CreateUser'>, state: UserState): Decision<UserEvent> {
  const created = createProfile(command, state);
  if (!created.ok) return created;
  // Each grant is decided on the user as the events before it leave it; a repeat adds only what is missing.
  let user = created.events.reduce(userDecider.evolve, state) as ExistingUser;
  const events = [...created.events];
  for (const grant of command.grants ?? []) {
    const granted = grantRole({ type: 'GrantRole', userId: command.userId, role: grant.role, facilityIds: grant.facilityIds }, user);
    if (!granted.ok) return granted;
    events.push(...granted.events);
    user = granted.events.reduce(userDecider.evolve, user) as ExistingUser;
  }
  return accept(...events);
}

function createProfile(command: Command<'CreateUser'>, state: UserState): Decision<UserEvent> {
  const { userId, on, displayName, passwordHash, externalSubject } = command;
  const username = normaliseUsername(command.username);
  if (!isValidUsername(username)) {
    return reject('user.username.invalid', 'A username has 3–64 characters from a–z, 0–9, ".", "_" and "-"', {
      field: 'username',
    });
  }
  if (!displayName.trim()) return reject('user.display_name.required', 'Give a display name', { field: 'displayName' });
  if (passwordHash !== undefined && !passwordHash) return blankHash();
  const profile: UserProfile = {
    username,
    displayName,
    ...(passwordHash !== undefined && { passwordHash }),
    ...(externalSubject !== undefined && { externalSubject }),
  };
  if (state.status !== 'none') {
    const same =
      state.username === username &&
      state.displayName === displayName &&
      state.passwordHash === passwordHash &&
      state.externalSubject === externalSubject;
    return same ? nothingToDo : reject('user.already_exists', 'A user with this id exists');
  }
  return accept({ type: 'UserCreated', data: { userId, on, ...profile } });
}

const sameFacilities = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

function grantRole(command: Command<'GrantRole'>, user: ExistingUser): Decision<UserEvent> {
  const { role } = command;
  if (!ROLES.includes(role)) return reject('user.role.unknown', `No such role: ${role}`, { field: 'role' });
  if (user.status === 'disabled') return reject('user.disabled', 'A disabled user cannot be granted roles');
  // Sorted and without duplicates, so that a re-grant in another order is recognised as the same.
  const facilityIds = isFacilityScoped(role) ? [...new Set(command.facilityIds ?? [])].sort() : [];
  if (isFacilityScoped(role) && facilityIds.length === 0) {
    return reject('user.role.facilities_required', `The role ${role} acts within facilities: name at least one`, {
      field: 'facilityIds',
    });
  }
  const held = user.grants.find((g) => g.role === role);
  if (held && sameFacilities(held.facilityIds, facilityIds)) return nothingToDo;
  return accept({ type: 'RoleGranted', data: { userId: user.userId, role, facilityIds } });
}

function changePassword(command: Command<'ChangePassword'>, user: ExistingUser): Decision<UserEvent> {
  if (!command.passwordHash) return blankHash();
  if (user.passwordHash === command.passwordHash) return nothingToDo;
  return accept({ type: 'PasswordChanged', data: { userId: user.userId, passwordHash: command.passwordHash } });
}

export const userDecider: Decider<UserCommand, UserState, UserEvent> = {
  initialState: { status: 'none' },

  decide(command, state) {
    if (command.type === 'CreateUser') return createUser(command, state);
    if (state.status === 'none') return reject('user.not_found', 'No such user', { field: 'userId' });
    const { userId } = state;
    switch (command.type) {
      case 'GrantRole':
        return grantRole(command, state);
      case 'RevokeRole':
        // Allowed while disabled, so that an administrator can clean up before enabling again.
        if (!state.grants.some((g) => g.role === command.role)) return nothingToDo;
        return accept({ type: 'RoleRevoked', data: { userId, role: command.role } });
      case 'ChangePassword':
        return changePassword(command, state);
      case 'DisableUser':
        return state.status === 'disabled' ? nothingToDo : accept({ type: 'UserDisabled', data: { userId } });
      case 'EnableUser':
        return state.status === 'enabled' ? nothingToDo : accept({ type: 'UserEnabled', data: { userId } });
    }
  },

  evolve(state, event) {
    if (event.type === 'UserCreated') {
      const { on: _on, ...user } = event.data;
      return state.status === 'none' ? { status: 'enabled', grants: [], ...user } : state;
    }
    if (state.status === 'none') return state; // decide never emits these before UserCreated
    switch (event.type) {
      case 'RoleGranted': {
        const { role, facilityIds } = event.data;
        return { ...state, grants: [...state.grants.filter((g) => g.role !== role), { role, facilityIds }] };
      }
      case 'RoleRevoked':
        return { ...state, grants: state.grants.filter((g) => g.role !== event.data.role) };
      case 'PasswordChanged':
        return { ...state, passwordHash: event.data.passwordHash };
      case 'UserDisabled':
        return { ...state, status: 'disabled' };
      case 'UserEnabled':
        return { ...state, status: 'enabled' };
    }
  },
};

/** Current schema version of each event type (see shared/upcasting.ts). */
export const USER_EVENT_SCHEMA_VERSIONS: { readonly [T in UserEvent['type']]: number } = {
  UserCreated: 1,
  RoleGranted: 1,
  RoleRevoked: 1,
  PasswordChanged: 1,
  UserDisabled: 1,
  UserEnabled: 1,
};

/** Data fields holding personal data of staff, per event type. */
export const USER_PERSONAL_FIELDS: { readonly [T in UserEvent['type']]: readonly string[] } = {
  UserCreated: ['username', 'displayName', 'externalSubject'],
  RoleGranted: [],
  RoleRevoked: [],
  PasswordChanged: [],
  UserDisabled: [],
  UserEnabled: [],
};

/** Secrets: never shown in audit views or exports, and worth encrypting at rest. */
export const USER_SECRET_FIELDS: { readonly [T in UserEvent['type']]: readonly string[] } = {
  UserCreated: ['passwordHash'],
  RoleGranted: [],
  RoleRevoked: [],
  PasswordChanged: ['passwordHash'],
  UserDisabled: [],
  UserEnabled: [],
};
