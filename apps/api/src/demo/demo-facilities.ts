import { EXCLUSION_REASONS, FacilityProfile, LegalBasis, UnitCommand } from '@app/domain';
import { uuidV5 } from '../platform/ids';

/**
 * The five offers described in the public texts this product is modelled on (docs/domain.md, "Where
 * the domain comes from"), as facilities with their units: Bodø kommune, "Boliger med heldøgnstjenester
 * i Bodø" (Hålogalandsgata); Trondheim kommune, "Bolig for personer med samtidig rusmisbruk og psykiske
 * lidelse i Trondheim"; Melhus kommune, "Samlokaliserte boliger med døgnbemanning i Melhus kommune"
 * (Idrettsveien); Stavanger kommune, "Bo-oppfølging med elementer fra Housing First" (the four published
 * as examples on Husbanken's veiviseren.no); and the presentation of Bolig Nu, a temporary-housing
 * project in Bodø, of its first months (5 May 2014 – 20 March 2015). Unit counts are the ones the texts
 * give; Bolig Nu's presentation gives no count (see BOLIG_NU_UNITS).
 */
export type DemoUnitKind = Extract<UnitCommand, { type: 'AddUnit' }>['kind'];
export type FacilityKey = 'bodo_hg' | 'trondheim' | 'melhus' | 'bolig_nu' | 'stavanger_hf';

export interface DemoFacility {
  readonly key: FacilityKey;
  readonly facilityId: string;
  readonly profile: FacilityProfile;
  readonly units: ReadonlyArray<{ readonly unitId: string; readonly label: string; readonly kind: DemoUnitKind }>;
  /** Who sits in this offer's assessment team (for RecordAssessmentMeeting). */
  readonly team: readonly string[];
  /** The legal basis its formal decisions rest on. */
  readonly legalBasis: LegalBasis;
  /** Who decides on behalf of the offer (enkeltvedtak: `decidedBy`). */
  readonly decidedBy: string;
}

/**
 * Bolig Nu's text states no number of places. It reports 2,394 bed-nights from 5 May 2014 to 20 March
 * 2015 (319 days: about 7.5 occupied on average) and "mostly full": 8 places fit that.
 */
export const BOLIG_NU_UNITS = 8;

const facilityId = (key: FacilityKey) => uuidV5(`demo:facility:${key}`);
const units = (key: FacilityKey, kind: DemoUnitKind, labels: string[]) => labels.map((label) => ({ unitId: uuidV5(`demo:unit:${key}:${label}`), label, kind }));
const numbered = (prefix: string, from: number, count: number, width = 2) =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(from + i).padStart(width, '0')}`);

const noScreening = { excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: false };

export const DEMO_FACILITIES: Readonly<Record<FacilityKey, DemoFacility>> = {
  // Bodø, Hålogalandsgata: 16 flats staffed around the clock, permanent homes for people in active addiction.
  bodo_hg: {
    key: 'bodo_hg',
    facilityId: facilityId('bodo_hg'),
    profile: {
      name: 'Hålogalandsgata (DEMO)',
      kind: 'staffed_24_7',
      municipality: 'Bodø',
      targetGroup: noScreening,
      exclusionReasons: ['violence_or_threats', 'not_using_offer'],
    },
    units: units('bodo_hg', 'permanent', [...numbered('H1', 1, 8), ...numbered('H2', 1, 8)]),
    team: ['Enhetsleder Hålogalandsgata', 'Fagleder', 'Oppfølgingstjenesten psykisk helse og rus'],
    legalBasis: 'hotl_3_2',
    decidedBy: 'Enhetsleder Hålogalandsgata',
  },
  // Trondheim: 10 flats and a staff base; every resident must have a co-occurring (ROP) disorder.
  trondheim: {
    key: 'trondheim',
    facilityId: facilityId('trondheim'),
    profile: {
      name: 'ROP-boligen Trondheim (DEMO)',
      kind: 'staffed_cluster',
      municipality: 'Trondheim',
      targetGroup: { ...noScreening, requiresCoOccurringDisorder: true },
      exclusionReasons: ['violence_or_threats', 'repeated_house_rule_breaches'],
    },
    units: units('trondheim', 'permanent', numbered('L', 1, 10)),
    team: ['Enhetsleder Botiltak og treffsted', 'Fagleder', 'Helse- og velferdskontor Midtbyen'],
    legalBasis: 'hotl_3_2',
    decidedBy: 'Enhetsleder Botiltak og treffsted for psykisk helse',
  },
  // Melhus, Idrettsveien: 12 flats plus 3 short-stay assessment flats; service agreement first, then a lease.
  melhus: {
    key: 'melhus',
    facilityId: facilityId('melhus'),
    profile: {
      name: 'Idrettsveien bofellesskap (DEMO)',
      kind: 'staffed_cluster',
      municipality: 'Melhus',
      targetGroup: noScreening,
      exclusionReasons: ['repeated_house_rule_breaches', 'violence_or_threats', 'not_using_offer'],
    },
    units: [...units('melhus', 'permanent', numbered('M', 1, 12)), ...units('melhus', 'assessment', numbered('K', 1, 3, 1))],
    team: ['Enhetsleder Idrettsveien', 'Teamleder', 'Psykisk helse og rus Melhus', 'NAV Melhus'],
    legalBasis: 'hotl_3_2',
    decidedBy: 'Enhetsleder Idrettsveien',
  },
  // Bolig Nu, Bodø: temporary housing, at most 3 months; target group and six exclusion criteria.
  bolig_nu: {
    key: 'bolig_nu',
    facilityId: facilityId('bolig_nu'),
    profile: {
      name: 'Bolig Nu (DEMO)',
      kind: 'temporary_housing',
      municipality: 'Bodø',
      targetGroup: { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true, requiresCoOccurringDisorder: false },
      maxStayDays: 90,
      exclusionReasons: [...EXCLUSION_REASONS],
    },
    units: units('bolig_nu', 'temporary', numbered('BN', 1, BOLIG_NU_UNITS)),
    team: ['Leder Bolig Nu', 'NAV Bodø, midlertidig bolig', 'Oppfølgingstjenesten psykisk helse og rus'],
    legalBasis: 'sotjl_27',
    decidedBy: 'NAV Bodø',
  },
  // Stavanger: Housing First, 10 ordinary municipal flats spread across the city.
  stavanger_hf: {
    key: 'stavanger_hf',
    facilityId: facilityId('stavanger_hf'),
    profile: {
      name: 'Housing First Stavanger (DEMO)',
      kind: 'scattered_site',
      municipality: 'Stavanger',
      targetGroup: noScreening,
      exclusionReasons: ['violence_or_threats'],
    },
    units: units(
      'stavanger_hf',
      'permanent',
      ['Hillevåg', 'Madla', 'Tasta', 'Eiganes', 'Storhaug', 'Hundvåg', 'Hinna', 'Våland', 'Gausel', 'Kampen'].map(
        (area, i) => `HF-${String(i + 1).padStart(2, '0')} ${area}`,
      ),
    ),
    team: ['Enhetsleder Hillevåg hjemmebaserte tjenester', 'Teamleder Housing First', 'HSK Hillevåg', 'HSK Madla', 'Avdeling unge voksne, Helse Stavanger'],
    legalBasis: 'boligsosial_lov_6',
    decidedBy: 'Helse- og sosialkontoret Hillevåg',
  },
};

export const ALL_DEMO_FACILITIES: readonly DemoFacility[] = Object.values(DEMO_FACILITIES);
