import { Decider } from '../shared/decider';
import { CaseCommand } from './case.commands';
import { decideCase } from './case.decide';
import { CaseEvent } from './case.events';
import { evolveCase } from './case.evolve';
import { CaseState } from './case.state';

/**
 * The case aggregate: one referral episode of one person to one facility, from referral through
 * assessment, decisions and appeals, waiting list and offers, the stay, exclusion, move-out and
 * follow-up, to closing. Pure: dates, ids and other aggregates' facts arrive in the commands.
 */
export const caseStream = (caseId: string) => `case-${caseId}`;

export const caseDecider: Decider<CaseCommand, CaseState, CaseEvent> = {
  initialState: { status: 'none' },
  decide: decideCase,
  evolve: evolveCase,
};
