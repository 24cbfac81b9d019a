import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { FORGETTING_BASES, ForgettingBasis, Gender, GENDERS } from '@app/domain';
import { IsCalendarDate, IsNorwegianIdentityNumber } from '../../platform/http/validators';

export class ContactDto {
  @ApiPropertyOptional({ example: '+47 912 34 567' })
  @IsOptional()
  @Matches(/^\+?[0-9 ]{5,20}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @Length(3, 200)
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 300)
  address?: string;
}

export class RegisterPersonDto {
  @ApiProperty({ example: 'Kari' })
  @IsString()
  @Length(1, 100)
  givenName!: string;

  @ApiProperty({ example: 'Nordmann' })
  @IsString()
  @Length(1, 100)
  familyName!: string;

  @ApiProperty({ example: '1990-01-01' })
  @IsCalendarDate()
  birthDate!: string;

  @ApiPropertyOptional({ description: 'Fødselsnummer or D-number (11 digits)' })
  @IsOptional()
  @IsNorwegianIdentityNumber()
  identityNumber?: string;

  @ApiProperty({ enum: GENDERS })
  @IsIn(GENDERS)
  gender!: Gender;

  @ApiPropertyOptional({ type: ContactDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;
}

export class PersonChangesDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) givenName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) familyName?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() birthDate?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'null removes a wrong number' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsNorwegianIdentityNumber()
  identityNumber?: string | null;

  @ApiPropertyOptional({ enum: GENDERS }) @IsOptional() @IsIn(GENDERS) gender?: Gender;

  @ApiPropertyOptional({ type: ContactDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;
}

export class CorrectPersonDto {
  @ApiProperty({ type: PersonChangesDto })
  @ValidateNested()
  @Type(() => PersonChangesDto)
  changes!: PersonChangesDto;

  @ApiProperty({ description: 'Why the record is corrected (kept with the correction)' })
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @ApiProperty({ example: '2026-11-22' })
  @IsCalendarDate()
  on!: string;
}

export class ResidentCommentDto {
  @ApiProperty({ description: "The resident's own words about an entry" })
  @IsString()
  @Length(1, 5000)
  text!: string;

  @ApiPropertyOptional({ description: 'The event the comment is about' })
  @IsOptional()
  @IsUUID()
  aboutEventId?: string;

  @ApiProperty({ example: '2026-11-22' })
  @IsCalendarDate()
  on!: string;
}

export class ForgetPersonDto {
  @ApiProperty({ enum: FORGETTING_BASES, description: 'The legal basis for erasure (GDPR art. 17), recorded with it' })
  @IsIn(FORGETTING_BASES)
  legalBasis!: ForgettingBasis;

  @ApiProperty({ example: '2026-11-22' })
  @IsCalendarDate()
  on!: string;
}
