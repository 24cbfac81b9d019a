import type { ConsentRecipient } from './consent';
import { ExclusionReason, FacilityKind, TargetGroupRules } from '../facility/facility.decider';
import { UnitKind } from '../unit/unit.decider';
import { Gender } from '../person/person.decider';
import { IsoDate } from '../shared/dates';

/**
 * The value types of a case (one referral episode of one person to one facility): the fixed code
 * lists the case works with, and the snapshots of facts owned by other aggregates (unit kinds and
 * genders are those of the unit and person aggregates).
 */

export const REFERRAL_SOURCES = [
  'health_and_social_office', // helse- og sosialkontor (Stavanger: they find the candidates)
  'nav',
  'specialist_health_service', // DPS, ACT team, psychiatric ward
  'correctional_service',
  'self',
  'other',
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

export const WITHDRAWAL_REASONS = ['found_housing_themselves', 'declined_further_contact', 'moved_away', 'other'] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

export const ASSESSMENT_OUTCOMES = ['not_relevant', 'needs_mapping', 'accepted', 'waitlisted', 'refused'] as const;
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number];

/** Priority on the waiting list and in the assessment team's outcome: 1 is the most urgent. */
export const PRIORITY_MIN = 1;
export const PRIORITY_MAX = 5;

export const DECISION_KINDS = ['grant', 'refusal', 'exclusion'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** What the issuing unit concludes when it reviews an appeal (fvl § 33 second paragraph). */
export const APPEAL_REVIEW_OUTCOMES = ['reversed', 'upheld'] as const;
export type AppealReviewOutcome = (typeof APPEAL_REVIEW_OUTCOMES)[number];

/** What the appeal body concludes (fvl § 34): upheld, reversed, or set aside and sent back (remitted). */
export const APPEAL_BODY_OUTCOMES = ['upheld', 'reversed', 'remitted'] as const;
export type AppealBodyOutcome = (typeof APPEAL_BODY_OUTCOMES)[number];

/** Why a case worker takes someone off the waiting list. */
export const WAITING_LIST_REMOVAL_REASONS = ['reassessment', 'no_longer_needed', 'other'] as const;
export type WaitingListRemovalReason = (typeof WAITING_LIST_REMOVAL_REASONS)[number];
/** Every way off the list, including those the case records by itself (so "waiting now" is one count). */
export const WAITING_LIST_EXITS = [...WAITING_LIST_REMOVAL_REASONS, 'moved_in', 'referral_withdrawn', 'case_closed'] as const;
export type WaitingListExit = (typeof WAITING_LIST_EXITS)[number];

export const AGREEMENT_KINDS = [
  'service_agreement', // bo- og tjenesteavtale: at most one year, ends without a lease's notice period
  'temporary_agreement', // bo- og oppfølgingsavtale: up to 3 months (sotjl § 27)
  'lease', // husleiekontrakt under husleieloven
] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const INCIDENT_KINDS = [
  'house_rule_breach',
  'threat_or_violence',
  'damage',
  'substance_use_in_common_areas', // Trondheim: no substance use in common areas or outdoors
  'police_callout',
  'fire_callout',
  'ambulance_callout',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ABSENCE_KINDS = ['agreed', 'unagreed', 'hospital_admission'] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];

/** Why a stay ended, kept apart from where the person went (as HMIS does). */
export const EXIT_REASONS = ['completed', 'left_voluntarily', 'excluded'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

/** How contact happens during follow-up (Bolig Nu's form: visit Bolig Nu, home visits, phone). */
export const CONTACT_MODES = ['visits', 'home_visits', 'phone'] as const;
export type ContactMode = (typeof CONTACT_MODES)[number];

/** What kind of other housing was offered after an exclusion. */
export const ALTERNATIVE_HOUSING_TYPES = ['other_facility', 'municipal_housing', 'temporary_accommodation', 'institution', 'other'] as const;
export type AlternativeHousingType = (typeof ALTERNATIVE_HOUSING_TYPES)[number];

/** The facility as it was when the referral was registered (owned by the facility aggregate). */
export interface FacilitySnapshot {
  readonly facilityId: string;
  readonly kind: FacilityKind;
  readonly targetGroup: TargetGroupRules;
  readonly maxStayDays?: number;
  readonly exclusionReasons: readonly ExclusionReason[];
}

/** The person as known when the referral was registered (owned by the person aggregate). */
export interface PersonSnapshot {
  readonly birthDate: IsoDate;
  /** For the outcome report (Bolig Nu counts women and their stays); not used by any rule. */
  readonly gender?: Gender;
}

/** What the referrer told about the person, screened against the facility's target group. */
export interface Screening {
  readonly familyWithChildren: boolean;
  readonly activeHeavySubstanceUse: boolean;
  readonly coOccurringDisorder: boolean;
}

export interface Referrer {
  readonly name: string;
  readonly organisation?: string;
  readonly phone?: string;
}

export interface Consent {
  readonly given: boolean;
  /** What the person agreed to share and with whom. */
  readonly scope: string;
  readonly date: IsoDate;
  /** The services information may be shared with (the referral form asks; older referrals have none). */
  readonly recipients?: readonly ConsentRecipient[];
  /** The last day the consent holds; none: until withdrawn. */
  readonly expiresOn?: IsoDate;
}

export interface UnitSnapshot {
  readonly kind: UnitKind;
}

/**
 * Terms of a lease under husleieloven. Special terms under § 11-1 (a dwelling the municipality lets to
 * people disadvantaged in the housing market), such as one or more time-limited leases shorter than the
 * 3 years of § 9-3, bind only if the tenant was told in writing, before the lease was made, that it
 * concerns such a dwelling and that this gives fewer rights than renting another one; the terms
 * record that, and why a short lease is needed (the exception is read narrowly).
 */
export interface LeaseTerms {
  /** The lease uses the special terms of husll § 11-1 (the dwelling is let to the disadvantaged). */
  readonly specialTermsHusll11_1: boolean;
  /** When the tenant was told in writing that it is such a dwelling: on or before the signing. */
  readonly writtenNoticeGivenOn?: IsoDate;
  /** The written notice said that the lease gives fewer rights than renting another dwelling. */
  readonly writtenNoticeStatesFewerRights?: boolean;
  /** The day the lease was signed; the start stands in for it when not given. */
  readonly signedOn?: IsoDate;
  /** Why a time-limited lease shorter than 3 years is needed, for the tenant's housing need (husll § 11-1). */
  readonly shortTermReason?: string;
  readonly indefinite: boolean;
}

export interface Agreement {
  readonly kind: AgreementKind;
  readonly startsOn: IsoDate;
  readonly endsOn?: IsoDate;
  /** Why a temporary agreement runs past 3 months (sotjl § 27 says "preferably" not longer). */
  readonly extensionJustification?: string;
  readonly leaseTerms?: LeaseTerms;
}

/** One line of a tiltaksplan: goal, measure, who is responsible. */
export interface ActionPlanItem {
  readonly goal: string;
  readonly measure: string;
  readonly responsible: string;
}

export interface CrisisPlan {
  readonly summary: string;
  readonly madeOn: IsoDate;
}

export interface HealthCareFollowUp {
  /** Whether follow-up under helse- og omsorgstjenesteloven was offered, and accepted. */
  readonly offered: boolean;
  readonly accepted: boolean;
}
