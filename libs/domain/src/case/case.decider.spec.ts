import { specFor } from '../shared/given-when-then';
import { CASE_COMMAND_TYPES } from './case.decide';
import { caseDecider, caseStream } from './case.decider';
import { CASE_EVENT_SCHEMA_VERSIONS, CASE_EVENT_TYPES, CASE_PERSONAL_FIELDS, CaseEvent } from './case.events';
import { cmd, history, historyOf, paths, sampleCommand, stateOf } from './case.fixtures';

const given = specFor(caseDecider);

/** One history touching every event type: a Bolig Nu stay from referral to closing, with the extras. */
const wholeLife = (): CaseEvent[] => [
  ...historyOf(
    ...paths.mapping(),
    cmd.endMapping(),
    cmd.meeting('waitlisted', { meetingId: 'm2', on: '2025-03-11' }),
    cmd.decision('grant', { on: '2025-03-12', notifiedOn: '2025-03-12', letter: { text: '# Vedtak', sha256: '0'.repeat(64) } }),
    cmd.changePriority(1, { on: '2025-03-12' }),
    cmd.offer({ on: '2025-03-13', expiresOn: '2025-03-20' }),
    cmd.decline({ on: '2025-03-14' }),
    cmd.offer({ offerId: 'o2', on: '2025-03-15', expiresOn: '2025-03-16' }),
    cmd.expire({ offerId: 'o2', on: '2025-03-17' }),
    cmd.offer({ offerId: 'o3', on: '2025-03-18', expiresOn: '2025-03-25' }),
    cmd.accept({ offerId: 'o3', on: '2025-03-19' }),
    cmd.risk({ on: '2025-03-19' }),
    cmd.withdrawConsent({ on: '2025-03-19', note: 'Will not have the GP told' }),
    cmd.renewConsent({ on: '2025-03-19', recipients: ['nav'] }),
    cmd.moveIn({ offerId: 'o3', on: '2025-03-20', agreement: { kind: 'service_agreement', startsOn: '2025-03-20', endsOn: '2025-09-20' } }),
    cmd.extend('2025-12-20', { on: '2025-04-01', extensionJustification: 'Waiting for a lease to be ready' }),
    cmd.incident({ on: '2025-04-02' }),
    cmd.warning({ on: '2025-04-03' }),
    cmd.absence({ on: '2025-04-05', from: '2025-04-04' }),
    cmd.returned({ on: '2025-04-06' }),
    cmd.contacts({ on: '2025-04-07' }),
    cmd.crisisPlan({ on: '2025-04-07' }),
    cmd.actionPlan({ on: '2025-04-07' }),
    cmd.transfer({ on: '2025-04-08' }),
    cmd.convert({
      on: '2025-04-09',
      leaseStartsOn: '2025-04-10',
      leaseTerms: { specialTermsHusll11_1: true, writtenNoticeGivenOn: '2025-04-09', writtenNoticeStatesFewerRights: true, indefinite: true },
    }),
    cmd.exclude({ on: '2025-05-01', effectiveOn: '2025-05-10' }),
    cmd.receiveAppeal({ on: '2025-05-02', receivedOn: '2025-05-02', decisionId: 'd-exclusion' }),
    cmd.reviewAppeal('upheld', { on: '2025-05-03' }),
    cmd.forwardAppeal({ on: '2025-05-04' }),
    cmd.appealOutcome('upheld', { on: '2025-05-20', note: 'Statsforvalteren upholds the exclusion' }),
    cmd.moveOut({ on: '2025-05-10', exitReason: 'excluded', destination: 'transit' }),
    cmd.alternativeOffered({ on: '2025-05-11' }),
    cmd.startFollowUp({ on: '2025-05-12' }),
    cmd.endFollowUp({ on: '2025-08-12' }),
    cmd.enrolAmbulant({ on: '2025-08-13' }),
    cmd.endAmbulant({ on: '2025-09-01', note: 'Moved to another municipality' }),
    cmd.close({ on: '2025-09-02' }),
  ),
];

