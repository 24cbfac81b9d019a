import fc from 'fast-check';
import { EXCLUSION_REASONS } from '../facility/facility.decider';
import { addDays, addMonths, addYears, IsoDate } from '../shared/dates';
import { CaseCommand, CaseCommandType } from './case.commands';
import { allowedCaseCommands, CASE_COMMAND_TYPES } from './case.decide';
import { caseDecider } from './case.decider';
import { CASE_EVENT_TYPES, CaseEvent } from './case.events';
import { CaseState } from './case.state';
import { Agreement, AGREEMENT_KINDS, APPEAL_BODY_OUTCOMES, ASSESSMENT_OUTCOMES, DECISION_KINDS, EXIT_REASONS } from './case.types';
import { DESTINATIONS } from './destination';
import { LEGAL_BASES } from './legal-basis';
import { sampleCommand } from './case.fixtures';

/**
 * Random histories: sequences of commands, mostly of a type the case allows (so that histories get
 * far: move-in, exclusion, closing) and mostly plausible, but varied at random (outcomes, kinds,
 * dates, agreement lengths, blank texts, reused ids, repeated commands) and sometimes of any type.
 * After every step the invariants below must hold.
 */
interface Step {
  fromAllowed: number; // < 8: a type from allowedCaseCommands, else any type
  typeIndex: number;
  advance: number; // days the clock moves
  id: number; // small, so ids get reused
  vary: boolean;
  repeat: number; // 0: send the previous command again
  pick: number;
  days: number;
  flag: boolean;
  blank: boolean;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  fromAllowed: fc.integer({ min: 0, max: 9 }),
  typeIndex: fc.nat({ max: 1000 }),
  advance: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 3 }), weight: 4 }, { arbitrary: fc.integer({ min: 0, max: 40 }), weight: 1 }),
  id: fc.nat({ max: 9 }),
  vary: fc.integer({ min: 0, max: 2 }).map((n) => n === 0),
  repeat: fc.integer({ min: 0, max: 12 }),
  pick: fc.nat({ max: 1000 }),
  days: fc.integer({ min: -10, max: 1500 }),
  flag: fc.boolean(),
  blank: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
});

const of = <T>(list: readonly T[], pick: number): T => list[pick % list.length];
const text = (s: Step, fallback: string) => (s.blank ? ' ' : fallback);

/** The limits as the law and the seeds state them, computed here independently of agreement-limits.ts. */
function ownLimit(kind: string, start: IsoDate): IsoDate {
  if (kind === 'service_agreement') return addMonths(start, 12);
  if (kind === 'temporary_agreement') return addMonths(start, 3);
  return addYears(start, 3); // the minimum of a time-limited lease
}

/** The day before, on, or after an edge. */
const near = (edge: IsoDate, s: Step) => addDays(edge, (((s.days % 3) + 3) % 3) - 1);

function randomAgreement(startsOn: IsoDate, s: Step, kind = of(AGREEMENT_KINDS, s.pick >> 2)): Agreement {
  const indefinite = kind === 'lease' && s.pick % 3 === 0;
  const leaseTerms = { specialTermsHusll11_1: s.flag, writtenNoticeGivenOn: near(startsOn, s), indefinite };
  return {
    kind,
    startsOn,
    endsOn: indefinite ? undefined : s.days > 1000 ? addDays(startsOn, s.days) : near(ownLimit(kind, startsOn), s),
    extensionJustification: kind !== 'lease' && s.flag ? (s.pick % 3 === 0 ? ' ' : 'Waiting for a flat') : undefined,
    leaseTerms: kind === 'lease' ? leaseTerms : undefined,
  };
}

