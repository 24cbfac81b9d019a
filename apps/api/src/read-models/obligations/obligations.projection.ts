import { lastDayToAppeal } from '@app/domain';
import { RowChange } from '@app/projections';
import { domainProjection } from '../shared/projected-event';

/**
 * What the municipality owes people, with deadlines: formal decisions and their appeal deadlines,
 * appeals on their way (received → reviewed by the issuing unit → forwarded to the appeal body →
 * decided), and exclusions, each of which opens a duty to offer other suitable housing that stays
 * open until an alternative is offered or refused.
 *
 * Rows are keyed by case and the record's own id (decisionId, appealId, exclusionId are unique within
 * a case), with absolute values from the events. "Open for N days" and "deadline still running" are
 * worked out at query time against today.
 */
export const OBLIGATIONS = 'obligations';

export const obligationsProjection = domainProjection({
  name: OBLIGATIONS,
  // 2: appeal deadlines that fall on a day off run to the next working day.
  version: 2,
  eventTypes: [
    'DecisionIssued',
    'AppealReceived',
    'AppealReviewed',
    'AppealForwarded',
    'AppealOutcomeRecorded',
    'ExclusionDecided',
    'AlternativeOffered',
    'AlternativeRefused',
    'MovedOut',
  ],
  onPoison: 'continue',
  tables: [
    {
      name: 'obligations_decisions',
      columns: `case_id TEXT NOT NULL, decision_id TEXT NOT NULL, person_id TEXT NOT NULL, facility_id TEXT NOT NULL, kind TEXT NOT NULL,
        legal_basis TEXT NOT NULL, citation TEXT NOT NULL, issued_on TEXT NOT NULL, notified_on TEXT NOT NULL, appeal_deadline TEXT NOT NULL,
        deadline_rule TEXT NOT NULL, deadline_weeks INTEGER NOT NULL, appeal_body TEXT NOT NULL, standing TEXT NOT NULL,
        PRIMARY KEY (case_id, decision_id)`,
      indexes: ['(facility_id, appeal_deadline)'],
    },
    {
      name: 'obligations_appeals',
      columns: `case_id TEXT NOT NULL, appeal_id TEXT NOT NULL, person_id TEXT NOT NULL, facility_id TEXT NOT NULL, decision_id TEXT NOT NULL,
        decision_kind TEXT NOT NULL, received_on TEXT NOT NULL, deadline TEXT NOT NULL, late INTEGER NOT NULL, reviewed_on TEXT,
        review_outcome TEXT, forwarded_on TEXT, appeal_body TEXT, outcome TEXT, outcome_on TEXT,
        PRIMARY KEY (case_id, appeal_id)`,
      indexes: ['(facility_id)', '(case_id, decision_id)'],
    },
    {
      name: 'obligations_exclusions',
      columns: `case_id TEXT NOT NULL, exclusion_id TEXT NOT NULL, person_id TEXT NOT NULL, facility_id TEXT NOT NULL, unit_id TEXT NOT NULL,
        decision_id TEXT NOT NULL, reasons TEXT NOT NULL, decided_on TEXT NOT NULL, effective_on TEXT NOT NULL, obligation TEXT NOT NULL,
        obligation_met_on TEXT, alternative_housing_type TEXT, moved_out_on TEXT,
        PRIMARY KEY (case_id, exclusion_id)`,
      indexes: ['(facility_id, obligation)'],
    },
  ],
  handle(e): RowChange[] {
    switch (e.type) {
      case 'DecisionIssued': {
        const d = e.data;
        const notice = d.appealNotice;
        return [
          {
            op: 'upsert',
            table: 'obligations_decisions',
            key: ['case_id', 'decision_id'],
            row: {
              case_id: d.caseId,
              decision_id: d.decisionId,
              person_id: d.personId,
              facility_id: d.facilityId,
              kind: d.kind,
              legal_basis: d.legalBasis,
              citation: d.citation,
              issued_on: d.on,
              notified_on: d.notifiedOn,
              // Decisions recorded before deadlines skipped days off may name one: the law gives the next working day.
              appeal_deadline: lastDayToAppeal(notice),
              deadline_rule: notice.deadlineRule,
              deadline_weeks: notice.deadlineWeeks,
              appeal_body: notice.appealBody,
              standing: 'standing',
            },
          },
        ];
      }
      case 'AppealReceived': {
        const d = e.data;
        return [
          {
            op: 'upsert',
            table: 'obligations_appeals',
            key: ['case_id', 'appeal_id'],
            row: {
              case_id: d.caseId,
              appeal_id: d.appealId,
              person_id: d.personId,
              facility_id: d.facilityId,
              decision_id: d.decisionId,
              decision_kind: d.decisionKind,
              received_on: d.receivedOn,
              deadline: d.deadline,
              late: d.late ? 1 : 0,
              reviewed_on: null,
              review_outcome: null,
              forwarded_on: null,
              appeal_body: null,
              outcome: null,
              outcome_on: null,
            },
          },
        ];
      }
      case 'AppealReviewed': {
        const d = e.data;
        const changes: RowChange[] = [
          {
            op: 'update',
            table: 'obligations_appeals',
            set: { reviewed_on: d.on, review_outcome: d.outcome },
            where: { case_id: d.caseId, appeal_id: d.appealId },
          },
        ];
        // The issuing unit reversing its own decision sets it aside (fvl § 33).
        if (d.outcome === 'reversed') changes.push(standing(d.caseId, d.decisionId, 'reversed'));
        return changes;
      }
      case 'AppealForwarded': {
        const d = e.data;
        return [
          {
            op: 'update',
            table: 'obligations_appeals',
            set: { forwarded_on: d.on, appeal_body: d.appealBody },
            where: { case_id: d.caseId, appeal_id: d.appealId },
          },
        ];
      }
      case 'AppealOutcomeRecorded': {
        const d = e.data;
        const changes: RowChange[] = [
          { op: 'update', table: 'obligations_appeals', set: { outcome: d.outcome, outcome_on: d.on }, where: { case_id: d.caseId, appeal_id: d.appealId } },
        ];
        if (d.outcome !== 'upheld') changes.push(standing(d.caseId, d.decisionId, d.outcome));
        return changes;
      }
      case 'ExclusionDecided': {
        const d = e.data;
        return [
          {
            op: 'upsert',
            table: 'obligations_exclusions',
            key: ['case_id', 'exclusion_id'],
            row: {
              case_id: d.caseId,
              exclusion_id: d.exclusionId,
              person_id: d.personId,
              facility_id: d.facilityId,
              unit_id: d.unitId,
              decision_id: d.decisionId,
              reasons: [...d.reasons].join(','),
              decided_on: d.on,
              effective_on: d.effectiveOn,
              obligation: 'open',
              obligation_met_on: null,
              alternative_housing_type: null,
              moved_out_on: null,
            },
          },
        ];
      }
      case 'AlternativeOffered': {
        const d = e.data;
        const set = { obligation: 'alternative_offered', obligation_met_on: d.on, alternative_housing_type: d.housingType };
        return [{ op: 'update', table: 'obligations_exclusions', set, where: { case_id: d.caseId, exclusion_id: d.exclusionId } }];
      }
      case 'AlternativeRefused': {
        const d = e.data;
        const set = { obligation: 'alternative_refused', obligation_met_on: d.on };
        return [{ op: 'update', table: 'obligations_exclusions', set, where: { case_id: d.caseId, exclusion_id: d.exclusionId } }];
      }
      case 'MovedOut': {
        // One exclusion per stay and one stay per case: the move-out ends the stay it was decided on.
        return [{ op: 'update', table: 'obligations_exclusions', set: { moved_out_on: e.data.on }, where: { case_id: e.data.caseId } }];
      }
      default:
        return [];
    }
  },
});

function standing(caseId: string, decisionId: string, value: 'reversed' | 'remitted'): RowChange {
  return { op: 'update', table: 'obligations_decisions', set: { standing: value }, where: { case_id: caseId, decision_id: decisionId } };
}
