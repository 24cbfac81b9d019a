import { CaseCommand, CaseEvent } from '@app/domain';
import { projectionSpec } from '@app/projections';
import { boligNu, cmd, historyOf, paths } from '@app/domain/case/case.fixtures';
import { outcomesProjection } from './outcomes.projection';

const feed = (spec: ReturnType<typeof projectionSpec>, events: CaseEvent[]) =>
  events.map((e) => spec.event(e.type, e.data, { stream: `case-${e.data.caseId}` }));
const onCase = (caseId: string, commands: CaseCommand[]) => commands.map((c) => ({ ...c, caseId }) as CaseCommand);

/** Waitlisted, offered, moved in, two incidents, excluded for two reasons, moved out. */
const excludedStay = () => [
  cmd.register({ facility: { ...boligNu, exclusionReasons: ['extensive_substance_use', 'violence_or_threats'] } }),
  cmd.meeting('waitlisted'),
  cmd.decision('grant'),
  cmd.offer({ on: '2025-01-20' }),
  cmd.accept(),
  cmd.moveIn({ on: '2025-02-01', agreement: { kind: 'temporary_agreement', startsOn: '2025-02-01', endsOn: '2025-04-30' }, unit: { kind: 'temporary' } }),
  cmd.incident({ incidentId: 'i1', on: '2025-03-01', kind: 'substance_use_in_common_areas' }),
  cmd.incident({ incidentId: 'i2', on: '2025-03-20', kind: 'threat_or_violence' }),
  cmd.exclude({ on: '2025-04-01', effectiveOn: '2025-04-15', reasons: ['extensive_substance_use', 'violence_or_threats'] }),
  cmd.moveOut({ on: '2025-04-15', exitReason: 'excluded', destination: 'shelter_or_guesthouse' }),
];

describe('outcomes projection', () => {
  it('keeps the facts of a stay from referral to move-out: person, waiting list, offer, stay, exclusion and its reasons, incidents', () => {
    const spec = projectionSpec(outcomesProjection);
    spec.given(...feed(spec, historyOf(...excludedStay())));
    expect(spec.rows('outcomes_referrals')).toEqual([
      { case_id: 'c1', person_id: 'p1', facility_id: 'f1', referred_on: '2025-01-06', age_on_referral: 34, gender: 'female', referral_source: 'nav' },
    ]);
    expect(spec.rows('outcomes_waiting_list')).toEqual([
      { case_id: 'c1', placed_on: '2025-01-13', person_id: 'p1', facility_id: 'f1', removed_on: '2025-02-01', removal_reason: 'moved_in' },
    ]);
    expect(spec.rows('outcomes_offers')).toEqual([
      expect.objectContaining({ offer_id: 'o1', offered_on: '2025-01-20', offer_number: 1, status: 'accepted', answered_on: '2025-01-21' }),
    ]);
    expect(spec.rows('outcomes_stays')).toEqual([
      {
        case_id: 'c1',
        person_id: 'p1',
        facility_id: 'f1',
        unit_id: 'u1',
        moved_in_on: '2025-02-01',
        age_on_move_in: 34,
        agreement_kind: 'temporary_agreement',
        moved_out_on: '2025-04-15',
        destination: 'shelter_or_guesthouse',
        destination_category: 'homeless',
        exit_reason: 'excluded',
        nights: 73,
        exclusion_id: 'x1',
      },
    ]);
    expect(spec.rows('outcomes_exclusions')).toEqual([
      expect.objectContaining({ exclusion_id: 'x1', decided_on: '2025-04-01', effective_on: '2025-04-15', decision_id: 'd-exclusion' }),
    ]);
    expect(spec.rows('outcomes_exclusion_reasons', 'reason').map((r) => r.reason)).toEqual(['extensive_substance_use', 'violence_or_threats']);
    expect(spec.rows('outcomes_incidents', 'occurred_on').map((r) => [r.occurred_on, r.kind])).toEqual([
      ['2025-03-01', 'substance_use_in_common_areas'],
      ['2025-03-20', 'threat_or_violence'],
    ]);
  });

  it('records withdrawals with their reason and the status they came from, and declined offers', () => {
    const spec = projectionSpec(outcomesProjection);
    spec.given(
      ...feed(spec, [
        ...historyOf(...paths.waitlisted(), cmd.withdraw({ on: '2025-02-10', reason: 'found_housing_themselves' })),
        ...historyOf(...onCase('c2', [...paths.offered(), cmd.decline({ on: '2025-01-22' })])),
      ]),
    );
    expect(spec.rows('outcomes_withdrawals')).toEqual([
      { case_id: 'c1', person_id: 'p1', facility_id: 'f1', withdrawn_on: '2025-02-10', reason: 'found_housing_themselves', from_status: 'waitlisted' },
    ]);
    expect(spec.rows('outcomes_waiting_list')).toEqual([
      expect.objectContaining({ case_id: 'c1', removed_on: '2025-02-10', removal_reason: 'referral_withdrawn' }),
    ]);
    expect(spec.rows('outcomes_offers')).toEqual([expect.objectContaining({ case_id: 'c2', status: 'declined', answered_on: '2025-01-22' })]);
  });

  it("drops the gender, read from the person's encrypted snapshot, when the person is forgotten", () => {
    const spec = projectionSpec(outcomesProjection);
    spec.given(...feed(spec, historyOf(...paths.resident())));
    spec.given(spec.event('PersonForgotten', { personId: 'p1', on: '2025-06-01', legalBasis: 'gdpr_art_17_consent_withdrawn' }, { stream: 'person-p1' }));
    expect(spec.rows('outcomes_referrals')).toEqual([expect.objectContaining({ person_id: 'p1', gender: null, age_on_referral: 34 })]);
    expect(spec.rows('outcomes_stays')).toHaveLength(1);
  });

  it('changes nothing when the same events are applied twice', () => {
    const spec = projectionSpec(outcomesProjection);
    const events = feed(spec, [
      ...historyOf(...excludedStay()),
      ...historyOf(...onCase('c2', [...paths.waitlisted(), cmd.withdraw({ on: '2025-01-20' })])),
      ...historyOf(...onCase('c3', [...paths.offered(), cmd.decline()])),
      ...historyOf(...onCase('c4', [...paths.movedOut()])),
    ]);
    spec.given(...events);
    const once = spec.snapshot();
    spec.given(...events);
    expect(spec.snapshot()).toEqual(once);
    expect(once.outcomes_referrals).toHaveLength(4);
    expect(once.outcomes_stays).toHaveLength(2);
    expect(once.outcomes_exclusion_reasons).toHaveLength(2);
  });
});
