import { IsoDate } from '../../shared/dates';
import { reject } from '../../shared/decider';
import { CaseCommand, CaseCommandType, CommandOf } from '../case.commands';
import { CaseEventType } from '../case.events';
import { OpenCase, setAsideOn, standingGrant } from '../case.state';
import { Rejection } from './handler';

/**
 * The steps of a case keep their order on effective dates: a step is not dated before the steps it
 * follows from (an offer not before the grant or the day the case came to wait for one, a move-in not
 * before the offer was accepted, an agreement not before the move-in, a withdrawal not before anything
 * recorded, a move-out not before the last thing that happened during the stay, ...). Entered after
 * the fact, a step may still come late in the log; it may not come early on the calendar.
 *
 * Each command lists the days it may not precede: `{ field, notBefore, step }` says the command's
 * `field` (default `on`) is on or after `notBefore`, the day of `step` (an event type, shown to users
 * by its name). The table is a full record, so no command can be left without its order.
 */
interface After {
  readonly notBefore: IsoDate | undefined;
  readonly step: CaseEventType;
  readonly field?: string;
}
type Order<T extends CaseCommandType> = (command: CommandOf<T>, state: OpenCase) => readonly After[];

/** The day the case came into its status, by the step that brought it there. */
const sinceStatus = (state: OpenCase): After => ({ notBefore: state.statusSince, step: state.statusStep });
const afterGrant = (state: OpenCase): After => ({ notBefore: standingGrant(state)?.issuedOn, step: 'DecisionIssued' });
const afterMoveIn = (state: OpenCase): After => ({ notBefore: state.stay?.movedInOn, step: 'MovedIn' });
/** Everything recorded outside appeals: what ends the referral or the stay comes after it all. */
const afterEverything = (state: OpenCase): After => ({ notBefore: state.activityOn, step: state.activityStep });
const latestDecisionOn = (state: OpenCase) =>
  Object.values(state.decisions).reduce<IsoDate | undefined>((d, r) => (d && d > r.issuedOn ? d : r.issuedOn), undefined);
const appealOf = (state: OpenCase, appealId: string) => state.appeals[appealId];

