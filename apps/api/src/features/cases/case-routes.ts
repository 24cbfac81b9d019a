import type { CaseCommandType } from '@app/domain';

/** Where the case endpoints live, under the global `/api` prefix. */
export const CASES_BASE = 'v1/cases';

/**
 * The endpoint of every case command, relative to `/api/v1/cases/:caseId` (RegisterReferral: to
 * `/api/v1/cases`). The controllers take their routes from here and the case view lists the allowed
 * actions with these paths, so the two cannot drift; a full record, so no command can be left out.
 */
export const CASE_COMMAND_ROUTES: Readonly<Record<CaseCommandType, string>> = {
  RegisterReferral: '',
  WithdrawReferral: 'withdraw',
  RecordAssessmentMeeting: 'assessment-meetings',
  StartMapping: 'mapping/start',
  EndMapping: 'mapping/end',
  IssueDecision: 'decisions',
  ReceiveAppeal: 'appeals',
  ReviewAppeal: 'appeals/review',
  ForwardAppeal: 'appeals/forward',
  RecordAppealOutcome: 'appeals/outcome',
  PlaceOnWaitingList: 'waiting-list',
  ChangeWaitingListPriority: 'waiting-list/priority',
  RemoveFromWaitingList: 'waiting-list/remove',
  OfferUnit: 'offers',
  AcceptOffer: 'offers/accept',
  DeclineOffer: 'offers/decline',
  ExpireOffer: 'offers/expire',
  MoveIn: 'move-in',
  ExtendAgreement: 'agreement/extend',
  ConvertToLease: 'agreement/convert-to-lease',
  RecordIncident: 'incidents',
  IssueWarning: 'warnings',
  RecordAbsence: 'absences',
  RecordReturn: 'absences/return',
  TransferUnit: 'transfer',
  RecordRiskAssessment: 'risk-assessments',
  AssignContactPersons: 'contact-persons',
  UpdateCrisisPlan: 'crisis-plan',
  UpdateActionPlan: 'action-plan',
  DecideExclusion: 'exclusion',
  RecordAlternativeOffered: 'exclusion/alternative-offered',
  RecordAlternativeRefused: 'exclusion/alternative-refused',
  MoveOut: 'move-out',
  StartFollowUp: 'follow-up/start',
  EndFollowUp: 'follow-up/end',
  EnrolAmbulant: 'ambulant/enrol',
  EndAmbulant: 'ambulant/end',
  CloseCase: 'close',
};

/** The route pattern a controller declares for a command on an existing case. */
export const onCase = (type: Exclude<CaseCommandType, 'RegisterReferral'>) => `:caseId/${CASE_COMMAND_ROUTES[type]}`;

/** The full path a client calls for a command on this case. */
export function casePath(caseId: string, type: CaseCommandType): string {
  const route = CASE_COMMAND_ROUTES[type];
  return route === '' ? `/api/${CASES_BASE}` : `/api/${CASES_BASE}/${caseId}/${route}`;
}
