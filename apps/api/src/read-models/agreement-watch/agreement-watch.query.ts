import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { addDays, daysBetween, IsoDate } from '@app/domain';
import { Actor } from '../../platform/auth/actor';
import { Clock } from '../../platform/clock';
import { ReadModels } from '../read-models.service';
import { CASES } from '../cases/cases.projection';
import { named, PersonName, personNames } from '../cases/person-names';
import { AGREEMENT_WATCH } from './agreement-watch.projection';
import { facilitiesFor, scopeSql } from '../shared/read-scope';

export const DEFAULT_WITHIN_DAYS = 30;

export interface AgreementWatchFilter {
  readonly actor: Actor;
  readonly facilityId?: string;
  /** How far ahead "ending soon" and "expiring soon" look, and how far back "expired" looks. */
  readonly withinDays: number;
  readonly minPosition?: string;
}

export interface WatchedAgreement {
  caseId: string;
  /** Whom it concerns, by name (null once forgotten). */
  name: PersonName;
  personId: string;
  facilityId: string;
  unitId: string;
  kind: string;
  movedInOn: IsoDate;
  startsOn: IsoDate;
  endsOn: IsoDate | null;
  /** The latest end the law or the facility allows, from the agreement's original start (none for a lease). */
  limit: IsoDate | null;
  /** Whether the current end rests on a written justification (how a temporary agreement passes 3 months). */
  justified: boolean;
  extensions: number;
  /** Nights from move-in to today. */
  nightsSoFar: number;
  /** Days from today to the end: negative once the end has passed. */
  daysToEnd: number | null;
  /** Days from the limit to today: positive once the resident lives there past the limit. */
  daysPastLimit: number | null;
  /** The agreement itself was extended beyond its limit (with a written justification). */
  endsAfterLimit: boolean;
}

export interface WatchedOffer {
  caseId: string;
  /** Whom it concerns, by name (null once forgotten). */
  name: PersonName;
  offerId: string;
  personId: string;
  facilityId: string;
  unitId: string;
  offeredOn: IsoDate;
  /** The last day the person may accept. */
  expiresOn: IsoDate;
  offerNumber: number;
  status: 'open' | 'accepted' | 'declined' | 'expired';
  answeredOn: IsoDate | null;
  /** Days from the expiry to today: positive once the offer has lapsed. */
  daysPastExpiry: number;
}

export interface AgreementWatch {
  today: IsoDate;
  withinDays: number;
  /** Residents whose agreement ends from today up to today + withinDays. */
  endingSoon: WatchedAgreement[];
  /** Residents still living there after their agreement's end date (an overstay to settle). */
  pastEnd: WatchedAgreement[];
  /** Residents living there after their agreement's limit (today is past it): daysPastLimit is 1 or more. */
  pastLimit: WatchedAgreement[];
  /**
   * Residents whose agreement was extended beyond its limit (with a written justification) while the
   * limit is still ahead or today: they are not past it yet, so they are not in pastLimit, whose
   * figures count days past the limit (issue 15: "past the longest allowed stay … 17 days left").
   */
  extendedBeyondLimit: WatchedAgreement[];
  offers: {
    /** Open offers past their last day to answer: nobody recorded an answer or the expiry. */
    pastExpiryUnanswered: WatchedOffer[];
    /** Open offers whose last day to answer is from today up to today + withinDays. */
    expiringSoon: WatchedOffer[];
    /** Offers recorded as expired within the last withinDays days. */
    recentlyExpired: WatchedOffer[];
  };
}

export class GetAgreementWatchQuery extends Query<AgreementWatch> {
  constructor(readonly filter: AgreementWatchFilter) {
    super();
  }
}

/**
 * The agreement watch: aggregates and date comparisons happen here, at query time, against today
 * from the injected Clock; the projection stores only the facts the events state.
 */
@QueryHandler(GetAgreementWatchQuery)
export class GetAgreementWatchHandler implements IQueryHandler<GetAgreementWatchQuery> {
  constructor(
    private readonly readModels: ReadModels,
    private readonly clock: Clock,
  ) {}

