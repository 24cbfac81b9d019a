import { specFor } from '../shared/given-when-then';
import { usernameClaimDecider, usernameClaimStream } from './username-claim.decider';

const given = specFor(usernameClaimDecider);
const claimed = { type: 'UsernameClaimed' as const, data: { username: 'kari.nordmann', userId: 'u1' } };

describe('username claim', () => {
  it('names its stream after the normalised username', () => {
    expect(usernameClaimStream(' Kari.Nordmann ')).toBe('username-kari.nordmann');
  });
  it('claims a free username for a user, in lower case', () => {
    given().when({ type: 'ClaimUsername', username: 'Kari.Nordmann', userId: 'u1' }).then(claimed);
  });
  it('is idempotent for the same user', () => {
    given(claimed).when({ type: 'ClaimUsername', username: 'kari.nordmann', userId: 'u1' }).thenNothing();
  });
  it('refuses another user', () => {
    given(claimed).when({ type: 'ClaimUsername', username: 'KARI.NORDMANN', userId: 'u2' }).thenRejects('user.username_taken', 'username');
  });
  it('refuses an invalid username', () => {
    given().when({ type: 'ClaimUsername', username: 'k', userId: 'u1' }).thenRejects('user.username.invalid', 'username');
  });
});
