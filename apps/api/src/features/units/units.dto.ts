import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { UNIT_ATTRIBUTES, UNIT_CAPACITY, UNIT_CLUSTER_MAX_LENGTH, UNIT_KINDS, UnitAttribute, UnitKind } from '@app/domain';
import { IsCalendarDate } from '../../platform/http/validators';

/** An optional list of unit attribute codes, each once (a unit's, or those a facility records). */
export const UnitAttributesProperty = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ enum: UNIT_ATTRIBUTES, isArray: true, description }),
    IsOptional(),
    IsArray(),
    ArrayUnique(),
    IsIn(UNIT_ATTRIBUTES, { each: true }),
  );

/** What a case worker sees of a unit when offering it: its attributes and its floor or cluster. */
export class UnitDescriptionDto {
  @UnitAttributesProperty('Attributes of the unit, among those its facility records (absent: none)')
  attributes?: UnitAttribute[];

  @ApiPropertyOptional({ example: '2. etasje', maxLength: UNIT_CLUSTER_MAX_LENGTH, description: 'The floor or cluster the unit is on (absent or blank: none)' })
  @IsOptional()
  @IsString()
  @MaxLength(UNIT_CLUSTER_MAX_LENGTH)
  cluster?: string;
}

/** A new unit, described from the start or later (POST /units/{id}/description). */
export class AddUnitDto extends UnitDescriptionDto {
  @ApiProperty({ example: 'H0102', description: 'The flat or room as staff name it' })
  @IsString()
  @Length(1, 50)
  label!: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS)
  kind!: UnitKind;

  @ApiProperty({ minimum: UNIT_CAPACITY.min, maximum: UNIT_CAPACITY.max, example: 1 })
  @IsInt()
  @Min(UNIT_CAPACITY.min)
  @Max(UNIT_CAPACITY.max)
  capacity!: number;
}

export class OutOfServiceDto {
  @ApiProperty({ example: '2026-11-22' })
  @IsCalendarDate()
  on!: string;

  @ApiProperty({ example: 'Water damage in the bathroom' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class ReturnToServiceDto {
  @ApiProperty({ example: '2026-12-01' })
  @IsCalendarDate()
  on!: string;
}
