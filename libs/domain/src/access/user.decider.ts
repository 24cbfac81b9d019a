import { accept, Decider, Decision, nothingToDo, reject } from '../shared/decider';
import { IsoDate } from '../shared/dates';
import { isFacilityScoped, readsCaseFiles, Role, RoleGrant, ROLES } from './roles';
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
  /** A grant that needs a second administrator (four eyes): recorded, not yet in effect. */
  | { type: 'RoleGrantRequested'; data: { userId: string; requestId: string; role: Role; facilityIds: string[]; requestedBy: string } }
  /** A second administrator approved the request; the RoleGranted that follows puts it in effect. */
  | { type: 'RoleGrantApproved'; data: { userId: string; requestId: string; role: Role; facilityIds: string[]; requestedBy: string; approvedBy: string } }
  | { type: 'RoleGrantRejected'; data: { userId: string; requestId: string; rejectedBy: string } }
  | { type: 'RoleRevoked'; data: { userId: string; role: Role } }
  | { type: 'PasswordChanged'; data: { userId: string; passwordHash: string } }
  | { type: 'UserDisabled'; data: { userId: string } }
  | { type: 'UserEnabled'; data: { userId: string } };

export type UserCommand =
  /**
   * A user with the roles it starts with, recorded in one append: a user never exists half made (a
   * refused grant used to leave an account without roles that could log in). Each grant is decided as
   * GrantRole would decide it, so a starting grant that needs a second administrator is recorded as a
   * request (requestedBy: who creates the user; requestId per grant).
   */
  | ({
      type: 'CreateUser';
      userId: string;
      on: IsoDate;
      requestedBy?: string;
      grants?: ReadonlyArray<{ role: Role; facilityIds?: readonly string[]; requestId: string }>;
    } & UserProfile)
  /**
   * facilityIds are required for facility-scoped roles and ignored for auditor and admin.
   * requestedBy: the user id of whoever asks (never the user themselves); requestId names the
   * request should the grant need a second administrator.
   */
  | { type: 'GrantRole'; userId: string; role: Role; facilityIds?: readonly string[]; requestedBy: string; requestId: string }
  | { type: 'ApproveRoleGrant'; userId: string; requestId: string; approvedBy: string }
  | { type: 'RejectRoleGrant'; userId: string; requestId: string; rejectedBy: string }
  | { type: 'RevokeRole'; userId: string; role: Role }
  | { type: 'ChangePassword'; userId: string; passwordHash: string }
  | { type: 'DisableUser'; userId: string }
  | { type: 'EnableUser'; userId: string };

export interface GrantRequest {
  readonly role: Role;
  readonly facilityIds: readonly string[];
  readonly requestedBy: string;
  readonly status: 'pending' | 'approved' | 'rejected';
}

export type UserState =
  | { status: 'none' }
  | ({
      status: 'enabled' | 'disabled';
      userId: string;
      grants: readonly RoleGrant[];
      grantRequests: Readonly<Record<string, GrantRequest>>;
      /**
       * Counts the events that end the user's sessions (a password change, being disabled): a token
       * carries the count it was issued under and is refused once the count has moved on.
       */
      sessionVersion: number;
    } & UserProfile);

type ExistingUser = Extract<UserState, { status: 'enabled' | 'disabled' }>;
type Command<T extends UserCommand['type']> = Extract<UserCommand, { type: T }>;

/** The grants that count now: a disabled user keeps its grants on record but may do nothing. */
export const effectiveGrants = (state: UserState): readonly RoleGrant[] => (state.status === 'enabled' ? state.grants : []);

const blankHash = () => reject('user.password_hash.invalid', 'The password hash is empty', { field: 'passwordHash' });

function createUser(command: Command<'CreateUser'>, state: UserState): Decision<UserEvent> {
  const created = createProfile(command, state);
  if (!created.ok) return created;
  // Each grant is decided on the user as the events before it leave it; a repeat adds only what is missing.
  let user = created.events.reduce(userDecider.evolve, state) as ExistingUser;
  const events = [...created.events];
  for (const grant of command.grants ?? []) {
    const { role, facilityIds, requestId } = grant;
    const requestedBy = command.requestedBy ?? 'system';
    const granted = grantRole({ type: 'GrantRole', userId: command.userId, role, facilityIds, requestedBy, requestId }, user);
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
      state.username === username && state.displayName === displayName && state.passwordHash === passwordHash && state.externalSubject === externalSubject;
    return same ? nothingToDo : reject('user.already_exists', 'A user with this id exists');
  }
  return accept({ type: 'UserCreated', data: { userId, on, ...profile } });
}

const sameFacilities = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * Four eyes: an account must not hold the administrator role together with a role that reads case
 * files unless a second administrator agreed, or an administrator could give themselves (or an
 * account they control) the health data they otherwise may not see.
 */
function needsSecondAdministrator(user: ExistingUser, role: Role, facilityIds: readonly string[]): boolean {
  const holds = (test: (r: Role) => boolean) => user.grants.some((g) => test(g.role));
  const combines = (readsCaseFiles(role) && holds((r) => r === 'admin')) || (role === 'admin' && holds(readsCaseFiles));
  if (!combines) return false;
  // Narrowing a role already held takes nothing new: it is as immediate as a revocation.
  const held = user.grants.find((g) => g.role === role);
  return !held || !facilityIds.every((id) => held.facilityIds.includes(id));
}

