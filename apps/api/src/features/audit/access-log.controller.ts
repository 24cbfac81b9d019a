import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { Requires } from '../../platform/auth/auth.decorators';
import { PagedQueryDto } from '../../read-models/read-model-query.dto';
import { AccessLogPage, SearchAccessLogQuery } from '../../read-models/access-log/access-log.query';
import { ApiTag } from '../../platform/http/openapi';
import { AccessLogPageDto } from '../../read-models/access-log/access-log.dto';

export class AccessLogQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Whose file was read' }) @IsOptional() @IsUUID('all') personId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only reads flagged for review (true), or only the others (false)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  flagged?: 'true' | 'false';
  @ApiPropertyOptional({ description: 'Who read' }) @IsOptional() @IsString() @Length(1, 100) actorId?: string;
  @ApiPropertyOptional({ description: 'Read at or after (ISO 8601)' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ description: 'Read before (ISO 8601)' }) @IsOptional() @IsISO8601() to?: string;
}

@ApiTag('audit')
@Controller('v1/audit')
export class AccessLogController {
  constructor(private readonly queries: QueryBus) {}

  /** Who read whose file, when, in which view and why; newest first. Reads outside the reader's facilities are flagged. */
  @Get('access-log')
  @Requires('read.audit')
  @ApiOperation({ operationId: 'searchAccessLog', summary: 'Who read or changed whose file, when, in which view and why' })
  @ApiOkResponse({ type: AccessLogPageDto, description: 'A page of the access log, newest first' })
  search(@QueryParams() q: AccessLogQueryDto): Promise<AccessLogPage> {
    const { limit, offset, flagged, ...filter } = q;
    return this.queries.execute(
      new SearchAccessLogQuery({ ...filter, flagged: flagged === undefined ? undefined : flagged === 'true', limit: limit ?? 50, offset: offset ?? 0 }),
    );
  }
}
