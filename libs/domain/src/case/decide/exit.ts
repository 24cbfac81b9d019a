import { accept, reject } from '../../shared/decider';
import { daysBetween } from '../../shared/dates';
import { DecideExclusion, MoveOut } from '../case.commands';
import { CaseEvent } from '../case.events';
import { ExclusionRecord, isAppealPending, OpenCase, ResidentCase } from '../case.state';
import { destinationCategory } from '../destination';
import { lastDayToAppeal } from '../legal-basis';
import { checkDecision, decisionIssued } from './decisions';
import { fieldsOf, Handlers, isBlank, leaveWaitingList, onlyIn, Rejection, whom } from './handler';

/**
 * Leaving: exclusion (avslutning fra tilbudet) with the obligation it opens, move-out with destination
 * and exit reason, and closing the case.
 */
const obligationOpen = (state: OpenCase) => state.exclusion?.alternativeObligation === 'open';
const noOpenObligation = (state: OpenCase) =>
  obligationOpen(state) ? undefined : reject('exclusion.no_open_obligation', 'No exclusion is waiting for an alternative');

function exclusionRules(command: DecideExclusion, state: OpenCase): Rejection | undefined {
  if (command.reasons.length === 0) {
    return reject('exclusion.reasons_required', 'Name the criteria the exclusion rests on', { field: 'reasons' });
  }
  // Only the facility's own published criteria can end a stay (Bolig Nu lists six).
  const outside = command.reasons.find((reason) => !state.facility.exclusionReasons.includes(reason));
  if (outside !== undefined) {
    return reject('exclusion.reason_not_in_facility_criteria', `"${outside}" is not one of this facility's exclusion criteria`, {
      field: 'reasons',
      details: { reason: outside },
    });
  }
  // Bolig Nu: breaches are "judged at discretion from an overall assessment", which must be written.
  if (isBlank(command.overallAssessment)) {
    return reject('exclusion.overall_assessment_required', 'Write the overall assessment', { field: 'overallAssessment' });
  }
  if (command.effectiveOn < command.on) {
    return reject('exclusion.effective_before_decision', 'An exclusion takes effect on or after the day it is decided', {
      field: 'effectiveOn',
    });
  }
  return checkDecision(state, command.on, 'exclusion', command.decision, 'decision.');
}

/**
 * After a standing exclusion the stay ends because of it: the exit reason is `excluded`. The one other
 * reason allowed is `left_voluntarily`, for a person who moved out before the exclusion took effect
 * (before `effectiveOn`); `completed` never (the outcome report would count the stay as a success and
 * not among those ended by the service).
 */
function exitReasonContradicts(command: MoveOut, exclusion: ExclusionRecord): Rejection | undefined {
  if (command.exitReason === 'excluded') return undefined;
  if (command.exitReason === 'left_voluntarily' && command.on < exclusion.effectiveOn) return undefined;
  const allowed = command.on < exclusion.effectiveOn ? 'excluded, left_voluntarily' : 'excluded';
  return reject('move_out.exit_reason_contradicts_exclusion', `A standing exclusion ends this stay: the exit reason is ${allowed}`, {
    field: 'exitReason',
    details: { allowed, effectiveOn: exclusion.effectiveOn },
  });
}

/** A refusal or exclusion may still be appealed: closing now would shut the door on the appeal. */
function appealDeadlineRunning(state: OpenCase, on: string): Rejection | undefined {
  const running = Object.values(state.decisions).find((d) => d.kind !== 'grant' && d.standing === 'standing' && on <= lastDayToAppeal(d.appealNotice));
  if (!running || Object.values(state.appeals).some((a) => a.decisionId === running.decisionId)) return undefined;
  const deadline = lastDayToAppeal(running.appealNotice);
  return reject('case.close.appeal_deadline_running', `Decision ${running.decisionId} can be appealed until ${deadline}`, {
    details: { decisionId: running.decisionId, deadline },
  });
}

