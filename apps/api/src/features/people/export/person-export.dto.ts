import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ANY_OBJECT, ANY_VALUE } from '../../../platform/http/schema-shapes';
import { SUMMARY_PARAM } from '../../../read-models/timeline/timeline.dto';
import type { ExportField } from './export-words';
import type { ExportedCase, ExportedDecision, ExportedRead, ExportEntry, ExportMessage, PersonExport } from './person-export.service';

class ExportMessageDto implements ExportMessage {
  @ApiProperty({ description: 'The message key (the timeline’s, or events.<type> for an event the timeline does not summarise)' }) key!: string;
  @ApiProperty({ type: 'object', additionalProperties: SUMMARY_PARAM, description: 'The values the message names (codes, dates, unit labels)' })
  params!: ExportMessage['params'];
  @ApiProperty({ description: 'The message in bokmål, its codes in words and its days as dd.mm.yyyy', example: 'Henvisning registrert fra NAV' })
  text!: string;
}

class ExportFieldDto implements ExportField {
  @ApiProperty({ description: 'The field’s label in bokmål', example: 'Begrunnelse' }) label!: string;
  @ApiProperty({ description: 'Its value in words (codes translated, days as dd.mm.yyyy, ids as what they name)' }) value!: string;
}

class ExportEntryDto implements ExportEntry {
  @ApiProperty({ description: 'The event type', example: 'PersonRegistered' }) type!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The day it is about (YYYY-MM-DD)' }) effectiveDate!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When it was recorded (ISO 8601)' }) recordedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'In which role it was recorded' }) actorRole!: string | null;
  @ApiProperty({ ...ANY_OBJECT, description: 'What was recorded, decrypted' }) data!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String, description: 'Who recorded it (user id)' }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Who recorded it, by display name (null when unknown)' }) actorName!: string | null;
  @ApiProperty({ description: 'Who recorded it in words: name and role', example: 'Kari Nordmann, Saksbehandler' }) actorText!: string;
  @ApiProperty({ type: ExportMessageDto, description: 'What happened, as a message' }) message!: ExportMessageDto;
  @ApiProperty({ type: [ExportFieldDto], description: 'What was recorded, as labelled lines in bokmål' }) fields!: ExportFieldDto[];
}

class ExportedCaseDto implements ExportedCase {
  @ApiProperty({ format: 'uuid', description: 'The case' }) caseId!: string;
  @ApiProperty({ description: 'The case as the letter names it, in the order of referral', example: 'Sak 1' }) name!: string;
  @ApiProperty({ format: 'uuid', description: 'Its facility' }) facilityId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The facility’s name' }) facilityName!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The day it was referred (YYYY-MM-DD)' }) referredOn!: string | null;
  @ApiProperty({ type: [ExportEntryDto], description: 'Everything recorded in it, oldest first' }) events!: ExportEntryDto[];
}

class KeptLetterDto {
  @ApiProperty({ description: 'The letter’s text: a title line "# ", section headings "## ", paragraphs between blank lines' }) text!: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the text, recorded with the decision' }) sha256!: string;
}

class ExportedDecisionDto implements ExportedDecision {
  @ApiProperty({ format: 'uuid', description: 'The case' }) caseId!: string;
  @ApiProperty({ description: 'The case as the letter names it', example: 'Sak 1' }) caseName!: string;
  @ApiProperty({ format: 'uuid', description: 'The decision' }) decisionId!: string;
  @ApiProperty({ description: 'grant, refusal or exclusion' }) kind!: string;
  @ApiProperty({ description: 'The kind in bokmål', example: 'Innvilgelse' }) kindText!: string;
  @ApiProperty({ description: 'The legal basis, as a code' }) legalBasis!: string;
  @ApiProperty({ description: 'The legal basis in words', example: 'Sosialtjenesteloven § 27' }) legalBasisText!: string;
  @ApiProperty({ description: 'The provision it cites' }) citation!: string;
  @ApiProperty({ ...ANY_VALUE, description: 'The facts the decision rests on' }) facts!: unknown;
  @ApiProperty({ ...ANY_VALUE, description: 'The main considerations' }) mainConsiderations!: unknown;
  @ApiProperty({ ...ANY_VALUE, description: 'Who decided' }) decidedBy!: unknown;
  @ApiProperty({ description: 'The day it was issued (YYYY-MM-DD)' }) issuedOn!: string;
  @ApiProperty({ description: 'The day the person was notified (YYYY-MM-DD)' }) notifiedOn!: string;
  @ApiProperty({ ...ANY_VALUE, description: 'How and by when to appeal' }) appealNotice!: unknown;
  @ApiProperty({ description: 'The appeal body in words', example: 'Statsforvalteren' }) appealBodyText!: string;
  @ApiProperty({ type: KeptLetterDto, nullable: true, description: 'The letter as sent, kept with the decision (null where none was kept, or once forgotten)' })
  letter!: KeptLetterDto | null;
}

class ExportedReadDto implements ExportedRead {
  @ApiProperty({ description: 'When (ISO 8601)' }) at!: string;
  @ApiProperty({ description: 'Who' }) actorId!: string;
  @ApiProperty({ description: 'In which role' }) actorRole!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Who, by display name (null when unknown)' }) actorName!: string | null;
  @ApiProperty({ description: 'Who in words: name and role', example: 'Kari Nordmann, Saksbehandler' }) actorText!: string;
  @ApiProperty({ description: 'Which view: person, case, timeline, replay, export, correction, comment' }) view!: string;
  @ApiProperty({ description: 'The view in bokmål', example: 'Tidslinje' }) viewText!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The case, for a read of one case' }) caseId?: string;
  @ApiPropertyOptional({ description: 'The case as the letter names it', example: 'Sak 1' }) caseName?: string;
  @ApiPropertyOptional({ ...ANY_VALUE, description: 'The purpose stated, for a read outside the reader’s facilities' }) purpose?: unknown;
  @ApiProperty({ description: 'Flagged for review' }) flagged!: boolean;
  @ApiPropertyOptional({ type: 'boolean', enum: [true], description: 'A change, not a read' }) write?: true;
}

/** GET /api/v1/people/{personId}/export: the person's right of access. */
export class PersonExportDto implements PersonExport {
  @ApiProperty({ format: 'uuid', description: 'The person' }) personId!: string;
  @ApiProperty({ description: 'The person’s name as last recorded ("Glemt person" once forgotten)' }) personName!: string;
  @ApiProperty({ description: 'When the export was made (ISO 8601)' }) generatedAt!: string;
  @ApiProperty({ description: 'The municipality’s time zone, in which the letter gives times', example: 'Europe/Oslo' }) timeZone!: string;
  @ApiProperty({ description: 'False when cases of other facilities were left out (no purpose stated)' }) complete!: boolean;
  @ApiProperty({ type: [ExportEntryDto], description: 'Everything recorded about the person, oldest first' }) person!: ExportEntryDto[];
  @ApiProperty({ type: [ExportedCaseDto], description: 'Their cases in the order of referral, each with everything recorded in it' }) cases!: ExportedCaseDto[];
  @ApiProperty({ type: [ExportedDecisionDto], description: 'The formal decisions, with their grounds and appeal notices' }) decisions!: ExportedDecisionDto[];
  @ApiProperty({ type: [ExportedReadDto], description: 'Who looked at the file, and who changed it' }) accessLog!: ExportedReadDto[];
}
