import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { CASE_STATUSES, CaseStatus } from '@app/domain';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Requires } from '../../platform/auth/auth.decorators';
import { PagedQueryDto } from '../../read-models/read-model-query.dto';
import { SearchCasesQuery } from '../../read-models/cases/cases.query';
import { readScope } from '../../read-models/shared/read-scope';
import { ApiTag } from '../../platform/http/openapi';
import { CaseSearchResultDto } from '../../read-models/cases/cases.dto';

const STATUSES = CASE_STATUSES.filter((s) => s !== 'none');

export class CaseSearchDto extends PagedQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name (every word, any case), or an identity number (exact match)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  facilityId?: string;

  @ApiPropertyOptional({ description: 'A contact person, by name (any case)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  contactPerson?: string;
}

@ApiTag('cases')
@Controller('v1/cases')
export class CaseSearchController {
  constructor(private readonly queries: QueryBus) {}

  /** Cases of the facilities the reader works in, found by name or identity number, with paging. */
  @Get()
  @Requires('read.case')
  @ApiOperation({ operationId: 'searchCases', summary: 'Search cases by name, identity number, status, facility or contact person' })
  @ApiOkResponse({ type: CaseSearchResultDto, description: 'A page of cases and the total count; identity numbers are never returned' })
  search(@QueryParams() q: CaseSearchDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(
      new SearchCasesQuery({
        q: q.q,
        status: q.status,
        facilityId: q.facilityId,
        contactPerson: q.contactPerson,
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
        minPosition: q.minPosition,
        scope: readScope(actor, 'read.case'),
      }),
    );
  }
}
