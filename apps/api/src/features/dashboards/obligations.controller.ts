import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Requires } from '../../platform/auth/auth.decorators';
import { ReadModelQueryDto } from '../../read-models/read-model-query.dto';
import { ApiTag } from '../../platform/http/openapi';
import { ObligationsDto } from '../../read-models/obligations/obligations.dto';
import { GetObligationsQuery } from '../../read-models/obligations/obligations.query';

export class ObligationsQueryDto extends ReadModelQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One facility; without it, every facility the caller is assigned to' })
  @IsOptional()
  @IsUUID('all')
  facilityId?: string;
}

@ApiTag('dashboards')
@Controller('v1/dashboards')
export class ObligationsController {
  constructor(private readonly queries: QueryBus) {}

  /**
   * Duties with deadlines: exclusions still waiting for an alternative offer, appeals at each step,
   * and refusals and exclusions that can still be appealed — as of today.
   */
  @Get('obligations')
  @Requires('read.dashboard')
  @ApiOperation({
    operationId: 'getObligations',
    summary: 'Duties with deadlines: exclusions awaiting an alternative, appeals, decisions still open to appeal',
  })
  @ApiOkResponse({ type: ObligationsDto, description: 'Open obligations and running deadlines' })
  obligations(@QueryParams() q: ObligationsQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetObligationsQuery({ actor, facilityId: q.facilityId, minPosition: q.minPosition }));
  }
}
