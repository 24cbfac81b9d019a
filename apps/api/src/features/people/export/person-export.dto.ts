import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ANY_OBJECT, ANY_VALUE } from '../../../platform/http/schema-shapes';
import type { ExportedDecision, ExportEntry, PersonExport } from './person-export.service';

class ExportEntryDto implements ExportEntry {
  @ApiProperty({ description: 'The event type', example: 'PersonRegistered' }) type!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The day it is about (YYYY-MM-DD)' }) effectiveDate!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When it was recorded (ISO 8601)' }) recordedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'In which role it was recorded' }) actorRole!: string | null;
  @ApiProperty({ ...ANY_OBJECT, description: 'What was recorded, decrypted' }) data!: Record<string, unknown>;
}

class ExportedCaseDto {
  @ApiProperty({ format: 'uuid', description: 'The case' }) caseId!: string;
  @ApiProperty({ type: [ExportEntryDto], description: 'Everything recorded in it, oldest first' }) events!: ExportEntryDto[];
}

class ExportedDecisionDto implements ExportedDecision {
  @ApiProperty({ format: 'uuid', description: 'The case' }) caseId!: string;
  @ApiProperty({ format: 'uuid', description: 'The decision' }) decisionId!: string;
  @ApiProperty({ description: 'grant, refusal or exclusion' }) kind!: string;
  @ApiProperty({ description: 'The legal basis, as a code' }) legalBasis!: string;
  @ApiProperty({ description: 'The provision it cites' }) citation!: string;
  @ApiProperty({ ...ANY_VALUE, description: 'The facts the decision rests on' }) facts!: unknown;
  @ApiProperty({ ...ANY_VALUE, description: 'The main considerations' }) mainConsiderations!: unknown;
  @ApiProperty({ ...ANY_VALUE, description: 'Who decided' }) decidedBy!: unknown;
  @ApiProperty({ description: 'The day it was issued (YYYY-MM-DD)' }) issuedOn!: string;
  @ApiProperty({ description: 'The day the person was notified (YYYY-MM-DD)' }) notifiedOn!: string;
  @ApiProperty({ ...ANY_VALUE, description: 'How and by when to appeal' }) appealNotice!: unknown;
}

class ExportedReadDto {
  @ApiProperty({ description: 'When (ISO 8601)' }) at!: string;
  @ApiProperty({ description: 'Who' }) actorId!: string;
  @ApiProperty({ description: 'In which role' }) actorRole!: string;
  @ApiProperty({ description: 'Which view: person, case, timeline, replay, export, correction, comment' }) view!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The case, for a read of one case' }) caseId?: string;
  @ApiPropertyOptional({ ...ANY_VALUE, description: 'The purpose stated, for a read outside the reader’s facilities' }) purpose?: unknown;
  @ApiProperty({ description: 'Flagged for review' }) flagged!: boolean;
  @ApiPropertyOptional({ type: 'boolean', enum: [true], description: 'A change, not a read' }) write?: true;
}

/** GET /api/v1/people/{personId}/export: the person's right of access. */
export class PersonExportDto implements PersonExport {
  @ApiProperty({ format: 'uuid', description: 'The person' }) personId!: string;
  @ApiProperty({ description: 'When the export was made (ISO 8601)' }) generatedAt!: string;
  @ApiProperty({ description: 'False when cases of other facilities were left out (no purpose stated)' }) complete!: boolean;
  @ApiProperty({ type: [ExportEntryDto], description: 'Everything recorded about the person, oldest first' }) person!: ExportEntryDto[];
  @ApiProperty({ type: [ExportedCaseDto], description: 'Their cases, each with everything recorded in it' }) cases!: ExportedCaseDto[];
  @ApiProperty({ type: [ExportedDecisionDto], description: 'The formal decisions, with their grounds and appeal notices' }) decisions!: ExportedDecisionDto[];
  @ApiProperty({ type: [ExportedReadDto], description: 'Who looked at the file, and who changed it' }) accessLog!: ExportedReadDto[];
}
