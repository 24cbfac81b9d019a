import { specFor } from '../../shared/given-when-then';
import { caseDecider } from '../case.decider';
import { boligNu, cmd, history } from '../case.fixtures';

const given = specFor(caseDecider);

describe('referral', () => {
  describe('RegisterReferral', () => {
    it('registers a referral with the facility and person snapshots and the age on the day', () => {
      const command = cmd.register();
      const { type: _type, today: _today, ...fields } = command;
      given()
        .when(command)
        .then({ type: 'ReferralRegistered', data: { ...fields, facilityId: 'f1', ageOnReferral: 34 } });
    });
    it('is idempotent', () => {
      given(...history('referred'))
        .when(cmd.register())
        .thenNothing();
    });
    it('refuses a different referral on an existing case', () => {
      given(...history('referred'))
        .when(cmd.register({ reason: 'Another reason' }))
        .thenRejects('referral.already_registered');
    });
    it('requires consent', () => {
      given()
        .when(cmd.register({ consent: { given: false, scope: '', date: '2025-01-05' } }))
        .thenRejects('referral.consent_required', 'consent.given');
    });
    it('refuses a person under the minimum age on the day of referral', () => {
      given()
        .when(cmd.register({ person: { birthDate: '2007-01-07' } }))
        .thenRejects('referral.target_group.min_age', 'person.birthDate');
    });
    it('takes a person who turned 18 that day', () => {
      given()
        .when(cmd.register({ person: { birthDate: '2007-01-06' } }))
        .thenRecords('ReferralRegistered');
    });
    it('refuses a person over the maximum age', () => {
      const facility = { ...boligNu, targetGroup: { ...boligNu.targetGroup, maxAge: 30 } };
      given().when(cmd.register({ facility })).thenRejects('referral.target_group.max_age', 'person.birthDate');
    });
    it('refuses families with children where the facility excludes them', () => {
      given()
        .when(cmd.register({ screening: { familyWithChildren: true, activeHeavySubstanceUse: false, coOccurringDisorder: true } }))
        .thenRejects('referral.target_group.families_with_children', 'screening.familyWithChildren');
    });
    it('refuses known active heavy users where the facility excludes them', () => {
      given()
        .when(cmd.register({ screening: { familyWithChildren: false, activeHeavySubstanceUse: true, coOccurringDisorder: true } }))
        .thenRejects('referral.target_group.active_heavy_substance_use', 'screening.activeHeavySubstanceUse');
    });
    it('refuses a person without a co-occurring disorder where the facility requires one', () => {
      const facility = { ...boligNu, targetGroup: { ...boligNu.targetGroup, requiresCoOccurringDisorder: true } };
      given()
        .when(cmd.register({ facility, screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: false } }))
        .thenRejects('referral.target_group.co_occurring_disorder_required', 'screening.coOccurringDisorder');
    });
    it('takes active users where the facility allows them (Bodø: permanent homes in active addiction)', () => {
      const facility = { ...boligNu, targetGroup: { ...boligNu.targetGroup, excludesActiveHeavySubstanceUse: false } };
      given()
        .when(cmd.register({ facility, screening: { familyWithChildren: false, activeHeavySubstanceUse: true, coOccurringDisorder: true } }))
        .thenRecords('ReferralRegistered');
    });
  });

  describe('WithdrawReferral', () => {
    it('withdraws a referral', () => {
      given(...history('referred'))
        .when(cmd.withdraw({ note: 'Rents from a friend' }))
        .then({
          type: 'ReferralWithdrawn',
          data: {
            caseId: 'c1',
            on: '2025-01-10',
            reason: 'found_housing_themselves',
            note: 'Rents from a friend',
            personId: 'p1',
            facilityId: 'f1',
            fromStatus: 'referred',
          },
        });
    });
    it('takes the person off the waiting list first (Bolig Nu: 13 found housing while waiting)', () => {
      given(...history('waitlisted'))
        .when(cmd.withdraw({ on: '2025-02-12' }))
        .then(
          {
            type: 'RemovedFromWaitingList',
            data: {
              caseId: 'c1',
              on: '2025-02-12',
              personId: 'p1',
              facilityId: 'f1',
              reason: 'referral_withdrawn',
              note: undefined,
              priority: 2,
              placedOn: '2025-01-13',
              waitedDays: 30,
            },
          },
          {
            type: 'ReferralWithdrawn',
            data: {
              caseId: 'c1',
              on: '2025-02-12',
              reason: 'found_housing_themselves',
              personId: 'p1',
              facilityId: 'f1',
              fromStatus: 'waitlisted',
            },
          },
        );
    });
    it('is idempotent', () => {
      given(...history('withdrawn'))
        .when(cmd.withdraw())
        .thenNothing();
    });
    it('is not possible after move-in', () => {
      given(...history('resident'))
        .when(cmd.withdraw())
        .thenRejects('case.not_allowed_in_status');
    });
    it('is not possible while an offer is open (decline it first)', () => {
      given(...history('offered'))
        .when(cmd.withdraw())
        .thenRejects('case.not_allowed_in_status');
    });
  });
});
