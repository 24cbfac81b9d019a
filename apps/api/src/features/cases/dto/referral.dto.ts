import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  Consent,
  CONSENT_RECIPIENTS,
  ConsentRecipient,
  REFERRAL_SOURCES,
  ReferralSource,
  Referrer,
  Screening,
  WITHDRAWAL_REASONS,
  WithdrawalReason,
} from '@app/domain';
import type { NewReferral } from '../workflows/register-referral.workflow';
import { IsCalendarDate } from '../../../platform/http/validators';
import { BodyOf, CaseCommandDto, LIMITS } from './common.dto';

export class ReferrerDto implements Referrer {
  @ApiProperty({ example: 'Kari Nordmann', maxLength: LIMITS.name })
  @IsString()
  @Length(1, LIMITS.name)
  name!: string;

  @ApiPropertyOptional({ example: 'NAV Bodø', maxLength: LIMITS.name })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.name)
  organisation?: string;

  @ApiPropertyOptional({ example: '+47 755 00 000' })
  @IsOptional()
  @Matches(/^\+?[0-9 ]{5,20}$/, { message: 'phone must be a phone number' })
  phone?: string;
}

/** What the referrer told about the person, screened against the facility's target group. */
export class ScreeningDto implements Screening {
  @ApiProperty()
  @IsBoolean()
  familyWithChildren!: boolean;

  @ApiProperty()
  @IsBoolean()
  activeHeavySubstanceUse!: boolean;

  @ApiProperty({ description: 'A co-occurring substance-use and mental-health disorder (ROP)' })
  @IsBoolean()
  coOccurringDisorder!: boolean;
}

export class ConsentDto implements Consent {
  @ApiProperty({ description: 'The referral needs the person’s consent' })
  @IsBoolean()
  given!: boolean;

  @ApiProperty({ example: 'NAV and the housing service', maxLength: LIMITS.text, description: 'What may be shared, with whom' })
  @IsString()
  @Length(1, LIMITS.text)
  scope!: string;

  @ApiProperty({ example: '2026-03-01' })
  @IsCalendarDate()
  date!: string;

  @ApiPropertyOptional({ enum: CONSENT_RECIPIENTS, isArray: true, description: 'The services information may be shared with' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CONSENT_RECIPIENTS.length)
  @ArrayUnique()
  @IsIn(CONSENT_RECIPIENTS, { each: true })
  recipients?: ConsentRecipient[];

  @ApiPropertyOptional({ example: '2027-03-01', description: 'The last day the consent holds; none: until withdrawn' })
  @IsOptional()
  @IsCalendarDate()
  expiresOn?: string;
}

/** A new referral; the facility and the person are loaded by id, and the case id is made by the server. */
export class RegisterReferralDto extends CaseCommandDto implements NewReferral {
  @ApiProperty({ enum: REFERRAL_SOURCES })
  @IsIn(REFERRAL_SOURCES)
  referralSource!: ReferralSource;

  @ApiProperty({ type: ReferrerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ReferrerDto)
  referrer!: ReferrerDto;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  personId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  facilityId!: string;

  @ApiProperty({ type: ScreeningDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ScreeningDto)
  screening!: ScreeningDto;

  @ApiProperty({ example: 'Homeless since the lease ended', maxLength: LIMITS.text })
  @IsString()
  @Length(1, LIMITS.text)
  reason!: string;

  @ApiProperty({ type: ConsentDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentDto)
  consent!: ConsentDto;
}

export class WithdrawReferralDto extends CaseCommandDto implements BodyOf<'WithdrawReferral'> {
  @ApiProperty({ enum: WITHDRAWAL_REASONS })
  @IsIn(WITHDRAWAL_REASONS)
  reason!: WithdrawalReason;

  @ApiPropertyOptional({ maxLength: LIMITS.text })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.text)
  note?: string;
}
