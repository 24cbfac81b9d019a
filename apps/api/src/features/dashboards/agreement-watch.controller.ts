import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Requires } from '../../platform/auth/auth.decorators';
import { ReadModelQueryDto } from '../../read-models/read-model-query.dto';
import { ApiTag } from '../../platform/http/openapi';
import { AgreementWatchDto } from '../../read-models/agreement-watch/agreement-watch.dto';
import { DEFAULT_WITHIN_DAYS, GetAgreementWatchQuery } from '../../read-models/agreement-watch/agreement-watch.query';

export class AgreementWatchQueryDto extends ReadModelQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One facility; without it, every facility the caller is assigned to' })
  @IsOptional()
  @IsUUID('all')
  facilityId?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 366, default: DEFAULT_WITHIN_DAYS, description: 'How many days ahead counts as "soon"' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  withinDays?: number;
}

@ApiTag('dashboards')
@Controller('v1/dashboards')
export class AgreementWatchController {
  constructor(private readonly queries: QueryBus) {}

  /**
   * Agreements ending soon, residents past their agreement's end or limit, and offers that lapsed
   * without an answer — for the facilities the caller supervises (403 for a facility outside them).
   */
  @Get('agreements')
  @Requires('read.dashboard')
  @ApiOperation({ operationId: 'getAgreementWatch', summary: 'Agreements ending soon or past their end or limit, and lapsed offers' })
  @ApiOkResponse({ type: AgreementWatchDto, description: 'Agreements and offers to act on, as of today' })
  agreements(@QueryParams() q: AgreementWatchQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(
      new GetAgreementWatchQuery({ actor, facilityId: q.facilityId, withinDays: q.withinDays ?? DEFAULT_WITHIN_DAYS, minPosition: q.minPosition }),
    );
  }
}
