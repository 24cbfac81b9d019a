/**
 * The shape of every aggregate in this domain (after the Decider pattern):
 * - `decide(command, state)` returns the events a command causes, or a DomainError naming the broken
 *   rule. A command that was already applied returns no events (idempotent), not an error.
 * - `evolve(state, event)` folds one event into the state. It never fails and never decides.
 * Deciders are pure: time, ids and facts from other aggregates arrive inside the command.
 */
export interface Decider<Command, State, Event> {
  readonly initialState: State;
  decide(command: Command, state: State): Decision<Event>;
  evolve(state: State, event: Event): State;
}

/** A rule from the law or the offer's criteria was broken; `rule` is a stable dotted name. */
export interface DomainError {
  readonly kind: 'domain_error';
  readonly rule: string;
  readonly message: string;
  /** The command field the rule is about, when there is one: forms show the message beside it. */
  readonly field?: string;
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

export type Decision<Event> = { readonly ok: true; readonly events: readonly Event[] } | { readonly ok: false; readonly error: DomainError };

export function accept<Event>(...events: Event[]): Decision<Event> {
  return { ok: true, events };
}

/** Already done: nothing to record. */
export const nothingToDo: Decision<never> = { ok: true, events: [] };

export function reject(rule: string, message: string, extra: { field?: string; details?: DomainError['details'] } = {}): Decision<never> {
  return { ok: false, error: { kind: 'domain_error', rule, message, ...extra } };
}

export function isDomainError(value: unknown): value is DomainError {
  return typeof value === 'object' && value !== null && (value as DomainError).kind === 'domain_error';
}

/** Folds a history into a state with the decider's own evolve (used by command handlers and replay). */
export function fold<State, Event>(decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>, events: Iterable<Event>): State {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

/** Applies a decision's events to a state: what the state will be once they are stored. */
export function applyDecision<Command, State, Event>(decider: Decider<Command, State, Event>, state: State, command: Command) {
  const decision = decider.decide(command, state);
  if (!decision.ok) return { decision, state };
  return { decision, state: decision.events.reduce(decider.evolve, state) };
}
