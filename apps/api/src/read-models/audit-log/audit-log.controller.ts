import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { Requires } from '../../auth/auth.decorators';
import { PagedQueryDto } from '../read-model-query.dto';
import { SearchAuditLogQuery } from './audit-log.query';

export class AuditLogQueryDto extends PagedQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) actorId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) eventType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) stream?: string;
  @ApiPropertyOptional({ description: 'Recorded at or after (ISO 8601)' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ description: 'Recorded before (ISO 8601)' }) @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) correlationId?: string;
  @ApiPropertyOptional({ description: 'Cursor from the previous page' }) @IsOptional() @Matches(/^\d{1,20}$/) before?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditLogController {
  constructor(private readonly queries: QueryBus) {}

  /** Every recorded event, newest first: who did what, in which role, when, and in which conversation. */
  @Get('events')
  @Requires('read.audit')
  @ApiOkResponse({ description: 'A page of the audit log and the cursor of the next page' })
  search(@QueryParams() q: AuditLogQueryDto) {
    const { limit, offset: _offset, ...filter } = q;
    return this.queries.execute(new SearchAuditLogQuery({ ...filter, limit: limit ?? 50 }));
  }
}
