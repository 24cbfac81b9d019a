import type { SelectedRow } from '@app/projections';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { daysBetween, IsoDate } from '@app/domain';
import { Actor } from '../../platform/auth/actor';
import { Clock } from '../../platform/clock';
import { facilitiesFor, scopeSql } from '../shared/read-scope';
import { ReadModels } from '../read-models.service';
import { CASES } from '../cases/cases.projection';
import { PersonName, personNames } from '../cases/person-names';
import { OBLIGATIONS } from './obligations.projection';

export interface ObligationsFilter {
  readonly actor: Actor;
  readonly facilityId?: string;
  readonly minPosition?: string;
}

export interface OpenExclusion {
  caseId: string;
  /** Whom it concerns, by name (null once forgotten). */
  name: PersonName;
  exclusionId: string;
  personId: string;
  facilityId: string;
  unitId: string;
  decisionId: string;
  reasons: string[];
  decidedOn: IsoDate;
  effectiveOn: IsoDate;
  movedOutOn: IsoDate | null;
  /** Days since the exclusion was decided, which is when the duty to offer other housing arose. */
  daysOpen: number;
  /** Whether the exclusion decision still stands (one set aside on appeal keeps its duty until met). */
  decisionStanding: string | null;
}

export interface PendingAppeal {
  caseId: string;
  /** Whom it concerns, by name (null once forgotten). */
  name: PersonName;
  appealId: string;
  personId: string;
  facilityId: string;
  decisionId: string;
  decisionKind: string;
  receivedOn: IsoDate;
  /** The decision's appeal deadline, and whether the appeal came after it (fvl § 31 may still allow it). */
  deadline: IsoDate;
  late: boolean;
  reviewedOn: IsoDate | null;
  forwardedOn: IsoDate | null;
  appealBody: string | null;
  /** Days since the step it waits after (receipt, review or forwarding). */
  daysWaiting: number;
}

export interface RunningDeadline {
  caseId: string;
  /** Whom it concerns, by name (null once forgotten). */
  name: PersonName;
  decisionId: string;
  personId: string;
  facilityId: string;
  kind: string;
  legalBasis: string;
  citation: string;
  issuedOn: IsoDate;
  notifiedOn: IsoDate;
  deadline: IsoDate;
  deadlineRule: string;
  appealBody: string;
  /** Days left to appeal, today included in the count of days still open (0 on the last day). */
  daysLeft: number;
}

export interface Obligations {
  today: IsoDate;
  /** Exclusions whose duty to offer other suitable housing is still open (no alternative offered or refused). */
  exclusionsAwaitingAlternative: OpenExclusion[];
  appeals: {
    /** Received, not yet reviewed by the issuing unit (fvl § 33). */
    awaitingReview: PendingAppeal[];
    /** Reviewed and upheld by the unit, not yet sent to the appeal body. */
    awaitingForwarding: PendingAppeal[];
    /** With the appeal body (Statsforvalteren), no outcome recorded yet. */
    awaitingAppealBody: PendingAppeal[];
  };
  /**
   * Standing refusals and exclusions not appealed whose appeal deadline has not passed. Grants are
   * left out: they give what was asked for, and (as when closing a case) nobody waits on them.
   */
  appealDeadlinesRunning: RunningDeadline[];
}

export class GetObligationsQuery extends Query<Obligations> {
  constructor(readonly filter: ObligationsFilter) {
    super();
  }
}

@QueryHandler(GetObligationsQuery)
export class GetObligationsHandler implements IQueryHandler<GetObligationsQuery> {
  constructor(
    private readonly readModels: ReadModels,
    private readonly clock: Clock,
  ) {}

