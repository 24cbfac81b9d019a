import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches } from 'class-validator';
import { CONTACT_KINDS, CONTACT_PARTIES, ContactKind, ContactParty, MAX_CONTACT_MINUTES, MAX_OUTCOME_LENGTH } from '@app/domain';
import { IsCalendarDate } from '../../platform/http/validators';
import { INSTANT, instantMessage } from './journal.dto';

export class RecordContactDto {
  @ApiProperty({ format: 'date-time', example: '2026-12-03T13:00:00+01:00', description: 'When the contact began (not in the future, not outside the case)' })
  @Matches(INSTANT, { message: instantMessage('about') })
  about!: string;

  @ApiProperty({ enum: CONTACT_KINDS })
  @IsIn(CONTACT_KINDS)
  kind!: ContactKind;

  @ApiProperty({ enum: CONTACT_PARTIES, isArray: true, description: 'Who took part besides the person and the contact person (may be empty)' })
  @IsArray()
  @ArrayMaxSize(CONTACT_PARTIES.length)
  @IsIn(CONTACT_PARTIES, { each: true })
  parties!: ContactParty[];

  @ApiProperty({ minimum: 1, maximum: MAX_CONTACT_MINUTES })
  @IsInt()
  durationMinutes!: number;

  @ApiProperty({ maxLength: MAX_OUTCOME_LENGTH, description: 'What came of it: personal data, encrypted with the person’s key' })
  @IsString()
  outcome!: string;

  @ApiPropertyOptional({ format: 'date', description: 'The next contact agreed (on or after this one’s day)' })
  @IsOptional()
  @IsCalendarDate()
  nextPlannedOn?: string;
}

export class ContactDto {
  @ApiProperty({ format: 'uuid' }) contactId!: string;
  @ApiProperty({ format: 'date-time' }) about!: string;
  @ApiProperty({ format: 'date', description: 'The contact’s day in the municipality’s time zone' }) on!: string;
  @ApiProperty({ enum: CONTACT_KINDS }) kind!: ContactKind;
  @ApiProperty({ enum: CONTACT_PARTIES, isArray: true }) parties!: ContactParty[];
  @ApiProperty({ minimum: 1 }) durationMinutes!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Null once the person is forgotten' }) outcome!: string | null;
  @ApiPropertyOptional({ format: 'date' }) nextPlannedOn?: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Who recorded it (user id)' }) authorId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'In which role' }) authorRole!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The display name of who recorded it' }) authorName!: string | null;
}

export class CaseContactsDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ type: [ContactDto], description: 'Newest first by when they took place' }) contacts!: ContactDto[];
}
