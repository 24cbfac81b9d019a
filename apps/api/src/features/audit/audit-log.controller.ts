import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Requires } from '../../platform/auth/auth.decorators';
import { PagedQueryDto } from '../../read-models/read-model-query.dto';
import { assertFacilityInScope, readScope } from '../../read-models/shared/read-scope';
import { SearchAuditLogQuery, SearchLateEntriesQuery } from '../../read-models/audit-log/audit-log.query';
import { ApiTag } from '../../platform/http/openapi';

export class AuditLogQueryDto extends PagedQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) actorId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) eventType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) stream?: string;
  @ApiPropertyOptional({ description: 'Recorded at or after (ISO 8601)' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ description: 'Recorded before (ISO 8601)' }) @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) correlationId?: string;
  @ApiPropertyOptional({ description: 'Cursor from the previous page' }) @IsOptional() @Matches(/^\d{1,20}$/) before?: string;
}

export class LateEntriesQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One of your facilities (default: all of them)' }) @IsOptional() @IsUUID('all') facilityId?: string;
  @ApiPropertyOptional({ description: 'Recorded at or after (ISO 8601)' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ description: 'Recorded before (ISO 8601)' }) @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional({ description: 'Cursor from the previous page' }) @IsOptional() @Matches(/^\d{1,20}$/) before?: string;
}

/** One entry of the audit log, as both the audit log and the late-entry list answer it. */
export class AuditLogEntryDto {
  @ApiProperty({ description: 'Global position in the log' }) position!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'case-…' }) stream!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ example: 'MovedIn' }) eventType!: string;
  @ApiProperty({ nullable: true, type: String }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorRole!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The actor’s display name (null for the system)' }) actorName!: string | null;
  @ApiProperty({ description: 'When the server recorded it (ISO 8601)' }) recordedAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The day the event is about (YYYY-MM-DD)' }) effectiveDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) commandId!: string | null;
  @ApiProperty({ nullable: true, type: String }) commandType!: string | null;
  @ApiProperty({ nullable: true, type: String }) correlationId!: string | null;
  @ApiProperty({ nullable: true, type: String }) causationId!: string | null;
  @ApiProperty() hasReason!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'The facility the event belongs to' }) facilityId!: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'A late entry: days from the effective date to the day it was recorded (more than LATE_ENTRY_DAYS, default 7); null otherwise',
  })
  daysLate!: number | null;
}

export class AuditLogPageDto {
  @ApiProperty({ type: [AuditLogEntryDto] }) entries!: AuditLogEntryDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `before` for the next page; null on the last' }) next!: string | null;
}

@ApiTag('audit')
@Controller('v1/audit')
export class AuditLogController {
  constructor(private readonly queries: QueryBus) {}

  /** Every recorded event, newest first: who did what, in which role, when, and in which conversation. */
  @Get('events')
  @Requires('read.audit')
  @ApiOperation({ operationId: 'searchAuditLog', summary: 'Every recorded event, newest first: who did what, in which role, when' })
  @ApiOkResponse({ type: AuditLogPageDto, description: 'A page of the audit log and the cursor of the next page' })
  search(@QueryParams() q: AuditLogQueryDto) {
    const { limit, offset: _offset, ...filter } = q;
    return this.queries.execute(new SearchAuditLogQuery({ ...filter, limit: limit ?? 50 }));
  }

  /**
   * What was recorded long after the day it is about, for the team lead to review: events whose
   * effective date lies more than LATE_ENTRY_DAYS (default 7) before the day they were recorded, made
   * by people, in the reader's facilities (an auditor's: all), newest first.
   */
  @Get('late-entries')
  @Requires('read.late_entries')
  @ApiOperation({ operationId: 'listLateEntries', summary: 'Late entries in your facilities (team leads, auditors)' })
  @ApiOkResponse({ type: AuditLogPageDto, description: 'A page of late entries and the cursor of the next page' })
  @ApiForbiddenResponse({ description: 'Not a team lead or auditor, or a facility outside your scope' })
  lateEntries(@QueryParams() q: LateEntriesQueryDto, @CurrentActor() actor: Actor) {
    const scope = readScope(actor, 'read.late_entries');
    if (q.facilityId) assertFacilityInScope(scope, q.facilityId);
    const { limit, offset: _offset, ...filter } = q;
    return this.queries.execute(new SearchLateEntriesQuery({ ...filter, scope, limit: limit ?? 50 }));
  }
}
