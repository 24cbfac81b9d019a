import { specFor } from '../../shared/given-when-then';
import { caseDecider } from '../case.decider';
import { cmd, history, stateOf } from '../case.fixtures';
import { consentOn } from '../consent';

const given = specFor(caseDecider);

describe('consent', () => {
  it('holds from the referral: its recipients and last day, then expired after it', () => {
    const state = stateOf(history('referred', cmd.renewConsent({ on: '2025-02-01', expiresOn: '2025-06-30' })));
    if (state.status === 'none') throw new Error('no case');
    expect(consentOn(state.consents, '2025-01-10')).toMatchObject({ status: 'in_force', since: '2025-01-05' });
    expect(consentOn(state.consents, '2025-06-30')).toEqual({ status: 'in_force', since: '2025-02-01', recipients: ['nav', 'gp'], expiresOn: '2025-06-30' });
    expect(consentOn(state.consents, '2025-07-01')).toEqual({ status: 'expired', since: '2025-06-30' });
    expect(consentOn(state.consents, '2025-01-04')).toEqual({ status: 'none' });
  });

  it('records a withdrawal against the consent in force on its own day, and a renewal after it', () => {
    const events = given(...history('referred'))
      .when(cmd.withdrawConsent({ on: '2025-03-01', note: 'Vil ikke at NAV får vite' }))
      .events();
    expect(events).toEqual([{ type: 'ConsentWithdrawn', data: expect.objectContaining({ caseId: 'c1', on: '2025-03-01', personId: 'p1', facilityId: 'f1' }) }]);
    given(...history('referred', cmd.withdrawConsent()))
      .when(cmd.withdrawConsent({ on: '2025-03-02' }))
      .thenRejects('consent.already_withdrawn');
    const renewed = given(...history('referred', cmd.withdrawConsent()))
      .when(cmd.renewConsent({ on: '2025-03-01' }))
      .events();
    expect(renewed).toEqual([
      {
        type: 'ConsentRenewed',
        data: expect.objectContaining({ on: '2025-03-01', scope: 'NAV and the GP', recipients: ['nav', 'gp'], expiresOn: '2025-12-31' }),
      },
    ]);
  });

  it('gives the same answer whatever order the entries were recorded in', () => {
    const a = stateOf(history('referred', cmd.renewConsent({ on: '2025-04-01', expiresOn: undefined }), cmd.withdrawConsent({ on: '2025-03-01' })));
    const b = stateOf(history('referred', cmd.withdrawConsent({ on: '2025-03-01' }), cmd.renewConsent({ on: '2025-04-01', expiresOn: undefined })));
    if (a.status === 'none' || b.status === 'none') throw new Error('no case');
    for (const day of ['2025-02-15', '2025-03-01', '2025-03-31', '2025-04-01', '2025-09-01'])
      expect(consentOn(a.consents, day)).toEqual(consentOn(b.consents, day));
    expect(consentOn(a.consents, '2025-03-15')).toEqual({ status: 'withdrawn', since: '2025-03-01' });
    // On one day, a renewal counts after a withdrawal.
    const sameDay = stateOf(history('referred', cmd.renewConsent({ on: '2025-03-01' }), cmd.withdrawConsent({ on: '2025-03-01' })));
    if (sameDay.status === 'none') throw new Error('no case');
    expect(consentOn(sameDay.consents, '2025-03-01').status).toBe('in_force');
    // Of two renewals of one day, the one that runs longer, in either order.
    const short = cmd.renewConsent({ on: '2025-03-05', expiresOn: '2025-04-01' });
    const long = cmd.renewConsent({ on: '2025-03-05', expiresOn: '2025-12-01' });
    for (const order of [
      [short, long],
      [long, short],
    ]) {
      const s = stateOf(history('referred', ...order));
      if (s.status === 'none') throw new Error('no case');
      expect(consentOn(s.consents, '2025-05-01')).toMatchObject({ status: 'in_force', expiresOn: '2025-12-01' });
    }
  });

  it('refuses a withdrawal dated where no consent held, a consent running out before it is given, no scope, and a day before the referral', () => {
    given(...history('referred', cmd.renewConsent({ on: '2025-02-01', expiresOn: '2025-02-10' })))
      .when(cmd.withdrawConsent({ on: '2025-02-20' }))
      .thenRejects('consent.not_in_force', 'on');
    given(...history('referred'))
      .when(cmd.renewConsent({ on: '2025-02-01', expiresOn: '2025-01-31' }))
      .thenRejects('consent.expires_before_given', 'expiresOn');
    given(...history('referred'))
      .when(cmd.renewConsent({ scope: '  ' }))
      .thenRejects('consent.scope_required', 'scope');
    given(...history('referred'))
      .when(cmd.renewConsent({ on: '2025-01-01' }))
      .thenRejects('case.step_order', 'on');
  });
});
