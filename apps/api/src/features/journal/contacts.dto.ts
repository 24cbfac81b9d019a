import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { CONTACT_KINDS, CONTACT_PARTIES, ContactKind, ContactParty, MAX_CONTACT_MINUTES, MAX_OUTCOME_LENGTH } from '@app/domain';
import { IsCalendarDate } from '../../platform/http/validators';
import { PersonNameDto } from '../../read-models/shared/person-name.dto';
import { ReadModelQueryDto } from '../../read-models/read-model-query.dto';
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

export class FollowUpContactDto {
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
  @ApiProperty({ type: [FollowUpContactDto], description: 'Newest first by when they took place' }) contacts!: FollowUpContactDto[];
}

export class CaseloadQueryDto extends ReadModelQueryDto {
  @ApiProperty({ minLength: 1, maxLength: 200, description: 'The contact person, as named on the cases (any case)' })
  @IsString()
  @Length(1, 200)
  contactPerson!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One facility; without it, every facility whose case files you may read' })
  @IsOptional()
  @IsUUID('all')
  facilityId?: string;
}

export class LastContactDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty({ enum: CONTACT_KINDS }) kind!: ContactKind;
  @ApiProperty({ enum: CONTACT_PARTIES, isArray: true }) parties!: ContactParty[];
}

export class CaseloadEntryDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ format: 'uuid' }) facilityId!: string;
  @ApiProperty({ type: PersonNameDto, nullable: true, description: 'Null once forgotten' }) name!: PersonNameDto | null;
  @ApiProperty({ enum: ['resident', 'ambulant', 'moved_out'] }) status!: string;
  @ApiProperty({ type: LastContactDto, nullable: true, description: 'The latest contact; null if none is recorded' }) lastContact!: LastContactDto | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Days from the latest contact’s day to today' }) daysSinceContact!: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The next contact planned, not before the latest contact' }) nextPlannedOn!:
    string | null;
}

export class CaseloadDto {
  @ApiProperty() contactPerson!: string;
  @ApiProperty({ format: 'date' }) today!: string;
  @ApiProperty({ type: [CaseloadEntryDto], description: 'Never contacted first, then the longest since a contact' }) entries!: CaseloadEntryDto[];
}

export class ContactPersonsDto {
  @ApiProperty({ type: [String], description: 'Contact persons named on followed cases in your facilities, alphabetically' }) contactPersons!: string[];
}
