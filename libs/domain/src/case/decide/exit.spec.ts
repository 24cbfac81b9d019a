import { specFor } from '../../shared/given-when-then';
import { caseDecider } from '../case.decider';
import { cmd, history, stateOf } from '../case.fixtures';

const given = specFor(caseDecider);
const who = { personId: 'p1', facilityId: 'f1' };

describe('leaving', () => {
  describe('DecideExclusion', () => {
    it('records the exclusion and its formal decision with the appeal notice', () => {
      given(...history('resident'))
        .when(cmd.exclude())
        .then(
          {
            type: 'ExclusionDecided',
            data: {
              caseId: 'c1',
              on: '2025-04-01',
              exclusionId: 'x1',
              reasons: ['violence_or_threats'],
              overallAssessment: 'Repeated threats against staff despite warnings',
              effectiveOn: '2025-04-15',
              ...who,
              decisionId: 'd-exclusion',
              unitId: 'u1',
            },
          },
          {
            type: 'DecisionIssued',
            data: {
              caseId: 'c1',
              on: '2025-04-01',
              decisionId: 'd-exclusion',
              legalBasis: 'sotjl_27',
              facts: 'Threats on 1 and 20 March',
              mainConsiderations: 'Safety of residents and staff',
              decidedBy: 'Unit leader',
              kind: 'exclusion',
              notifiedOn: '2025-04-01',
              ...who,
              citation: 'sosialtjenesteloven § 27',
              appealNotice: {
                appealBody: 'statsforvalteren',
                deadlineRule: 'fvl_29',
                deadlineWeeks: 3,
                deadline: '2025-04-22',
                texts: ['decision.notice.right_to_appeal', 'decision.notice.how_to_appeal', 'decision.notice.right_to_see_documents'],
              },
            },
          },
        );
    });
    it('opens the obligation to offer other housing', () => {
      expect(stateOf(history('excluded'))).toMatchObject({ exclusion: { alternativeObligation: 'open' } });
    });
    it('is idempotent', () => {
      given(...history('excluded'))
        .when(cmd.exclude())
        .thenNothing();
    });
    it('refuses a different exclusion under a used id', () => {
      given(...history('excluded'))
        .when(cmd.exclude({ overallAssessment: 'Other' }))
        .thenRejects('case.id_already_used', 'exclusionId');
    });
    it('refuses a repeat whose decision differs', () => {
      const decision = { ...cmd.exclude().decision, facts: 'Other facts' };
      given(...history('excluded'))
        .when(cmd.exclude({ decision }))
        .thenRejects('case.id_already_used', 'exclusionId');
    });
    it('decides one exclusion per stay', () => {
      given(...history('excluded'))
        .when(cmd.exclude({ exclusionId: 'x2' }))
        .thenRejects('exclusion.already_decided');
    });
    it('needs reasons', () => {
      given(...history('resident'))
        .when(cmd.exclude({ reasons: [] }))
        .thenRejects('exclusion.reasons_required', 'reasons');
    });
    it("refuses a reason outside the facility's criteria", () => {
      given(...history('resident'))
        .when(cmd.exclude({ reasons: ['violence_or_threats', 'not_using_offer'] }))
        .thenRejects('exclusion.reason_not_in_facility_criteria', 'reasons');
    });
    it('needs a written overall assessment', () => {
      given(...history('resident'))
        .when(cmd.exclude({ overallAssessment: '' }))
        .thenRejects('exclusion.overall_assessment_required', 'overallAssessment');
    });
    it('takes effect on or after the decision', () => {
      given(...history('resident'))
        .when(cmd.exclude({ effectiveOn: '2025-03-31' }))
        .thenRejects('exclusion.effective_before_decision', 'effectiveOn');
    });
    it('needs grounds for its decision', () => {
      const decision = { ...cmd.exclude().decision, mainConsiderations: '' };
      given(...history('resident'))
        .when(cmd.exclude({ decision }))
        .thenRejects('decision.grounds_required', 'decision.mainConsiderations');
    });
    it('refuses a decision id already used', () => {
      const decision = { ...cmd.exclude().decision, decisionId: 'd-grant' };
      given(...history('resident'))
        .when(cmd.exclude({ decision }))
        .thenRejects('case.id_already_used', 'decision.decisionId');
    });
    it('needs a resident', () => {
      given(...history('movedOut'))
        .when(cmd.exclude())
        .thenRejects('case.not_allowed_in_status');
    });
  });

  describe('RecordAlternativeOffered / RecordAlternativeRefused', () => {
    it('meets the obligation by offering other housing', () => {
      given(...history('excluded'))
        .when(cmd.alternativeOffered())
        .then({
          type: 'AlternativeOffered',
          data: {
            caseId: 'c1',
            on: '2025-04-10',
            description: 'A flat with ambulant follow-up',
            housingType: 'municipal_housing',
            ...who,
            exclusionId: 'x1',
          },
        });
      expect(stateOf(history('excluded', cmd.alternativeOffered()))).toMatchObject({ exclusion: { alternativeObligation: 'alternative_offered' } });
    });
    it('meets the obligation by recording the refusal', () => {
      given(...history('excluded'))
        .when(cmd.alternativeRefused())
        .then({
          type: 'AlternativeRefused',
          data: { caseId: 'c1', on: '2025-04-10', note: 'Wants to stay with a friend', ...who, exclusionId: 'x1' },
        });
    });
    it('is idempotent', () => {
      given(...history('excluded', cmd.alternativeOffered()))
        .when(cmd.alternativeOffered())
        .thenNothing();
      given(...history('excluded', cmd.alternativeRefused()))
        .when(cmd.alternativeRefused())
        .thenNothing();
    });
    it('needs a description of the housing offered', () => {
      given(...history('excluded'))
        .when(cmd.alternativeOffered({ description: '' }))
        .thenRejects('exclusion.alternative_description_required', 'description');
    });
    it('needs an open obligation', () => {
      given(...history('resident'))
        .when(cmd.alternativeOffered())
        .thenRejects('exclusion.no_open_obligation');
      given(...history('excluded', cmd.alternativeOffered()))
        .when(cmd.alternativeRefused())
        .thenRejects('exclusion.no_open_obligation');
    });
    it('can be met after the move-out', () => {
      given(...history('excludedMovedOut'))
        .when(cmd.alternativeOffered({ on: '2025-04-20' }))
        .thenRecords('AlternativeOffered');
    });
  });

  describe('MoveOut', () => {
    it('refuses "completed" after a standing exclusion (the report would count 0 ended by the service)', () => {
      // Finding: exclusion, then move-out with exitReason "completed", was accepted.
      given(...history('excluded'))
        .when(cmd.moveOut({ exitReason: 'completed', on: '2025-04-15' }))
        .thenRejects('move_out.exit_reason_contradicts_exclusion', 'exitReason');
      given(...history('excluded'))
        .when(cmd.moveOut({ exitReason: 'completed', on: '2025-04-10' }))
        .thenRejects('move_out.exit_reason_contradicts_exclusion', 'exitReason');
    });
    it('allows "left voluntarily" only before the exclusion takes effect, and "excluded" always', () => {
      given(...history('excluded'))
        .when(cmd.moveOut({ exitReason: 'left_voluntarily', on: '2025-04-10' }))
        .thenRecords('MovedOut');
      given(...history('excluded'))
        .when(cmd.moveOut({ exitReason: 'left_voluntarily', on: '2025-04-15' }))
        .thenRejects('move_out.exit_reason_contradicts_exclusion', 'exitReason');
      given(...history('excluded'))
        .when(cmd.moveOut({ exitReason: 'excluded', on: '2025-04-10' }))
        .thenRecords('MovedOut');
    });
    it('allows any reason but "excluded" once the exclusion was set aside on appeal', () => {
      const setAside = history(
        'excluded',
        cmd.receiveAppeal({ on: '2025-04-02', receivedOn: '2025-04-02', decisionId: 'd-exclusion' }),
        cmd.reviewAppeal('reversed', { on: '2025-04-03' }),
      );
      given(...setAside)
        .when(cmd.moveOut({ exitReason: 'completed' }))
        .thenRecords('MovedOut');
      given(...setAside)
        .when(cmd.moveOut({ exitReason: 'excluded' }))
        .thenRejects('move_out.excluded_requires_exclusion', 'exitReason');
    });
    it('records the destination, its category, the exit reason and the nights stayed', () => {
      given(...history('resident'))
        .when(cmd.moveOut())
        .then({
          type: 'MovedOut',
          data: {
            caseId: 'c1',
            on: '2025-04-15',
            moveOutId: 'mo1',
            destination: 'private_rental',
            exitReason: 'completed',
            ...who,
            destinationCategory: 'permanent',
            unitId: 'u1',
            unitKind: 'permanent',
            agreementKind: 'service_agreement',
            movedInOn: '2025-02-01',
            nights: 73,
            exclusionId: undefined,
          },
        });
    });
    it('names the exclusion when excluded', () => {
      const [event] = given(...history('excluded'))
        .when(cmd.moveOut({ exitReason: 'excluded', destination: 'shelter_or_guesthouse' }))
        .events();
      expect(event.data).toMatchObject({ exitReason: 'excluded', exclusionId: 'x1', destinationCategory: 'homeless' });
    });
    it('is idempotent', () => {
      given(...history('movedOut'))
        .when(cmd.moveOut())
        .thenNothing();
    });
    it('needs a decided exclusion for the exit reason excluded', () => {
      given(...history('resident'))
        .when(cmd.moveOut({ exitReason: 'excluded' }))
        .thenRejects('move_out.excluded_requires_exclusion', 'exitReason');
    });
    it('needs the exclusion to stand (not reversed on review)', () => {
      const reversed = history(
        'excluded',
        cmd.receiveAppeal({ on: '2025-04-02', receivedOn: '2025-04-02', decisionId: 'd-exclusion' }),
        cmd.reviewAppeal('reversed', { on: '2025-04-03' }),
      );
      given(...reversed)
        .when(cmd.moveOut({ exitReason: 'excluded' }))
        .thenRejects('move_out.excluded_requires_exclusion', 'exitReason');
    });
    it('is on or after the move-in', () => {
      given(...history('resident'))
        .when(cmd.moveOut({ on: '2025-01-31' }))
        .thenRejects('case.step_order', 'on');
    });
    it('needs a resident', () => {
      given(...history('offerAccepted'))
        .when(cmd.moveOut())
        .thenRejects('case.not_allowed_in_status');
    });
  });

  describe('CloseCase', () => {
    it('closes a case', () => {
      given(...history('notRelevant'))
        .when(cmd.close())
        .then({ type: 'CaseClosed', data: { caseId: 'c1', on: '2025-09-01', reason: 'Done', ...who, closedFrom: 'not_relevant' } });
    });
    it('takes the person off the waiting list first', () => {
      const events = given(...history('waitlisted'))
        .when(cmd.close())
        .events();
      expect(events.map((e) => e.type)).toEqual(['RemovedFromWaitingList', 'CaseClosed']);
      expect(events[0].data).toMatchObject({ reason: 'case_closed' });
    });
    it('refuses while the person lives there', () => {
      given(...history('resident'))
        .when(cmd.close())
        .thenRejects('case.close.resident');
    });
    it('refuses while the exclusion obligation is open, also after the move-out', () => {
      given(...history('excludedMovedOut'))
        .when(cmd.close())
        .thenRejects('exclusion.obligation_open');
    });
    it('closes once the obligation is met and the appeal deadline has passed', () => {
      given(...history('excludedMovedOut', cmd.alternativeRefused({ on: '2025-04-16' })))
        .when(cmd.close({ on: '2025-04-23' }))
        .thenRecords('CaseClosed');
    });
    it('refuses during the appeal deadline of a refusal or exclusion', () => {
      given(...history('refusalIssued'))
        .when(cmd.close({ on: '2025-02-12' }))
        .thenRejects('case.close.appeal_deadline_running');
      given(...history('refusalIssued'))
        .when(cmd.close({ on: '2025-02-13' }))
        .thenRecords('CaseClosed');
    });
    it('refuses while an appeal is pending', () => {
      given(...history('refusalIssued', cmd.receiveAppeal(), cmd.reviewAppeal('upheld')))
        .when(cmd.close())
        .thenRejects('case.close.appeal_pending');
    });
    it('refuses while a mapping is in progress', () => {
      given(...history('mapping'))
        .when(cmd.close())
        .thenRejects('case.close.mapping_in_progress');
    });
    it('refuses while an offer is open or accepted', () => {
      given(...history('offered'))
        .when(cmd.close())
        .thenRejects('case.close.offer_open');
      given(...history('offerAccepted'))
        .when(cmd.close())
        .thenRejects('case.close.offer_open');
    });
    it('refuses while ambulant follow-up runs', () => {
      given(...history('ambulant'))
        .when(cmd.close())
        .thenRejects('case.close.ambulant_active');
    });
    it('refuses while the follow-up after move-out runs', () => {
      given(...history('followUp'))
        .when(cmd.close())
        .thenRejects('case.close.follow_up_active');
    });
    it('needs a reason', () => {
      given(...history('withdrawn'))
        .when(cmd.close({ reason: ' ' }))
        .thenRejects('case.close.reason_required', 'reason');
    });
    it('refuses everything after closing, a repeated close included', () => {
      given(...history('closed'))
        .when(cmd.close())
        .thenRejects('case.closed');
    });
  });
});
