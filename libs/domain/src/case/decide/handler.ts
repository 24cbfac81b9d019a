import { Decision, reject } from '../../shared/decider';
import { CaseCommandType, CommandOf } from '../case.commands';
import { daysBetween, IsoDate } from '../../shared/dates';
import { CaseEvent, EventOf } from '../case.events';
import { ActionPlanItem, WaitingListExit } from '../case.types';
import { CaseStatus, OpenCase } from '../case.state';

export type Rejection = Decision<never>;

/**
 * How one command type is decided on an open case, in two steps:
 * - `unavailable(state)`: why no command of this type can succeed in this state (undefined when one
 *   can). It depends on the state only, so the UI's list of actions (allowedCaseCommands) is exactly
 *   the command types for which it is undefined: the list and decide cannot disagree.
 * - `decide(command, state)`: the rules about the command's own fields. It is only called after
 *   `unavailable` returned undefined, which establishes the narrower state `S` it declares.
 * (Declared as methods so that a handler may declare the narrower state it relies on.)
 */
export interface CommandHandler<T extends CaseCommandType, S extends OpenCase = OpenCase> {
  unavailable(state: OpenCase): Rejection | undefined;
  decide(command: CommandOf<T>, state: S): Decision<CaseEvent>;
}

export type Handlers<T extends CaseCommandType> = { readonly [K in T]: CommandHandler<K> };

/** Refuses a command in a status it does not belong to (the generic rule behind the action list). */
export function onlyIn(type: CaseCommandType, ...statuses: CaseStatus[]) {
  return (state: OpenCase): Rejection | undefined =>
    statuses.includes(state.status)
      ? undefined
      : reject('case.not_allowed_in_status', `${type} is not possible while the case is ${state.status}`, {
          details: { status: state.status, command: type },
        });
}

/** The command's own fields, without its type: events carry them under the same names. */
export function fieldsOf<C extends { readonly type: string }>(command: C): Omit<C, 'type'> {
  const { type: _type, ...fields } = command;
  return fields;
}

/** Who and where: on most events, so read models need no other stream. */
export function whom(state: OpenCase) {
  return { personId: state.personId, facilityId: state.facility.facilityId };
}

export const isBlank = (text: string | undefined): boolean => text === undefined || text.trim() === '';

export function noneGiven(list: readonly string[] | undefined): boolean {
  return !list || list.every(isBlank);
}

export function isPriority(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5;
}

/** A tiltaksplan line says what, how and who: all three are needed for it to be followed up. */
export function incompleteActionPlan(plan: readonly ActionPlanItem[], field = 'actionPlan'): Rejection | undefined {
  const index = plan.findIndex((item) => isBlank(item.goal) || isBlank(item.measure) || isBlank(item.responsible));
  if (index < 0) return undefined;
  return reject('care.action_plan_item_incomplete', 'Each action plan line needs a goal, a measure and who is responsible', {
    field: `${field}.${index}`,
  });
}

export function facilityMismatch(state: OpenCase, facilityId: string): Rejection | undefined {
  if (facilityId === state.facility.facilityId) return undefined;
  // One case is one referral to one facility: its target group and exclusion criteria were screened.
  return reject('case.facility_mismatch', 'This case is a referral to another facility; refer the person there anew', {
    field: 'facilityId',
    details: { caseFacilityId: state.facility.facilityId },
  });
}

/**
 * Taking the person off the waiting list, recorded as its own event whatever the cause (withdrawal,
 * move-in, closing), so that "waiting now" is placed minus removed. Nothing when not on the list.
 */
export function leaveWaitingList(
  state: OpenCase,
  { caseId, on }: { readonly caseId: string; readonly on: IsoDate },
  reason: WaitingListExit,
  note?: string,
): EventOf<'RemovedFromWaitingList'>[] {
  const entry = state.waitingList;
  if (!entry) return [];
  return [
    {
      type: 'RemovedFromWaitingList',
      data: {
        caseId,
        on,
        ...whom(state),
        reason,
        note,
        priority: entry.priority,
        placedOn: entry.placedOn,
        waitedDays: Math.max(0, daysBetween(entry.placedOn, on)),
      },
    },
  ];
}
