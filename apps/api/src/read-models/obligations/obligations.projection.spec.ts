import { CaseCommand, CaseEvent } from '@app/domain';
import { projectionSpec } from '@app/projections';
import { cmd, historyOf, paths } from '@app/domain/case/case.fixtures';
import { Actor } from '../../platform/auth/actor';
import { queryHarness } from '../shared/query-harness';
import { withPeople } from '../cases/with-people';
import { obligationsProjection } from './obligations.projection';
import { GetObligationsHandler, GetObligationsQuery } from './obligations.query';

const feed = (spec: ReturnType<typeof projectionSpec>, events: CaseEvent[]) =>
  events.map((e) => spec.event(e.type, e.data, { stream: `case-${e.data.caseId}` }));
const onCase = (caseId: string, commands: CaseCommand[]) => commands.map((c) => ({ ...c, caseId }) as CaseCommand);

/** A refusal (hotl § 3-2: four weeks to appeal from 15 January) appealed, upheld by the unit, forwarded. */
const appealedRefusal = () => [
  ...paths.refusalIssued(),
  cmd.receiveAppeal({ receivedOn: '2025-01-20', on: '2025-01-20' }),
  cmd.reviewAppeal('upheld', { on: '2025-01-27' }),
  cmd.forwardAppeal({ on: '2025-01-28' }),
];
/** An exclusion decided on 1 April (sosialtjenesteloven: three weeks to appeal). */
const excluded = () => paths.excluded();

describe('obligations projection', () => {
  it('records a decision with the appeal deadline its legal basis gives', () => {
    const spec = projectionSpec(obligationsProjection);
    spec.given(...feed(spec, historyOf(...paths.refusalIssued())));
    expect(spec.rows('obligations_decisions')).toEqual([
      {
        case_id: 'c1',
        decision_id: 'd-refusal',
        person_id: 'p1',
        facility_id: 'f1',
        kind: 'refusal',
        legal_basis: 'hotl_3_2',
        citation: 'helse- og omsorgstjenesteloven § 3-2',
        issued_on: '2025-01-14',
        notified_on: '2025-01-15',
        appeal_deadline: '2025-02-12',
        deadline_rule: 'pbrl_7_5',
        deadline_weeks: 4,
        appeal_body: 'statsforvalteren',
        standing: 'standing',
      },
    ]);
  });

  it('follows an appeal from receipt through review and forwarding to the appeal body, and sets the decision aside', () => {
    const spec = projectionSpec(obligationsProjection);
    spec.given(...feed(spec, historyOf(...appealedRefusal(), cmd.appealOutcome('reversed', { on: '2025-03-01' }))));
    expect(spec.rows('obligations_appeals')).toEqual([
      expect.objectContaining({
        appeal_id: 'ap1',
        decision_id: 'd-refusal',
        decision_kind: 'refusal',
        received_on: '2025-01-20',
        deadline: '2025-02-12',
        late: 0,
        reviewed_on: '2025-01-27',
        review_outcome: 'upheld',
        forwarded_on: '2025-01-28',
        appeal_body: 'statsforvalteren',
        outcome: 'reversed',
        outcome_on: '2025-03-01',
      }),
    ]);
    expect(spec.rows('obligations_decisions')[0].standing).toBe('reversed');
  });

  it('opens the duty to offer other housing with an exclusion and closes it when an alternative is offered', () => {
    const spec = projectionSpec(obligationsProjection);
    spec.given(...feed(spec, historyOf(...excluded())));
    expect(spec.rows('obligations_exclusions')).toEqual([
      expect.objectContaining({
        exclusion_id: 'x1',
        decision_id: 'd-exclusion',
        reasons: 'violence_or_threats',
        decided_on: '2025-04-01',
        effective_on: '2025-04-15',
        obligation: 'open',
        obligation_met_on: null,
      }),
    ]);
    expect(spec.rows('obligations_decisions').filter((d) => d.kind === 'exclusion')).toEqual([
      expect.objectContaining({ decision_id: 'd-exclusion', appeal_deadline: '2025-04-22', deadline_rule: 'fvl_29', standing: 'standing' }),
    ]);
    spec.given(
      ...feed(
        spec,
        historyOf(...excluded(), cmd.moveOut({ exitReason: 'excluded', on: '2025-04-15' }), cmd.alternativeOffered({ on: '2025-04-16' })).slice(-2),
      ),
    );
    expect(spec.rows('obligations_exclusions')).toEqual([
      expect.objectContaining({
        obligation: 'alternative_offered',
        obligation_met_on: '2025-04-16',
        alternative_housing_type: 'municipal_housing',
        moved_out_on: '2025-04-15',
      }),
    ]);
  });

  it('changes nothing when the same events are applied twice', () => {
    const spec = projectionSpec(obligationsProjection);
    const events = feed(spec, [
      ...historyOf(...appealedRefusal(), cmd.appealOutcome('remitted')),
      ...historyOf(...onCase('c2', [...excluded(), cmd.alternativeRefused()])),
      ...historyOf(...onCase('c3', paths.granted())),
    ]);
    spec.given(...events);
    const once = spec.snapshot();
    spec.given(...events);
    expect(spec.snapshot()).toEqual(once);
    expect(once.obligations_decisions).toHaveLength(4); // the refusal; the grant and the exclusion of c2; the grant of c3
    expect(once.obligations_appeals).toHaveLength(1);
    expect(once.obligations_exclusions).toHaveLength(1);
  });
});

