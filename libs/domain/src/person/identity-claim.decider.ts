import { accept, Decider, nothingToDo, reject } from '../shared/decider';

/**
 * One person per identity number, enforced by the store rather than by a read model (which lags):
 * the application appends the claim to `identity-<claimKey>` expecting no stream (or, after a
 * release, the stream's current revision), so of two concurrent claims only one is stored.
 *
 * The claim key is a keyed hash (e.g. HMAC-SHA-256 with a secret key) of the identity number,
 * computed outside the domain. Keyed, because the space of valid numbers is small enough to hash in
 * full; and never the number itself, because stream names are not encrypted or erasable.
 */
export const identityClaimStream = (claimKey: string) => `identity-${claimKey}`;

export type IdentityClaimEvent =
  | { type: 'IdentityClaimed'; data: { claimKey: string; personId: string } }
  /** A wrong number was corrected: the number is free for the person it really belongs to. */
  | { type: 'IdentityReleased'; data: { claimKey: string; personId: string } };

export type IdentityClaimCommand =
  { type: 'ClaimIdentity'; claimKey: string; personId: string } | { type: 'ReleaseIdentity'; claimKey: string; personId: string };

export type IdentityClaimState = { status: 'unclaimed' } | { status: 'claimed'; claimKey: string; personId: string };

/** Eleven digits is an identity number, not a hash of one: refuse it before it becomes a stream name. */
const looksLikeRawNumber = (claimKey: string) => /^\d{11}$/.test(claimKey.replace(/\s/g, ''));

export const identityClaimDecider: Decider<IdentityClaimCommand, IdentityClaimState, IdentityClaimEvent> = {
  initialState: { status: 'unclaimed' },

  decide(command, state) {
    const { claimKey, personId } = command;
    if (looksLikeRawNumber(claimKey)) {
      return reject('person.identity_number.claim_key_not_hashed', 'The claim key must be a keyed hash of the number', {
        field: 'claimKey',
      });
    }
    switch (command.type) {
      case 'ClaimIdentity':
        if (state.status === 'unclaimed') return accept({ type: 'IdentityClaimed', data: { claimKey, personId } });
        // The holder is not named: the caller may have no right to see that person's record.
        return state.personId === personId
          ? nothingToDo
          : reject('person.identity_number.taken', 'Another person is registered with this identity number', {
              field: 'identityNumber',
            });
      case 'ReleaseIdentity':
        if (state.status === 'unclaimed') return nothingToDo;
        if (state.personId !== personId) {
          return reject('person.identity_number.not_holder', 'Only the person holding the number can release it', {
            field: 'personId',
          });
        }
        return accept({ type: 'IdentityReleased', data: { claimKey, personId } });
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'IdentityClaimed':
        // The first claim stands; decide never records a second one.
        return state.status === 'claimed' ? state : { status: 'claimed', ...event.data };
      case 'IdentityReleased':
        return { status: 'unclaimed' };
    }
  },
};

/** Current schema version of each event type (see shared/upcasting.ts). */
export const IDENTITY_CLAIM_EVENT_SCHEMA_VERSIONS: { readonly [T in IdentityClaimEvent['type']]: number } = {
  IdentityClaimed: 1,
  IdentityReleased: 1,
};

/** Nothing to list: the claim key is a keyed hash and the person is named only by an opaque id. */
export const IDENTITY_CLAIM_PERSONAL_FIELDS: { readonly [T in IdentityClaimEvent['type']]: readonly string[] } = {
  IdentityClaimed: [],
  IdentityReleased: [],
};
