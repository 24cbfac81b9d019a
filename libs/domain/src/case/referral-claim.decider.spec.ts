import { specFor } from '../shared/given-when-then';
import { history, stateOf } from './case.fixtures';
import { referralEnded } from './case.state';
import { referralClaimDecider, referralClaimStream } from './referral-claim.decider';

const given = specFor(referralClaimDecider);
const claim = (caseId: string, endedHolder?: string) => ({ type: 'ClaimReferral' as const, personId: 'p1', facilityId: 'f1', caseId, endedHolder });
const claimed = (caseId: string) => ({ type: 'ReferralClaimed' as const, data: { personId: 'p1', facilityId: 'f1', caseId } });

describe('referral claim (one open referral of a person to a facility)', () => {
  it('names its stream by the person and the facility (opaque ids)', () => {
    expect(referralClaimStream('p1', 'f1')).toBe('referral-claim-p1-f1');
  });
  it('claims a free person–facility pair for a case', () => {
    given().when(claim('c1')).then(claimed('c1'));
  });
  it('is idempotent for the same case', () => {
    given(claimed('c1')).when(claim('c1')).thenNothing();
  });
  it('refuses a second open referral of the person to the facility', () => {
    given(claimed('c1')).when(claim('c2')).thenRejects('referral.already_open', 'personId');
    // Told of an ended holder that is not the one holding the claim (a third referral raced in): refused.
    given(claimed('c1')).when(claim('c2', 'c9')).thenRejects('referral.already_open', 'personId');
  });
  it('passes the claim on once the holding case has ended', () => {
    given(claimed('c1'))
      .when(claim('c2', 'c1'))
      .then({ type: 'ReferralClaimed', data: { personId: 'p1', facilityId: 'f1', caseId: 'c2', previousCaseId: 'c1' } });
  });
  it('counts a referral as ended when withdrawn, moved out or closed, never before', () => {
    expect(referralEnded(stateOf(history('withdrawn')))).toBe(true);
    expect(referralEnded(stateOf(history('movedOut')))).toBe(true);
    expect(referralEnded(stateOf(history('closed')))).toBe(true);
    for (const open of ['referred', 'inAssessment', 'accepted', 'waitlisted', 'offered', 'resident', 'refused', 'ambulant'] as const) {
      expect([open, referralEnded(stateOf(history(open)))]).toEqual([open, false]);
    }
  });
});
