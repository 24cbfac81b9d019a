import { accept, Decider, nothingToDo, reject } from '../shared/decider';

/**
 * First-run setup: the very first administrator is created with a one-time token, once per
 * installation. `SetupStarted` (appended to an empty stream) is the lock that makes two concurrent
 * setups impossible; if the process dies before `SetupCompleted`, the next setup resumes with the same
 * administrator id instead of creating a second one.
 */
export const SETUP_STREAM = 'system-setup';

export type SetupEvent = { type: 'SetupStarted'; data: { adminUserId: string } } | { type: 'SetupCompleted'; data: { adminUserId: string } };

export type SetupCommand = { type: 'StartSetup'; adminUserId: string } | { type: 'CompleteSetup'; adminUserId: string };

export type SetupState = { status: 'not_started' } | { status: 'started'; adminUserId: string } | { status: 'completed'; adminUserId: string };

export const setupDecider: Decider<SetupCommand, SetupState, SetupEvent> = {
  initialState: { status: 'not_started' },

  decide(command, state) {
    if (state.status === 'completed') return reject('setup.already_completed', 'This installation is already set up');
    switch (command.type) {
      case 'StartSetup':
        if (state.status === 'started') return nothingToDo;
        return accept({ type: 'SetupStarted', data: { adminUserId: command.adminUserId } });
      case 'CompleteSetup':
        if (state.status !== 'started' || state.adminUserId !== command.adminUserId) {
          return reject('setup.not_started', 'Setup was not started for this administrator');
        }
        return accept({ type: 'SetupCompleted', data: { adminUserId: command.adminUserId } });
    }
  },

  evolve(_state, event) {
    switch (event.type) {
      case 'SetupStarted':
        return { status: 'started', adminUserId: event.data.adminUserId };
      case 'SetupCompleted':
        return { status: 'completed', adminUserId: event.data.adminUserId };
    }
  },
};

/** Which administrator a setup run creates: the one an interrupted run started, or a new one. */
export function setupAdminId(state: SetupState, fresh: string): string {
  return state.status === 'not_started' ? fresh : state.adminUserId;
}

export const SETUP_EVENT_SCHEMA_VERSIONS = { SetupStarted: 1, SetupCompleted: 1 } as const;