  async execute({ filter }: GetAgreementWatchQuery): Promise<AgreementWatch> {
    const facilities = facilitiesFor(filter.actor, 'read.dashboard', filter.facilityId);
    await this.readModels.ready([AGREEMENT_WATCH, CASES], filter.minPosition);
    const today = this.clock.today();
    const horizon = addDays(today, filter.withinDays);
    const since = addDays(today, -filter.withinDays);
    const db = this.readModels;
    const agreements = this.readModels.table(AGREEMENT_WATCH, 'agreement_watch_agreements');
    const changes = this.readModels.table(AGREEMENT_WATCH, 'agreement_watch_changes');
    const offers = this.readModels.table(AGREEMENT_WATCH, 'agreement_watch_offers');

    const scopeA = scopeSql('a.facility_id', facilities);
    const unnamedResidents = (
      db
        .statement(
          `SELECT a.*, (SELECT COUNT(*) FROM ${changes} c WHERE c.case_id = a.case_id AND c.change = 'extended') AS extensions
           FROM ${agreements} a WHERE a.moved_out_on IS NULL AND ${scopeA.sql}`,
        )
        .all(...scopeA.params) as AgreementRow[]
    ).map((r) => toAgreement(r, today));
    const residents = named(
      unnamedResidents,
      personNames(
        db,
        unnamedResidents.map((a) => a.personId),
      ),
    );

    const byEnd = (a: WatchedAgreement, b: WatchedAgreement) => (a.endsOn ?? '').localeCompare(b.endsOn ?? '') || a.caseId.localeCompare(b.caseId);
    const endingSoon = residents.filter((a) => a.endsOn !== null && a.endsOn >= today && a.endsOn <= horizon).sort(byEnd);
    const pastEnd = residents.filter((a) => a.endsOn !== null && a.endsOn < today).sort(byEnd);
    const byLimit = (a: WatchedAgreement, b: WatchedAgreement) => (a.limit as string).localeCompare(b.limit as string) || a.caseId.localeCompare(b.caseId);
    const pastLimit = residents.filter((a) => a.limit !== null && today > a.limit).sort(byLimit);
    const extendedBeyondLimit = residents.filter((a) => a.limit !== null && a.endsAfterLimit && today <= a.limit).sort(byLimit);

    const scopeO = scopeSql('facility_id', facilities);
    const unnamedOffers = (
      db
        .statement(
          `SELECT * FROM ${offers} WHERE ${scopeO.sql}
             AND ((status = 'open' AND expires_on <= ?) OR (status = 'expired' AND answered_on >= ?))
           ORDER BY expires_on, case_id, offer_id`,
        )
        .all(...scopeO.params, horizon, since) as OfferRow[]
    ).map((r) => toOffer(r, today));
    const offerRows = named(
      unnamedOffers,
      personNames(
        db,
        unnamedOffers.map((o) => o.personId),
      ),
    );

    return {
      today,
      withinDays: filter.withinDays,
      endingSoon,
      pastEnd,
      pastLimit,
      extendedBeyondLimit,
      offers: {
        pastExpiryUnanswered: offerRows.filter((o) => o.status === 'open' && o.expiresOn < today),
        expiringSoon: offerRows.filter((o) => o.status === 'open' && o.expiresOn >= today),
        recentlyExpired: offerRows.filter((o) => o.status === 'expired'),
      },
    };
  }
}

interface AgreementRow {
  case_id: string;
  person_id: string;
  facility_id: string;
  unit_id: string;
  moved_in_on: string;
  kind: string;
  starts_on: string;
  ends_on: string | null;
  agreement_limit: string | null;
  justified: number;
  extensions: number;
}

interface OfferRow {
  case_id: string;
  offer_id: string;
  person_id: string;
  facility_id: string;
  unit_id: string;
  offered_on: string;
  expires_on: string;
  offer_number: number;
  status: WatchedOffer['status'];
  answered_on: string | null;
}

function toAgreement(r: AgreementRow, today: IsoDate): Omit<WatchedAgreement, 'name'> {
  return {
    caseId: r.case_id,
    personId: r.person_id,
    facilityId: r.facility_id,
    unitId: r.unit_id,
    kind: r.kind,
    movedInOn: r.moved_in_on,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    limit: r.agreement_limit,
    justified: r.justified === 1,
    extensions: r.extensions,
    nightsSoFar: Math.max(0, daysBetween(r.moved_in_on, today)),
    daysToEnd: r.ends_on === null ? null : daysBetween(today, r.ends_on),
    daysPastLimit: r.agreement_limit === null ? null : daysBetween(r.agreement_limit, today),
    endsAfterLimit: r.agreement_limit !== null && r.ends_on !== null && r.ends_on > r.agreement_limit,
  };
}

function toOffer(r: OfferRow, today: IsoDate): Omit<WatchedOffer, 'name'> {
  return {
    caseId: r.case_id,
    offerId: r.offer_id,
    personId: r.person_id,
    facilityId: r.facility_id,
    unitId: r.unit_id,
    offeredOn: r.offered_on,
    expiresOn: r.expires_on,
    offerNumber: r.offer_number,
    status: r.status,
    answeredOn: r.answered_on,
    daysPastExpiry: daysBetween(r.expires_on, today),
  };
}