const ORDER: { readonly [T in CaseCommandType]: Order<T> } = {
  RegisterReferral: () => [],
  // Beside the case: not before the referral the consent came with.
  RenewConsent: (_c, s) => [{ notBefore: s.referredOn, step: 'ReferralRegistered' }],
  WithdrawConsent: (_c, s) => [{ notBefore: s.referredOn, step: 'ReferralRegistered' }],
  WithdrawReferral: (_c, s) => [afterEverything(s)],
  RecordAssessmentMeeting: (_c, s) => [sinceStatus(s)],
  StartMapping: (_c, s) => [sinceStatus(s)],
  EndMapping: (_c, s) => [sinceStatus(s)],
  IssueDecision: (_c, s) => {
    const replaced = s.grantDecisionId ? setAsideOn(s, s.grantDecisionId) : undefined;
    return [
      { notBefore: s.assessedOn, step: 'AssessmentMeetingRecorded' },
      { notBefore: latestDecisionOn(s), step: 'DecisionIssued' },
      { notBefore: replaced, step: 'AppealReviewed' },
    ];
  },
  ReceiveAppeal: (c, s) => {
    const issued = s.decisions[c.decisionId]?.issuedOn;
    return [
      { notBefore: issued, step: 'DecisionIssued' },
      { notBefore: issued, step: 'DecisionIssued', field: 'receivedOn' },
    ];
  },
  ReviewAppeal: (c, s) => [{ notBefore: appealOf(s, c.appealId)?.receivedOn, step: 'AppealReceived' }],
  ForwardAppeal: (c, s) => [{ notBefore: appealOf(s, c.appealId)?.review?.on, step: 'AppealReviewed' }],
  RecordAppealOutcome: (c, s) => [{ notBefore: appealOf(s, c.appealId)?.forwardedOn, step: 'AppealForwarded' }],
  PlaceOnWaitingList: (_c, s) => [sinceStatus(s), afterGrant(s)],
  ChangeWaitingListPriority: (_c, s) => [{ notBefore: s.waitingList?.changedOn, step: 'PlacedOnWaitingList' }],
  RemoveFromWaitingList: (_c, s) => [sinceStatus(s), { notBefore: s.waitingList?.changedOn, step: 'WaitingListPriorityChanged' }],
  OfferUnit: (_c, s) => [sinceStatus(s), afterGrant(s)],
  AcceptOffer: (_c, s) => [sinceStatus(s)],
  DeclineOffer: (_c, s) => [sinceStatus(s)],
  ExpireOffer: (_c, s) => [sinceStatus(s)],
  MoveIn: (c, s) => [sinceStatus(s), afterGrant(s), { notBefore: c.on, step: 'MovedIn', field: 'agreement.startsOn' }],
  ExtendAgreement: (_c, s) => [afterMoveIn(s)],
  ConvertToLease: (_c, s) => [
    afterMoveIn(s),
    { notBefore: s.stay?.movedInOn, step: 'MovedIn', field: 'leaseStartsOn' },
    { notBefore: s.stay?.agreement.startsOn, step: 'MovedIn', field: 'leaseStartsOn' },
  ],
  RecordIncident: (_c, s) => [afterMoveIn(s)],
  IssueWarning: (c, s) => [afterMoveIn(s), { notBefore: c.relatedIncidentId ? s.incidents[c.relatedIncidentId]?.on : undefined, step: 'IncidentRecorded' }],
  RecordAbsence: (_c, s) => {
    const lastReturn = Object.values(s.absences).reduce<IsoDate | undefined>(
      (d, a) => (a.returnedOn && (!d || a.returnedOn > d) ? a.returnedOn : d),
      undefined,
    );
    return [afterMoveIn(s), { notBefore: s.stay?.movedInOn, step: 'MovedIn', field: 'from' }, { notBefore: lastReturn, step: 'ReturnRecorded', field: 'from' }];
  },
  RecordReturn: () => [], // after the absence began: absence.return_before_start
  TransferUnit: (_c, s) => [{ notBefore: s.stay?.inUnitSince, step: s.stay?.inUnitSince === s.stay?.movedInOn ? 'MovedIn' : 'UnitTransferred' }],
  RecordRiskAssessment: (_c, s) => [{ notBefore: s.referredOn, step: 'ReferralRegistered' }],
  AssignContactPersons: (_c, s) => [sinceStatus(s)],
  UpdateCrisisPlan: (_c, s) => [sinceStatus(s)],
  UpdateActionPlan: (_c, s) => [sinceStatus(s)],
  DecideExclusion: (_c, s) => [afterMoveIn(s)],
  RecordAlternativeOffered: (_c, s) => [{ notBefore: s.exclusion?.decidedOn, step: 'ExclusionDecided' }],
  RecordAlternativeRefused: (_c, s) => [{ notBefore: s.exclusion?.decidedOn, step: 'ExclusionDecided' }],
  MoveOut: (_c, s) => [afterEverything(s)],
  StartFollowUp: (_c, s) => [{ notBefore: s.moveOut?.on, step: 'MovedOut' }],
  EndFollowUp: (_c, s) => [{ notBefore: s.followUp?.startedOn, step: 'FollowUpStarted' }],
  EnrolAmbulant: (_c, s) => [sinceStatus(s), afterGrant(s)],
  EndAmbulant: (_c, s) => [afterEverything(s)],
  CloseCase: (_c, s) => [{ notBefore: s.lastOn, step: s.lastStep }],
};

const valueAt = (command: object, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), command);

/** The first order the command breaks, if any. */
export function outOfOrder(command: CaseCommand, state: OpenCase): Rejection | undefined {
  const order = ORDER[command.type] as Order<CaseCommandType>;
  for (const { notBefore, step, field = 'on' } of order(command as never, state)) {
    const date = valueAt(command, field);
    if (notBefore === undefined || typeof date !== 'string' || date >= notBefore) continue;
    return reject('case.step_order', `${field} (${date}) is before ${notBefore}, the day of an earlier step of the case (${step})`, {
      field,
      details: { date, notBefore, step },
    });
  }
  return undefined;
}
