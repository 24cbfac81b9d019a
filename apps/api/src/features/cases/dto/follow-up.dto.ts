import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CONTACT_MODES, ContactMode, HealthCareFollowUp } from '@app/domain';
import { ActionPlanItemDto, BodyOf, CaseCommandDto, LIMITS } from './common.dto';

/** The domain allows follow-up agreements of 1 to 12 months (Bolig Nu's form: 3, the default). */
const FOLLOW_UP_MAX_MONTHS = 12;

export class HealthCareFollowUpDto implements HealthCareFollowUp {
  @ApiProperty({ description: 'Follow-up under helse- og omsorgstjenesteloven was offered' })
  @IsBoolean()
  offered!: boolean;

  @ApiProperty()
  @IsBoolean()
  accepted!: boolean;
}

export class StartFollowUpDto extends CaseCommandDto implements BodyOf<'StartFollowUp', 'followUpId'> {
  @ApiPropertyOptional({ minimum: 1, maximum: FOLLOW_UP_MAX_MONTHS, default: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(FOLLOW_UP_MAX_MONTHS)
  periodMonths?: number;

  @ApiProperty({ enum: CONTACT_MODES, isArray: true })
  @IsArray()
  @ArrayMaxSize(CONTACT_MODES.length)
  @ArrayUnique()
  @IsIn(CONTACT_MODES, { each: true })
  contactModes!: ContactMode[];

  @ApiProperty({ type: [ActionPlanItemDto], maxItems: LIMITS.list })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ActionPlanItemDto)
  actionPlan!: ActionPlanItemDto[];

  @ApiProperty({ type: HealthCareFollowUpDto })
  @IsObject()
  @ValidateNested()
  @Type(() => HealthCareFollowUpDto)
  healthCareFollowUp!: HealthCareFollowUpDto;

  @ApiProperty()
  @IsBoolean()
  brochureHandedOver!: boolean;

  @ApiProperty()
  @IsBoolean()
  exitConversationHeld!: boolean;
}

export class EndFollowUpDto extends CaseCommandDto implements BodyOf<'EndFollowUp'> {
  @ApiProperty({ format: 'uuid', description: 'The running follow-up' })
  @IsUUID('all')
  followUpId!: string;

  @ApiProperty({ maxLength: LIMITS.text, description: 'How the follow-up went' })
  @IsString()
  @Length(1, LIMITS.text)
  outcome!: string;
}

export class EnrolAmbulantDto extends CaseCommandDto implements BodyOf<'EnrolAmbulant', 'enrolmentId'> {
  @ApiProperty({ enum: CONTACT_MODES, isArray: true })
  @IsArray()
  @ArrayMaxSize(CONTACT_MODES.length)
  @ArrayUnique()
  @IsIn(CONTACT_MODES, { each: true })
  contactModes!: ContactMode[];
}

export class EndAmbulantDto extends CaseCommandDto implements BodyOf<'EndAmbulant'> {
  @ApiProperty({ format: 'uuid', description: 'The running ambulant enrolment' })
  @IsUUID('all')
  enrolmentId!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.text })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.text)
  note?: string;
}
