import { specFor } from '../../shared/given-when-then';
import { caseDecider } from '../case.decider';
import { cmd, history } from '../case.fixtures';

const given = specFor(caseDecider);
const who = { personId: 'p1', facilityId: 'f1' };

describe('care', () => {
  describe('RecordRiskAssessment', () => {
    it('records a ROS summary with the Brøset score and band', () => {
      const { type: _type, today: _today, ...fields } = cmd.risk();
      given(...history('granted'))
        .when(cmd.risk())
        .then({ type: 'RiskAssessed', data: { ...fields, ...who, brosetScore: 2, brosetBand: 'moderate' } });
    });
    it('is possible before move-in (Bodø: ROS before moving in) and during the stay', () => {
      given(...history('referred'))
        .when(cmd.risk())
        .thenRecords('RiskAssessed');
      given(...history('resident'))
        .when(cmd.risk({ on: '2025-03-01' }))
        .thenRecords('RiskAssessed');
    });
    it('is idempotent', () => {
      given(...history('granted', cmd.risk()))
        .when(cmd.risk())
        .thenNothing();
    });
    it('needs a ROS summary', () => {
      given(...history('granted'))
        .when(cmd.risk({ rosSummary: '' }))
        .thenRejects('risk.ros_summary_required', 'rosSummary');
    });
    it('is not possible after the person left', () => {
      given(...history('movedOut'))
        .when(cmd.risk())
        .thenRejects('case.not_allowed_in_status');
    });
  });

  describe('AssignContactPersons', () => {
    it('assigns contact persons', () => {
      given(...history('resident'))
        .when(cmd.contacts())
        .then({
          type: 'ContactPersonsAssigned',
          data: { caseId: 'c1', on: '2025-03-01', contactPersons: ['Primary contact', 'Secondary contact'], ...who },
        });
    });
    it('records nothing when unchanged', () => {
      given(...history('resident'))
        .when(cmd.contacts({ contactPersons: ['Primary contact'] }))
        .thenNothing();
    });
    it('needs at least one', () => {
      given(...history('resident'))
        .when(cmd.contacts({ contactPersons: [] }))
        .thenRejects('care.contact_person_required', 'contactPersons');
    });
    it('works in ambulant follow-up too', () => {
      given(...history('ambulant'))
        .when(cmd.contacts())
        .thenRecords('ContactPersonsAssigned');
    });
    it('needs a resident or ambulant follow-up', () => {
      given(...history('granted'))
        .when(cmd.contacts())
        .thenRejects('case.not_allowed_in_status');
    });
  });

  describe('UpdateCrisisPlan', () => {
    it('updates the crisis plan', () => {
      const { type: _type, today: _today, ...fields } = cmd.crisisPlan();
      given(...history('resident'))
        .when(cmd.crisisPlan())
        .then({ type: 'CrisisPlanUpdated', data: { ...fields, ...who } });
    });
    it('records nothing when unchanged', () => {
      given(...history('resident'))
        .when(cmd.crisisPlan({ crisisPlan: { summary: 'Call ACT team', madeOn: '2025-01-30' } }))
        .thenNothing();
    });
    it('needs a summary', () => {
      given(...history('resident'))
        .when(cmd.crisisPlan({ crisisPlan: { summary: ' ', madeOn: '2025-03-01' } }))
        .thenRejects('care.crisis_plan_summary_required', 'crisisPlan.summary');
    });
    it('needs a resident or ambulant follow-up', () => {
      given(...history('movedOut'))
        .when(cmd.crisisPlan())
        .thenRejects('case.not_allowed_in_status');
    });
  });

  describe('UpdateActionPlan', () => {
    it('updates the action plan', () => {
      const { type: _type, today: _today, ...fields } = cmd.actionPlan();
      given(...history('resident'))
        .when(cmd.actionPlan())
        .then({ type: 'ActionPlanUpdated', data: { ...fields, ...who } });
    });
    it('records nothing when unchanged', () => {
      given(...history('resident'))
        .when(cmd.actionPlan({ actionPlan: [{ goal: 'Keep the flat', measure: 'Weekly visit', responsible: 'Contact person' }] }))
        .thenNothing();
    });
    it('needs complete lines', () => {
      given(...history('resident'))
        .when(cmd.actionPlan({ actionPlan: [{ goal: 'Work', measure: 'NAV', responsible: '' }] }))
        .thenRejects('care.action_plan_item_incomplete', 'actionPlan.0');
    });
    it('needs a resident or ambulant follow-up', () => {
      given(...history('referred'))
        .when(cmd.actionPlan())
        .thenRejects('case.not_allowed_in_status');
    });
  });
});