export const exitHandlers: Handlers<'DecideExclusion' | 'RecordAlternativeOffered' | 'RecordAlternativeRefused' | 'MoveOut' | 'CloseCase'> = {
  DecideExclusion: {
    unavailable: (state) =>
      onlyIn('DecideExclusion', 'resident')(state) ??
      (state.exclusion ? reject('exclusion.already_decided', 'An exclusion is already decided on this stay') : undefined),
    decide(command, state: ResidentCase) {
      const broken = exclusionRules(command, state);
      if (broken) return broken;
      const { decision, ...exclusion } = fieldsOf(command);
      const events: CaseEvent[] = [
        { type: 'ExclusionDecided', data: { ...exclusion, ...whom(state), decisionId: decision.decisionId, unitId: state.stay.unitId } },
        decisionIssued(state, command.caseId, command.on, 'exclusion', decision),
      ];
      return accept(...events);
    },
  },

  // The municipality must then offer another suitable housing option (Melhus: "får et annet tilpasset
  // botilbud"); the obligation ends only when one is offered or the person refuses.
  RecordAlternativeOffered: {
    unavailable: noOpenObligation,
    decide(command, state) {
      if (isBlank(command.description)) {
        return reject('exclusion.alternative_description_required', 'Describe the housing offered', { field: 'description' });
      }
      const exclusionId = state.exclusion?.exclusionId as string;
      return accept({ type: 'AlternativeOffered', data: { ...fieldsOf(command), ...whom(state), exclusionId } });
    },
  },

  RecordAlternativeRefused: {
    unavailable: noOpenObligation,
    decide(command, state) {
      const exclusionId = state.exclusion?.exclusionId as string;
      return accept({ type: 'AlternativeRefused', data: { ...fieldsOf(command), ...whom(state), exclusionId } });
    },
  },

  MoveOut: {
    unavailable: onlyIn('MoveOut', 'resident'),
    decide(command, state: ResidentCase) {
      const { stay, exclusion } = state;
      const excluded = exclusion !== undefined && state.decisions[exclusion.decisionId]?.standing === 'standing';
      if (command.exitReason === 'excluded' && !excluded) {
        return reject('move_out.excluded_requires_exclusion', 'An exclusion must be decided (and stand) first', { field: 'exitReason' });
      }
      const contradicted = excluded && exitReasonContradicts(command, exclusion);
      if (contradicted) return contradicted;
      return accept({
        type: 'MovedOut',
        data: {
          ...fieldsOf(command),
          ...whom(state),
          destinationCategory: destinationCategory(command.destination),
          unitId: stay.unitId,
          unitKind: stay.unitKind,
          agreementKind: stay.agreement.kind,
          movedInOn: stay.movedInOn,
          nights: daysBetween(stay.movedInOn, command.on),
          exclusionId: command.exitReason === 'excluded' ? exclusion?.exclusionId : undefined,
        },
      });
    },
  },

  CloseCase: {
    // Nothing may be left hanging: after closing, no event can be recorded on the case.
    unavailable(state) {
      if (state.status === 'resident') return reject('case.close.resident', 'The person lives here; record the move-out first');
      if (state.status === 'mapping') return reject('case.close.mapping_in_progress', 'End the mapping first');
      if (state.status === 'offered' || state.status === 'offer_accepted') {
        return reject('case.close.offer_open', 'Decline or expire the open offer first');
      }
      if (state.status === 'ambulant') return reject('case.close.ambulant_active', 'End the ambulant follow-up first');
      if (obligationOpen(state)) {
        return reject('exclusion.obligation_open', 'After an exclusion, other housing must be offered (or refused) first');
      }
      if (state.followUp && !state.followUp.endedOn) return reject('case.close.follow_up_active', 'End the follow-up first');
      if (Object.values(state.appeals).some(isAppealPending)) {
        return reject('case.close.appeal_pending', 'An appeal is still being handled');
      }
      return undefined;
    },
    decide(command, state) {
      if (isBlank(command.reason)) return reject('case.close.reason_required', 'Write why the case is closed', { field: 'reason' });
      const running = appealDeadlineRunning(state, command.on);
      if (running) return running;
      return accept<CaseEvent>(...leaveWaitingList(state, command, 'case_closed'), {
        type: 'CaseClosed',
        data: { ...fieldsOf(command), ...whom(state), closedFrom: state.status },
      });
    },
  },
};
