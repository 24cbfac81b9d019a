import { Controller, Get, Param, ParseUUIDPipe, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Requires } from '../../platform/auth/auth.decorators';
import { readScope } from '../../read-models/shared/read-scope';
import { ReadModelQueryDto } from '../../read-models/read-model-query.dto';
import { ApiTag } from '../../platform/http/openapi';
import { FacilityWaitingListDto, WaitingListSummaryDto } from '../../read-models/waiting-list/waiting-list.dto';
import { GetWaitingListQuery, GetWaitingListSummaryQuery } from '../../read-models/waiting-list/waiting-list.query';

@ApiTag('waiting-list')
@Controller('v1')
export class WaitingListController {
  constructor(private readonly queries: QueryBus) {}

  /** People waiting for a place in the facility, most urgent first, then longest waiting; with the median waits. */
  @Get('facilities/:facilityId/waiting-list')
  @Requires('read.dashboard')
  @ApiOperation({ operationId: 'getWaitingList', summary: 'Waiting list of a facility' })
  @ApiOkResponse({ type: FacilityWaitingListDto, description: 'Entries by priority then date placed; days are counted to today' })
  list(@Param('facilityId', new ParseUUIDPipe()) facilityId: string, @QueryParams() q: ReadModelQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetWaitingListQuery({ facilityId, scope: readScope(actor, 'read.dashboard'), minPosition: q.minPosition }));
  }

  /** For the supervisor's dashboard: per facility in scope and overall, how many wait and the median waits. */
  @Get('waiting-list/summary')
  @Requires('read.dashboard')
  @ApiOperation({ operationId: 'getWaitingListSummary', summary: 'Waiting-list figures of the reader’s facilities' })
  @ApiOkResponse({ type: WaitingListSummaryDto, description: 'Counts and median waits per facility and overall' })
  summary(@QueryParams() q: ReadModelQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetWaitingListSummaryQuery({ scope: readScope(actor, 'read.dashboard'), minPosition: q.minPosition }));
  }
}
