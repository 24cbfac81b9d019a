import { BadRequestException } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { addDays, daysBetween, IsoDate } from '@app/domain';
import { Actor } from '../../platform/auth/actor';
import { Clock } from '../../platform/clock';
import { facilitiesFor, scopeSql, ReadScope } from '../shared/read-scope';
import { ReadModels } from '../read-models.service';
import { RETURNS } from './returns.projection';

/**
 * HUD's windows after the exit, in days (System Performance Measures Programming Specifications,
 * Measure 2): within 6 months (0–180 days), 6–12 months (181–365), 13–24 months (366–730).
 */
export const RETURN_WINDOWS = [
  { months: 6, days: 180 },
  { months: 12, days: 365 },
  { months: 24, days: 730 },
] as const;
/** HUD: a re-entry must start more than 14 days after the exit to count as a return (not a transfer). */
export const RETURN_GRACE_DAYS = 14;

export interface ReturnsFilter {
  readonly actor: Actor;
  readonly facilityId?: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly minPosition?: string;
}

export interface ReturnWindow {
  months: number;
  /** The window's last day after the exit (HUD: 180, 365, 730). */
  days: number;
  /** People whose first return came within the window (cumulative: the 12-month count includes the 6-month one). */
  returned: number;
  /** Of them, those whose first return came in this band only (HUD's columns: 0–180, 181–365, 366–730 days). */
  returnedInBand: number;
  /** returned / exitsToPermanent, in percent with one decimal (null when nobody exited). */
  percent: number | null;
  /** Exits whose whole window has passed by today; for the others a return may still come. */
  windowComplete: number;
}

export interface ReturnsReport {
  facilityIds: ReadScope;
  from: IsoDate;
  to: IsoDate;
  today: IsoDate;
  /** People whose first move-out to a permanent destination in the period was from these facilities. */
  exitsToPermanent: number;
  byDestination: Record<string, number>;
  windows: ReturnWindow[];
  /** Of those who exited, people referred again within 14 days of their exit and not later: no return (HUD). */
  reEnteredWithinGraceOnly: number;
}

export class GetReturnsReportQuery extends Query<ReturnsReport> {
  constructor(readonly filter: ReturnsFilter) {
    super();
  }
}

/**
 * Returns to homelessness, as HUD's System Performance Measure 2 defines them ("the extent to which
 * persons who exit homelessness to permanent housing destinations return to homelessness"), on our
 * events:
 * - the exits (the denominator): for each person, their first move-out in the period (`from`..`to`,
 *   both included) from a facility in scope to a destination whose HMIS category is `permanent`
 *   (municipal housing, a private rental, their own home); one exit per person. HUD looks at exits
 *   in the two years before its reporting period; here the period chosen is the exit period.
 * - a return: the person's first later entry into homelessness services, here a new referral of the
 *   same person (another case, to any facility, also one the caller cannot see: only counts leave)
 *   registered more than 14 days after the exit. Re-entries within 14 days are not returns (HUD:
 *   they are a transfer, not a return), so a re-referral on the day of the exit is never one.
 * - windows: the return counts in the window its day falls in, counted in days after the exit as HUD
 *   does (≤ 180, ≤ 365, ≤ 730); cumulative in `returned`, by band in `returnedInBand`.
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
    const rows = this.readModels
      .statement(
        `SELECT e.case_id, e.person_id, e.moved_out_on, e.destination, e.destination_category
         FROM ${exits} e WHERE e.moved_out_on BETWEEN ? AND ? AND e.destination_category = 'permanent' AND ${scope.sql}
         ORDER BY e.person_id, e.moved_out_on, e.case_id`,
      )
      .all(from, to, ...scope.params) as Array<{ case_id: string; person_id: string; moved_out_on: string; destination: string }>;

    // One exit per person: their first move-out to a permanent destination in the period.
    const first = new Map<string, (typeof rows)[number]>();
    for (const row of rows) if (!first.has(row.person_id)) first.set(row.person_id, row);
    const counted = [...first.values()];

    const laterReferral = this.readModels.statement(
      `SELECT MIN(r.referred_on) AS next FROM ${referrals} r WHERE r.person_id = ? AND r.case_id <> ? AND r.referred_on > ?`,
    );
    const anyReferral = this.readModels.statement(
      `SELECT COUNT(*) AS n FROM ${referrals} r WHERE r.person_id = ? AND r.case_id <> ? AND r.referred_on >= ? AND r.referred_on <= ?`,
    );
    const exitsWithReturn = counted.map((r) => {
      const next = (laterReferral.get(r.person_id, r.case_id, addDays(r.moved_out_on, RETURN_GRACE_DAYS)) as { next: string | null }).next;
      const withinGrace = (anyReferral.get(r.person_id, r.case_id, r.moved_out_on, addDays(r.moved_out_on, RETURN_GRACE_DAYS)) as { n: number }).n > 0;
      return { ...r, daysToReturn: next === null ? null : daysBetween(r.moved_out_on, next), withinGrace };
    });

    const byDestination: Record<string, number> = {};
    for (const r of counted) byDestination[r.destination] = (byDestination[r.destination] ?? 0) + 1;
    return {
      facilityIds: facilities,
      from,
      to,
      today,
      exitsToPermanent: counted.length,
      byDestination,
      windows: RETURN_WINDOWS.map(({ months, days }, i) => {
        const lower = i === 0 ? RETURN_GRACE_DAYS : RETURN_WINDOWS[i - 1].days;
        const returned = exitsWithReturn.filter((r) => r.daysToReturn !== null && r.daysToReturn <= days).length;
        return {
          months,
          days,
          returned,
          returnedInBand: exitsWithReturn.filter((r) => r.daysToReturn !== null && r.daysToReturn > lower && r.daysToReturn <= days).length,
          percent: counted.length ? Math.round((returned / counted.length) * 1000) / 10 : null,
          windowComplete: counted.filter((r) => addDays(r.moved_out_on, days) < today).length,
        };
      }),
      reEnteredWithinGraceOnly: exitsWithReturn.filter(
        (r) => r.withinGrace && (r.daysToReturn === null || r.daysToReturn > RETURN_WINDOWS[RETURN_WINDOWS.length - 1].days),
      ).length,
    };
  }
}
