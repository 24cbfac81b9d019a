import { Upcaster } from '../shared/upcasting';

/**
 * FacilityRegistered v1 stored the age limit as a top-level `minimumAge` and had no other target-group
 * rules; v2 groups the rules in `targetGroup` and always lists exclusion reasons. A v1 event is read as
 * v2 by this step: rules it did not know default to "not applied".
 */
export const facilityRegisteredV1ToV2: Upcaster = {
  type: 'FacilityRegistered',
  fromVersion: 1,
  upcast(data) {
    const { minimumAge, ...rest } = data as { minimumAge?: number } & Record<string, unknown>;
    if (rest.targetGroup) return data; // written by v2 code before the version was stamped
    return {
      ...rest,
      targetGroup: {
        ...(typeof minimumAge === 'number' ? { minAge: minimumAge } : {}),
        excludesFamiliesWithChildren: false,
        excludesActiveHeavySubstanceUse: false,
        requiresCoOccurringDisorder: false,
      },
      exclusionReasons: Array.isArray(rest.exclusionReasons) ? rest.exclusionReasons : [],
    };
  },
};

export const FACILITY_EVENT_SCHEMA_VERSIONS = {
  FacilityRegistered: 2,
  FacilityProfileChanged: 1,
} as const;

export const FACILITY_UPCASTERS: readonly Upcaster[] = [facilityRegisteredV1ToV2];
