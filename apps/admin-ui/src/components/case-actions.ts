import type { AllowedCommand, CaseStatus } from '../api/types';

export type CommandType = AllowedCommand['type'];

/**
 * How much weight an action carries on the case page. `destructive` ends or takes away something the
 * person has (the referral, a place on the list, an offer, the stay, the consent, the case itself) and
 * cannot be undone from the UI: it is drawn in red and confirmed before its form opens. The Record makes
 * the compiler insist on every command the API can allow.
 */
export const COMMAND_WEIGHT: Record<CommandType, 'normal' | 'destructive'> = {
  RegisterReferral: 'normal',
  WithdrawReferral: 'destructive',
  RecordAssessmentMeeting: 'normal',
  StartMapping: 'normal',
  EndMapping: 'normal',
  IssueDecision: 'normal',
  ReceiveAppeal: 'normal',
  ReviewAppeal: 'normal',
  ForwardAppeal: 'normal',
  RecordAppealOutcome: 'normal',
  PlaceOnWaitingList: 'normal',
  ChangeWaitingListPriority: 'normal',
  RemoveFromWaitingList: 'destructive',
  OfferUnit: 'normal',
  AcceptOffer: 'normal',
  DeclineOffer: 'destructive',
  ExpireOffer: 'destructive',
  MoveIn: 'normal',
  ExtendAgreement: 'normal',
  ConvertToLease: 'normal',
  TransferUnit: 'normal',
  RecordIncident: 'normal',
  IssueWarning: 'normal',
  RecordAbsence: 'normal',
  RecordReturn: 'normal',
  RecordRiskAssessment: 'normal',
  AssignContactPersons: 'normal',
  UpdateCrisisPlan: 'normal',
  UpdateActionPlan: 'normal',
  DecideExclusion: 'destructive',
  RecordAlternativeOffered: 'normal',
  RecordAlternativeRefused: 'normal',
  MoveOut: 'destructive',
  CloseCase: 'destructive',
  StartFollowUp: 'normal',
  EndFollowUp: 'normal',
  EnrolAmbulant: 'normal',
  EndAmbulant: 'destructive',
  RenewConsent: 'normal',
  WithdrawConsent: 'destructive',
};

/** An appeal waiting for its next step has a deadline, whatever the case's status: it comes first. */
const APPEAL_STEPS: readonly CommandType[] = ['ReviewAppeal', 'ForwardAppeal', 'RecordAppealOutcome'];

/**
 * The step that moves the case along its lifecycle in each status, best first: the first of these the
 * API allows is the page's one prominent action. A resident's or an ambulant case's everyday work has no
 * single next step, and a refused case waits for an appeal or its deadline, so those name none but the
 * refusal itself. Closing is next only where the path has ended (withdrawn, not relevant, followed up).
 */
export const NEXT_STEPS: Record<CaseStatus, readonly CommandType[]> = {
  referred: ['RecordAssessmentMeeting'],
  in_assessment: ['RecordAssessmentMeeting'],
  mapping: ['EndMapping'],
  accepted: ['IssueDecision', 'OfferUnit'],
  waitlisted: ['IssueDecision', 'OfferUnit'],
  offered: ['AcceptOffer'],
  offer_accepted: ['MoveIn'],
  resident: [],
  moved_out: ['RecordAlternativeOffered', 'StartFollowUp', 'EndFollowUp', 'CloseCase'],
  ambulant: [],
  withdrawn: ['CloseCase'],
  not_relevant: ['CloseCase'],
  refused: ['IssueDecision'],
  closed: [],
};

export interface ArrangedActions {
  /** The one prominent action, when the status has one and the API allows it. */
  next?: AllowedCommand;
  /** The other allowed actions, in the API's order. */
  more: AllowedCommand[];
  /** The allowed actions that end something, apart from the rest and in red (the next step may be one too). */
  destructive: AllowedCommand[];
}

/** The allowed commands as the page shows them: the next step, the other actions, the destructive ones. */
export function arrangeActions(status: CaseStatus, allowed: readonly AllowedCommand[]): ArrangedActions {
  const byType = new Map(allowed.map((c) => [c.type, c]));
  const nextType = [...APPEAL_STEPS, ...NEXT_STEPS[status]].find((type) => byType.has(type));
  const next = nextType ? byType.get(nextType) : undefined;
  const rest = allowed.filter((c) => c !== next);
  return {
    next,
    more: rest.filter((c) => COMMAND_WEIGHT[c.type] === 'normal'),
    destructive: rest.filter((c) => COMMAND_WEIGHT[c.type] === 'destructive'),
  };
}

export const isDestructive = (command: AllowedCommand) => COMMAND_WEIGHT[command.type] === 'destructive';
