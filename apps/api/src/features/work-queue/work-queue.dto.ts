import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { CASE_COMMAND_TYPES } from '@app/domain';
import { PersonNameDto } from '../../read-models/shared/person-name.dto';
import { ReadModelQueryDto } from '../../read-models/read-model-query.dto';
import { DEFAULT_CONTACT_DAYS } from './work-queue.service';
import { WORK_ITEM_KINDS } from './work-queue';

export class WorkQueueQueryDto extends ReadModelQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One facility; without it, every facility you work in' })
  @IsOptional()
  @IsUUID('all')
  facilityId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: DEFAULT_CONTACT_DAYS, description: 'Days without a contact before a followed case is overdue' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  contactDays?: number;
}

export class WorkItemDto {
  @ApiProperty({ enum: Object.keys(WORK_ITEM_KINDS) }) kind!: string;
  @ApiProperty({ enum: ['lead', 'worker'], description: 'The team lead’s inbox or the case worker’s queue' }) queue!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ type: PersonNameDto, nullable: true, description: 'Null once forgotten' }) name!: PersonNameDto | null;
  @ApiProperty({ format: 'uuid' }) facilityId!: string;
  @ApiProperty({ format: 'date', description: 'The deadline, or the day the item began to wait' }) on!: string;
  @ApiProperty({ description: 'Whether `on` is a deadline (days count down to it) or the day the item began to wait' }) deadline!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Days left to a deadline (negative once passed), or days waited' }) days!: number | null;
  @ApiProperty({ type: String, enum: [...CASE_COMMAND_TYPES], nullable: true, description: 'The case command that clears the item' }) command!: string | null;
}

export class WorkQueueCountsDto {
  @ApiProperty({ description: 'Items in the team lead’s inbox' }) lead!: number;
  @ApiProperty({ description: 'Items in the case worker’s queue' }) worker!: number;
}

export class WorkQueueDto {
  @ApiProperty({ format: 'date' }) today!: string;
  @ApiProperty() contactDays!: number;
  @ApiProperty({ type: [WorkItemDto], description: 'Most pressing first' }) items!: WorkItemDto[];
  @ApiProperty({ type: WorkQueueCountsDto }) counts!: WorkQueueCountsDto;
}