/** Random variations of the fields rules look at. */
function vary(command: CaseCommand, s: Step, state: CaseState): CaseCommand {
  const later = (from: IsoDate) => addDays(from, s.days);
  switch (command.type) {
    case 'RecordAssessmentMeeting': {
      const outcome = of(ASSESSMENT_OUTCOMES, s.pick);
      return { ...command, outcome, priority: outcome === 'waitlisted' || s.flag ? s.pick % 7 : undefined, notes: text(s, command.notes) };
    }
    case 'IssueDecision':
      return { ...command, kind: of(DECISION_KINDS, s.pick), legalBasis: of(LEGAL_BASES, s.pick >> 2), facts: text(s, command.facts) };
    case 'ReviewAppeal':
      return { ...command, outcome: s.flag ? 'reversed' : 'upheld' };
    case 'RecordAppealOutcome':
      return { ...command, outcome: of(APPEAL_BODY_OUTCOMES, s.pick) };
    case 'OfferUnit':
      return { ...command, expiresOn: addDays(command.on, (s.days % 20) - 2) };
    case 'MoveIn': {
      // One aspect at a time, so that each rule is met at its edge rather than drowned by another.
      switch (s.pick % 5) {
        case 0:
          return { ...command, unitId: 'elsewhere' };
        case 1:
          return { ...command, houseRulesAcknowledged: false };
        case 2: {
          // another offer of this case, e.g. one declined earlier, for its own unit
          const other = state.status === 'none' ? undefined : Object.values(state.offers)[0];
          return other ? { ...command, offerId: other.offerId, unitId: other.unitId } : command;
        }
        default:
          return { ...command, agreement: randomAgreement(command.on, s) };
      }
    }
    case 'ExtendAgreement': {
      const agreement = state.status === 'resident' ? state.stay.agreement : undefined;
      const limit = agreement ? ownLimit(agreement.kind, agreement.startsOn) : undefined;
      const endsOn = limit ? near(limit, s) : later(agreement?.endsOn ?? command.on);
      return { ...command, endsOn, extensionJustification: s.flag ? (s.pick % 3 === 0 ? '' : 'Needs more time') : undefined };
    }
    case 'ConvertToLease': {
      if (s.pick % 5 === 0) return { ...command, residentAgrees: false };
      if (s.pick % 5 === 1) return { ...command, landlordAgrees: false };
      const { endsOn, leaseTerms } = randomAgreement(command.leaseStartsOn, s, 'lease');
      return { ...command, endsOn, leaseTerms: leaseTerms ?? command.leaseTerms };
    }
    case 'DecideExclusion':
      return {
        ...command,
        reasons: EXCLUSION_REASONS.filter((_, i) => (s.pick >> i) % 2 === 1),
        overallAssessment: text(s, command.overallAssessment),
      };
    case 'MoveOut':
      return { ...command, destination: of(DESTINATIONS, s.pick), exitReason: of(EXIT_REASONS, s.pick >> 3) };
    case 'CloseCase':
      // Often after the appeal deadlines, so that closing is tried where only the big rules stand in the way.
      return { ...command, on: s.flag ? addDays(command.on, 60) : command.on, reason: text(s, command.reason) };
    default:
      return command;
  }
}

/** What the events say happened, kept apart from the decider's state to check it against. */
interface Shadow {
  acceptedOffer?: { offerId: string; unitId: string };
  agreement?: { kind: string; start: IsoDate; endsOn?: IsoDate; justified: boolean; indefinite: boolean; maxStayDays?: number };
  obligationOpen: boolean;
  closed: boolean;
}

const blankText = (t?: string) => t === undefined || t.trim() === '';

function checkAgreement(a: NonNullable<Shadow['agreement']>) {
  if (a.kind === 'service_agreement') {
    expect(a.endsOn !== undefined && a.endsOn <= addMonths(a.start, 12)).toBe(true);
  } else if (a.kind === 'temporary_agreement') {
    expect(a.endsOn !== undefined && (a.endsOn <= addMonths(a.start, 3) || a.justified)).toBe(true);
  } else {
    expect(a.indefinite ? a.endsOn === undefined : a.endsOn !== undefined && a.endsOn >= addYears(a.start, 3)).toBe(true);
  }
}

