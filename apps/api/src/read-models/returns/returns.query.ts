import { BadRequestException } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { addMonths, IsoDate } from '@app/domain';
import { Actor } from '../../application/actor';
import { Clock } from '../../application/ids';
import { facilitiesFor, scopeSql, ReadScope } from '../shared/read-scope';
import { ReadModels } from '../read-models.service';
import { RETURNS } from './returns.projection';

export const RETURN_WINDOWS_MONTHS = [6, 12, 24] as const;

export interface ReturnsFilter {
  readonly actor: Actor;
  readonly facilityId?: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly minPosition?: string;
}

export interface ReturnWindow {
  months: number;
  /** People referred again within the window (cumulative: the 12-month count includes the 6-month one). */
  returned: number;
  /** returned / exits, in percent with one decimal (null when nobody exited). */
  percent: number | null;
  /** Exits whose whole window has passed by today; for the others a return may still come. */
  windowComplete: number;
}

export interface ReturnsReport {
  facilityIds: ReadScope;
  from: IsoDate;
  to: IsoDate;
  today: IsoDate;
  /** People whose first move-out in the period (from these facilities) was to a permanent destination. */
  exitsToPermanent: number;
  byDestination: Record<string, number>;
  windows: ReturnWindow[];
}

export class GetReturnsReportQuery extends Query<ReturnsReport> {
  constructor(readonly filter: ReturnsFilter) {
    super();
  }
}

/**
 * Returns to homelessness, defined as HUD's System Performance Measure 2 counts them, on our events:
 * - the exits: for each person, the first move-out in the period (`from`..`to`, both included) from a
 *   facility in scope, when its destination's HMIS category is `permanent` (municipal housing, a
 *   private rental, their own home) — one exit per person;
 * - a return within M months: a new referral of the same person, to any facility (also one the caller
 *   cannot see: only counts leave), registered on the move-out day or later and no later than M
 *   calendar months after it. Windows are cumulative (6 ⊂ 12 ⊂ 24).
 * The denominator is every exit; `windowComplete` says for how many the window has fully passed, so a
 * recent period is not read as a low return rate.
 */
@QueryHandler(GetReturnsReportQuery)
export class GetReturnsReportHandler implements IQueryHandler<GetReturnsReportQuery> {
  constructor(
    private readonly readModels: ReadModels,
    private readonly clock: Clock,
  ) {}

  async execute({ filter }: GetReturnsReportQuery): Promise<ReturnsReport> {
    const { from, to } = filter;
    if (from > to) throw new BadRequestException('from must be on or before to');
    const facilities = facilitiesFor(filter.actor, 'read.dashboard', filter.facilityId);
    await this.readModels.ready([RETURNS], filter.minPosition);
    const today = this.clock.today();
    const exits = this.readModels.table(RETURNS, 'returns_exits');
    const referrals = this.readModels.table(RETURNS, 'returns_referrals');
    const scope = scopeSql('e.facility_id', facilities);
    const rows = this.readModels.db.db
      .prepare(
        `SELECT e.case_id, e.person_id, e.moved_out_on, e.destination, e.destination_category,
           (SELECT MIN(r.referred_on) FROM ${referrals} r
             WHERE r.person_id = e.person_id AND r.case_id <> e.case_id AND r.referred_on >= e.moved_out_on) AS next_referral
         FROM ${exits} e WHERE e.moved_out_on BETWEEN ? AND ? AND ${scope.sql}
         ORDER BY e.person_id, e.moved_out_on, e.case_id`,
      )
      .all(from, to, ...scope.params) as Array<{ person_id: string; moved_out_on: string; destination: string; destination_category: string; next_referral: string | null }>;

    // One exit per person: their first move-out in the period, counted when it went to a permanent destination.
    const first = new Map<string, (typeof rows)[number]>();
    for (const row of rows) if (!first.has(row.person_id)) first.set(row.person_id, row);
    const counted = [...first.values()].filter((r) => r.destination_category === 'permanent');

    const byDestination: Record<string, number> = {};
    for (const r of counted) byDestination[r.destination] = (byDestination[r.destination] ?? 0) + 1;
    return {
      facilityIds: facilities,
      from,
      to,
      today,
      exitsToPermanent: counted.length,
      byDestination,
      windows: RETURN_WINDOWS_MONTHS.map((months) => {
        const returned = counted.filter((r) => r.next_referral !== null && r.next_referral <= addMonths(r.moved_out_on, months)).length;
        return {
          months,
          returned,
          percent: counted.length ? Math.round((returned / counted.length) * 1000) / 10 : null,
          windowComplete: counted.filter((r) => addMonths(r.moved_out_on, months) < today).length,
        };
      }),
    };
  }
}
