import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import {
  APPEAL_BODY_OUTCOMES,
  APPEAL_REVIEW_OUTCOMES,
  AppealBodyOutcome,
  AppealReviewOutcome,
  DecisionInput,
  DecisionKind,
  LEGAL_BASES,
  LegalBasis,
} from '@app/domain';
import { IsCalendarDate } from '../../../platform/http/validators';
import { BodyOf, CaseCommandDto, LIMITS } from './common.dto';

const ISSUABLE_DECISION_KINDS = ['grant', 'refusal'] as const satisfies readonly DecisionKind[];
type IssuableDecisionKind = (typeof ISSUABLE_DECISION_KINDS)[number];

/** What a team lead writes in a formal decision (fvl §§ 24–25); the appeal notice is computed. */
export class DecisionInputDto implements Omit<DecisionInput, 'decisionId'> {
  @ApiProperty({ enum: LEGAL_BASES, description: 'The legal basis (hjemmel); it sets the appeal body and deadline' })
  @IsIn(LEGAL_BASES)
  legalBasis!: LegalBasis;

  @ApiProperty({ maxLength: LIMITS.text, description: 'The facts relied on (may be empty only for a grant)' })
  @IsString()
  @MaxLength(LIMITS.text)
  facts!: string;

  @ApiProperty({ maxLength: LIMITS.text, description: 'The main considerations of the discretionary judgement' })
  @IsString()
  @MaxLength(LIMITS.text)
  mainConsiderations!: string;

  @ApiProperty({ example: 'Per Teamleder', maxLength: LIMITS.name })
  @IsString()
  @Length(1, LIMITS.name)
  decidedBy!: string;

  @ApiPropertyOptional({ example: '2026-03-05', description: 'When the person was told; the appeal deadline runs from here (default: on)' })
  @IsOptional()
  @IsCalendarDate()
  notifiedOn?: string;
}

export class IssueDecisionDto extends DecisionInputDto implements BodyOf<'IssueDecision', 'decisionId'> {
  // The domain refuses an exclusion here (decision.exclusion_requires_decide_exclusion): it needs its
  // reasons and overall assessment, so it has its own command. Leaving it out of the schema keeps it
  // out of every form drawn from the schema, and any other client gets a 400 naming the field.
  @ApiProperty({ enum: ISSUABLE_DECISION_KINDS, description: 'grant or refusal; exclusions are decided at /exclusion' })
  @IsIn(ISSUABLE_DECISION_KINDS)
  kind!: IssuableDecisionKind;

  @ApiProperty({ example: '2026-03-05' })
  @IsCalendarDate()
  on!: string;
}

export class ReceiveAppealDto extends CaseCommandDto implements BodyOf<'ReceiveAppeal', 'appealId'> {
  @ApiProperty({ format: 'uuid', description: 'The decision appealed' })
  @IsUUID('all')
  decisionId!: string;

  @ApiProperty({ example: '2026-03-20', description: 'A late appeal is recorded too, and flagged' })
  @IsCalendarDate()
  receivedOn!: string;
}

export class ReviewAppealDto extends CaseCommandDto implements BodyOf<'ReviewAppeal'> {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  appealId!: string;

  @ApiProperty({ enum: APPEAL_REVIEW_OUTCOMES })
  @IsIn(APPEAL_REVIEW_OUTCOMES)
  outcome!: AppealReviewOutcome;

  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @Length(1, LIMITS.text)
  note!: string;
}

export class ForwardAppealDto extends CaseCommandDto implements BodyOf<'ForwardAppeal'> {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  appealId!: string;
}

export class RecordAppealOutcomeDto extends CaseCommandDto implements BodyOf<'RecordAppealOutcome'> {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  appealId!: string;

  @ApiProperty({ enum: APPEAL_BODY_OUTCOMES })
  @IsIn(APPEAL_BODY_OUTCOMES)
  outcome!: AppealBodyOutcome;

  @ApiPropertyOptional({ maxLength: LIMITS.text })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.text)
  note?: string;
}
