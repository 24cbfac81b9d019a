import { accept, nothingToDo, reject } from '../../shared/decider';
import { scoreBroset } from '../broset';
import { CaseStatus } from '../case.state';
import { canonical } from '../idempotency';
import { fieldsOf, Handlers, incompleteActionPlan, isBlank, noneGiven, onlyIn, whom } from './handler';

/**
 * Care around the person: risk assessments (a ROS analysis with a Brøset checklist, made before
 * move-in in Bodø and during the stay), contact persons, the crisis plan and the action plan.
 */

/** From referral until the person leaves, and in ambulant follow-up. */
const RISK_STATUSES: CaseStatus[] = ['referred', 'in_assessment', 'mapping', 'accepted', 'waitlisted', 'offered', 'offer_accepted', 'resident', 'ambulant'];

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

export const careHandlers: Handlers<'RecordRiskAssessment' | 'AssignContactPersons' | 'UpdateCrisisPlan' | 'UpdateActionPlan'> = {
  RecordRiskAssessment: {
    unavailable: onlyIn('RecordRiskAssessment', ...RISK_STATUSES),
    decide(command, state) {
      if (isBlank(command.rosSummary)) {
        return reject('risk.ros_summary_required', 'Summarise the risk analysis (ROS)', { field: 'rosSummary' });
      }
      const { score, band } = scoreBroset(command.broset);
      return accept({ type: 'RiskAssessed', data: { ...fieldsOf(command), ...whom(state), brosetScore: score, brosetBand: band } });
    },
  },

  AssignContactPersons: {
    unavailable: onlyIn('AssignContactPersons', 'resident', 'ambulant'),
    decide(command, state) {
      if (noneGiven(command.contactPersons)) {
        return reject('care.contact_person_required', 'Name at least one contact person', { field: 'contactPersons' });
      }
      if (same(command.contactPersons, state.contactPersons)) return nothingToDo;
      return accept({ type: 'ContactPersonsAssigned', data: { ...fieldsOf(command), ...whom(state) } });
    },
  },

  UpdateCrisisPlan: {
    unavailable: onlyIn('UpdateCrisisPlan', 'resident', 'ambulant'),
    decide(command, state) {
      if (isBlank(command.crisisPlan.summary)) {
        return reject('care.crisis_plan_summary_required', 'Summarise the crisis plan', { field: 'crisisPlan.summary' });
      }
      if (same(command.crisisPlan, state.crisisPlan)) return nothingToDo;
      return accept({ type: 'CrisisPlanUpdated', data: { ...fieldsOf(command), ...whom(state) } });
    },
  },

  UpdateActionPlan: {
    unavailable: onlyIn('UpdateActionPlan', 'resident', 'ambulant'),
    decide(command, state) {
      const incomplete = incompleteActionPlan(command.actionPlan);
      if (incomplete) return incomplete;
      if (same(command.actionPlan, state.actionPlan)) return nothingToDo;
      return accept({ type: 'ActionPlanUpdated', data: { ...fieldsOf(command), ...whom(state) } });
    },
  },
};
