import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { ASSESSMENT_OUTCOMES, AssessmentOutcome, PRIORITY_MAX, PRIORITY_MIN } from '@app/domain';
import { IsCalendarDate } from '../../../platform/http/validators';
import { BodyOf, CaseCommandDto, LIMITS } from './common.dto';

export class RecordAssessmentMeetingDto extends CaseCommandDto implements BodyOf<'RecordAssessmentMeeting', 'meetingId'> {
  @ApiProperty({ type: [String], maxItems: LIMITS.list, example: ['Unit leader', 'Team leader', 'NAV Bodø'], description: 'Who took part' })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @Length(1, LIMITS.name, { each: true })
  members!: string[];

  @ApiProperty({ enum: ASSESSMENT_OUTCOMES })
  @IsIn(ASSESSMENT_OUTCOMES)
  outcome!: AssessmentOutcome;

  @ApiPropertyOptional({ minimum: PRIORITY_MIN, maximum: PRIORITY_MAX, description: 'With the outcome waitlisted only; 1 is the most urgent' })
  @IsOptional()
  @IsInt()
  @Min(PRIORITY_MIN)
  @Max(PRIORITY_MAX)
  priority?: number;

  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @MaxLength(LIMITS.text)
  notes!: string;
}

export class StartMappingDto extends CaseCommandDto implements BodyOf<'StartMapping', 'mappingId'> {
  @ApiPropertyOptional({ format: 'uuid', description: 'The assessment flat, for a 1–3 month assessment stay' })
  @IsOptional()
  @IsUUID('all')
  assessmentUnitId?: string;

  @ApiPropertyOptional({ example: '2026-05-01' })
  @IsOptional()
  @IsCalendarDate()
  plannedEndOn?: string;
}

export class EndMappingDto extends CaseCommandDto implements BodyOf<'EndMapping'> {
  @ApiProperty({ format: 'uuid', description: 'The mapping in progress' })
  @IsUUID('all')
  mappingId!: string;

  @ApiProperty({ maxLength: LIMITS.text, description: 'What the mapping found' })
  @IsString()
  @Length(1, LIMITS.text)
  summary!: string;
}
