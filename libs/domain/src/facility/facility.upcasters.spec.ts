import { fold } from '../shared/decider';
import { UpcasterChain } from '../shared/upcasting';
import { FacilityEvent, facilityDecider } from './facility.decider';
import { FACILITY_EVENT_SCHEMA_VERSIONS, FACILITY_UPCASTERS } from './facility.upcasters';

describe('FacilityRegistered upcasting', () => {
  const chain = new UpcasterChain(FACILITY_EVENT_SCHEMA_VERSIONS, FACILITY_UPCASTERS);

  it('reads a stored v1 event as v2', () => {
    const v1 = { facilityId: 'f1', name: 'Idrettsveien', kind: 'staffed_cluster', municipality: 'Melhus', minimumAge: 18 };
    expect(chain.upcast('FacilityRegistered', 1, v1)).toEqual({
      facilityId: 'f1',
      name: 'Idrettsveien',
      kind: 'staffed_cluster',
      municipality: 'Melhus',
      targetGroup: {
        minAge: 18,
        excludesFamiliesWithChildren: false,
        excludesActiveHeavySubstanceUse: false,
        requiresCoOccurringDisorder: false,
      },
      exclusionReasons: [],
    });
  });

  it('lets the decider fold an upcast v1 event like a v2 one', () => {
    const data = chain.upcast('FacilityRegistered', 1, { facilityId: 'f1', name: 'X', kind: 'staffed_24_7', municipality: 'Bodø' });
    const state = fold(facilityDecider, [{ type: 'FacilityRegistered', data } as unknown as FacilityEvent]);
    expect(state).toMatchObject({ status: 'active', profile: { targetGroup: { excludesFamiliesWithChildren: false } } });
  });

  it('leaves current versions alone and names a missing step', () => {
    const v2 = { facilityId: 'f1', targetGroup: { minAge: 20 } };
    expect(chain.upcast('FacilityRegistered', 2, v2)).toBe(v2);
    const broken = new UpcasterChain({ X: 3 }, []);
    expect(() => broken.upcast('X', 1, {})).toThrow('No upcaster for X from v1 to v2');
  });
});
