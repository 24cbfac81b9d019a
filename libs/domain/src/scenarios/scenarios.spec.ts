import { caseDecider } from '../case/case.decider';
import { CaseCommand } from '../case/case.commands';
import { CaseState } from '../case/case.state';
import { addDays } from '../shared/dates';
import {
  allocatePlaces,
  CaseScript,
  inDateOrder,
  PeopleFactory,
  ScenarioStep,
  ScriptFacility,
  SeededRandom,
  shuffledAcrossPeople,
  UnitCalendar,
  XorShift,
} from '.';

const facility: ScriptFacility = {
  facilityId: 'f1',
  units: [
    { unitId: 'u1', label: 'A', kind: 'temporary' },
    { unitId: 'u2', label: 'B', kind: 'temporary' },
  ],
  team: ['Enhetsleder'],
  legalBasis: 'sotjl_27',
  decidedBy: 'Enhetsleder',
};
const text = { facts: 'Uten bolig', considerations: 'Midlertidig botilbud' };
let n = 0;
const script = (key: string, personKey = key) => new CaseScript(key, personKey, facility, { ids: (name) => `${name}#${++n}` });

/** Decides a script's steps on one case as the application would, adding the facts it loads. */
function decideAll(steps: readonly ScenarioStep[]): CaseState {
  let state = caseDecider.initialState;
  for (const step of steps) {
    const today = '2025-12-31';
    const command = (
      step.kind === 'referral'
        ? {
            type: 'RegisterReferral',
            caseId: 'c1',
            today,
            ...step.input,
            personId: 'p1',
            facility: {
              facilityId: step.facilityId,
              kind: 'temporary_housing',
              targetGroup: { excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: false },
              exclusionReasons: [],
            },
            person: { birthDate: '1980-01-01', gender: 'male' },
          }
        : step.command.type === 'MoveIn' || step.command.type === 'TransferUnit'
          ? { ...step.command, caseId: 'c1', today, unit: { kind: 'temporary' } }
          : { ...step.command, caseId: 'c1', today }
    ) as CaseCommand;
    const decision = caseDecider.decide(command, state);
    if (!decision.ok) throw new Error(`${command.type} on ${step.on} refused: ${decision.error.rule}`);
    state = decision.events.reduce(caseDecider.evolve, state);
  }
  return state;
}

