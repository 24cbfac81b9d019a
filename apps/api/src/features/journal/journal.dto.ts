import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { CONTACT_KINDS, CONTACT_PARTIES, MAX_NOTE_LENGTH, NOTE_CATEGORIES, NoteCategory } from '@app/domain';
import { PersonNameDto } from '../../read-models/shared/person-name.dto';
import { ReadModelQueryDto } from '../../read-models/read-model-query.dto';

/** An instant with its offset (2026-12-03T22:15:00+01:00 or …Z): a note is about a moment, not a day. */
export const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
export const instantMessage = (field: string) => `${field} must be a date and time with its offset, e.g. 2026-12-03T22:15:00+01:00`;

export class WriteNoteDto {
  @ApiProperty({
    format: 'date-time',
    example: '2026-12-03T22:15:00+01:00',
    description: 'The moment the note is about (not in the future, not outside the case)',
  })
  @Matches(INSTANT, { message: instantMessage('about') })
  about!: string;

  @ApiProperty({ enum: NOTE_CATEGORIES })
  @IsIn(NOTE_CATEGORIES)
  category!: NoteCategory;

  @ApiProperty({ maxLength: MAX_NOTE_LENGTH, description: 'What happened: personal data, encrypted with the person’s key' })
  @IsString()
  text!: string;
}

export class CorrectNoteDto extends WriteNoteDto {
  @ApiProperty({ description: 'Why the note is corrected (kept with the correction, as personal data)' })
  @IsString()
  @Length(0, 1000)
  reason!: string;
}

export class HandoverQueryDto extends ReadModelQueryDto {
  @ApiProperty({ format: 'date-time', example: '2026-12-03T22:00:00+01:00', description: 'Since when: usually the start of the last shift' })
  @Matches(INSTANT, { message: instantMessage('since') })
  since!: string;
}

export class NoteSearchQueryDto extends ReadModelQueryDto {
  @ApiProperty({ minLength: 2, maxLength: 100, description: 'Words the note’s text contains (any case)' })
  @IsString()
  @Length(2, 100)
  q!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One facility; without it, every facility whose case files you may read' })
  @IsOptional()
  @IsUUID('all')
  facilityId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class NoteVersionDto {
  @ApiProperty({ minimum: 1 }) version!: number;
  @ApiProperty({ format: 'date-time' }) about!: string;
  @ApiProperty({ enum: NOTE_CATEGORIES }) category!: NoteCategory;
  @ApiProperty({ nullable: true, type: String, description: 'Null once the person is forgotten' }) text!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why it was corrected (versions after the first; null once forgotten)' })
  reason?: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Who wrote it (user id)' }) authorId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'In which role' }) authorRole!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The author’s display name' }) authorName!: string | null;
}

export class NoteDto {
  @ApiProperty({ format: 'uuid' }) noteId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ format: 'uuid' }) facilityId!: string;
  @ApiProperty({ type: PersonNameDto, nullable: true, description: 'Whom it is about (null once forgotten)' }) name!: PersonNameDto | null;
  @ApiProperty({ format: 'date-time' }) about!: string;
  @ApiProperty({ enum: NOTE_CATEGORIES }) category!: NoteCategory;
  @ApiProperty({ nullable: true, type: String, description: 'The current text (null once the person is forgotten)' }) text!: string | null;
  @ApiProperty({ description: 'The person was forgotten: the text is erased' }) forgotten!: boolean;
  @ApiProperty({ minimum: 1, description: 'The current version (1 until corrected)' }) version!: number;
  @ApiProperty({ format: 'date-time', description: 'When it was first written' }) writtenAt!: string;
  @ApiProperty({ nullable: true, type: String }) authorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) authorRole!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The author’s display name' }) authorName!: string | null;
  @ApiProperty({ type: [NoteVersionDto], description: 'Every version, first to last: a correction never removes what was written' })
  versions!: NoteVersionDto[];
}

export class CaseNotesDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ type: [NoteDto], description: 'Newest first by the time they are about' }) notes!: NoteDto[];
}

export class HandoverIncidentDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) incidentId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ type: PersonNameDto, nullable: true }) name!: PersonNameDto | null;
  @ApiProperty() kind!: string;
  @ApiProperty() severity!: string;
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ nullable: true, type: String }) recordedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) recordedByRole!: string | null;
}

export class HandoverContactDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) contactId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ type: PersonNameDto, nullable: true }) name!: PersonNameDto | null;
  @ApiProperty({ enum: CONTACT_KINDS }) kind!: string;
  @ApiProperty({ enum: CONTACT_PARTIES, isArray: true }) parties!: string[];
  @ApiProperty() durationMinutes!: number;
  @ApiProperty({ format: 'date-time', description: 'When the contact began' }) about!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ nullable: true, type: String }) recordedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) recordedByRole!: string | null;
}

export class HandoverDto {
  @ApiProperty({ format: 'uuid' }) facilityId!: string;
  @ApiProperty({ format: 'date-time' }) since!: string;
  @ApiProperty({ type: [NoteDto], description: 'Notes about the time since, or written since; newest first' }) notes!: NoteDto[];
  @ApiProperty({ type: [HandoverIncidentDto], description: 'Incidents of the days since, or recorded since; newest first' })
  incidents!: HandoverIncidentDto[];
  @ApiProperty({
    type: [HandoverContactDto],
    description: 'Contacts of the follow-up since, or recorded since; newest first (what came of each is on the case)',
  })
  contacts!: HandoverContactDto[];
  @ApiProperty({ description: 'More notes than one page: choose a later time' }) truncated!: boolean;
}

export class NoteSearchResultDto {
  @ApiProperty() q!: string;
  @ApiProperty({ type: [NoteDto], description: 'Notes whose current text contains every word; newest first' }) notes!: NoteDto[];
  @ApiProperty({ description: 'More notes than the limit matched' }) truncated!: boolean;
}
