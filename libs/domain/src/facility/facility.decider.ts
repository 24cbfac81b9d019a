import { accept, Decider, nothingToDo, reject } from '../shared/decider';

/**
 * A facility (botiltak): one housing offer with its own target group and rules. Case workers are
 * assigned to facilities; referrals are screened against the facility's target group.
 */
export const facilityStream = (facilityId: string) => `facility-${facilityId}`;

export const FACILITY_KINDS = [
  'staffed_24_7', // staffed around the clock (Bodø, Hålogalandsgata)
  'staffed_cluster', // flats with a staff base (Trondheim, Melhus)
  'temporary_housing', // temporary accommodation, max 3 months (Bolig Nu)
  'scattered_site', // Housing First: ordinary flats spread in the city (Stavanger)
] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

/** Reasons an offer may end a stay; each facility lists the ones its criteria allow. */
export const EXCLUSION_REASONS = [
  'extensive_substance_use',
  'extensive_psychiatric_illness',
  'violence_or_threats',
  'not_using_offer',
  'repeated_house_rule_breaches',
  'follow_up_agreement_not_signed_or_breached',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/**
 * What a unit may be described by when it is offered, so the case worker can match a person's needs
 * (a wheelchair, a dog, a history of damage) with a flat. Each facility names the ones it records:
 * a scattered-site programme has no reinforced flats to tell apart, a staffed house does.
 */
export const UNIT_ATTRIBUTES = [
  'reinforced', // robust/reinforced flat: walls, doors and fittings that withstand damage
  'ground_floor', // on the ground floor: no stairs, an exit straight out
  'accessible', // universally designed (wheelchair, step-free bathroom)
  'pets_allowed', // a pet may live in the flat
] as const;
export type UnitAttribute = (typeof UNIT_ATTRIBUTES)[number];

export interface TargetGroupRules {
  /** People younger than this are outside the target group (Bolig Nu: 18). */
  readonly minAge?: number;
  readonly maxAge?: number;
  /** Families with children are referred elsewhere (Bolig Nu). */
  readonly excludesFamiliesWithChildren: boolean;
  /** Known active heavy substance users are referred elsewhere (Bolig Nu). */
  readonly excludesActiveHeavySubstanceUse: boolean;
  /** Every resident must have a co-occurring (ROP) disorder (Trondheim). */
  readonly requiresCoOccurringDisorder: boolean;
}

export interface FacilityProfile {
  readonly name: string;
  readonly kind: FacilityKind;
  readonly municipality: string;
  readonly targetGroup: TargetGroupRules;
  /** Longest stay in days on this facility's temporary places (sotjl § 27: preferably ≤ 3 months). */
  readonly maxStayDays?: number;
  readonly exclusionReasons: readonly ExclusionReason[];
  /** The unit attributes this facility records on its units (none when absent: profiles from before had none). */
  readonly unitAttributes?: readonly UnitAttribute[];
}

export type FacilityEvent =
  | { type: 'FacilityRegistered'; data: { facilityId: string } & FacilityProfile }
  | { type: 'FacilityProfileChanged'; data: { facilityId: string } & FacilityProfile };

export type FacilityCommand =
  ({ type: 'RegisterFacility'; facilityId: string } & FacilityProfile) | ({ type: 'ChangeFacilityProfile'; facilityId: string } & FacilityProfile);

export type FacilityState = { status: 'none' } | { status: 'active'; facilityId: string; profile: FacilityProfile };

function validateProfile(profile: FacilityProfile) {
  if (profile.kind === 'temporary_housing' && profile.maxStayDays === undefined) {
    return reject('facility.temporary_requires_max_stay', 'Temporary housing must state its maximum stay', {
      field: 'maxStayDays',
    });
  }
  const { minAge, maxAge } = profile.targetGroup;
  if (minAge !== undefined && maxAge !== undefined && minAge > maxAge) {
    return reject('facility.age_range', 'The minimum age is above the maximum age', { field: 'targetGroup.minAge' });
  }
  return undefined;
}

const sameProfile = (a: FacilityProfile, b: FacilityProfile) => JSON.stringify(a) === JSON.stringify(b);

export const facilityDecider: Decider<FacilityCommand, FacilityState, FacilityEvent> = {
  initialState: { status: 'none' },

  decide(command, state) {
    const { type: _type, facilityId, ...profile } = command;
    const invalid = validateProfile(profile);
    if (invalid) return invalid;
    switch (command.type) {
      case 'RegisterFacility':
        if (state.status === 'active') {
          return sameProfile(state.profile, profile) ? nothingToDo : reject('facility.already_registered', 'A facility with this id exists');
        }
        return accept({ type: 'FacilityRegistered', data: { facilityId, ...profile } });
      case 'ChangeFacilityProfile':
        if (state.status !== 'active') return reject('facility.not_found', 'No such facility');
        if (sameProfile(state.profile, profile)) return nothingToDo;
        return accept({ type: 'FacilityProfileChanged', data: { facilityId, ...profile } });
    }
  },

  evolve(state, event) {
    const { facilityId, ...profile } = event.data;
    switch (event.type) {
      case 'FacilityRegistered':
      case 'FacilityProfileChanged':
        return { status: 'active', facilityId, profile };
    }
  },
};
