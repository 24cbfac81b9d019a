import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { Agreement, AGREEMENT_KINDS, AgreementKind, LeaseTerms } from '@app/domain';
import { IsCalendarDate } from '../../../platform/http/validators';
import { BodyOf, CaseCommandDto, LIMITS } from './common.dto';

/** Terms of a lease under husleieloven. */
export class LeaseTermsDto implements LeaseTerms {
  @ApiProperty({ description: 'Special terms for care dwellings (husleieloven § 11-1); need written notice first' })
  @IsBoolean()
  specialTermsHusll11_1!: boolean;

  @ApiPropertyOptional({
    example: '2026-02-20',
    description: 'When the tenant was told in writing that the dwelling is let under § 11-1: on or before the signing',
  })
  @IsOptional()
  @IsCalendarDate()
  writtenNoticeGivenOn?: string;

  @ApiPropertyOptional({
    description: 'The written notice said the lease gives fewer rights than renting another dwelling (required with special terms, § 11-1)',
  })
  @IsOptional()
  @IsBoolean()
  writtenNoticeStatesFewerRights?: boolean;

  @ApiPropertyOptional({ example: '2026-02-25', description: 'The day the lease was signed; the start stands in for it when not given' })
  @IsOptional()
  @IsCalendarDate()
  signedOn?: string;

  @ApiPropertyOptional({
    maxLength: LIMITS.text,
    description: "Why a time-limited lease shorter than 3 years is needed for the tenant (required for one under § 11-1; not for the landlord's convenience)",
  })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.text)
  shortTermReason?: string;

  @ApiProperty({ description: 'Indefinite; a time-limited lease runs at least 3 years (§ 9-3), or shorter only under § 11-1 with special terms' })
  @IsBoolean()
  indefinite!: boolean;
}

export class AgreementDto implements Agreement {
  @ApiProperty({ enum: AGREEMENT_KINDS, description: 'service_agreement ≤ 12 months, temporary_agreement ≤ 3 months, lease' })
  @IsIn(AGREEMENT_KINDS)
  kind!: AgreementKind;

  @ApiProperty({ example: '2026-03-10' })
  @IsCalendarDate()
  startsOn!: string;

  @ApiPropertyOptional({ example: '2026-06-09', description: 'Required unless an indefinite lease' })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.text, description: 'Why a temporary agreement runs past 3 months (sotjl § 27)' })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.text)
  extensionJustification?: string;

  @ApiPropertyOptional({ type: LeaseTermsDto, description: 'For a lease only' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LeaseTermsDto)
  leaseTerms?: LeaseTermsDto;
}

export class ExtendAgreementDto extends CaseCommandDto implements BodyOf<'ExtendAgreement'> {
  @ApiProperty({ example: '2026-09-09', description: 'The new end; the limit counts from the original start' })
  @IsCalendarDate()
  endsOn!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.text })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.text)
  extensionJustification?: string;
}

/** Melhus: when the stay works for both sides, the service agreement becomes an ordinary lease. */
export class ConvertToLeaseDto extends CaseCommandDto implements BodyOf<'ConvertToLease'> {
  @ApiProperty({ example: '2026-09-01' })
  @IsCalendarDate()
  leaseStartsOn!: string;

  @ApiPropertyOptional({ example: '2029-09-01', description: 'Left out for an indefinite lease' })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string;

  @ApiProperty({ type: LeaseTermsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LeaseTermsDto)
  leaseTerms!: LeaseTermsDto;

  @ApiProperty()
  @IsBoolean()
  residentAgrees!: boolean;

  @ApiProperty()
  @IsBoolean()
  landlordAgrees!: boolean;
}
