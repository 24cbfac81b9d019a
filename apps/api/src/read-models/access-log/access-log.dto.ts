import { PersonNameDto } from '../shared/person-name.dto';
import { ApiProperty } from '@nestjs/swagger';
import { ACCESS_VIEWS, WRITE_VIEWS } from '@app/domain';
import type { AccessLogEntry, AccessLogPage } from './access-log.query';

class AccessLogEntryDto implements AccessLogEntry {
  @ApiProperty({ format: 'uuid', description: 'The record of the read' }) accessId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Whose file was read (null only for an old record whose case is not known either)' }) personId!:
    string | null;
  @ApiProperty({ type: PersonNameDto, nullable: true, description: 'Whose file, by name (null once forgotten)' }) personName!: PersonNameDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'The case read, for a read of one case' }) caseId!: string | null;
  @ApiProperty({ enum: [...ACCESS_VIEWS, ...WRITE_VIEWS], description: 'Which view was read, or which change was made' }) view!: string;
  @ApiProperty({ description: 'Who' }) actorId!: string;
  @ApiProperty({ description: 'In which role' }) actorRole!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The reader’s display name' }) actorName!: string | null;
  @ApiProperty({ description: 'When (ISO 8601)' }) at!: string;
  @ApiProperty({ description: 'Outside the reader’s facilities: flagged for review' }) flagged!: boolean;
  @ApiProperty({ description: 'A change about the person (correction, comment, referral), not a read' }) write!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'The purpose stated (null when none was, or once the person is forgotten)' }) purpose!:
    string | null;
}

/** GET /api/v1/audit/access-log: newest first. */
export class AccessLogPageDto implements AccessLogPage {
  @ApiProperty({ type: 'integer', description: 'Records that match, in all' }) total!: number;
  @ApiProperty({ type: 'integer', description: 'The page size asked for' }) limit!: number;
  @ApiProperty({ type: 'integer', description: 'The offset asked for' }) offset!: number;
  @ApiProperty({ type: [AccessLogEntryDto], description: 'This page' }) items!: AccessLogEntryDto[];
}
