import { accept, reject } from '../../shared/decider';
import { IsoDate } from '../../shared/dates';
import { DecisionInput } from '../case.commands';
import { CaseEvent, EventOf } from '../case.events';
import { DecisionKind } from '../case.types';
import { isAppealPending, OpenCase, standingGrant } from '../case.state';
import { ledgerKey } from '../idempotency';
import { appealNoticeFor, citationOf, isLateAppeal, isLegalBasis, lastDayToAppeal } from '../legal-basis';
import { fieldsOf, Handlers, isBlank, Rejection, whom } from './handler';

/**
 * Formal decisions (enkeltvedtak) and appeals. A decision is written, names its legal basis, the facts
 * and the main considerations (fvl §§ 23–25), and carries the appeal notice computed from the basis
 * (fvl § 27). Appeals: received → reviewed by the issuing unit (fvl § 33) → if upheld, forwarded to
 * the appeal body → its outcome.
 */

/** Checks shared by IssueDecision and DecideExclusion; `prefix` places the fields in the command. */
export function checkDecision(state: OpenCase, on: IsoDate, kind: DecisionKind, input: DecisionInput, prefix = ''): Rejection | undefined {
  if (!isLegalBasis(input.legalBasis)) {
    return reject('decision.unknown_legal_basis', 'Choose a legal basis from the list', { field: `${prefix}legalBasis` });
  }
  if (state.ledger[ledgerKey('DecisionIssued', input.decisionId)]) {
    return reject('case.id_already_used', `decisionId ${input.decisionId} is already used`, { field: `${prefix}decisionId` });
  }
  // Fvl § 24: a decision is grounded when issued; only a grant that satisfies the person fully may
  // go without (second paragraph). Refusals and exclusions always state facts and main considerations.
  if (kind !== 'grant' && (isBlank(input.facts) || isBlank(input.mainConsiderations))) {
    return reject('decision.grounds_required', 'State the facts and the main considerations (fvl § 25)', {
      field: `${prefix}${isBlank(input.facts) ? 'facts' : 'mainConsiderations'}`,
    });
  }
  if (input.notifiedOn !== undefined && input.notifiedOn < on) {
    return reject('decision.notified_before_issued', 'The person is told of a decision after it is made', {
      field: `${prefix}notifiedOn`,
    });
  }
  return undefined;
}

/** The DecisionIssued event, with the appeal notice the decider computes from the legal basis. */
export function decisionIssued(state: OpenCase, caseId: string, on: IsoDate, kind: DecisionKind, input: DecisionInput): EventOf<'DecisionIssued'> {
  const notifiedOn = input.notifiedOn ?? on;
  return {
    type: 'DecisionIssued',
    data: {
      caseId,
      on,
      ...input,
      kind,
      notifiedOn,
      ...whom(state),
      citation: citationOf(input.legalBasis),
      appealNotice: appealNoticeFor(input.legalBasis, notifiedOn),
    },
  };
}

const aboutDecision = (state: OpenCase, decisionId: string) => ({
  decisionId,
  decisionKind: state.decisions[decisionId].kind,
});

const unknownAppeal = () => reject('appeal.unknown', 'No such appeal on this case', { field: 'appealId' });