describe('obligations query', () => {
  const supervisor: Actor = { userId: 's', username: 's', grants: [{ role: 'supervisor', facilityIds: ['f1'] }] };

  async function dashboard(events: CaseEvent[], today: string, actor = supervisor) {
    const spec = projectionSpec(obligationsProjection);
    spec.given(...feed(spec, events));
    const { readModels, clock } = queryHarness(withPeople(spec, { p1: { givenName: 'Kari', familyName: 'Nordmann' } }), today);
    return new GetObligationsHandler(readModels, clock).execute(new GetObligationsQuery({ actor }));
  }

  it('lists each appeal under the step it waits for, with the days it has waited', async () => {
    const received = onCase('c1', [...paths.refusalIssued(), cmd.receiveAppeal({ appealId: 'a1', receivedOn: '2025-02-14', on: '2025-02-14' })]);
    const reviewed = onCase('c2', [...received, cmd.reviewAppeal('upheld', { appealId: 'a1', on: '2025-02-20' })]);
    const forwarded = onCase('c3', [...reviewed, cmd.forwardAppeal({ appealId: 'a1', on: '2025-02-21' })]);
    const reversed = onCase('c4', [...received, cmd.reviewAppeal('reversed', { appealId: 'a1', on: '2025-02-20' })]);
    const result = await dashboard([...historyOf(...received), ...historyOf(...reviewed), ...historyOf(...forwarded), ...historyOf(...reversed)], '2025-03-01');
    expect(result.appeals.awaitingReview).toEqual([
      expect.objectContaining({ caseId: 'c1', name: { givenName: 'Kari', familyName: 'Nordmann' }, daysWaiting: 15, late: true, deadline: '2025-02-12' }),
    ]);
    expect(result.appeals.awaitingForwarding).toEqual([expect.objectContaining({ caseId: 'c2', daysWaiting: 9 })]);
    expect(result.appeals.awaitingAppealBody).toEqual([expect.objectContaining({ caseId: 'c3', daysWaiting: 8, appealBody: 'statsforvalteren' })]);
    expect(result.appealDeadlinesRunning).toEqual([]);
  });

  it('lists refusals and exclusions that can still be appealed until their deadline, then no longer', async () => {
    const events = [...historyOf(...paths.refusalIssued()), ...historyOf(...onCase('c2', paths.granted()))];
    const before = await dashboard(events, '2025-02-12');
    expect(before.appealDeadlinesRunning).toEqual([expect.objectContaining({ caseId: 'c1', kind: 'refusal', deadline: '2025-02-12', daysLeft: 0 })]);
    expect((await dashboard(events, '2025-02-13')).appealDeadlinesRunning).toEqual([]);
  });

  it('counts the days an exclusion has waited for an alternative, and keeps other facilities out', async () => {
    const result = await dashboard(historyOf(...excluded()), '2025-04-11');
    expect(result.exclusionsAwaitingAlternative).toEqual([
      expect.objectContaining({ exclusionId: 'x1', reasons: ['violence_or_threats'], daysOpen: 10, decisionStanding: 'standing', movedOutOn: null }),
    ]);
    const other: Actor = { userId: 'o', username: 'o', grants: [{ role: 'supervisor', facilityIds: ['f2'] }] };
    expect((await dashboard(historyOf(...excluded()), '2025-04-11', other)).exclusionsAwaitingAlternative).toEqual([]);
  });
});
