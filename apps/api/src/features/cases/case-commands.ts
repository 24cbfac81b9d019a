import type { Type } from '@nestjs/common';
import type { Action, CaseCommandType } from '@app/domain';
import { ConvertToLeaseDto, ExtendAgreementDto } from './dto/agreement.dto';
import { EndMappingDto, RecordAssessmentMeetingDto, StartMappingDto } from './dto/assessment.dto';
import { AssignContactPersonsDto, RecordRiskAssessmentDto, UpdateActionPlanDto, UpdateCrisisPlanDto } from './dto/care.dto';
import { ForwardAppealDto, IssueDecisionDto, ReceiveAppealDto, RecordAppealOutcomeDto, ReviewAppealDto } from './dto/decision.dto';
import { RenewConsentDto, WithdrawConsentDto } from './dto/consent.dto';
import { CloseCaseDto, DecideExclusionDto, MoveOutDto, RecordAlternativeOfferedDto, RecordAlternativeRefusedDto } from './dto/exit.dto';
import { EndAmbulantDto, EndFollowUpDto, EnrolAmbulantDto, StartFollowUpDto } from './dto/follow-up.dto';
import {
  AcceptOfferDto,
  ChangeWaitingListPriorityDto,
  DeclineOfferDto,
  ExpireOfferDto,
  MoveInDto,
  OfferUnitDto,
  PlaceOnWaitingListDto,
  RemoveFromWaitingListDto,
} from './dto/placement.dto';
import { RegisterReferralDto, WithdrawReferralDto } from './dto/referral.dto';
import { IssueWarningDto, RecordAbsenceDto, RecordIncidentDto, RecordReturnDto, TransferUnitDto } from './dto/stay.dto';

/**
 * How a command reaches the case: most are decided on the case alone; those that touch a unit (or,
 * for a referral, a claim) run a named workflow in workflows/, which checks access on the case first.
 */
export type CaseWorkflow = 'case' | 'referral' | 'offer' | 'move-in' | 'transfer' | 'mapping' | 'place-given-up' | 'decision-letter';

export interface CaseCommandSpec {
  /** Under `/api/v1/cases/:caseId`; RegisterReferral's `''` is `POST /api/v1/cases` itself. */
  readonly route: string;
  /** The request body: validated by it, documented from it. */
  readonly body: Type<object>;
  /** The role-level action (case-access.ts checks it again in the case's facility). */
  readonly action: Action;
  readonly summary: string;
  /** The record the command creates (answered as `id`, 201): its id field, and the purpose its id is derived from. */
  readonly creates?: { readonly field: string; readonly purpose: string };
  /** A second record made with it (an exclusion's formal decision): `body[within][field]`, its id derived from `purpose`. */
  readonly alsoCreates?: { readonly within: string; readonly field: string; readonly purpose: string };
  readonly workflow?: CaseWorkflow;
}

const TEAM_LEAD = { decision: 'case.decision', exclusion: 'case.exclusion', appeal: 'case.appeal_review' } as const;
const CASE_WORKER: Action = 'case.command';

/**
 * Every case command, once: the route, DTO, permission and created record from which the endpoints,
 * the guard's check, the allowed actions of a case and the OpenAPI document are all derived. A full
 * record, so a new command type cannot be left out. Formal decisions, exclusions and appeal reviews
 * belong to team leads (forvaltningsloven: the issuing unit decides and reviews); everything else to
 * case workers of the facility.
 */
