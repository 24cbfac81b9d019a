import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
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
import { PRIORITY_MAX, PRIORITY_MIN, WAITING_LIST_REMOVAL_REASONS, WaitingListRemovalReason } from '@app/domain';
import type { MoveInInput } from '../workflows/move-in.workflow';
import { IsCalendarDate } from '../../../platform/http/validators';
import { AgreementDto } from './agreement.dto';
import { ActionPlanItemDto, BodyOf, CaseCommandDto, CrisisPlanDto, LIMITS } from './common.dto';

export class PlaceOnWaitingListDto extends CaseCommandDto implements BodyOf<'PlaceOnWaitingList'> {
  @ApiProperty({ format: 'uuid', description: 'The facility of the case' })
  @IsUUID('all')
  facilityId!: string;

  @ApiProperty({ minimum: PRIORITY_MIN, maximum: PRIORITY_MAX, description: '1 is the most urgent' })
  @IsInt()
  @Min(PRIORITY_MIN)
  @Max(PRIORITY_MAX)
  priority!: number;
}

export class ChangeWaitingListPriorityDto extends CaseCommandDto implements BodyOf<'ChangeWaitingListPriority'> {
  @ApiProperty({ minimum: PRIORITY_MIN, maximum: PRIORITY_MAX, description: '1 is the most urgent' })
  @IsInt()
  @Min(PRIORITY_MIN)
  @Max(PRIORITY_MAX)
  priority!: number;
}

export class RemoveFromWaitingListDto extends CaseCommandDto implements BodyOf<'RemoveFromWaitingList'> {
  @ApiProperty({ enum: WAITING_LIST_REMOVAL_REASONS })
  @IsIn(WAITING_LIST_REMOVAL_REASONS)
  reason!: WaitingListRemovalReason;

  @ApiPropertyOptional({ maxLength: LIMITS.text })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.text)
  note?: string;
}

export class OfferUnitDto extends CaseCommandDto implements BodyOf<'OfferUnit', 'offerId'> {
  @ApiProperty({ format: 'uuid', description: 'A unit of the case’s facility; the offer reserves a place on it' })
  @IsUUID('all')
  unitId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  facilityId!: string;

  @ApiProperty({ example: '2026-03-09', description: 'The last day to answer' })
  @IsCalendarDate()
  expiresOn!: string;
}

/** An answer to the open offer names it. */
class OfferAnswerDto extends CaseCommandDto {
  @ApiProperty({ format: 'uuid', description: 'The open offer' })
  @IsUUID('all')
  offerId!: string;
}

export class AcceptOfferDto extends OfferAnswerDto implements BodyOf<'AcceptOffer'> {}

/** After the last day to answer has passed. */
export class ExpireOfferDto extends OfferAnswerDto implements BodyOf<'ExpireOffer'> {}

export class DeclineOfferDto extends OfferAnswerDto implements BodyOf<'DeclineOffer'> {
  @ApiProperty({ maxLength: LIMITS.text, description: 'Why the person declined (Bolig Nu: 17 of 68 declined)' })
  @IsString()
  @Length(1, LIMITS.text)
  reason!: string;
}

/** The unit's kind and the facility's longest stay are loaded by the server. */
export class MoveInDto extends CaseCommandDto implements Omit<MoveInInput, 'type' | 'caseId' | 'moveInId'> {
  @ApiProperty({ format: 'uuid', description: 'The offer the person accepted' })
  @IsUUID('all')
  offerId!: string;

  @ApiProperty({ format: 'uuid', description: 'The unit of that offer' })
  @IsUUID('all')
  unitId!: string;

  @ApiProperty({ type: AgreementDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AgreementDto)
  agreement!: AgreementDto;

  @ApiProperty({ description: 'The resident signed that the house rules were received and understood' })
  @IsBoolean()
  houseRulesAcknowledged!: boolean;

  @ApiProperty({ description: 'The resident signed that the information letter was received and understood' })
  @IsBoolean()
  informationLetterAcknowledged!: boolean;

  @ApiProperty({ type: [String], maxItems: LIMITS.list, example: ['Ola Miljøterapeut'] })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsString({ each: true })
  @Length(1, LIMITS.name, { each: true })
  contactPersons!: string[];

  @ApiPropertyOptional({ type: CrisisPlanDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CrisisPlanDto)
  crisisPlan?: CrisisPlanDto;

  @ApiProperty({ type: [ActionPlanItemDto], maxItems: LIMITS.list })
  @IsArray()
  @ArrayMaxSize(LIMITS.list)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ActionPlanItemDto)
  actionPlan!: ActionPlanItemDto[];
}