/**
 * Where events may happen, as the lifecycle in DOMAIN.md describes it, stated here independently of
 * the handlers' availability checks (which allowedCaseCommands shares with decide).
 */
const STAY = ['resident'];
const ONLY_IN: Partial<Record<CaseEvent['type'], readonly string[]>> = {
  AssessmentMeetingRecorded: ['referred', 'in_assessment'],
  MappingStarted: ['in_assessment'],
  MappingEnded: ['mapping'],
  UnitOffered: ['accepted', 'waitlisted'],
  OfferAccepted: ['offered'],
  OfferExpired: ['offered'],
  OfferDeclined: ['offered', 'offer_accepted'],
  MovedIn: ['offer_accepted'],
  AgreementExtended: STAY,
  AgreementConvertedToLease: STAY,
  IncidentRecorded: [...STAY, 'ambulant'],
  WarningIssued: STAY,
  AbsenceRecorded: STAY,
  ReturnRecorded: STAY,
  UnitTransferred: STAY,
  ExclusionDecided: STAY,
  MovedOut: STAY,
  FollowUpStarted: ['moved_out'],
  AmbulantEnrolled: ['accepted', 'moved_out'],
  ReferralWithdrawn: ['referred', 'in_assessment', 'accepted', 'waitlisted'],
};

function observe(event: CaseEvent, shadow: Shadow, status: string) {
  const allowedIn = ONLY_IN[event.type];
  if (allowedIn) expect({ event: event.type, status, ok: allowedIn.includes(status) }).toEqual({ event: event.type, status, ok: true });
  expect(shadow.closed).toBe(false); // invariant: nothing after CaseClosed
  switch (event.type) {
    case 'OfferAccepted':
      shadow.acceptedOffer = { offerId: event.data.offerId, unitId: event.data.unitId };
      break;
    case 'OfferDeclined':
    case 'OfferExpired':
      if (shadow.acceptedOffer?.offerId === event.data.offerId) shadow.acceptedOffer = undefined;
      break;
    case 'MovedIn': {
      // invariant: a move-in is into the unit of the offer the person accepted
      expect(shadow.acceptedOffer).toEqual({ offerId: event.data.offerId, unitId: event.data.unitId });
      const { kind, startsOn, endsOn, extensionJustification, leaseTerms } = event.data.agreement;
      shadow.agreement = { kind, start: startsOn, endsOn, justified: !blankText(extensionJustification), indefinite: !!leaseTerms?.indefinite };
      checkAgreement(shadow.agreement);
      break;
    }
    case 'AgreementExtended':
      expect(shadow.agreement).toBeDefined();
      shadow.agreement = { ...shadow.agreement!, endsOn: event.data.endsOn, justified: !blankText(event.data.extensionJustification) };
      checkAgreement(shadow.agreement);
      break;
    case 'AgreementConvertedToLease':
      shadow.agreement = {
        kind: 'lease',
        start: event.data.leaseStartsOn,
        endsOn: event.data.endsOn,
        justified: false,
        indefinite: event.data.leaseTerms.indefinite,
      };
      checkAgreement(shadow.agreement);
      break;
    case 'ExclusionDecided':
      shadow.obligationOpen = true;
      break;
    case 'AlternativeOffered':
    case 'AlternativeRefused':
      expect(shadow.obligationOpen).toBe(true);
      shadow.obligationOpen = false;
      break;
    case 'CaseClosed':
      expect(shadow.obligationOpen).toBe(false); // invariant: the obligation stays open until met
      shadow.closed = true;
      break;
  }
}

