import { accept, Decider, nothingToDo, reject } from '../shared/decider';

/**
 * One open referral of a person to a facility at a time, enforced by the store (the case stream
 * cannot see another case, and a read model lags): the application appends the claim to
 * `referral-claim-<personId>-<facilityId>` before it writes the case, with optimistic concurrency, so
 * of two concurrent referrals only one claim is stored and the other is decided again and refused.
 * The names are opaque ids, no personal data.
 *
 * The claim is released by its case's own end, not by an event of its own: once the holding case is
 * withdrawn, moved out or closed, a new referral takes the claim over (the application loads the
 * holder and says so in `endedHolder`). An end of a case never turns back, so this cannot race, and
 * no release can be lost. A claim whose case was never written (the process died in between) is
 * adopted by the next referral of the same person to the same facility, under the same case id.
 */
export const referralClaimStream = (personId: string, facilityId: string) => `referral-claim-${personId}-${facilityId}`;

export type ReferralClaimEvent = { type: 'ReferralClaimed'; data: { personId: string; facilityId: string; caseId: string; previousCaseId?: string } };

export type ReferralClaimCommand = {
  type: 'ClaimReferral';
  personId: string;
  facilityId: string;
  caseId: string;
  /** The case that held the claim and has ended (withdrawn, moved out or closed), as the application found it. */
  endedHolder?: string;
};

export type ReferralClaimState = { status: 'free' } | { status: 'claimed'; caseId: string };

export const referralClaimDecider: Decider<ReferralClaimCommand, ReferralClaimState, ReferralClaimEvent> = {
  initialState: { status: 'free' },

  decide(command, state) {
    const { personId, facilityId, caseId, endedHolder } = command;
    if (state.status === 'claimed') {
      if (state.caseId === caseId) return nothingToDo;
      if (state.caseId !== endedHolder) {
        return reject('referral.already_open', 'The person already has an open referral to this facility', {
          field: 'personId',
          details: { caseId: state.caseId },
        });
      }
      return accept({ type: 'ReferralClaimed', data: { personId, facilityId, caseId, previousCaseId: state.caseId } });
    }
    return accept({ type: 'ReferralClaimed', data: { personId, facilityId, caseId } });
  },

  evolve: (_state, event) => ({ status: 'claimed', caseId: event.data.caseId }),
};

export const REFERRAL_CLAIM_EVENT_SCHEMA_VERSIONS: { readonly [T in ReferralClaimEvent['type']]: number } = { ReferralClaimed: 1 };
/** Opaque ids only. */
export const REFERRAL_CLAIM_PERSONAL_FIELDS: { readonly [T in ReferralClaimEvent['type']]: readonly string[] } = { ReferralClaimed: [] };