export const decisionHandlers: Handlers<'IssueDecision' | 'ReceiveAppeal' | 'ReviewAppeal' | 'ForwardAppeal' | 'RecordAppealOutcome'> = {
  IssueDecision: {
    // A grant follows an accepted assessment, or a waitlisted one (the team found the person in the
    // target group but has no unit now: the grant is issued while they wait, and an offer needs it);
    // a refusal follows a refused assessment (Stavanger: "not relevant" gets no formal refusal). One
    // standing decision of each kind (a grant set aside on appeal may be replaced); exclusions go
    // through DecideExclusion.
    unavailable(state) {
      const granting = state.status === 'accepted' || state.status === 'waitlisted';
      if (granting && !standingGrant(state)) return undefined;
      if (state.status === 'refused' && !state.refusalDecisionId) return undefined;
      if (granting || state.status === 'refused') {
        return reject('decision.already_issued', 'The decision on this outcome is already issued');
      }
      return reject('decision.requires_assessment_outcome', 'A decision follows an accepted or refused assessment');
    },
    decide(command, state) {
      const { caseId, on, kind, type: _type, today: _today, ...input } = command;
      if (kind === 'exclusion') {
        return reject('decision.exclusion_requires_decide_exclusion', 'Exclusions are decided with their reasons (DecideExclusion)', {
          field: 'kind',
        });
      }
      if (kind === 'grant' && state.status !== 'accepted' && state.status !== 'waitlisted') {
        return reject('decision.grant_requires_accepted_assessment', 'A grant follows an accepted or waitlisted assessment', { field: 'kind' });
      }
      if (kind === 'refusal' && state.status !== 'refused') {
        return reject('decision.refusal_requires_refused_assessment', 'A refusal follows a refused assessment', { field: 'kind' });
      }
      return checkDecision(state, on, kind, input) ?? accept(decisionIssued(state, caseId, on, kind, input));
    },
  },

  ReceiveAppeal: {
    unavailable: (state) => (Object.keys(state.decisions).length > 0 ? undefined : reject('appeal.no_decision', 'There is no decision to appeal')),
    decide(command, state) {
      const decision = state.decisions[command.decisionId];
      if (!decision) return reject('appeal.unknown_decision', 'No such decision on this case', { field: 'decisionId' });
      if (Object.values(state.appeals).some((a) => a.decisionId === decision.decisionId && isAppealPending(a))) {
        return reject('appeal.already_pending', 'An appeal against this decision is already being handled', { field: 'decisionId' });
      }
      const deadline = lastDayToAppeal(decision.appealNotice);
      // Recorded even when late: the unit may still consider it (fvl § 31); the flag tells.
      const late = isLateAppeal(decision.appealNotice, command.receivedOn);
      return accept({
        type: 'AppealReceived',
        data: { ...fieldsOf(command), ...whom(state), decisionKind: decision.kind, deadline, late },
      });
    },
  },

  ReviewAppeal: {
    unavailable: (state) =>
      Object.values(state.appeals).some((a) => !a.review) ? undefined : reject('appeal.none_awaiting_review', 'No appeal is waiting for review'),
    decide(command, state) {
      const appeal = state.appeals[command.appealId];
      if (!appeal) return unknownAppeal();
      if (appeal.review) return reject('appeal.already_reviewed', 'This appeal was already reviewed', { field: 'appealId' });
      return accept({
        type: 'AppealReviewed',
        data: { ...fieldsOf(command), ...whom(state), ...aboutDecision(state, appeal.decisionId) },
      });
    },
  },

  ForwardAppeal: {
    unavailable: (state) =>
      Object.values(state.appeals).some((a) => a.review?.outcome === 'upheld' && !a.forwardedOn)
        ? undefined
        : reject('appeal.none_to_forward', 'No upheld appeal is waiting to be forwarded'),
    decide(command, state) {
      const appeal = state.appeals[command.appealId];
      if (!appeal) return unknownAppeal();
      // Fvl § 33: only when the issuing unit upholds its decision does the appeal go to the appeal body.
      if (appeal.review?.outcome !== 'upheld') {
        return reject('appeal.forward_requires_upheld_review', 'Only an appeal the unit reviewed and upheld is forwarded', {
          field: 'appealId',
        });
      }
      if (appeal.forwardedOn) return reject('appeal.already_forwarded', 'This appeal was already forwarded', { field: 'appealId' });
      const { appealBody } = state.decisions[appeal.decisionId].appealNotice;
      return accept({
        type: 'AppealForwarded',
        data: { ...fieldsOf(command), ...whom(state), ...aboutDecision(state, appeal.decisionId), appealBody },
      });
    },
  },

  RecordAppealOutcome: {
    unavailable: (state) =>
      Object.values(state.appeals).some((a) => a.forwardedOn && !a.outcome)
        ? undefined
        : reject('appeal.none_forwarded', 'No forwarded appeal is waiting for its outcome'),
    decide(command, state) {
      const appeal = state.appeals[command.appealId];
      if (!appeal) return unknownAppeal();
      if (!appeal.forwardedOn) return reject('appeal.not_forwarded', 'This appeal was not forwarded', { field: 'appealId' });
      if (appeal.outcome) {
        return reject('appeal.outcome_already_recorded', 'The outcome of this appeal is already recorded', { field: 'appealId' });
      }
      const event: CaseEvent = {
        type: 'AppealOutcomeRecorded',
        data: { ...fieldsOf(command), ...whom(state), ...aboutDecision(state, appeal.decisionId) },
      };
      return accept(event);
    },
  },
};