describe('case decider', () => {
  it('names its stream', () => {
    expect(caseStream('c1')).toBe('case-c1');
  });

  it('records a whole life of a case, touching every event type but a withdrawal and a refused alternative', () => {
    const types = new Set(wholeLife().map((e) => e.type));
    const missing = CASE_EVENT_TYPES.filter((t) => !types.has(t));
    expect(missing).toEqual(['ReferralWithdrawn', 'AlternativeRefused']);
  });

  describe('invariant: no event after a case is closed', () => {
    it.each(CASE_COMMAND_TYPES)('refuses %s with case.closed', (type) => {
      const state = stateOf(history('closed'));
      const decision = caseDecider.decide(sampleCommand(type, state, '2025-10-01', 1), state);
      expect(decision.ok ? 'accepted' : decision.error.rule).toBe('case.closed');
    });
    it('refuses even a repeat of a command applied before closing', () => {
      given(...history('closed'))
        .when(cmd.register())
        .thenRejects('case.closed');
    });
    it('ignores any event folded after CaseClosed', () => {
      const closed = stateOf(history('closed'));
      expect(caseDecider.evolve(closed, history('resident')[5])).toBe(closed);
    });
  });

  it('knows no case before its referral', () => {
    given().when(cmd.meeting('accepted')).thenRejects('case.not_found');
  });

  it('refuses a command for another case', () => {
    given(...history('referred'))
      .when(cmd.meeting('accepted', { caseId: 'c2' }))
      .thenRejects('case.id_mismatch', 'caseId');
  });

  it.each([
    ['on', cmd.meeting('accepted', { on: '2025-02-30' })],
    ['expiresOn', cmd.offer({ expiresOn: '27.01.2025' })],
    ['person.birthDate', cmd.register({ person: { birthDate: '1990-13-01' } })],
    ['agreement.endsOn', cmd.moveIn({ agreement: { kind: 'service_agreement', startsOn: '2025-02-01', endsOn: 'soon' } })],
    ['decision.notifiedOn', cmd.exclude({ decision: { ...cmd.exclude().decision, notifiedOn: '' } })],
  ])('refuses a date that is not a calendar date (%s)', (field, command) => {
    given().when(command).thenRejects('command.invalid_date', field);
  });

  it('folds an event that does not fit the state without failing', () => {
    const events = wholeLife();
    const referral = stateOf(history('referred'));
    for (const event of events) expect(() => caseDecider.evolve(referral, event)).not.toThrow();
    expect(caseDecider.evolve(caseDecider.initialState, events[1])).toEqual({ status: 'none' });
  });

  describe('event schema', () => {
    it('versions every event type at 1', () => {
      expect(Object.keys(CASE_EVENT_SCHEMA_VERSIONS).sort()).toEqual([...CASE_EVENT_TYPES].sort());
      expect(new Set(Object.values(CASE_EVENT_SCHEMA_VERSIONS))).toEqual(new Set([1]));
    });
    it('lists personal fields that exist on the events', () => {
      const events = [...wholeLife(), ...history('referred', cmd.withdraw({ note: 'Lives with a sister' })), ...history('excluded', cmd.alternativeRefused())];
      for (const [type, paths] of Object.entries(CASE_PERSONAL_FIELDS)) {
        const samples = events.filter((e) => e.type === type);
        expect({ type, found: samples.length > 0 }).toEqual({ type, found: true });
        for (const path of paths ?? []) {
          const top = path.split('.')[0];
          expect({ type, path, present: samples.some((e) => top in e.data) }).toEqual({ type, path, present: true });
        }
      }
    });
    it('carries caseId, on and personId on every event', () => {
      for (const event of wholeLife()) expect(event.data).toMatchObject({ caseId: 'c1', on: expect.any(String), personId: 'p1' });
    });
  });
});
