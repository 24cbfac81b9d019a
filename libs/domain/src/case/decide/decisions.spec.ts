import { specFor } from '../../shared/given-when-then';
import { allowedCaseCommands } from '../case.decide';
import { caseDecider } from '../case.decider';
import { cmd, history, stateOf } from '../case.fixtures';
import { appealNoticeFor } from '../legal-basis';

const given = specFor(caseDecider);
const who = { personId: 'p1', facilityId: 'f1' };
const refusal = { decisionId: 'd-refusal', decisionKind: 'refusal' as const };

/** A resident with a grant and an exclusion: ap1 appeals the exclusion, ap2 the grant. */
const twoAppeals = (...more: Parameters<typeof history>[1][]) =>
  history(
    'excluded',
    cmd.receiveAppeal({ on: '2025-04-02', receivedOn: '2025-04-02', decisionId: 'd-exclusion' }),
    cmd.receiveAppeal({ on: '2025-04-02', receivedOn: '2025-04-02', appealId: 'ap2', decisionId: 'd-grant' }),
    ...more.map((c) => ({ ...c, on: '2025-04-03' })),
  );

describe('formal decisions', () => {
  describe('IssueDecision', () => {
    it('grants a person waitlisted straight from the meeting, who stays on the list', () => {
      const events = given(...history('waitlisted'))
        .when(cmd.decision('grant'))
        .events();
      expect(events.map((e) => e.type)).toEqual(['DecisionIssued']);
      expect(stateOf([...history('waitlisted'), ...events])).toMatchObject({ status: 'waitlisted', grantDecisionId: 'd-grant' });
      expect(allowedCaseCommands(stateOf(history('waitlisted')))).not.toContain('OfferUnit');
      expect(allowedCaseCommands(stateOf([...history('waitlisted'), ...events]))).toContain('OfferUnit');
      given(...history('waitlistedGranted'))
        .when(cmd.decision('grant', { decisionId: 'd2' }))
        .thenRejects('decision.already_issued');
    });
    it('grants after an accepted assessment, with the computed appeal notice', () => {
      const { type: _type, today: _today, ...fields } = cmd.decision('grant');
      given(...history('accepted'))
        .when(cmd.decision('grant'))
        .then({
          type: 'DecisionIssued',
          data: {
            ...fields,
            kind: 'grant',
            notifiedOn: '2025-01-15',
            ...who,
            citation: 'helse- og omsorgstjenesteloven § 3-2',
            appealNotice: {
              appealBody: 'statsforvalteren',
              deadlineRule: 'pbrl_7_5',
              deadlineWeeks: 4,
              deadline: '2025-02-12',
              texts: ['decision.notice.right_to_appeal', 'decision.notice.how_to_appeal', 'decision.notice.right_to_see_documents'],
            },
          },
        });
    });
    it('refuses after a refused assessment, with 3 weeks under fvl § 29 for sotjl § 27', () => {
      const [event] = given(...history('refused'))
        .when(cmd.decision('refusal', { legalBasis: 'sotjl_27' }))
        .events();
      expect(event.data).toMatchObject({ kind: 'refusal', appealNotice: { deadlineRule: 'fvl_29', deadlineWeeks: 3, deadline: '2025-02-05' } });
    });
    it('counts the deadline from the decision day when no notification day is given', () => {
      const [event] = given(...history('accepted'))
        .when(cmd.decision('grant', { notifiedOn: undefined }))
        .events();
      expect(event.data).toMatchObject({ notifiedOn: '2025-01-14', appealNotice: { deadline: '2025-02-11' } });
    });
    it('records the letter sent with the decision as given (its text and hash), in the decision and its exclusion alike', () => {
      const letter = { text: '# Vedtak om tildeling', sha256: 'ab'.repeat(32) };
      const [issued] = given(...history('accepted'))
        .when(cmd.decision('grant', { letter }))
        .events();
      expect(issued).toMatchObject({ type: 'DecisionIssued', data: { decisionId: 'd-grant', letter } });
      const excluded = given(...history('resident'))
        .when(cmd.exclude({ decision: { ...cmd.exclude().decision, letter } }))
        .events();
      expect(excluded.find((e) => e.type === 'DecisionIssued')).toMatchObject({ data: { kind: 'exclusion', letter } });
      // Without a letter the decision is recorded all the same (a forgotten person gets none kept).
      expect(
        given(...history('accepted'))
          .when(cmd.decision('grant'))
          .events()[0].data,
      ).not.toHaveProperty('letter');
    });

    it('grants without grounds (fvl § 24 second paragraph)', () => {
      given(...history('accepted'))
        .when(cmd.decision('grant', { facts: '', mainConsiderations: '' }))
        .thenRecords('DecisionIssued');
    });
    it('is idempotent, also when the default notification day was used', () => {
      given(...history('accepted', cmd.decision('grant', { notifiedOn: undefined })))
        .when(cmd.decision('grant', { notifiedOn: undefined }))
        .thenNothing();
    });
    it('refuses a different decision under a used id', () => {
      given(...history('refusalIssued'))
        .when(cmd.decision('refusal', { facts: 'Other facts' }))
        .thenRejects('case.id_already_used', 'decisionId');
    });
    it('refuses a refusal without facts', () => {
      given(...history('refused'))
        .when(cmd.decision('refusal', { facts: ' ' }))
        .thenRejects('decision.grounds_required', 'facts');
    });
    it('refuses a refusal without main considerations', () => {
      given(...history('refused'))
        .when(cmd.decision('refusal', { mainConsiderations: '' }))
        .thenRejects('decision.grounds_required', 'mainConsiderations');
    });
    it('refuses a grant after a refused assessment', () => {
      given(...history('refused'))
        .when(cmd.decision('grant'))
        .thenRejects('decision.grant_requires_accepted_assessment', 'kind');
    });
    it('refuses a refusal after an accepted assessment', () => {
      given(...history('accepted'))
        .when(cmd.decision('refusal'))
        .thenRejects('decision.refusal_requires_refused_assessment', 'kind');
    });
    it('sends exclusions to DecideExclusion', () => {
      given(...history('accepted'))
        .when(cmd.decision('exclusion'))
        .thenRejects('decision.exclusion_requires_decide_exclusion', 'kind');
    });
    it('refuses an unknown legal basis', () => {
      given(...history('accepted'))
        .when(cmd.decision('grant', { legalBasis: 'hotl_3_7' as never }))
        .thenRejects('decision.unknown_legal_basis', 'legalBasis');
    });
    it('refuses a notification before the decision', () => {
      given(...history('accepted'))
        .when(cmd.decision('grant', { notifiedOn: '2025-01-13' }))
        .thenRejects('decision.notified_before_issued', 'notifiedOn');
    });
    it('needs an assessment outcome to decide on', () => {
      given(...history('referred'))
        .when(cmd.decision('grant'))
        .thenRejects('decision.requires_assessment_outcome');
    });
    it('issues one standing decision per outcome', () => {
      given(...history('granted'))
        .when(cmd.decision('grant', { decisionId: 'd2' }))
        .thenRejects('decision.already_issued');
    });
    it('replaces a grant set aside on appeal', () => {
      given(...history('granted', cmd.receiveAppeal({ decisionId: 'd-grant' }), cmd.reviewAppeal('reversed')))
        .when(cmd.decision('grant', { decisionId: 'd2', on: '2025-01-28', notifiedOn: '2025-01-28' }))
        .thenRecords('DecisionIssued');
    });
  });

  describe('ReceiveAppeal', () => {
    it('records an appeal in time with its deadline', () => {
      given(...history('refusalIssued'))
        .when(cmd.receiveAppeal({ receivedOn: '2025-02-12' }))
        .then({
          type: 'AppealReceived',
          data: {
            caseId: 'c1',
            on: '2025-01-20',
            appealId: 'ap1',
            receivedOn: '2025-02-12',
            ...who,
            ...refusal,
            deadline: '2025-02-12',
            late: false,
          },
        });
    });
    it('records a late appeal, flagged (fvl § 31 lets the unit consider it anyway)', () => {
      const [event] = given(...history('refusalIssued'))
        .when(cmd.receiveAppeal({ on: '2025-02-14', receivedOn: '2025-02-13' }))
        .events();
      expect(event.data).toMatchObject({ late: true, deadline: '2025-02-12' });
    });
    it('takes an appeal on the working day after a deadline that ended on a public holiday as in time', () => {
      // Told on Thursday 12 March 2026: three weeks end on Maundy Thursday; Easter runs to Monday 6 April.
      const told = history('refused', cmd.decision('refusal', { legalBasis: 'sotjl_27', on: '2026-03-12', notifiedOn: '2026-03-12' }));
      const [inTime] = given(...told)
        .when(cmd.receiveAppeal({ on: '2026-04-07', receivedOn: '2026-04-07' }))
        .events();
      expect(inTime.data).toMatchObject({ late: false, deadline: '2026-04-07' });
      const [late] = given(...told)
        .when(cmd.receiveAppeal({ on: '2026-04-08', receivedOn: '2026-04-08' }))
        .events();
      expect(late.data).toMatchObject({ late: true, deadline: '2026-04-07' });
    });
    it('uses 3 weeks for a decision under the boligsosial lov', () => {
      const events = history('refused', cmd.decision('refusal', { legalBasis: 'boligsosial_lov_6' }));
      const [event] = given(...events)
        .when(cmd.receiveAppeal({ receivedOn: '2025-02-06' }))
        .events();
      expect(event.data).toMatchObject({ late: true, deadline: '2025-02-05' });
    });
    it('is idempotent', () => {
      given(...history('refusalIssued', cmd.receiveAppeal()))
        .when(cmd.receiveAppeal())
        .thenNothing();
    });
    it('refuses an unknown decision', () => {
      given(...history('refusalIssued'))
        .when(cmd.receiveAppeal({ decisionId: 'nope' }))
        .thenRejects('appeal.unknown_decision', 'decisionId');
    });
    it('refuses a second appeal while one is pending', () => {
      given(...history('refusalIssued', cmd.receiveAppeal()))
        .when(cmd.receiveAppeal({ appealId: 'ap2' }))
        .thenRejects('appeal.already_pending', 'decisionId');
    });
    it('takes a new appeal once the first is concluded', () => {
      given(...history('refusalIssued', cmd.receiveAppeal(), cmd.reviewAppeal('upheld'), cmd.forwardAppeal(), cmd.appealOutcome('upheld')))
        .when(cmd.receiveAppeal({ appealId: 'ap2', on: '2025-03-02', receivedOn: '2025-03-02' }))
        .thenRecords('AppealReceived');
    });
    it('needs a decision', () => {
      given(...history('referred'))
        .when(cmd.receiveAppeal())
        .thenRejects('appeal.no_decision');
    });
  });

  describe('ReviewAppeal', () => {
    const received = () => history('refusalIssued', cmd.receiveAppeal());
    it('records the unit upholding its decision', () => {
      given(...received())
        .when(cmd.reviewAppeal('upheld'))
        .then({
          type: 'AppealReviewed',
          data: { caseId: 'c1', on: '2025-01-27', appealId: 'ap1', outcome: 'upheld', note: 'Reviewed by the unit', ...who, ...refusal },
        });
    });
    it('reverses a refusal: the case goes back to the assessment team', () => {
      const events = [
        ...received(),
        ...given(...received())
          .when(cmd.reviewAppeal('reversed'))
          .events(),
      ];
      const state = stateOf(events);
      expect(state).toMatchObject({ status: 'in_assessment', assessment: undefined, refusalDecisionId: undefined });
      expect(state.status !== 'none' && state.decisions['d-refusal'].standing).toBe('reversed');
    });
    it('is idempotent', () => {
      given(
        ...received(),
        ...given(...received())
          .when(cmd.reviewAppeal('upheld'))
          .events(),
      )
        .when(cmd.reviewAppeal('upheld'))
        .thenNothing();
    });
    it('refuses a second, different review', () => {
      given(...twoAppeals(cmd.reviewAppeal('upheld')))
        .when(cmd.reviewAppeal('reversed', { on: '2025-04-04' }))
        .thenRejects('appeal.already_reviewed', 'appealId');
    });
    it('refuses an unknown appeal', () => {
      given(...received())
        .when(cmd.reviewAppeal('upheld', { appealId: 'nope' }))
        .thenRejects('appeal.unknown', 'appealId');
    });
    it('needs an appeal waiting for review', () => {
      given(...history('refusalIssued'))
        .when(cmd.reviewAppeal('upheld'))
        .thenRejects('appeal.none_awaiting_review');
    });
  });

  describe('ForwardAppeal', () => {
    const upheld = () => history('refusalIssued', cmd.receiveAppeal(), cmd.reviewAppeal('upheld'));
    it('forwards an upheld appeal to the appeal body', () => {
      given(...upheld())
        .when(cmd.forwardAppeal())
        .then({
          type: 'AppealForwarded',
          data: { caseId: 'c1', on: '2025-01-28', appealId: 'ap1', ...who, ...refusal, appealBody: 'statsforvalteren' },
        });
    });
    it('is idempotent', () => {
      given(
        ...upheld(),
        ...given(...upheld())
          .when(cmd.forwardAppeal())
          .events(),
      )
        .when(cmd.forwardAppeal())
        .thenNothing();
    });
    it('refuses to forward an appeal the unit did not uphold', () => {
      given(...twoAppeals(cmd.reviewAppeal('upheld')))
        .when(cmd.forwardAppeal({ appealId: 'ap2' }))
        .thenRejects('appeal.forward_requires_upheld_review', 'appealId');
    });
    it('refuses to forward an appeal twice', () => {
      given(...twoAppeals(cmd.reviewAppeal('upheld'), cmd.forwardAppeal(), cmd.reviewAppeal('upheld', { appealId: 'ap2' })))
        .when(cmd.forwardAppeal({ on: '2025-05-01' }))
        .thenRejects('appeal.already_forwarded', 'appealId');
    });
    it('refuses an unknown appeal', () => {
      given(...upheld())
        .when(cmd.forwardAppeal({ appealId: 'nope' }))
        .thenRejects('appeal.unknown', 'appealId');
    });
    it('needs an upheld appeal waiting to be forwarded', () => {
      given(...history('refusalIssued', cmd.receiveAppeal()))
        .when(cmd.forwardAppeal())
        .thenRejects('appeal.none_to_forward');
    });
  });

  describe('RecordAppealOutcome', () => {
    const forwarded = () => history('refusalIssued', cmd.receiveAppeal(), cmd.reviewAppeal('upheld'), cmd.forwardAppeal());
    it('records the appeal body upholding the decision', () => {
      given(...forwarded())
        .when(cmd.appealOutcome('upheld', { note: 'Statsforvalteren upholds' }))
        .then({
          type: 'AppealOutcomeRecorded',
          data: { caseId: 'c1', on: '2025-03-01', appealId: 'ap1', outcome: 'upheld', note: 'Statsforvalteren upholds', ...who, ...refusal },
        });
    });
    it.each(['reversed', 'remitted'] as const)('a refusal %s goes back to the assessment team', (outcome) => {
      const events = [
        ...forwarded(),
        ...given(...forwarded())
          .when(cmd.appealOutcome(outcome))
          .events(),
      ];
      const state = stateOf(events);
      expect(state.status).toBe('in_assessment');
      expect(state.status !== 'none' && state.decisions['d-refusal'].standing).toBe(outcome);
    });
    it('is idempotent', () => {
      given(
        ...forwarded(),
        ...given(...forwarded())
          .when(cmd.appealOutcome('upheld'))
          .events(),
      )
        .when(cmd.appealOutcome('upheld'))
        .thenNothing();
    });
    it('refuses an appeal not forwarded', () => {
      given(...twoAppeals(cmd.reviewAppeal('upheld'), cmd.forwardAppeal()))
        .when(cmd.appealOutcome('upheld', { appealId: 'ap2' }))
        .thenRejects('appeal.not_forwarded', 'appealId');
    });
    it('refuses an unknown appeal', () => {
      given(...forwarded())
        .when(cmd.appealOutcome('upheld', { appealId: 'nope' }))
        .thenRejects('appeal.unknown', 'appealId');
    });
    it('refuses a second, different outcome', () => {
      const ap2 = { appealId: 'ap2' };
      const concluded = [cmd.reviewAppeal('upheld'), cmd.forwardAppeal(), cmd.appealOutcome('upheld')];
      given(...twoAppeals(...concluded, cmd.reviewAppeal('upheld', ap2), cmd.forwardAppeal(ap2)))
        .when(cmd.appealOutcome('reversed', { on: '2025-04-04' }))
        .thenRejects('appeal.outcome_already_recorded', 'appealId');
    });
    it('needs a forwarded appeal', () => {
      given(...history('refusalIssued', cmd.receiveAppeal()))
        .when(cmd.appealOutcome('upheld'))
        .thenRejects('appeal.none_forwarded');
    });
  });

  it('computes the same notice as legal-basis.ts', () => {
    const [event] = given(...history('accepted'))
      .when(cmd.decision('grant', { legalBasis: 'pbrl_2_1a' }))
      .events();
    expect(event.data).toMatchObject({ appealNotice: appealNoticeFor('pbrl_2_1a', '2025-01-15') });
  });
});