export const CASE_COMMANDS: Readonly<Record<CaseCommandType, CaseCommandSpec>> = {
  RegisterReferral: { route: '', body: RegisterReferralDto, action: CASE_WORKER, summary: 'Register a referral (opens a case)', workflow: 'referral' },
  WithdrawReferral: { route: 'withdraw', body: WithdrawReferralDto, action: CASE_WORKER, summary: 'Withdraw the referral' },
  RecordAssessmentMeeting: {
    route: 'assessment-meetings',
    body: RecordAssessmentMeetingDto,
    action: CASE_WORKER,
    summary: "Record the assessment team's meeting",
    creates: { field: 'meetingId', purpose: 'meeting' },
  },
  StartMapping: {
    route: 'mapping/start',
    body: StartMappingDto,
    action: CASE_WORKER,
    summary: 'Start mapping (an assessment stay)',
    creates: { field: 'mappingId', purpose: 'mapping' },
    workflow: 'mapping',
  },
  EndMapping: { route: 'mapping/end', body: EndMappingDto, action: CASE_WORKER, summary: 'End mapping', workflow: 'place-given-up' },
  IssueDecision: {
    route: 'decisions',
    body: IssueDecisionDto,
    action: TEAM_LEAD.decision,
    summary: 'Issue a formal decision',
    creates: { field: 'decisionId', purpose: 'decision' },
    workflow: 'decision-letter',
  },
  ReceiveAppeal: {
    route: 'appeals',
    body: ReceiveAppealDto,
    action: CASE_WORKER,
    summary: 'Receive an appeal',
    creates: { field: 'appealId', purpose: 'appeal' },
  },
  ReviewAppeal: { route: 'appeals/review', body: ReviewAppealDto, action: TEAM_LEAD.appeal, summary: 'Review an appeal (reverse or uphold)' },
  ForwardAppeal: { route: 'appeals/forward', body: ForwardAppealDto, action: TEAM_LEAD.appeal, summary: 'Forward an upheld appeal to the appeal body' },
  RecordAppealOutcome: { route: 'appeals/outcome', body: RecordAppealOutcomeDto, action: TEAM_LEAD.appeal, summary: "Record the appeal body's outcome" },
  PlaceOnWaitingList: { route: 'waiting-list', body: PlaceOnWaitingListDto, action: CASE_WORKER, summary: 'Place on the waiting list' },
  ChangeWaitingListPriority: {
    route: 'waiting-list/priority',
    body: ChangeWaitingListPriorityDto,
    action: CASE_WORKER,
    summary: 'Change the waiting-list priority',
  },
  RemoveFromWaitingList: { route: 'waiting-list/remove', body: RemoveFromWaitingListDto, action: CASE_WORKER, summary: 'Remove from the waiting list' },
  OfferUnit: {
    route: 'offers',
    body: OfferUnitDto,
    action: CASE_WORKER,
    summary: 'Offer a unit (reserves it)',
    creates: { field: 'offerId', purpose: 'offer' },
    workflow: 'offer',
  },
  AcceptOffer: { route: 'offers/accept', body: AcceptOfferDto, action: CASE_WORKER, summary: 'Accept an offer' },
  DeclineOffer: {
    route: 'offers/decline',
    body: DeclineOfferDto,
    action: CASE_WORKER,
    summary: 'Decline an offer (frees the unit)',
    workflow: 'place-given-up',
  },
  ExpireOffer: {
    route: 'offers/expire',
    body: ExpireOfferDto,
    action: CASE_WORKER,
    summary: 'Let an offer expire (frees the unit)',
    workflow: 'place-given-up',
  },
  MoveIn: {
    route: 'move-in',
    body: MoveInDto,
    action: CASE_WORKER,
    summary: 'Move in (signs the agreement)',
    creates: { field: 'moveInId', purpose: 'move-in' },
    workflow: 'move-in',
  },
  ExtendAgreement: { route: 'agreement/extend', body: ExtendAgreementDto, action: CASE_WORKER, summary: 'Extend the agreement' },
  ConvertToLease: { route: 'agreement/convert-to-lease', body: ConvertToLeaseDto, action: CASE_WORKER, summary: 'Convert the agreement to a lease' },
  RecordIncident: {
    route: 'incidents',
    body: RecordIncidentDto,
    action: CASE_WORKER,
    summary: 'Record an incident',
    creates: { field: 'incidentId', purpose: 'incident' },
  },
  IssueWarning: {
    route: 'warnings',
    body: IssueWarningDto,
    action: CASE_WORKER,
    summary: 'Issue a warning',
    creates: { field: 'warningId', purpose: 'warning' },
  },
  RecordAbsence: {
    route: 'absences',
    body: RecordAbsenceDto,
    action: CASE_WORKER,
    summary: 'Record an absence',
    creates: { field: 'absenceId', purpose: 'absence' },
  },
  RecordReturn: { route: 'absences/return', body: RecordReturnDto, action: CASE_WORKER, summary: 'Record the return from an absence' },
  TransferUnit: {
    route: 'transfer',
    body: TransferUnitDto,
    action: CASE_WORKER,
    summary: 'Transfer to another unit',
    creates: { field: 'transferId', purpose: 'transfer' },
    workflow: 'transfer',
  },
  RecordRiskAssessment: {
    route: 'risk-assessments',
    body: RecordRiskAssessmentDto,
    action: CASE_WORKER,
    summary: 'Record a risk assessment',
    creates: { field: 'assessmentId', purpose: 'risk-assessment' },
  },
  AssignContactPersons: { route: 'contact-persons', body: AssignContactPersonsDto, action: CASE_WORKER, summary: 'Assign contact persons' },
  UpdateCrisisPlan: { route: 'crisis-plan', body: UpdateCrisisPlanDto, action: CASE_WORKER, summary: 'Update the crisis plan' },
  UpdateActionPlan: { route: 'action-plan', body: UpdateActionPlanDto, action: CASE_WORKER, summary: 'Update the action plan' },
  DecideExclusion: {
    route: 'exclusion',
    body: DecideExclusionDto,
    action: TEAM_LEAD.exclusion,
    summary: 'Decide an exclusion (with its formal decision)',
    creates: { field: 'exclusionId', purpose: 'exclusion' },
    alsoCreates: { within: 'decision', field: 'decisionId', purpose: 'exclusion-decision' },
    workflow: 'decision-letter',
  },
  RecordAlternativeOffered: {
    route: 'exclusion/alternative-offered',
    body: RecordAlternativeOfferedDto,
    action: CASE_WORKER,
    summary: 'Record the alternative housing offered',
  },
  RecordAlternativeRefused: {
    route: 'exclusion/alternative-refused',
    body: RecordAlternativeRefusedDto,
    action: CASE_WORKER,
    summary: 'Record that the alternative was refused',
  },
  MoveOut: {
    route: 'move-out',
    body: MoveOutDto,
    action: CASE_WORKER,
    summary: 'Move out (frees the unit)',
    creates: { field: 'moveOutId', purpose: 'move-out' },
    workflow: 'place-given-up',
  },
  StartFollowUp: {
    route: 'follow-up/start',
    body: StartFollowUpDto,
    action: CASE_WORKER,
    summary: 'Start follow-up after move-out',
    creates: { field: 'followUpId', purpose: 'follow-up' },
  },
  EndFollowUp: { route: 'follow-up/end', body: EndFollowUpDto, action: CASE_WORKER, summary: 'End follow-up' },
  EnrolAmbulant: {
    route: 'ambulant/enrol',
    body: EnrolAmbulantDto,
    action: CASE_WORKER,
    summary: 'Enrol in ambulant follow-up',
    creates: { field: 'enrolmentId', purpose: 'ambulant-enrolment' },
  },
  EndAmbulant: { route: 'ambulant/end', body: EndAmbulantDto, action: CASE_WORKER, summary: 'End ambulant follow-up' },
  CloseCase: { route: 'close', body: CloseCaseDto, action: CASE_WORKER, summary: 'Close the case' },
  RenewConsent: { route: 'consent', body: RenewConsentDto, action: CASE_WORKER, summary: 'Record a renewed consent (scope, recipients, last day)' },
  WithdrawConsent: { route: 'consent/withdraw', body: WithdrawConsentDto, action: CASE_WORKER, summary: 'Record that the person withdrew their consent' },
};

/** Where the case endpoints live, under the global `/api` prefix. */
export const CASES_BASE = 'v1/cases';

/** The full path a client calls for a command on this case (the allowed actions of a case view list these). */
export function casePath(caseId: string, type: CaseCommandType): string {
  const route = CASE_COMMANDS[type].route;
  return route === '' ? `/api/${CASES_BASE}` : `/api/${CASES_BASE}/${caseId}/${route}`;
}

/** The role-level action a case command needs. */
export const actionFor = (type: CaseCommandType): Action => CASE_COMMANDS[type].action;
