import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { UNIT_CAPACITY, UNIT_KINDS, UnitKind } from '@app/domain';
import { IsCalendarDate } from '../../platform/http/validators';

export class AddUnitDto {
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
