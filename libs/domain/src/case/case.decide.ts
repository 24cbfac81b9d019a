import { Decision, reject } from '../shared/decider';
import { isIsoDate } from '../shared/dates';
import { firstInvalidDate, futureFact } from './case.dates';
import { outOfOrder } from './decide/order';
import { CaseCommand, CaseCommandType } from './case.commands';
import { CaseEvent } from './case.events';
import { CaseState, OpenCase } from './case.state';
import { assessmentHandlers } from './decide/assessment';
import { careHandlers } from './decide/care';
import { consentHandlers } from './decide/consent';
import { decisionHandlers } from './decide/decisions';
import { exitHandlers } from './decide/exit';
import { followUpHandlers } from './decide/follow-up';
import { CommandHandler, Handlers } from './decide/handler';
import { placementHandlers } from './decide/placement';
import { referralHandlers, registerReferral } from './decide/referral';
import { stayHandlers } from './decide/stay';
import { repeatOf } from './idempotency';

/** Every command type's handler; typed as a full record, so a new command cannot be forgotten here. */
const HANDLERS: Handlers<CaseCommandType> = {
  ...referralHandlers,
  ...assessmentHandlers,
  ...decisionHandlers,
  ...placementHandlers,
  ...stayHandlers,
  ...careHandlers,
  ...exitHandlers,
  ...followUpHandlers,
  ...consentHandlers,
};

export const CASE_COMMAND_TYPES = Object.keys(HANDLERS) as CaseCommandType[];

/**
 * Decides a command on a case, in this order:
 * 1. a closed case refuses everything (`case.closed`): nothing may be recorded after closing;
 * 2. dates must be calendar dates (`command.invalid_date`), and what the command says has happened
 *    may not lie after the municipality's today (`command.date_in_future`; plans may, case.dates.ts);
 * 3. only RegisterReferral starts a case; it must name this case;
 * 4. a command already applied records nothing (see idempotency.ts);
 * 5. the command type must be possible in this state (the same check as allowedCaseCommands);
 * 6. the command is not dated before the steps it follows (`case.step_order`, decide/order.ts);
 * 7. the command's own rules.
 * `today` is taken off the command first: it is the moment of asking, never part of what is recorded.
 */
export function decideCase(input: CaseCommand, state: CaseState): Decision<CaseEvent> {
  if (state.status === 'closed') return reject('case.closed', 'The case is closed; nothing more can be recorded on it');
  const { today, ...rest } = input;
  const command = rest as CaseCommand;
  if (!isIsoDate(today)) return reject('command.invalid_date', 'today is not a calendar date (YYYY-MM-DD)', { field: 'today' });
  const invalidDate = firstInvalidDate(command);
  if (invalidDate !== undefined) {
    return reject('command.invalid_date', `${invalidDate} is not a calendar date (YYYY-MM-DD)`, { field: invalidDate });
  }
  const future = futureFact(command, today);
  if (future) return future;
  if (state.status === 'none') {
    return command.type === 'RegisterReferral' ? registerReferral(command) : reject('case.not_found', 'No such case');
  }
  if (command.caseId !== state.caseId) return reject('case.id_mismatch', 'The command is for another case', { field: 'caseId' });
  const repeat = repeatOf(command, state);
  if (repeat) return repeat;
  const handler = HANDLERS[command.type] as CommandHandler<CaseCommandType>;
  return handler.unavailable(state) ?? outOfOrder(command, state) ?? handler.decide(command, state);
}

/** The command types that may succeed in this state: the actions the UI offers. */
export function allowedCaseCommands(state: CaseState): CaseCommandType[] {
  if (state.status === 'none') return ['RegisterReferral'];
  if (state.status === 'closed') return [];
  return CASE_COMMAND_TYPES.filter((type) => HANDLERS[type].unavailable(state as OpenCase) === undefined);
}