function checkState(state: CaseState, shadow: Shadow) {
  if (state.status === 'none') return;
  // invariant: an open obligation never disappears without an alternative offered or refused
  expect(state.exclusion?.alternativeObligation === 'open').toBe(shadow.obligationOpen);
  if (state.status === 'resident') {
    // invariant: a resident has an accepted offer that matched the unit moved into
    const offer = state.offers[state.stay.offerId];
    expect(offer?.status).toBe('accepted');
    expect(offer?.unitId).toBe(state.stay.movedInUnitId);
    const { endsOn, limit, justification, kind } = state.stay.agreement;
    if (kind !== 'lease' && limit !== undefined) {
      expect(endsOn !== undefined && (endsOn <= limit || (kind === 'temporary_agreement' && !blankText(justification)))).toBe(true);
    }
  }
}

/**
 * Ending a case early (or leaving for ambulant follow-up) is possible almost everywhere; weigh the
 * commands that move a case forward more, so that histories get far.
 */
const WEIGHTS: Partial<Record<CaseCommandType, number>> = {
  CloseCase: 1,
  WithdrawReferral: 1,
  EnrolAmbulant: 2,
  RecordAssessmentMeeting: 30,
  IssueDecision: 30,
  OfferUnit: 30,
  AcceptOffer: 30,
  MoveIn: 30,
  DecideExclusion: 15,
  MoveOut: 15,
};
const weighted = (types: CaseCommandType[], state: CaseState) =>
  types.flatMap((type) => {
    // After the stay, trying to close is the point: it must wait for the obligation and follow-up.
    const weight = type === 'CloseCase' && state.status === 'moved_out' ? 20 : (WEIGHTS[type] ?? 10);
    return Array<CaseCommandType>(weight).fill(type);
  });

function run(steps: Step[]) {
  let state: CaseState = caseDecider.initialState;
  let clock: IsoDate = '2025-01-06';
  let previous: CaseCommand | undefined;
  const shadow: Shadow = { obligationOpen: false, closed: false };
  const history: CaseEvent[] = [];
  for (const s of steps) {
    clock = addDays(clock, s.advance);
    const allowed = allowedCaseCommands(state);
    const types = s.fromAllowed < 8 && allowed.length > 0 ? weighted(allowed, state) : weighted(CASE_COMMAND_TYPES, state);
    const sample = sampleCommand(types[s.typeIndex % types.length], state, clock, s.id);
    const command = s.repeat === 0 && previous ? previous : s.vary ? vary(sample, s, state) : sample;
    const decision = caseDecider.decide(command, state);

    // invariant: no event after a case is closed
    if (state.status === 'closed') expect(decision.ok ? 'accepted' : decision.error.rule).toBe('case.closed');
    // allowedCaseCommands agrees with decide: a type not offered records nothing
    if (!allowed.includes(command.type)) expect(decision.ok && decision.events.length > 0).toBe(false);

    if (decision.ok) {
      for (const event of decision.events) {
        observe(event, shadow, state.status);
        state = caseDecider.evolve(state, event); // invariant: evolve never throws
      }
      history.push(...decision.events);
    }
    checkState(state, shadow);
    previous = command;
  }
  return { state, history };
}

describe('case properties', () => {
  it('keeps its invariants over random command sequences', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 80, size: 'max' }), (steps) => {
        const { history } = run(steps);
        // evolve is total: any order of the same events folds without throwing
        expect(() => [...history].reverse().reduce(caseDecider.evolve, caseDecider.initialState)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('reaches deep states often enough to mean something', () => {
    const reached = new Set<string>();
    let movedIn = 0;
    const runs = fc.sample(fc.array(stepArb, { minLength: 40, maxLength: 70 }), { numRuns: 120, seed: 42 });
    for (const steps of runs) {
      const { history } = run(steps);
      for (const event of history) reached.add(event.type);
      if (history.some((e) => e.type === 'MovedIn')) movedIn++;
    }
    expect(movedIn / runs.length).toBeGreaterThan(0.3);
    expect(CASE_EVENT_TYPES.filter((type) => !reached.has(type))).toEqual([]);
  });
});