  async execute({ filter }: GetObligationsQuery): Promise<Obligations> {
    const facilities = facilitiesFor(filter.actor, 'read.dashboard', filter.facilityId);
    await this.readModels.ready([OBLIGATIONS, CASES], filter.minPosition);
    const today = this.clock.today();
    const db = this.readModels;
    const decisions = this.readModels.table(OBLIGATIONS, 'obligations_decisions');
    const appeals = this.readModels.table(OBLIGATIONS, 'obligations_appeals');
    const exclusions = this.readModels.table(OBLIGATIONS, 'obligations_exclusions');

    const sx = scopeSql('x.facility_id', facilities);
    const open = db
      .statement(
        `SELECT x.*, d.standing FROM ${exclusions} x LEFT JOIN ${decisions} d ON d.case_id = x.case_id AND d.decision_id = x.decision_id
         WHERE x.obligation = 'open' AND ${sx.sql} ORDER BY x.decided_on, x.case_id`,
      )
      .all(...sx.params) as Array<SelectedRow>;

    const sa = scopeSql('facility_id', facilities);
    const pending = db
      .statement(
        `SELECT * FROM ${appeals} WHERE outcome IS NULL AND (review_outcome IS NULL OR review_outcome = 'upheld') AND ${sa.sql}
         ORDER BY received_on, case_id, appeal_id`,
      )
      .all(...sa.params) as Array<SelectedRow>;

    const sd = scopeSql('d.facility_id', facilities);
    const running = db
      .statement(
        `SELECT d.* FROM ${decisions} d
         WHERE d.kind IN ('refusal', 'exclusion') AND d.standing = 'standing' AND d.appeal_deadline >= ? AND ${sd.sql}
           AND NOT EXISTS (SELECT 1 FROM ${appeals} a WHERE a.case_id = d.case_id AND a.decision_id = d.decision_id)
         ORDER BY d.appeal_deadline, d.case_id`,
      )
      .all(today, ...sd.params) as Array<SelectedRow>;

    const names = personNames(
      db,
      [...open, ...pending, ...running].map((r) => r.person_id as string),
    );
    const name = (r: SelectedRow) => names.get(r.person_id) ?? null;
    const appeal = (r: SelectedRow, since: IsoDate): PendingAppeal => ({
      caseId: r.case_id,
      name: name(r),
      appealId: r.appeal_id,
      personId: r.person_id,
      facilityId: r.facility_id,
      decisionId: r.decision_id,
      decisionKind: r.decision_kind,
      receivedOn: r.received_on,
      deadline: r.deadline,
      late: r.late === 1,
      reviewedOn: r.reviewed_on,
      forwardedOn: r.forwarded_on,
      appealBody: r.appeal_body,
      daysWaiting: Math.max(0, daysBetween(since, today)),
    });

    return {
      today,
      exclusionsAwaitingAlternative: open.map((r) => ({
        caseId: r.case_id,
        name: name(r),
        exclusionId: r.exclusion_id,
        personId: r.person_id,
        facilityId: r.facility_id,
        unitId: r.unit_id,
        decisionId: r.decision_id,
        reasons: String(r.reasons).split(',').filter(Boolean),
        decidedOn: r.decided_on,
        effectiveOn: r.effective_on,
        movedOutOn: r.moved_out_on,
        daysOpen: Math.max(0, daysBetween(r.decided_on, today)),
        decisionStanding: r.standing ?? null,
      })),
      appeals: {
        awaitingReview: pending.filter((r) => r.reviewed_on === null).map((r) => appeal(r, r.received_on)),
        awaitingForwarding: pending.filter((r) => r.review_outcome === 'upheld' && r.forwarded_on === null).map((r) => appeal(r, r.reviewed_on)),
        awaitingAppealBody: pending.filter((r) => r.forwarded_on !== null).map((r) => appeal(r, r.forwarded_on)),
      },
      appealDeadlinesRunning: running.map((r) => ({
        caseId: r.case_id,
        name: name(r),
        decisionId: r.decision_id,
        personId: r.person_id,
        facilityId: r.facility_id,
        kind: r.kind,
        legalBasis: r.legal_basis,
        citation: r.citation,
        issuedOn: r.issued_on,
        notifiedOn: r.notified_on,
        deadline: r.appeal_deadline,
        deadlineRule: r.deadline_rule,
        appealBody: r.appeal_body,
        daysLeft: daysBetween(today, r.appeal_deadline),
      })),
    };
  }
}
