import type { SelectedRow } from '@app/projections';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { addDays, IsoDate, WaitingListExit } from '@app/domain';
import { NotFound } from '../../platform/errors/command-errors';
import { Clock } from '../../platform/clock';
import { assertFacilityInScope, daysSince, median, ReadScope, scopeSql } from '../shared/read-scope';
import { ReadModels } from '../read-models.service';
import { WAITING_LIST } from './waiting-list.projection';

export interface WaitingEntry {
  /** Place in the order: by priority (1 most urgent), then by how long they have waited. */
  rank: number;
  caseId: string;
  personId: string;
  name: { givenName: string; familyName: string } | null;
  priority: number;
  placedOn: IsoDate;
  daysWaiting: number;
  offersDeclined: number;
  currentOffer: {
    offerId: string;
    unitId: string;
    unitLabel: string | null;
    offeredOn: IsoDate;
    expiresOn: IsoDate;
    status: 'open' | 'accepted';
    acceptedOn: IsoDate | null;
  } | null;
}

export interface WaitingListStats {
  waiting: number;
  /** How many wait at each priority, 1 to 5. */
  byPriority: Record<string, number>;
  /** Of those waiting now: the median days since they were placed on the list. */
  medianDaysWaiting: number | null;
  longestDaysWaiting: number | null;
  /** Left the list by moving in during the last 12 months, and their median wait (days). */
  movedInLast12Months: number;
  medianDaysToMoveIn: number | null;
  /** Every way off the list in the last 12 months, by reason (moved in, withdrawn, reassessment ...). */
  exitsLast12Months: Partial<Record<WaitingListExit, number>>;
}

export interface WaitingList {
  facilityId: string;
  facilityName: string;
  today: IsoDate;
  entries: WaitingEntry[];
  stats: WaitingListStats;
}

export interface WaitingListSummary {
  today: IsoDate;
  /** Every facility in scope; the medians across them all in `overall`. */
  facilities: Array<{ facilityId: string; facilityName: string } & WaitingListStats>;
  overall: WaitingListStats;
}

export class GetWaitingListQuery extends Query<WaitingList> {
  constructor(readonly input: { facilityId: string; scope: ReadScope; minPosition?: string }) {
    super();
  }
}

export class GetWaitingListSummaryQuery extends Query<WaitingListSummary> {
  constructor(readonly input: { scope: ReadScope; minPosition?: string }) {
    super();
  }
}

type Exit = { facility_id: string; reason: WaitingListExit; waited_days: number };
/** Which facilities to read, as a WHERE fragment on a given facility_id column. */
type FacilityFilter = (column: string) => { sql: string; params: string[] };

/** Both handlers read the same rows: entries and exits of a set of facilities. */
class WaitingListReader {
  constructor(
    readonly readModels: ReadModels,
    readonly clock: Clock,
  ) {}

  protected t(name: string): string {
    return this.readModels.table(WAITING_LIST, name);
  }

  protected facilities(filter: FacilityFilter): Array<{ facility_id: string; name: string }> {
    const where = filter('facility_id');
    return this.readModels.statement(`SELECT facility_id, name FROM ${this.t('waiting_list_facilities')} WHERE ${where.sql}`).all(...where.params) as never;
  }

  protected entries(filter: FacilityFilter, today: IsoDate): Array<WaitingEntry & { facilityId: string }> {
    const where = filter('e.facility_id');
    const rows = this.readModels
      .statement(
        `SELECT e.*, p.given_name, p.family_name, COALESCE(d.declined_offers, 0) AS declined_offers,
           o.offer_id, o.unit_id, o.offered_on, o.expires_on, o.accepted_on, u.label AS unit_label
         FROM ${this.t('waiting_list_entries')} e
         LEFT JOIN ${this.t('waiting_list_people')} p ON p.person_id = e.person_id
         LEFT JOIN ${this.t('waiting_list_declined')} d ON d.case_id = e.case_id
         LEFT JOIN ${this.t('waiting_list_offers')} o ON o.offer_id = (
           SELECT x.offer_id FROM ${this.t('waiting_list_offers')} x WHERE x.case_id = e.case_id ORDER BY x.offered_on DESC, x.offer_id DESC LIMIT 1)
         LEFT JOIN ${this.t('waiting_list_units')} u ON u.unit_id = o.unit_id
         WHERE ${where.sql}
         ORDER BY e.facility_id, e.priority, e.placed_on, e.case_id`,
      )
      .all(...where.params) as Array<SelectedRow>;
    const rank = new Map<string, number>();
    return rows.map((r) => {
      const n = (rank.get(r.facility_id) ?? 0) + 1;
      rank.set(r.facility_id, n);
      return {
        rank: n,
        facilityId: r.facility_id,
        caseId: r.case_id,
        personId: r.person_id,
        name: r.given_name == null ? null : { givenName: r.given_name, familyName: r.family_name },
        priority: r.priority,
        placedOn: r.placed_on,
        daysWaiting: daysSince(r.placed_on, today),
        offersDeclined: r.declined_offers,
        currentOffer:
          r.offer_id == null
            ? null
            : {
                offerId: r.offer_id,
                unitId: r.unit_id,
                unitLabel: r.unit_label ?? null,
                offeredOn: r.offered_on,
                expiresOn: r.expires_on,
                status: r.accepted_on == null ? 'open' : 'accepted',
                acceptedOn: r.accepted_on ?? null,
              },
      };
    });
  }

