import { projectionSpec } from '@app/projections';
import { personFilesProjection } from './person-files.projection';

describe('person files projection', () => {
  it('maps each referral to its person and facility, idempotently', () => {
    const spec = projectionSpec(personFilesProjection);
    const a = spec.event('ReferralRegistered', { caseId: 'c1', personId: 'p1', facilityId: 'f1', facility: { facilityId: 'f1' } });
    const b = spec.event('ReferralRegistered', { caseId: 'c2', personId: 'p1', facilityId: 'f2', facility: { facilityId: 'f2' } });
    spec.given(a, b);
    const once = spec.snapshot();
    spec.given(a, b);
    expect(spec.snapshot()).toEqual(once);
    expect(spec.rows('person_cases')).toEqual([
      { case_id: 'c1', person_id: 'p1', facility_id: 'f1' },
      { case_id: 'c2', person_id: 'p1', facility_id: 'f2' },
    ]);
  });
});
