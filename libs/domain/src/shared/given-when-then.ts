import { Decider, fold } from './decider';

/**
 * Given/when/then for deciders, for specs: given a history, when a command is decided, then these
 * events follow, or this rule is broken. Also checks that evolve accepts what decide produced.
 */
export function specFor<C, S, E>(decider: Decider<C, S, E>) {
  return (...history: E[]) => ({
    when(command: C) {
      const state = fold(decider, history);
      const decision = decider.decide(command, state);
      return {
        then(...expected: E[]) {
          if (!decision.ok) throw new Error(`Expected events, got rule ${decision.error.rule}: ${decision.error.message}`);
          expect(decision.events).toEqual(expected);
          // The resulting state must fold without throwing.
          decision.events.reduce(decider.evolve, state);
        },
        thenNothing() {
          if (!decision.ok) throw new Error(`Expected no events, got rule ${decision.error.rule}`);
          expect(decision.events).toEqual([]);
        },
        thenRejects(rule: string, field?: string) {
          if (decision.ok) throw new Error(`Expected rule ${rule} to be broken, got ${JSON.stringify(decision.events)}`);
          expect(decision.error.rule).toBe(rule);
          if (field !== undefined) expect(decision.error.field).toBe(field);
        },
        /** The command records events of these types, in this order (at least one). */
        thenRecords(...types: string[]) {
          if (!decision.ok) throw new Error(`Expected ${types.join(', ')}, got rule ${decision.error.rule}: ${decision.error.message}`);
          if (types.length === 0) throw new Error('thenRecords needs the types it expects; use thenNothing for none');
          expect(decision.events.map((e) => (e as { type: string }).type)).toEqual(types);
          decision.events.reduce(decider.evolve, state);
        },
        /**
         * For assertions on part of the events (e.g. computed fields). An expectation of events fails
         * when the command records none: a spec that reads `events()` must not pass on a no-op.
         */
        events(): E[] {
          if (!decision.ok) throw new Error(`Expected events, got rule ${decision.error.rule}: ${decision.error.message}`);
          if (decision.events.length === 0) throw new Error('Expected events, got none (the command was taken as already applied)');
          decision.events.reduce(decider.evolve, state);
          return [...decision.events];
        },
      };
    },
  });
}
