import { specFor } from '../shared/given-when-then';
import { FacilityProfile, facilityDecider } from './facility.decider';

const boligNu: FacilityProfile = {
  name: 'Bolig Nu',
  kind: 'temporary_housing',
  municipality: 'Bodø',
  targetGroup: {
    minAge: 18,
    excludesFamiliesWithChildren: true,
    excludesActiveHeavySubstanceUse: true,
    requiresCoOccurringDisorder: false,
  },
  maxStayDays: 90,
  exclusionReasons: ['extensive_substance_use', 'violence_or_threats', 'repeated_house_rule_breaches'],
};
const given = specFor(facilityDecider);
const registered = { type: 'FacilityRegistered' as const, data: { facilityId: 'f1', ...boligNu } };

describe('facility', () => {
  describe('RegisterFacility', () => {
    it('registers a facility with its target group and rules', () => {
      given()
        .when({ type: 'RegisterFacility', facilityId: 'f1', ...boligNu })
        .then(registered);
    });
    it('is idempotent when repeated with the same profile', () => {
      given(registered)
        .when({ type: 'RegisterFacility', facilityId: 'f1', ...boligNu })
        .thenNothing();
    });
    it('refuses a second, different registration under the same id', () => {
      given(registered)
        .when({ type: 'RegisterFacility', facilityId: 'f1', ...boligNu, name: 'Other' })
        .thenRejects('facility.already_registered');
    });
    it('requires a maximum stay for temporary housing', () => {
      given()
        .when({ type: 'RegisterFacility', facilityId: 'f1', ...boligNu, maxStayDays: undefined })
        .thenRejects('facility.temporary_requires_max_stay', 'maxStayDays');
    });
    it('records the unit attributes the facility uses', () => {
      given()
        .when({ type: 'RegisterFacility', facilityId: 'f1', ...boligNu, unitAttributes: ['reinforced', 'ground_floor'] })
        .then({ type: 'FacilityRegistered', data: { facilityId: 'f1', ...boligNu, unitAttributes: ['reinforced', 'ground_floor'] } });
    });
    it('refuses a minimum age above the maximum age', () => {
      given()
        .when({ type: 'RegisterFacility', facilityId: 'f1', ...boligNu, targetGroup: { ...boligNu.targetGroup, maxAge: 17 } })
        .thenRejects('facility.age_range');
    });
  });

  describe('ChangeFacilityProfile', () => {
    it('records a changed profile', () => {
      given(registered)
        .when({ type: 'ChangeFacilityProfile', facilityId: 'f1', ...boligNu, maxStayDays: 180 })
        .then({ type: 'FacilityProfileChanged', data: { facilityId: 'f1', ...boligNu, maxStayDays: 180 } });
    });
    it('records nothing when nothing changed', () => {
      given(registered)
        .when({ type: 'ChangeFacilityProfile', facilityId: 'f1', ...boligNu })
        .thenNothing();
    });
    it('refuses an unknown facility', () => {
      given()
        .when({ type: 'ChangeFacilityProfile', facilityId: 'f1', ...boligNu })
        .thenRejects('facility.not_found');
    });
  });
});
