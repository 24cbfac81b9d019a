import { Decision, reject } from '../shared/decider';
import { addDays, addMonths, addYears, IsoDate } from '../shared/dates';
import { Agreement, AgreementKind, LeaseTerms } from './case.types';

/**
 * How long each kind of agreement may run, counted from its original start (an extension does not
 * restart the clock).
 */
/** Melhus: "Maksimal lengde på en bo- og tjenesteavtale er ett år" (then a lease, or another offer). */
export const SERVICE_AGREEMENT_MAX_MONTHS = 12;
/** Sosialtjenesteloven § 27: temporary stays should preferably not exceed 3 months (Bolig Nu: "inntil 3 måneder"). */
export const TEMPORARY_AGREEMENT_MAX_MONTHS = 3;
/** Husleieloven § 9-3: a time-limited lease of a dwelling runs at least 3 years (§ 11-1 allows shorter, see checkLease). */
export const LEASE_MIN_YEARS = 3;

type Rejection = Decision<never>;
const blank = (text?: string) => text === undefined || text.trim() === '';

/**
 * The latest end an agreement of this kind may have. A temporary agreement also respects the
 * facility's own longest stay when that is shorter than 3 months. A lease has no upper limit.
 */
export function agreementLimit(kind: AgreementKind, startsOn: IsoDate, facilityMaxStayDays?: number): IsoDate | undefined {
  switch (kind) {
    case 'service_agreement':
      return addMonths(startsOn, SERVICE_AGREEMENT_MAX_MONTHS);
    case 'temporary_agreement': {
      const threeMonths = addMonths(startsOn, TEMPORARY_AGREEMENT_MAX_MONTHS);
      if (facilityMaxStayDays === undefined) return threeMonths;
      const facilityLimit = addDays(startsOn, facilityMaxStayDays);
      return facilityLimit < threeMonths ? facilityLimit : threeMonths;
    }
    case 'lease':
      return undefined;
  }
}

/**
 * Is `endsOn` within the limit of an agreement of `kind`? A temporary agreement may run longer when
 * the reason is written down (sotjl § 27 says "preferably"); a service agreement may not.
 */
export function checkEndWithinLimit(
  kind: AgreementKind,
  endsOn: IsoDate,
  limit: IsoDate | undefined,
  justification: string | undefined,
  field: string,
): Rejection | undefined {
  if (limit === undefined || endsOn <= limit) return undefined;
  if (kind === 'service_agreement') {
    return reject('agreement.service_max_12_months', `A service agreement runs at most 12 months (until ${limit})`, {
      field,
      details: { limit },
    });
  }
  if (kind === 'temporary_agreement' && blank(justification)) {
    return reject('agreement.temporary_max_3_months', `A temporary agreement runs at most until ${limit} unless a justification is written`, {
      field,
      details: { limit },
    });
  }
  return undefined;
}

/**
 * Rules for a lease, at move-in or on conversion; `prefix` places the fields in the command.
 *
 * Husleieloven § 9-3 first paragraph: "Det er ikke adgang til å inngå tidsbestemt leieavtale for bolig
 * for kortere tid enn tre år" (its exceptions, the landlord's own use and a landlord living in the same
 * small house, are not a municipality's). Husleieloven § 11-1: for a dwelling let by the state, a county
 * or a municipality, or reserved by their decision for people disadvantaged in the housing market,
 * the lease may deviate from the Act to the tenant's disadvantage, among other things with one or more
 * time-limited leases shorter than § 9-3 allows, but only if the tenant, before the lease was made,
 * was told in writing that it concerns such a dwelling and that this gives fewer rights than renting
 * another one (Ot.prp. nr. 74 (2007–2008) ch. 11). The exception is read narrowly: not for the
 * landlord's economic or administrative convenience, so a short lease states why the tenant's need
 * calls for it (shortTermReason).
 */
export function checkLease(startsOn: IsoDate, endsOn: IsoDate | undefined, terms: LeaseTerms | undefined, prefix: string): Rejection | undefined {
  if (!terms) return reject('agreement.lease_terms_required', 'A lease must state its terms', { field: `${prefix}leaseTerms` });
  if (terms.specialTermsHusll11_1) {
    const signedOn = terms.signedOn ?? startsOn;
    if (terms.writtenNoticeGivenOn === undefined || terms.writtenNoticeGivenOn > signedOn) {
      return reject(
        'agreement.lease_special_terms_notice',
        'Special terms under husleieloven § 11-1 need written notice to the tenant before the lease is signed',
        { field: `${prefix}leaseTerms.writtenNoticeGivenOn` },
      );
    }
    if (terms.writtenNoticeStatesFewerRights !== true) {
      return reject(
        'agreement.lease_special_terms_notice_content',
        'The written notice under husleieloven § 11-1 must say that the lease gives fewer rights than renting another dwelling',
        { field: `${prefix}leaseTerms.writtenNoticeStatesFewerRights` },
      );
    }
  }
  if (terms.indefinite) {
    return endsOn === undefined
      ? undefined
      : reject('agreement.lease_indefinite_with_end', 'An indefinite lease has no end date', { field: `${prefix}endsOn` });
  }
  const minimum = addYears(startsOn, LEASE_MIN_YEARS);
  if (endsOn === undefined) {
    return reject('agreement.lease_min_3_years', `A time-limited lease runs at least 3 years (until ${minimum} or later)`, {
      field: `${prefix}endsOn`,
      details: { minimum },
    });
  }
  if (endsOn >= minimum) return undefined;
  // Shorter than § 9-3 allows: only for a dwelling under § 11-1, noticed as above, and for a stated reason.
  if (!terms.specialTermsHusll11_1) {
    return reject(
      'agreement.lease_min_3_years',
      `A time-limited lease runs at least 3 years (until ${minimum} or later), unless it is for a dwelling under husleieloven § 11-1`,
      { field: `${prefix}endsOn`, details: { minimum } },
    );
  }
  if (blank(terms.shortTermReason)) {
    return reject(
      'agreement.lease_short_term_reason_required',
      'A lease shorter than 3 years under husleieloven § 11-1 must say why the tenant needs it short',
      {
        field: `${prefix}leaseTerms.shortTermReason`,
      },
    );
  }
  return undefined;
}

/** All rules for the agreement signed at move-in. */
export function checkAgreement(agreement: Agreement, facilityMaxStayDays?: number): Rejection | undefined {
  const { kind, startsOn, endsOn } = agreement;
  if (kind !== 'lease' && agreement.leaseTerms !== undefined) {
    return reject('agreement.lease_terms_only_for_lease', 'Lease terms belong to a lease', { field: 'agreement.leaseTerms' });
  }
  if (endsOn !== undefined && endsOn < startsOn) {
    return reject('agreement.ends_before_start', 'The agreement ends before it starts', { field: 'agreement.endsOn' });
  }
  if (kind === 'lease') return checkLease(startsOn, endsOn, agreement.leaseTerms, 'agreement.');
  if (endsOn === undefined) {
    return reject('agreement.end_required', 'A service or temporary agreement must say when it ends', { field: 'agreement.endsOn' });
  }
  const limit = agreementLimit(kind, startsOn, facilityMaxStayDays);
  return checkEndWithinLimit(kind, endsOn, limit, agreement.extensionJustification, 'agreement.endsOn');
}