  /** Exits in the twelve months up to today. */
  protected exits(filter: FacilityFilter, today: IsoDate): Exit[] {
    const where = filter('facility_id');
    return this.readModels
      .statement(`SELECT facility_id, reason, waited_days FROM ${this.t('waiting_list_exits')} WHERE ${where.sql} AND left_on > ?`)
      .all(...where.params, addDays(today, -365)) as Exit[];
  }
}

export function statsOf(entries: readonly WaitingEntry[], exits: readonly Exit[]): WaitingListStats {
  const byPriority: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const e of entries) byPriority[String(e.priority)] = (byPriority[String(e.priority)] ?? 0) + 1;
  const days = entries.map((e) => e.daysWaiting);
  const housed = exits.filter((x) => x.reason === 'moved_in').map((x) => x.waited_days);
  const exitsByReason: Partial<Record<WaitingListExit, number>> = {};
  for (const x of exits) exitsByReason[x.reason] = (exitsByReason[x.reason] ?? 0) + 1;
  return {
    waiting: entries.length,
    byPriority,
    medianDaysWaiting: median(days),
    longestDaysWaiting: days.length ? Math.max(...days) : null,
    movedInLast12Months: housed.length,
    medianDaysToMoveIn: median(housed),
    exitsLast12Months: exitsByReason,
  };
}

@QueryHandler(GetWaitingListQuery)
export class GetWaitingListHandler extends WaitingListReader implements IQueryHandler<GetWaitingListQuery> {
  constructor(readModels: ReadModels, clock: Clock) {
    super(readModels, clock);
  }

  async execute({ input }: GetWaitingListQuery): Promise<WaitingList> {
    assertFacilityInScope(input.scope, input.facilityId);
    await this.readModels.ready([WAITING_LIST], input.minPosition);
    const today = this.clock.today();
    const where: FacilityFilter = (column) => ({ sql: `${column} = ?`, params: [input.facilityId] });
    const [facility] = this.facilities(where);
    if (!facility) throw new NotFound('Facility');
    const entries = this.entries(where, today).map(({ facilityId: _f, ...entry }) => entry);
    return { facilityId: facility.facility_id, facilityName: facility.name, today, entries, stats: statsOf(entries, this.exits(where, today)) };
  }
}

@QueryHandler(GetWaitingListSummaryQuery)
export class GetWaitingListSummaryHandler extends WaitingListReader implements IQueryHandler<GetWaitingListSummaryQuery> {
  constructor(readModels: ReadModels, clock: Clock) {
    super(readModels, clock);
  }

  async execute({ input }: GetWaitingListSummaryQuery): Promise<WaitingListSummary> {
    await this.readModels.ready([WAITING_LIST], input.minPosition);
    const today = this.clock.today();
    const where: FacilityFilter = (column) => scopeSql(column, input.scope);
    const entries = this.entries(where, today);
    const exits = this.exits(where, today);
    const facilities = this.facilities(where)
      .map((f) => ({
        facilityId: f.facility_id,
        facilityName: f.name,
        ...statsOf(
          entries.filter((e) => e.facilityId === f.facility_id),
          exits.filter((x) => x.facility_id === f.facility_id),
        ),
      }))
      .sort((a, b) => a.facilityName.localeCompare(b.facilityName, 'nb'));
    return { today, facilities, overall: statsOf(entries, exits) };
  }
}
