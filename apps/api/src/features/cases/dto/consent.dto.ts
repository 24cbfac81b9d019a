import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CONSENT_RECIPIENTS, ConsentRecipient } from '@app/domain';
import { IsCalendarDate } from '../../../platform/http/validators';
import { BodyOf, CaseCommandDto, LIMITS } from './common.dto';

export class RenewConsentDto extends CaseCommandDto implements BodyOf<'RenewConsent'> {
  @ApiProperty({ example: 'Helseopplysninger til NAV og fastlegen om boligen', maxLength: LIMITS.text, description: 'What may be shared' })
  @IsString()
  @Length(1, LIMITS.text)
  scope!: string;

  @ApiProperty({ enum: CONSENT_RECIPIENTS, isArray: true, description: 'The services information may be shared with' })
  @IsArray()
  @ArrayMaxSize(CONSENT_RECIPIENTS.length)
  @ArrayUnique()
  @IsIn(CONSENT_RECIPIENTS, { each: true })
  recipients!: ConsentRecipient[];

  @ApiPropertyOptional({ example: '2027-06-30', description: 'The last day the consent holds; none: until withdrawn' })
  @IsOptional()
  @IsCalendarDate()
  expiresOn?: string;
}

export class WithdrawConsentDto extends CaseCommandDto implements BodyOf<'WithdrawConsent'> {
  @ApiPropertyOptional({ maxLength: LIMITS.text, description: 'What the person said, if anything' })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.text)
  note?: string;
}
