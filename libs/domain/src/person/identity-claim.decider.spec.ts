import { specFor } from '../shared/given-when-then';
import { identityClaimDecider, identityClaimStream } from './identity-claim.decider';

const given = specFor(identityClaimDecider);
const key = 'hmac-3f9a0c';
const claimed = { type: 'IdentityClaimed' as const, data: { claimKey: key, personId: 'p1' } };
const released = { type: 'IdentityReleased' as const, data: { claimKey: key, personId: 'p1' } };

describe('identity claim', () => {
  it('names its stream after the claim key', () => {
    expect(identityClaimStream(key)).toBe(`identity-${key}`);
  });

  describe('ClaimIdentity', () => {
    it('claims a free number for a person', () => {
      given().when({ type: 'ClaimIdentity', claimKey: key, personId: 'p1' }).then(claimed);
    });
    it('is idempotent for the same person', () => {
      given(claimed).when({ type: 'ClaimIdentity', claimKey: key, personId: 'p1' }).thenNothing();
    });
    it('refuses another person', () => {
      given(claimed).when({ type: 'ClaimIdentity', claimKey: key, personId: 'p2' }).thenRejects('person.identity_number.taken', 'identityNumber');
    });
    it('lets another person claim a released number', () => {
      given(claimed, released)
        .when({ type: 'ClaimIdentity', claimKey: key, personId: 'p2' })
        .then({ type: 'IdentityClaimed', data: { claimKey: key, personId: 'p2' } });
    });
    it('refuses a raw identity number as the key', () => {
      given().when({ type: 'ClaimIdentity', claimKey: '01019012057', personId: 'p1' }).thenRejects('person.identity_number.claim_key_not_hashed', 'claimKey');
    });
  });

  describe('ReleaseIdentity', () => {
    it('releases the number held by the person', () => {
      given(claimed).when({ type: 'ReleaseIdentity', claimKey: key, personId: 'p1' }).then(released);
    });
    it('records nothing when the number is not claimed', () => {
      given(claimed, released).when({ type: 'ReleaseIdentity', claimKey: key, personId: 'p1' }).thenNothing();
    });
    it('refuses a person who does not hold the number', () => {
      given(claimed).when({ type: 'ReleaseIdentity', claimKey: key, personId: 'p2' }).thenRejects('person.identity_number.not_holder', 'personId');
    });
  });
});
