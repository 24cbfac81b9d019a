import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ABSENCE_KINDS, AbsenceKind, INCIDENT_KINDS, IncidentKind, Severity, SEVERITIES } from '@app/domain';
import type { TransferInput } from '../workflows/transfer-unit.workflow';
import { IsCalendarDate } from '../../../platform/http/validators';
import { BodyOf, CaseCommandDto, LIMITS } from './common.dto';

export class RecordIncidentDto extends CaseCommandDto implements BodyOf<'RecordIncident', 'incidentId'> {
  @ApiProperty({ enum: INCIDENT_KINDS })
  @IsIn(INCIDENT_KINDS)
  kind!: IncidentKind;

  @ApiProperty({ enum: SEVERITIES })
  @IsIn(SEVERITIES)
  severity!: Severity;

  @ApiProperty({ maxLength: LIMITS.text, description: 'What happened' })
  @IsString()
  @Length(1, LIMITS.text)
  description!: string;
}

export class IssueWarningDto extends CaseCommandDto implements BodyOf<'IssueWarning', 'warningId'> {
  @ApiProperty({ maxLength: LIMITS.text })
  @IsString()
  @Length(1, LIMITS.text)
  reason!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The incident the warning is about' })
  @IsOptional()
  @IsUUID('all')
  relatedIncidentId?: string;
}

export class RecordAbsenceDto extends CaseCommandDto implements BodyOf<'RecordAbsence', 'absenceId'> {
  @ApiProperty({ enum: ABSENCE_KINDS })
  @IsIn(ABSENCE_KINDS)
  kind!: AbsenceKind;

  @ApiProperty({ example: '2026-04-01', description: 'The first day away' })
  @IsCalendarDate()
  from!: string;
}

export class RecordReturnDto extends CaseCommandDto implements BodyOf<'RecordReturn'> {
  @ApiProperty({ format: 'uuid', description: 'The open absence' })
  @IsUUID('all')
  absenceId!: string;
}

/** The new unit's kind is loaded by the server, which also occupies the unit before moving the case. */
export class TransferUnitDto extends CaseCommandDto implements Omit<TransferInput, 'type' | 'caseId' | 'transferId'> {
  @ApiProperty({ format: 'uuid', description: 'A unit of the same facility with room' })
  @IsUUID('all')
  toUnitId!: string;

  @ApiProperty({ maxLength: LIMITS.text, description: 'Why the person moves' })
  @IsString()
  @Length(1, LIMITS.text)
  reason!: string;
}