describe('scenarios: the history builder', () => {
  it('draws the same numbers, people and permutations from the same seed, and others from another', () => {
    const draw = (seed: number) => {
      const r = new SeededRandom(seed);
      return [r.next(), r.int(1, 6), r.uuid(), r.weighted({ a: 1, b: 2 }), new XorShift(seed).shuffle([1, 2, 3, 4, 5, 6])];
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    const people = (seed: number) => new PeopleFactory(new SeededRandom(seed), '2026-01-01');
    const a = people(1);
    const b = people(1);
    expect([a.get('x'), a.get('y', { gender: 'female', age: 30 })]).toEqual([b.get('x'), b.get('y', { gender: 'female', age: 30 })]);
    expect(a.get('x')).toBe(a.get('x')); // one person per key
    expect(a.get('y').details).toMatchObject({ gender: 'female', birthDate: expect.stringMatching(/^1995-/) });
    expect(a.get('x').details.identityNumber).toMatch(/^\d{11}$/);
  });

  it('writes a case as dated commands the decider takes, from referral to closing', () => {
    const s = script('c1')
      .refer('2025-01-06', { source: 'nav', referrer: { name: 'NAV' }, reason: 'Uten bolig' })
      .meeting('2025-01-07', 'accepted', 'Innenfor målgruppen')
      .grant('2025-01-08', text)
      .offer('2025-01-09', 7, 'u1')
      .acceptOffer('2025-01-10')
      .moveIn('2025-01-10', { agreement: { kind: 'temporary_agreement', endsOn: '2025-03-10' } })
      .incident('2025-01-20', 'house_rule_breach', 'low', 'Besøk om natten', { on: '2025-01-21', reason: 'Brudd på husordensreglene' })
      .absence('2025-01-25', 'agreed', '2025-01-25')
      .returned('2025-01-27')
      .transfer('2025-02-01', 'Bedre egnet', 'u2')
      .moveOut('2025-03-01', 'private_rental', 'completed')
      .close('2025-03-05', 'Ferdig');
    const steps = s.steps();
    expect(steps.map((x) => (x.kind === 'referral' ? 'RegisterReferral' : x.command.type))).toEqual([
      'RegisterReferral',
      'RecordAssessmentMeeting',
      'IssueDecision',
      'OfferUnit',
      'AcceptOffer',
      'MoveIn',
      'RecordIncident',
      'IssueWarning',
      'RecordAbsence',
      'RecordReturn',
      'TransferUnit',
      'MoveOut',
      'CloseCase',
    ]);
    const warning = steps.find((x) => x.kind === 'command' && x.command.type === 'IssueWarning')!;
    const incident = steps.find((x) => x.kind === 'command' && x.command.type === 'RecordIncident')!;
    // What a command refers to is the script's own earlier command.
    expect(warning.kind === 'command' && warning.command.type === 'IssueWarning' && warning.command.relatedIncidentId).toBe(
      incident.kind === 'command' && incident.command.type === 'RecordIncident' && incident.command.incidentId,
    );
    expect(decideAll(steps).status).toBe('closed');
  });

  it('refuses to write a step dated before the one before it', () => {
    const s = script('c2').refer('2025-02-01', { source: 'nav', referrer: { name: 'NAV' }, reason: 'Uten bolig' });
    expect(() => s.meeting('2025-01-31', 'accepted', 'x')).toThrow(/2025-01-31 comes before 2025-02-01/);
  });

  it('hands out places so that no unit holds two on a day, a place free again the day after its release', () => {
    const scripts = ['a', 'b', 'c'].map((key, i) =>
      script(key)
        .refer(addDays('2025-01-01', i), { source: 'nav', referrer: { name: 'NAV' }, reason: 'x' })
        .offer(addDays('2025-01-05', i))
        .declineOffer(addDays('2025-01-06', i * 3), 'Nei'),
    );
    allocatePlaces(scripts.flatMap((s) => s.holds));
    const [a, b, c] = scripts.map((s) => s.holds[0]);
    // a holds A 5–6 Jan, b holds B 6–9 Jan; c (from 7 Jan) gets A again, free since the 7th.
    expect([a.unitLabel, b.unitLabel, c.unitLabel]).toEqual(['A', 'B', 'A']);
    const late = script('d')
      .refer('2025-01-07', { source: 'nav', referrer: { name: 'NAV' }, reason: 'x' })
      .offer('2025-01-07')
      .offer('2025-01-08');
    expect(() => allocatePlaces([...scripts.flatMap((s) => s.holds), ...late.holds])).toThrow(/no free temporary unit/);
  });

  it('counts places on a calendar with the turnaround and the capacity it is given', () => {
    const sameDay = new UnitCalendar([1], 0);
    sameDay.take({ unit: 0, owner: 'x', from: '2025-01-01', to: '2025-01-10' });
    expect(sameDay.isFree(0, '2025-01-10', '2025-01-12')).toBe(true); // handed on the day it is given up
    expect(sameDay.isFree(0, '2025-01-09', '2025-01-12')).toBe(false);
    const emptyDay = new UnitCalendar([1], 2);
    emptyDay.take({ unit: 0, owner: 'x', from: '2025-01-01', to: '2025-01-10' });
    expect(emptyDay.firstFree('2025-01-05', 3)).toEqual({ unit: 0, day: '2025-01-12' });
    const two = new UnitCalendar([2], 0);
    two.take({ unit: 0, owner: 'x', from: '2025-01-01' });
    expect(two.isFree(0, '2025-02-01')).toBe(true);
    two.take({ unit: 0, owner: 'y', from: '2025-01-05', to: '2025-01-08' });
    expect([two.takenOn(0, '2025-01-06'), two.isFree(0, '2025-01-07', '2025-01-09'), two.isFree(0, '2025-01-08', '2025-01-09')]).toEqual([2, false, true]);
  });

  it('orders steps by date (handovers first on a day when asked) and shuffles across people keeping each person’s order', () => {
    const x = script('x', 'p')
      .refer('2025-01-01', { source: 'nav', referrer: { name: 'NAV' }, reason: 'x' })
      .offer('2025-01-02', 7, 'u1')
      .declineOffer('2025-01-05', 'Nei');
    const y = script('y', 'q')
      .refer('2025-01-01', { source: 'nav', referrer: { name: 'NAV' }, reason: 'x' })
      .offer('2025-01-05', 7, 'u1');
    const steps = [...y.steps(), ...x.steps()];
    const kinds = (s: readonly ScenarioStep[]) => s.map((t) => `${t.on} ${t.caseKey} ${t.kind === 'referral' ? 'refer' : t.command.type}`);
    // Each script numbers its own steps here: y's offer is its step 1, x's decline its step 2.
    expect(kinds(inDateOrder(steps)).slice(-2)).toEqual(['2025-01-05 y OfferUnit', '2025-01-05 x DeclineOffer']);
    expect(kinds(inDateOrder(steps, { handoversFirst: true })).slice(-2)).toEqual(['2025-01-05 x DeclineOffer', '2025-01-05 y OfferUnit']);
    for (const seed of [1, 2, 3]) {
      const shuffled = shuffledAcrossPeople(inDateOrder(steps), seed);
      expect(shuffled.filter((s) => s.caseKey === 'x')).toEqual(inDateOrder(steps).filter((s) => s.caseKey === 'x'));
      expect(shuffled).toHaveLength(steps.length);
    }
  });
});
