import type { Action, CaseCommandType } from '@app/domain';

/**
 * Which role-level action each case command needs. Formal decisions, exclusions and appeal reviews
 * belong to team leads (forvaltningsloven: the issuing unit decides and reviews); everything else to
 * case workers of the facility.
 */
const TEAM_LEAD: Partial<Record<CaseCommandType, Action>> = {
  IssueDecision: 'case.decision',
  DecideExclusion: 'case.exclusion',
  ReviewAppeal: 'case.appeal_review',
  ForwardAppeal: 'case.appeal_review',
  RecordAppealOutcome: 'case.appeal_review',
};

export function actionFor(type: CaseCommandType): Action {
  return TEAM_LEAD[type] ?? 'case.command';
}
