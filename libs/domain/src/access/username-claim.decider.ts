import { accept, Decider, nothingToDo, reject } from '../shared/decider';
import { isValidUsername, normaliseUsername } from './username';

/**
 * One user per username, enforced by the store rather than by a read model (which lags): the
 * application appends the claim to `username-<normalised username>` expecting no stream, so of two
 * concurrent claims only one is stored, and the other is decided again and refused.
 */
export const usernameClaimStream = (username: string) => `username-${normaliseUsername(username)}`;

export type UsernameClaimEvent = { type: 'UsernameClaimed'; data: { username: string; userId: string } };

export type UsernameClaimCommand = { type: 'ClaimUsername'; username: string; userId: string };

export type UsernameClaimState = { status: 'unclaimed' } | { status: 'claimed'; username: string; userId: string };

export const usernameClaimDecider: Decider<UsernameClaimCommand, UsernameClaimState, UsernameClaimEvent> = {
  initialState: { status: 'unclaimed' },

  decide(command, state) {
    const username = normaliseUsername(command.username);
    if (!isValidUsername(username)) {
      return reject('user.username.invalid', 'A username has 3–64 characters from a–z, 0–9, ".", "_" and "-"', {
        field: 'username',
      });
    }
    if (state.status === 'claimed') {
      return state.userId === command.userId ? nothingToDo : reject('user.username_taken', 'This username is taken', { field: 'username' });
    }
    return accept({ type: 'UsernameClaimed', data: { username, userId: command.userId } });
  },

  evolve(state, event) {
    // The first claim stands; decide never records a second one.
    return state.status === 'claimed' ? state : { status: 'claimed', ...event.data };
  },
};

export const USERNAME_CLAIM_EVENT_SCHEMA_VERSIONS: { readonly [T in UsernameClaimEvent['type']]: number } = {
  UsernameClaimed: 1,
};

export const USERNAME_CLAIM_PERSONAL_FIELDS: { readonly [T in UsernameClaimEvent['type']]: readonly string[] } = {
  UsernameClaimed: ['username'],
};