function grantRole(command: Command<'GrantRole'>, user: ExistingUser): Decision<UserEvent> {
  const { role, requestedBy, requestId } = command;
  if (!ROLES.includes(role)) return reject('user.role.unknown', `No such role: ${role}`, { field: 'role' });
  if (requestedBy === user.userId) return reject('user.role.self_grant', 'No one may grant roles to themselves');
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
  if (needsSecondAdministrator(user, role, facilityIds)) {
    const asked = user.grantRequests[requestId];
    if (asked)
      return asked.role === role && sameFacilities(asked.facilityIds, facilityIds)
        ? nothingToDo
        : reject('user.grant_request.exists', 'A request with this id exists');
    return accept({ type: 'RoleGrantRequested', data: { userId: user.userId, requestId, role, facilityIds, requestedBy } });
  }
  return accept({ type: 'RoleGranted', data: { userId: user.userId, role, facilityIds } });
}

function pendingRequest(user: ExistingUser, requestId: string): GrantRequest | Decision<never> {
  const request = user.grantRequests[requestId];
  if (!request) return reject('user.grant_request.not_found', 'No such grant request', { field: 'requestId' });
  return request;
}

function approveGrant(command: Command<'ApproveRoleGrant'>, user: ExistingUser): Decision<UserEvent> {
  const { requestId, approvedBy } = command;
  const request = pendingRequest(user, requestId);
  if ('ok' in request) return request;
  if (request.status === 'approved') return nothingToDo;
  if (request.status === 'rejected') return reject('user.grant_request.not_pending', 'The request was already rejected');
  if (approvedBy === user.userId) return reject('user.role.self_grant', 'No one may grant roles to themselves');
  if (approvedBy === request.requestedBy) {
    return reject('user.grant_request.self_approval', 'A second administrator must approve the request, not the one who made it');
  }
  if (user.status === 'disabled') return reject('user.disabled', 'A disabled user cannot be granted roles');
  const { role, facilityIds, requestedBy } = request;
  const approved: UserEvent = {
    type: 'RoleGrantApproved',
    data: { userId: user.userId, requestId, role, facilityIds: [...facilityIds], requestedBy, approvedBy },
  };
  const held = user.grants.find((g) => g.role === role);
  if (held && sameFacilities(held.facilityIds, facilityIds)) return accept(approved);
  return accept<UserEvent>(approved, { type: 'RoleGranted', data: { userId: user.userId, role, facilityIds: [...facilityIds] } });
}

function rejectGrant(command: Command<'RejectRoleGrant'>, user: ExistingUser): Decision<UserEvent> {
  const request = pendingRequest(user, command.requestId);
  if ('ok' in request) return request;
  if (request.status === 'rejected') return nothingToDo;
  if (request.status === 'approved') return reject('user.grant_request.not_pending', 'The request was already approved');
  return accept({ type: 'RoleGrantRejected', data: { userId: user.userId, requestId: command.requestId, rejectedBy: command.rejectedBy } });
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
      case 'ApproveRoleGrant':
        return approveGrant(command, state);
      case 'RejectRoleGrant':
        return rejectGrant(command, state);
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
      return state.status === 'none' ? { status: 'enabled', grants: [], grantRequests: {}, sessionVersion: 0, ...user } : state;
    }
    if (state.status === 'none') return state; // decide never emits these before UserCreated
    switch (event.type) {
      case 'RoleGranted': {
        const { role, facilityIds } = event.data;
        return { ...state, grants: [...state.grants.filter((g) => g.role !== role), { role, facilityIds }] };
      }
      case 'RoleGrantRequested': {
        const { requestId, role, facilityIds, requestedBy } = event.data;
        return { ...state, grantRequests: { ...state.grantRequests, [requestId]: { role, facilityIds, requestedBy, status: 'pending' } } };
      }
      case 'RoleGrantApproved':
      case 'RoleGrantRejected': {
        const request = state.grantRequests[event.data.requestId];
        if (!request) return state;
        const status = event.type === 'RoleGrantApproved' ? 'approved' : 'rejected';
        return { ...state, grantRequests: { ...state.grantRequests, [event.data.requestId]: { ...request, status } } };
      }
      case 'RoleRevoked':
        return { ...state, grants: state.grants.filter((g) => g.role !== event.data.role) };
      case 'PasswordChanged':
        return { ...state, passwordHash: event.data.passwordHash, sessionVersion: state.sessionVersion + 1 };
      case 'UserDisabled':
        return { ...state, status: 'disabled', sessionVersion: state.sessionVersion + 1 };
      case 'UserEnabled':
        return { ...state, status: 'enabled' };
    }
  },
};

/** Current schema version of each event type (see shared/upcasting.ts). */
export const USER_EVENT_SCHEMA_VERSIONS: { readonly [T in UserEvent['type']]: number } = {
  UserCreated: 1,
  RoleGranted: 1,
  RoleGrantRequested: 1,
  RoleGrantApproved: 1,
  RoleGrantRejected: 1,
  RoleRevoked: 1,
  PasswordChanged: 1,
  UserDisabled: 1,
  UserEnabled: 1,
};

/** Data fields holding personal data of staff, per event type. */
export const USER_PERSONAL_FIELDS: { readonly [T in UserEvent['type']]: readonly string[] } = {
  UserCreated: ['username', 'displayName', 'externalSubject'],
  RoleGranted: [],
  RoleGrantRequested: [],
  RoleGrantApproved: [],
  RoleGrantRejected: [],
  RoleRevoked: [],
  PasswordChanged: [],
  UserDisabled: [],
  UserEnabled: [],
};

/** Secrets: never shown in audit views or exports, and worth encrypting at rest. */
export const USER_SECRET_FIELDS: { readonly [T in UserEvent['type']]: readonly string[] } = {
  UserCreated: ['passwordHash'],
  RoleGranted: [],
  RoleGrantRequested: [],
  RoleGrantApproved: [],
  RoleGrantRejected: [],
  RoleRevoked: [],
  PasswordChanged: ['passwordHash'],
  UserDisabled: [],
  UserEnabled: [],
};
