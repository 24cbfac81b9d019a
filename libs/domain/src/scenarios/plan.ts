import { CaseCommand, MoveIn, RegisterReferral, StartMapping, TransferUnit, WithoutToday } from '../case/case.commands';
import { IsoDate } from '../shared/dates';
import { XorShift } from './random';

/**
 * A history as a plan: what to issue, in which order, with which effective dates. A plan holds no
 * state and runs nothing; each consumer executes it its own way (the demo through the application's
 * services, the e2e fixtures through the running app, the benchmark by deciding and recording events).
 */
type WithoutCase<C> = C extends unknown ? Omit<C, 'caseId'> : never;

/**
 * A case command as a client asks for it: no case id yet (the case is made by the referral), no
 * municipal today (the executor's clock), and none of the facts the application loads from other
 * aggregates (the unit's and the facility's snapshots).
 */
export type PlannedCaseCommand = WithoutCase<
  | WithoutToday<Exclude<CaseCommand, RegisterReferral | MoveIn | TransferUnit | StartMapping>>
  | WithoutToday<Omit<MoveIn, 'unit' | 'facilityMaxStayDays'>>
  | WithoutToday<Omit<TransferUnit, 'unit'>>
  | WithoutToday<Omit<StartMapping, 'assessmentUnit'>>
>;

/** A referral as a client asks for it: the person and the facility are named by the step's keys. */
export type PlannedReferral = Omit<RegisterReferral, 'type' | 'caseId' | 'facility' | 'person' | 'today' | 'personId'>;

export type ScenarioStep =
  | {
      readonly kind: 'referral';
      readonly on: IsoDate;
      /** Creation order across the whole scenario: the tie-break on a day. */
      readonly seq: number;
      readonly caseKey: string;
      readonly personKey: string;
      readonly facilityId: string;
      readonly input: PlannedReferral;
    }
  | { readonly kind: 'command'; readonly on: IsoDate; readonly seq: number; readonly caseKey: string; readonly command: PlannedCaseCommand };

/** Places given up first, then transfers (which give one up and take one), then what takes a place. */
const GIVING_UP: Readonly<Partial<Record<PlannedCaseCommand['type'], number>>> = { MoveOut: 0, DeclineOffer: 0, ExpireOffer: 0, TransferUnit: 1 };
const givesUpFirst = (s: ScenarioStep) => (s.kind === 'command' ? (GIVING_UP[s.command.type] ?? 2) : 2);

/**
 * The steps by effective date, as the municipality would have recorded them; on one day in creation
 * order, or, with `handoversFirst`, what gives up a place before what takes one (a same-day handover).
 */
export function inDateOrder<S extends ScenarioStep>(steps: readonly S[], options: { handoversFirst?: boolean } = {}): S[] {
  const tie = options.handoversFirst ? (a: S, b: S) => givesUpFirst(a) - givesUpFirst(b) : () => 0;
  return [...steps].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0) || tie(a, b) || a.seq - b.seq);
}

/**
 * The steps interleaved across people at random (a fixed seed), each person's own steps kept in
 * their order: a case worker types one person's file in the order it happened, but the people of a
 * shift, a week or a year after the fact in any order.
 */
export function shuffledAcrossPeople<S extends ScenarioStep>(steps: readonly S[], seed: number): S[] {
  const personOfCase = new Map<string, string>();
  for (const s of steps) if (s.kind === 'referral') personOfCase.set(s.caseKey, s.personKey);
  const queues = new Map<string, S[]>();
  for (const s of steps) {
    const person = personOfCase.get(s.caseKey) ?? s.caseKey;
    queues.set(person, [...(queues.get(person) ?? []), s]);
  }
  const pending = [...queues.values()];
  const out: S[] = [];
  const random = new XorShift(seed);
  while (pending.length > 0) {
    const i = random.below(pending.length);
    out.push(pending[i].shift()!);
    if (pending[i].length === 0) pending.splice(i, 1);
  }
  return out;
}
