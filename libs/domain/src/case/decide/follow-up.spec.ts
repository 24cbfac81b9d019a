import { specFor } from '../../shared/given-when-then';
import { caseDecider } from '../case.decider';
import { cmd, history, stateOf } from '../case.fixtures';

const given = specFor(caseDecider);
const who = { personId: 'p1', facilityId: 'f1' };

describe('follow-up', () => {
  describe('StartFollowUp', () => {
    it('starts a 3-month follow-up by default, with its end computed', () => {
      const { type: _type, today: _today, ...fields } = cmd.startFollowUp();
      given(...history('movedOut'))
        .when(cmd.startFollowUp())
        .then({ type: 'FollowUpStarted', data: { ...fields, ...who, periodMonths: 3, endsOn: '2025-07-15' } });
    });
    it('takes another period', () => {
      const [event] = given(...history('movedOut'))
        .when(cmd.startFollowUp({ periodMonths: 6 }))
        .events();
      expect(event.data).toMatchObject({ periodMonths: 6, endsOn: '2025-10-15' });
    });
    it('is idempotent', () => {
      given(...history('followUp'))
        .when(cmd.startFollowUp())
        .thenNothing();
    });
    it('starts once per case', () => {
      given(...history('followUp'))
        .when(cmd.startFollowUp({ followUpId: 'fu2' }))
        .thenRejects('follow_up.already_started');
    });
    it.each([0, 13, 1.5])('refuses a period of %s months', (periodMonths) => {
      given(...history('movedOut'))
        .when(cmd.startFollowUp({ periodMonths }))
        .thenRejects('follow_up.period_range', 'periodMonths');
    });
    it('needs a way to keep in contact', () => {
      given(...history('movedOut'))
        .when(cmd.startFollowUp({ contactModes: [] }))
        .thenRejects('follow_up.contact_mode_required', 'contactModes');
    });
    it('needs complete action plan lines', () => {
      given(...history('movedOut'))
        .when(cmd.startFollowUp({ actionPlan: [{ goal: '', measure: 'x', responsible: 'y' }] }))
        .thenRejects('care.action_plan_item_incomplete', 'actionPlan.0');
    });
    it('needs a move-out', () => {
      given(...history('resident'))
        .when(cmd.startFollowUp())
        .thenRejects('case.not_allowed_in_status');
    });
  });

  describe('EndFollowUp', () => {
    it('ends the follow-up', () => {
      given(...history('followUp'))
        .when(cmd.endFollowUp())
        .then({ type: 'FollowUpEnded', data: { caseId: 'c1', on: '2025-07-15', followUpId: 'fu1', outcome: 'Living well in own flat', ...who } });
    });
    it('is idempotent', () => {
      given(...history('followUp', cmd.endFollowUp()))
        .when(cmd.endFollowUp())
        .thenNothing();
    });
    it('refuses another follow-up id', () => {
      given(...history('followUp'))
        .when(cmd.endFollowUp({ followUpId: 'fu9' }))
        .thenRejects('follow_up.unknown', 'followUpId');
    });
    it('needs a running follow-up', () => {
      given(...history('movedOut'))
        .when(cmd.endFollowUp())
        .thenRejects('follow_up.not_active');
    });
  });

  describe('EnrolAmbulant', () => {
    it('enrols a granted person in ambulant follow-up instead of a unit (Melhus, Housing First)', () => {
      given(...history('granted'))
        .when(cmd.enrolAmbulant())
        .then({
          type: 'AmbulantEnrolled',
          data: { caseId: 'c1', on: '2025-01-20', enrolmentId: 'am1', contactModes: ['home_visits'], ...who, fromStatus: 'accepted' },
        });
    });
    it('enrols after a move-out', () => {
      const [event] = given(...history('movedOut'))
        .when(cmd.enrolAmbulant({ on: '2025-04-20' }))
        .events();
      expect(event.data).toMatchObject({ fromStatus: 'moved_out' });
    });
    it('is idempotent', () => {
      given(...history('ambulant'))
        .when(cmd.enrolAmbulant())
        .thenNothing();
    });
    it('needs a way to keep in contact', () => {
      given(...history('granted'))
        .when(cmd.enrolAmbulant({ contactModes: [] }))
        .thenRejects('ambulant.contact_mode_required', 'contactModes');
    });
    it('needs a grant', () => {
      given(...history('accepted'))
        .when(cmd.enrolAmbulant())
        .thenRejects('ambulant.requires_grant');
    });
    it('is not possible while living in a unit', () => {
      given(...history('resident'))
        .when(cmd.enrolAmbulant())
        .thenRejects('case.not_allowed_in_status');
    });
  });

  describe('EndAmbulant', () => {
    it('ends ambulant follow-up and returns to where it started', () => {
      const events = given(...history('ambulant'))
        .when(cmd.endAmbulant())
        .events();
      expect(events).toEqual([{ type: 'AmbulantEnded', data: { caseId: 'c1', on: '2025-06-01', enrolmentId: 'am1', ...who, returnTo: 'accepted' } }]);
      expect(stateOf([...history('ambulant'), ...events]).status).toBe('accepted');
    });
    it('is idempotent', () => {
      given(...history('ambulant', cmd.endAmbulant()))
        .when(cmd.endAmbulant())
        .thenNothing();
    });
    it('refuses another enrolment id', () => {
      given(...history('ambulant'))
        .when(cmd.endAmbulant({ enrolmentId: 'am9' }))
        .thenRejects('ambulant.unknown', 'enrolmentId');
    });
    it('needs ambulant follow-up', () => {
      given(...history('granted'))
        .when(cmd.endAmbulant())
        .thenRejects('case.not_allowed_in_status');
    });
  });
});
