import { addDays } from '../shared/dates';
import { allowedCaseCommands, CASE_COMMAND_TYPES } from './case.decide';
import { caseDecider } from './case.decider';
import { history, PathName, paths, sampleCommand, stateOf } from './case.fixtures';

/**
 * The UI shows the actions allowedCaseCommands lists. It must agree with decide: a command of a type
 * not in the list is refused, and a plausible command of a type in the list goes through.
 */
const PATHS = Object.keys(paths) as PathName[];
const lastDay = (name: PathName) => {
  const events = history(name);
  return events
    .map((e) => e.data.on)
    .sort()
    .at(-1) as string;
};

describe('allowedCaseCommands', () => {
  it('offers only RegisterReferral on an empty stream, and nothing on a closed case', () => {
    expect(allowedCaseCommands(caseDecider.initialState)).toEqual(['RegisterReferral']);
    expect(allowedCaseCommands(stateOf(history('closed')))).toEqual([]);
  });

  it('lists the actions of a new referral', () => {
    expect(allowedCaseCommands(stateOf(history('referred')))).toEqual([
      'WithdrawReferral',
      'RecordAssessmentMeeting',
      'RecordRiskAssessment',
      'CloseCase',
      'RenewConsent',
      'WithdrawConsent',
    ]);
  });

  it('lists the actions of a resident', () => {
    expect(allowedCaseCommands(stateOf(history('resident')))).toEqual([
      'ReceiveAppeal',
      'ExtendAgreement',
      'ConvertToLease',
      'TransferUnit',
      'RecordIncident',
      'IssueWarning',
      'RecordAbsence',
      'RecordRiskAssessment',
      'AssignContactPersons',
      'UpdateCrisisPlan',
      'UpdateActionPlan',
      'DecideExclusion',
      'MoveOut',
      'RenewConsent',
      'WithdrawConsent',
    ]);
  });

  it('lists the actions after an exclusion and move-out: meet the obligation first', () => {
    expect(allowedCaseCommands(stateOf(history('excludedMovedOut')))).toEqual([
      'ReceiveAppeal',
      'RecordAlternativeOffered',
      'RecordAlternativeRefused',
      'StartFollowUp',
      'EnrolAmbulant',
      'RenewConsent',
      'WithdrawConsent',
    ]);
  });

  describe.each(PATHS)('in the state after "%s"', (name) => {
    const state = stateOf(history(name));
    const on = addDays(lastDay(name), 1);
    const allowed = allowedCaseCommands(state);

    it('refuses every command type not listed', () => {
      for (const type of CASE_COMMAND_TYPES.filter((t) => !allowed.includes(t))) {
        const decision = caseDecider.decide(sampleCommand(type, state, on, 99), state);
        expect({ type, ok: decision.ok }).toEqual({ type, ok: false });
      }
    });

    it('accepts a plausible command of every type listed', () => {
      for (const type of allowed) {
        // Closing waits for a running appeal deadline: a date rule the action list cannot know.
        const day = type === 'CloseCase' ? '2026-01-01' : on;
        const decision = caseDecider.decide(sampleCommand(type, state, day, 99), state);
        expect({ type, rule: decision.ok ? 'ok' : decision.error.rule }).toEqual({ type, rule: 'ok' });
      }
    });
  });
});
