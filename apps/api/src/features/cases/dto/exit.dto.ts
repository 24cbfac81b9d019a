import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsObject, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import {
  ALTERNATIVE_HOUSING_TYPES,
  AlternativeHousingType,
  DESTINATIONS,
  Destination,
  EXCLUSION_REASONS,
  ExclusionReason,
  EXIT_REASONS,
  ExitReason,
} from '@app/domain';
import { IsCalendarDate } from '../../../platform/http/validators';
import { BodyOf, CaseCommandDto, LIMITS } from './common.dto';
import { DecisionInputDto } from './decision.dto';

/** An exclusion is a formal decision too; its decision id, like the exclusion's, is made by the server. */
export class DecideExclusionDto extends CaseCommandDto implements Omit<BodyOf<'DecideExclusion', 'exclusionId'>, 'decision'> {
  @ApiProperty({ enum: EXCLUSION_REASONS, isArray: true, description: 'Criteria of the facility the exclusion rests on' })
  @IsArray()
  @ArrayMaxSize(EXCLUSION_REASONS.length)
  @ArrayUnique()
  @IsIn(EXCLUSION_REASONS, { each: true })
  reasons!: ExclusionReason[];

  @ApiProperty({ maxLength: LIMITS.text, description: 'The written overall discretionary assessment' })
  @IsString()
  @Length(1, LIMITS.text)
  overallAssessment!: string;

  @ApiProperty({ example: '2026-04-15' })
  @IsCalendarDate()
  effectiveOn!: string;

  @ApiProperty({ type: DecisionInputDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DecisionInputDto)
  decision!: DecisionInputDto;
}

export class RecordAlternativeOfferedDto extends CaseCommandDto implements BodyOf<'RecordAlternativeOffered'> {
  @ApiProperty({ maxLength: LIMITS.text, description: 'The housing offered after the exclusion' })
  @IsString()
  @Length(1, LIMITS.text)
  description!: string;

  @ApiProperty({ enum: ALTERNATIVE_HOUSING_TYPES })
  @IsIn(ALTERNATIVE_HOUSING_TYPES)
  housingType!: AlternativeHousingType;
}

export class RecordAlternativeRefusedDto extends CaseCommandDto implements BodyOf<'RecordAlternativeRefused'> {
  @ApiPropertyOptional({ maxLength: LIMITS.text })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.text)
  note?: string;
}

export class MoveOutDto extends CaseCommandDto implements BodyOf<'MoveOut', 'moveOutId'> {
  @ApiProperty({ enum: DESTINATIONS, description: 'Where the person went; grouped by the server into HMIS categories' })
  @IsIn(DESTINATIONS)
  destination!: Destination;

  @ApiProperty({ enum: EXIT_REASONS })
  @IsIn(EXIT_REASONS)
  exitReason!: ExitReason;
}

export class CloseCaseDto extends CaseCommandDto implements BodyOf<'CloseCase'> {
  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @Length(1, LIMITS.text)
  reason!: string;
}
