import { specFor } from '../shared/given-when-then';
import { caseDecider } from './case.decider';
import { cmd, history, stateOf } from './case.fixtures';

const given = specFor(caseDecider);
/** The fixtures' histories run in 2025; this is the municipality's day the commands are given on. */
const today = '2025-06-01';

describe('dates of a case', () => {
  describe('what has happened may not lie in the future (compared with the municipal today in the command)', () => {
    it('refuses a referral, a meeting and a decision dated after today', () => {
      // Finding: a referral, assessment and decision dated six weeks ahead were accepted.
      given()
        .when(cmd.register({ on: '2025-07-13', today }))
        .thenRejects('command.date_in_future', 'on');
      given(...history('referred'))
        .when(cmd.meeting('accepted', { on: '2025-07-13', today }))
        .thenRejects('command.date_in_future', 'on');
      given(...history('accepted'))
        .when(cmd.decision('grant', { on: '2025-07-13', notifiedOn: '2025-07-13', today }))
        .thenRejects('command.date_in_future', 'on');
    });
    it('refuses an offer dated after today, so it reserves nothing ahead', () => {
      // Finding: an offer dated 2030-01-01 was accepted and reserved the unit now.
      given(...history('granted'))
        .when(cmd.offer({ on: '2030-01-01', expiresOn: '2030-01-08', today }))
        .thenRejects('command.date_in_future', 'on');
    });
    it('refuses facts inside a command: when the person was told, when an appeal came, when an absence began', () => {
      given(...history('accepted'))
        .when(cmd.decision('grant', { on: '2025-05-30', notifiedOn: '2025-06-02', today }))
        .thenRejects('command.date_in_future', 'notifiedOn');
      given(...history('refusalIssued'))
        .when(cmd.receiveAppeal({ on: '2025-05-30', receivedOn: '2025-06-02', today }))
        .thenRejects('command.date_in_future', 'receivedOn');
      given(...history('resident'))
        .when(cmd.absence({ on: '2025-05-30', from: '2025-06-05', today }))
        .thenRejects('command.date_in_future', 'from');
      given()
        .when(cmd.register({ on: '2025-05-30', consent: { ...cmd.register().consent, date: '2025-06-02' }, today }))
        .thenRejects('command.date_in_future', 'consent.date');
    });
    it('takes a day that is today', () => {
      given(...history('referred'))
        .when(cmd.meeting('accepted', { on: today, today }))
        .thenRecords('AssessmentMeetingRecorded');
    });
    it('allows plans ahead: an offer’s expiry, an agreement’s term, a planned end, an exclusion taking effect, a lease start', () => {
      given(...history('granted'))
        .when(cmd.offer({ on: '2025-05-30', expiresOn: '2025-06-06', today }))
        .thenRecords('UnitOffered');
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ on: '2025-05-30', agreement: { kind: 'service_agreement', startsOn: '2025-06-02', endsOn: '2026-05-30' }, today }))
        .thenRecords('MovedIn');
      given(...history('inAssessment'))
        .when(cmd.startMapping({ on: '2025-05-30', plannedEndOn: '2025-07-15', today }))
        .thenRecords('MappingStarted');
      given(...history('resident'))
        .when(cmd.exclude({ on: '2025-05-30', effectiveOn: '2025-06-15', today }))
        .thenRecords('ExclusionDecided', 'DecisionIssued');
      given(...history('resident'))
        .when(cmd.extend('2025-09-01', { on: '2025-05-30', today }))
        .thenRecords('AgreementExtended');
      given(...history('resident'))
        .when(
          cmd.convert({
            on: '2025-05-30',
            leaseStartsOn: '2025-07-01',
            leaseTerms: { specialTermsHusll11_1: true, writtenNoticeGivenOn: '2025-05-30', writtenNoticeStatesFewerRights: true, indefinite: true },
            today,
          }),
        )
        .thenRecords('AgreementConvertedToLease');
    });
    it('never records `today`', () => {
      const [event] = given(...history('referred'))
        .when(cmd.meeting('accepted', { today }))
        .events();
      expect(event.data).not.toHaveProperty('today');
    });
    it('needs today to be a calendar date', () => {
      given(...history('referred'))
        .when(cmd.meeting('accepted', { today: 'now' }))
        .thenRejects('command.invalid_date', 'today');
    });
  });

  describe('the steps of a case keep their order', () => {
    it('refuses an offer dated before its referral and before the grant', () => {
      given(...history('granted'))
        .when(cmd.offer({ on: '2025-01-05' }))
        .thenRejects('case.step_order', 'on');
      // Granted on 14 January: not offered the day before.
      given(...history('granted'))
        .when(cmd.offer({ on: '2025-01-13' }))
        .thenRejects('case.step_order', 'on');
    });
    it('refuses a withdrawal dated six years before the referral', () => {
      given(...history('referred'))
        .when(cmd.withdraw({ on: '2019-01-10' }))
        .thenRejects('case.step_order', 'on');
    });
    it('refuses a withdrawal before the latest thing recorded on the case', () => {
      given(...history('granted'))
        .when(cmd.withdraw({ on: '2025-01-13' }))
        .thenRejects('case.step_order', 'on');
      given(...history('granted'))
        .when(cmd.withdraw({ on: '2025-01-14' }))
        .thenRecords('ReferralWithdrawn');
    });
    it('refuses an agreement that starts before the move-in (and so before the offer)', () => {
      const agreement = { kind: 'service_agreement' as const, startsOn: '2025-01-01', endsOn: '2025-12-01' };
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ agreement }))
        .thenRejects('case.step_order', 'agreement.startsOn');
    });
    it('refuses a meeting before the referral, a decision before the meeting, a move-in before accepting', () => {
      given(...history('referred'))
        .when(cmd.meeting('accepted', { on: '2025-01-05' }))
        .thenRejects('case.step_order', 'on');
      given(...history('accepted'))
        .when(cmd.decision('grant', { on: '2025-01-12', notifiedOn: '2025-01-12' }))
        .thenRejects('case.step_order', 'on');
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ on: '2025-01-20', agreement: { kind: 'service_agreement', startsOn: '2025-01-20', endsOn: '2025-07-20' } }))
        .thenRejects('case.step_order', 'on');
    });
    it('refuses an appeal received before its decision, and each appeal step before the one it follows', () => {
      given(...history('refusalIssued'))
        .when(cmd.receiveAppeal({ on: '2025-01-13', receivedOn: '2025-01-13' }))
        .thenRejects('case.step_order', 'on');
      given(...history('refusalIssued'))
        .when(cmd.receiveAppeal({ on: '2025-01-20', receivedOn: '2025-01-13' }))
        .thenRejects('case.step_order', 'receivedOn');
      given(...history('refusalIssued', cmd.receiveAppeal()))
        .when(cmd.reviewAppeal('upheld', { on: '2025-01-19' }))
        .thenRejects('case.step_order', 'on');
    });
    it('refuses incidents, warnings and absences before the move-in, and a warning before its incident', () => {
      given(...history('resident'))
        .when(cmd.incident({ on: '2025-01-31' }))
        .thenRejects('case.step_order', 'on');
      given(...history('resident', cmd.incident()))
        .when(cmd.warning({ on: '2025-02-28' }))
        .thenRejects('case.step_order', 'on');
      given(...history('resident'))
        .when(cmd.absence({ on: '2025-02-05', from: '2025-01-30' }))
        .thenRejects('case.step_order', 'from');
    });
    it('takes a back-dated incident entered after a later one (a shift’s incidents at its end)', () => {
      given(...history('resident', cmd.incident({ on: '2025-03-05' })))
        .when(cmd.incident({ incidentId: 'i2', on: '2025-03-01' }))
        .thenRecords('IncidentRecorded');
    });
    it('refuses a move-out before what happened during the stay, or before a transfer', () => {
      given(...history('resident', cmd.incident({ on: '2025-03-20' })))
        .when(cmd.moveOut({ on: '2025-03-19' }))
        .thenRejects('case.step_order', 'on');
      given(...history('resident', cmd.transfer()))
        .when(cmd.moveOut({ on: '2025-03-14' }))
        .thenRejects('case.step_order', 'on');
    });
    it('refuses a transfer before the move-in or the previous transfer', () => {
      given(...history('resident', cmd.transfer()))
        .when(cmd.transfer({ transferId: 't2', toUnitId: 'u3', on: '2025-03-10' }))
        .thenRejects('case.step_order', 'on');
    });
    it('refuses a lease that starts before the move-in', () => {
      given(...history('resident'))
        .when(cmd.convert({ leaseStartsOn: '2025-01-15' }))
        .thenRejects('case.step_order', 'leaseStartsOn');
    });
    it('refuses a follow-up before the move-out, and closing before the last recorded step', () => {
      given(...history('movedOut'))
        .when(cmd.startFollowUp({ on: '2025-04-14' }))
        .thenRejects('case.step_order', 'on');
      given(...history('notRelevant'))
        .when(cmd.close({ on: '2025-01-12' }))
        .thenRejects('case.step_order', 'on');
    });
    it('names the step and its day, so the form can say which', () => {
      const decision = caseDecider.decide(cmd.offer({ on: '2025-01-13' }), stateOf(history('granted')));
      expect(decision).toMatchObject({
        ok: false,
        error: { rule: 'case.step_order', field: 'on', details: { date: '2025-01-13', notBefore: '2025-01-14', step: 'DecisionIssued' } },
      });
    });
  });
});
