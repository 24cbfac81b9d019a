import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsObject, IsString, Length, ValidateNested } from 'class-validator';
import { BrosetChecklist } from '@app/domain';
import { ActionPlanItemDto, BodyOf, CaseCommandDto, CrisisPlanDto, LIMITS } from './common.dto';

/** The Brøset Violence Checklist: six behaviours, each observed as present or absent. */
export class BrosetChecklistDto implements BrosetChecklist {
  @ApiProperty() @IsBoolean() confused!: boolean;
  @ApiProperty() @IsBoolean() irritable!: boolean;
  @ApiProperty() @IsBoolean() boisterous!: boolean;
  @ApiProperty() @IsBoolean() verbalThreats!: boolean;
  @ApiProperty() @IsBoolean() physicalThreats!: boolean;
  @ApiProperty() @IsBoolean() attackingObjects!: boolean;
}

export class RecordRiskAssessmentDto extends CaseCommandDto implements BodyOf<'RecordRiskAssessment', 'assessmentId'> {
  @ApiProperty({ maxLength: LIMITS.text, description: 'Summary of the risk analysis (ROS)' })
  @IsString()
  @Length(1, LIMITS.text)
  rosSummary!: string;

  @ApiProperty({ type: BrosetChecklistDto, description: 'Scored by the server: 0 low, 1–2 moderate, 3+ high' })
  @IsObject()
  @ValidateNested()
  @Type(() => BrosetChecklistDto)
  broset!: BrosetChecklistDto;
}

export class AssignContactPersonsDto extends CaseCommandDto implements BodyOf<'AssignContactPersons'> {
  @ApiProperty({ type: [String], maxItems: LIMITS.list, example: ['Ola Miljøterapeut'] })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @Length(1, LIMITS.name, { each: true })
  contactPersons!: string[];
}

export class UpdateCrisisPlanDto extends CaseCommandDto implements BodyOf<'UpdateCrisisPlan'> {
  @ApiProperty({ type: CrisisPlanDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CrisisPlanDto)
  crisisPlan!: CrisisPlanDto;
}

export class UpdateActionPlanDto extends CaseCommandDto implements BodyOf<'UpdateActionPlan'> {
  @ApiProperty({ type: [ActionPlanItemDto], maxItems: LIMITS.list })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ActionPlanItemDto)
  actionPlan!: ActionPlanItemDto[];
}
