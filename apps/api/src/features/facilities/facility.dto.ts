import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { EXCLUSION_REASONS, ExclusionReason, FACILITY_KINDS, FacilityKind, FacilityProfile, UnitAttribute } from '@app/domain';
import { UnitAttributesProperty } from '../units/units.dto';

export class TargetGroupDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 120, description: 'People younger than this are outside the target group' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  minAge?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 120 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  maxAge?: number;

  @ApiProperty()
  @IsBoolean()
  excludesFamiliesWithChildren!: boolean;

  @ApiProperty()
  @IsBoolean()
  excludesActiveHeavySubstanceUse!: boolean;

  @ApiProperty({ description: 'Every resident must have a co-occurring substance-use and mental-health disorder' })
  @IsBoolean()
  requiresCoOccurringDisorder!: boolean;
}

/** A facility's profile as an admin enters it. */
export class FacilityProfileDto implements FacilityProfile {
  @ApiProperty({ example: 'Bolig Nu', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: FACILITY_KINDS })
  @IsIn(FACILITY_KINDS)
  kind!: FacilityKind;

  @ApiProperty({ example: 'Bodø', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  municipality!: string;

  @ApiProperty({ type: TargetGroupDto })
  @ValidateNested()
  @Type(() => TargetGroupDto)
  targetGroup!: TargetGroupDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 730, description: 'Longest stay on temporary places, in days' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(730)
  maxStayDays?: number;

  @ApiProperty({ enum: EXCLUSION_REASONS, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(EXCLUSION_REASONS, { each: true })
  exclusionReasons!: ExclusionReason[];

  @UnitAttributesProperty('The unit attributes this facility records on its units (none when absent)')
  unitAttributes?: UnitAttribute[];
}
