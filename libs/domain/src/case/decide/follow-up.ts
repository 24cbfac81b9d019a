import { accept, reject } from '../../shared/decider';
import { addMonths } from '../../shared/dates';
import { CaseIn, standingGrant } from '../case.state';
import { ContactMode } from '../case.types';
import { fieldsOf, Handlers, incompleteActionPlan, onlyIn, whom } from './handler';

/**
 * Follow-up after move-out (Bolig Nu's agreement: a period, how contact happens, an action plan,
 * health and care follow-up offered, brochure handed over, exit conversation held) and ambulant
 * follow-up of people who do not live in one of the units (Melhus: ~50; Housing First).
 */
export const DEFAULT_FOLLOW_UP_MONTHS = 3;
const MAX_FOLLOW_UP_MONTHS = 12;

const noContactMode = (modes: readonly ContactMode[], rule: string) =>
  modes.length === 0 ? reject(rule, 'Choose at least one way to keep in contact', { field: 'contactModes' }) : undefined;

export const followUpHandlers: Handlers<'StartFollowUp' | 'EndFollowUp' | 'EnrolAmbulant' | 'EndAmbulant'> = {
  StartFollowUp: {
    unavailable: (state) =>
      onlyIn('StartFollowUp', 'moved_out')(state) ??
      (state.followUp ? reject('follow_up.already_started', 'This stay already has its follow-up agreement') : undefined),
    decide(command, state) {
      const periodMonths = command.periodMonths ?? DEFAULT_FOLLOW_UP_MONTHS;
      if (!Number.isInteger(periodMonths) || periodMonths < 1 || periodMonths > MAX_FOLLOW_UP_MONTHS) {
        return reject('follow_up.period_range', `The follow-up runs 1 to ${MAX_FOLLOW_UP_MONTHS} whole months`, { field: 'periodMonths' });
      }
      const broken = noContactMode(command.contactModes, 'follow_up.contact_mode_required') ?? incompleteActionPlan(command.actionPlan);
      if (broken) return broken;
      return accept({
        type: 'FollowUpStarted',
        data: { ...fieldsOf(command), ...whom(state), periodMonths, endsOn: addMonths(command.on, periodMonths) },
      });
    },
  },

  EndFollowUp: {
    unavailable: (state) => (state.followUp && !state.followUp.endedOn ? undefined : reject('follow_up.not_active', 'No follow-up is running')),
    decide(command, state) {
      if (command.followUpId !== state.followUp?.followUpId) {
        return reject('follow_up.unknown', 'This is not the running follow-up', { field: 'followUpId' });
      }
      return accept({ type: 'FollowUpEnded', data: { ...fieldsOf(command), ...whom(state) } });
    },
  },

  EnrolAmbulant: {
    // Instead of a unit (granted, no unit needed) or after moving out.
    unavailable: (state) =>
      onlyIn('EnrolAmbulant', 'accepted', 'moved_out')(state) ??
      (state.status === 'accepted' && !standingGrant(state)
        ? reject('ambulant.requires_grant', 'Ambulant follow-up instead of a unit follows a grant')
        : undefined),
    decide(command, state: CaseIn<'accepted' | 'moved_out'>) {
      const broken = noContactMode(command.contactModes, 'ambulant.contact_mode_required');
      if (broken) return broken;
      return accept({ type: 'AmbulantEnrolled', data: { ...fieldsOf(command), ...whom(state), fromStatus: state.status } });
    },
  },

  EndAmbulant: {
    unavailable: onlyIn('EndAmbulant', 'ambulant'),
    decide(command, state: CaseIn<'ambulant'>) {
      if (command.enrolmentId !== state.ambulant.enrolmentId) {
        return reject('ambulant.unknown', 'This is not the running ambulant follow-up', { field: 'enrolmentId' });
      }
      return accept({ type: 'AmbulantEnded', data: { ...fieldsOf(command), ...whom(state), returnTo: state.ambulant.returnTo } });
    },
  },
};
