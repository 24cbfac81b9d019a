import { accept, reject } from '../../shared/decider';
import { addMonths } from '../../shared/dates';
import { CaseEvent } from '../case.events';
import { CaseIn } from '../case.state';
import { fieldsOf, Handlers, isBlank, isPriority, noneGiven, onlyIn, whom } from './handler';

/**
 * The assessment team (vurderingsteam) discusses a candidate, often in several meetings, until it
 * reaches an outcome; "needs mapping" sends the person to kartlegging, possibly in an assessment
 * flat for one to three months (Melhus), after which the team meets again.
 */
export const assessmentHandlers: Handlers<'RecordAssessmentMeeting' | 'StartMapping' | 'EndMapping'> = {
  RecordAssessmentMeeting: {
    // The team meets until it has an outcome other than "needs mapping"; later changes go through
    // decisions, appeals and the waiting list, which keep their own history.
    unavailable: onlyIn('RecordAssessmentMeeting', 'referred', 'in_assessment'),
    decide(command, state) {
      if (noneGiven(command.members)) {
        return reject('assessment.members_required', 'Record who took part in the meeting', { field: 'members' });
      }
      const waitlisted = command.outcome === 'waitlisted';
      if (waitlisted && command.priority === undefined) {
        return reject('assessment.priority_required', 'A waitlisted person needs a priority', { field: 'priority' });
      }
      if (!waitlisted && command.priority !== undefined) {
        return reject('assessment.priority_only_when_waitlisted', 'A priority is given only with the outcome waitlisted', {
          field: 'priority',
        });
      }
      if (waitlisted && !isPriority(command.priority)) {
        return reject('assessment.priority_range', 'The priority is a whole number from 1 to 5', { field: 'priority' });
      }
      const events: CaseEvent[] = [{ type: 'AssessmentMeetingRecorded', data: { ...fieldsOf(command), ...whom(state) } }];
      if (waitlisted) {
        // The outcome puts the person on this facility's waiting list at once, as its own event, so the
        // waiting list is read from one event type whichever way people come onto it.
        const { caseId, on } = command;
        const { facilityId } = state.facility;
        const priority = command.priority as number;
        events.push({ type: 'PlacedOnWaitingList', data: { caseId, on, facilityId, priority, personId: state.personId } });
      }
      return accept(...events);
    },
  },

  StartMapping: {
    unavailable: (state) =>
      onlyIn('StartMapping', 'in_assessment')(state) ??
      (state.assessment === 'needs_mapping' ? undefined : reject('mapping.requires_needs_mapping_outcome', 'Mapping starts after the team found it is needed')),
    decide(command, state) {
      const { on, plannedEndOn, assessmentUnitId } = command;
      if (plannedEndOn !== undefined && plannedEndOn <= on) {
        return reject('mapping.planned_end_before_start', 'The planned end is after the start', { field: 'plannedEndOn' });
      }
      // Melhus's assessment flats are for short stays of one to three months, in the facility's own
      // assessment flats: the stay takes a place there as a move-in does (the unit guards capacity).
      if (assessmentUnitId !== undefined) {
        const unit = command.assessmentUnit;
        if (!unit) return reject('mapping.unit_not_found', 'No such assessment flat', { field: 'assessmentUnitId' });
        if (unit.facilityId !== state.facility.facilityId) {
          return reject('mapping.unit_not_in_facility', 'The assessment flat belongs to another facility', { field: 'assessmentUnitId' });
        }
        if (unit.kind !== 'assessment') {
          return reject('mapping.unit_not_assessment', 'An assessment stay is in an assessment flat', {
            field: 'assessmentUnitId',
            details: { kind: unit.kind },
          });
        }
        const earliest = addMonths(on, 1);
        const latest = addMonths(on, 3);
        if (plannedEndOn === undefined || plannedEndOn < earliest || plannedEndOn > latest) {
          return reject('mapping.assessment_unit_period', `A stay in an assessment flat is planned to end between ${earliest} and ${latest}`, {
            field: 'plannedEndOn',
            details: { earliest, latest },
          });
        }
      }
      return accept({ type: 'MappingStarted', data: { ...fieldsOf(command), ...whom(state) } });
    },
  },

  EndMapping: {
    unavailable: onlyIn('EndMapping', 'mapping'),
    decide(command, state: CaseIn<'mapping'>) {
      const mapping = state.mappings[command.mappingId];
      if (command.mappingId !== state.currentMappingId || !mapping) {
        return reject('mapping.unknown', 'This is not the mapping in progress', { field: 'mappingId' });
      }
      if (isBlank(command.summary)) {
        return reject('mapping.summary_required', 'Write what the mapping found', { field: 'summary' });
      }
      const data = { ...fieldsOf(command), ...whom(state), assessmentUnitId: mapping.assessmentUnitId, startedOn: mapping.startedOn };
      return accept({ type: 'MappingEnded', data });
    },
  },
};
