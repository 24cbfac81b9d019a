import type { SelectedRow } from '@app/projections';
import { BadRequestException } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { IsoDate } from '@app/domain';
import { Actor } from '../../platform/auth/actor';
import { Clock } from '../../platform/clock';
import { facilitiesFor, scopeSql } from '../shared/read-scope';
import { ReadModels } from '../read-models.service';
import { buildOutcomeReport, OutcomeFacts, OutcomeReport } from './outcome-report';
import { OUTCOMES } from './outcomes.projection';

export interface OutcomeReportFilter {
  readonly actor: Actor;
  /** One facility; without it, every facility in the actor's scope together. */
  readonly facilityId?: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly minPosition?: string;
}

export class GetOutcomeReportQuery extends Query<OutcomeReport> {
  constructor(readonly filter: OutcomeReportFilter) {
    super();
  }
}

/**
 * Loads the outcome facts of the facilities in scope that can matter for the period (offers, stays,
 * waiting-list spells, withdrawals, exclusions and incidents up to its end) and builds the report
 * (outcome-report.ts defines every figure).
 */
@QueryHandler(GetOutcomeReportQuery)
export class GetOutcomeReportHandler implements IQueryHandler<GetOutcomeReportQuery> {
  constructor(
    private readonly readModels: ReadModels,
    private readonly clock: Clock,
  ) {}

  async execute({ filter }: GetOutcomeReportQuery): Promise<OutcomeReport> {
    const { from, to } = filter;
    if (from > to) throw new BadRequestException('from must be on or before to');
    const facilities = facilitiesFor(filter.actor, 'read.dashboard', filter.facilityId);
    await this.readModels.ready([OUTCOMES], filter.minPosition);
    const db = this.readModels;
    const t = (name: string) => this.readModels.table(OUTCOMES, name);
    const all = <R>(sql: string, alias: string, ...params: unknown[]): R[] => {
      const scope = scopeSql(`${alias}.facility_id`, facilities);
      return db.statement(sql.replace('$SCOPE', scope.sql)).all(...params, ...scope.params) as R[];
    };

    const facts: OutcomeFacts = {
      offers: all<SelectedRow>(
        `SELECT o.*, r.age_on_referral, r.gender FROM ${t('outcomes_offers')} o LEFT JOIN ${t('outcomes_referrals')} r ON r.case_id = o.case_id
         WHERE o.offered_on BETWEEN ? AND ? AND $SCOPE`,
        'o',
        from,
        to,
      ).map((r) => ({
        caseId: r.case_id,
        personId: r.person_id,
        offeredOn: r.offered_on,
        status: r.status,
        answeredOn: r.answered_on,
        ageOnReferral: r.age_on_referral ?? null,
        gender: r.gender ?? null,
      })),
      stays: all<SelectedRow>(
        `SELECT s.*, r.gender FROM ${t('outcomes_stays')} s LEFT JOIN ${t('outcomes_referrals')} r ON r.case_id = s.case_id
         WHERE s.moved_in_on <= ? AND (s.moved_out_on IS NULL OR s.moved_out_on >= ?) AND $SCOPE`,
        's',
        to,
        from,
      ).map((r) => ({
        caseId: r.case_id,
        personId: r.person_id,
        movedInOn: r.moved_in_on,
        ageOnMoveIn: r.age_on_move_in,
        movedOutOn: r.moved_out_on,
        destination: r.destination,
        destinationCategory: r.destination_category,
        exitReason: r.exit_reason,
        nights: r.nights,
        exclusionId: r.exclusion_id,
        gender: r.gender,
      })),
      waitingList: all<SelectedRow>(`SELECT * FROM ${t('outcomes_waiting_list')} w WHERE w.placed_on <= ? AND $SCOPE`, 'w', to).map((r) => ({
        caseId: r.case_id,
        personId: r.person_id,
        placedOn: r.placed_on,
        removedOn: r.removed_on,
      })),
      withdrawals: all<SelectedRow>(`SELECT * FROM ${t('outcomes_withdrawals')} w WHERE w.withdrawn_on BETWEEN ? AND ? AND $SCOPE`, 'w', from, to).map((r) => ({
        caseId: r.case_id,
        withdrawnOn: r.withdrawn_on,
        reason: r.reason,
        fromStatus: r.from_status,
      })),
      // Every exclusion up to the end: a move-out in the period may rest on one decided before it.
      exclusions: all<SelectedRow>(
        `SELECT x.case_id, x.exclusion_id, x.decided_on, group_concat(r.reason, ',') AS reasons
         FROM ${t('outcomes_exclusions')} x LEFT JOIN ${t('outcomes_exclusion_reasons')} r ON r.case_id = x.case_id AND r.exclusion_id = x.exclusion_id
         WHERE x.decided_on <= ? AND $SCOPE GROUP BY x.case_id, x.exclusion_id`,
        'x',
        to,
      ).map((r) => ({
        caseId: r.case_id,
        exclusionId: r.exclusion_id,
        decidedOn: r.decided_on,
        reasons: String(r.reasons ?? '')
          .split(',')
          .filter(Boolean),
      })),
      incidents: all<SelectedRow>(`SELECT * FROM ${t('outcomes_incidents')} i WHERE i.occurred_on BETWEEN ? AND ? AND $SCOPE`, 'i', from, to).map((r) => ({
        occurredOn: r.occurred_on,
        kind: r.kind,
      })),
      // Every grant and refusal up to the end: the first of a case may fall before the period.
      decisions: all<SelectedRow>(
        `SELECT d.case_id, d.issued_on, r.referred_on FROM ${t('outcomes_decisions')} d JOIN ${t('outcomes_referrals')} r ON r.case_id = d.case_id
         WHERE d.issued_on <= ? AND $SCOPE`,
        'd',
        to,
      ).map((r) => ({ caseId: r.case_id, issuedOn: r.issued_on, referredOn: r.referred_on })),
    };
    return buildOutcomeReport(facts, { from, to, facilityIds: facilities, today: this.clock.today() });
  }
}
