import { Controller, Get, Param, ParseUUIDPipe, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../platform/http/validators';
import { Actor } from '../../platform/auth/actor';
import { AccessDenied } from '../../platform/errors/command-errors';
import { CurrentActor, Requires } from '../../platform/auth/auth.decorators';
import { readScope } from '../../read-models/shared/read-scope';
import { ReadModelQueryDto } from '../../read-models/read-model-query.dto';
import { ApiTag } from '../../platform/http/openapi';
import { FacilityListDto, OccupancyBoardDto, OccupancyOnDayDto } from '../../read-models/occupancy/occupancy.dto';
import { GetOccupancyBoardQuery, GetOccupancyOnDayQuery, ListFacilitiesQuery } from '../../read-models/occupancy/occupancy.query';

export class OccupancyOnDayQueryDto extends ReadModelQueryDto {
  @ApiProperty({ example: '2026-03-09', description: 'The day (YYYY-MM-DD)' })
  @IsCalendarDate()
  on!: string;
}

@ApiTag('facilities')
@Controller('v1/facilities')
export class OccupancyController {
  constructor(private readonly queries: QueryBus) {}

  /**
   * The facilities the reader works with: those of their dashboard grants, or all of them for an
   * administrator (who manages facilities) and an auditor. Either action opens it, so the route
   * names none and checks both here.
   */
  @Get()
  @ApiOperation({ operationId: 'listFacilities', summary: 'List facilities (read.dashboard or admin.facilities)' })
  @ApiOkResponse({ type: FacilityListDto, description: 'Facilities in the reader’s scope with their unit counts' })
  @ApiForbiddenResponse({ description: 'Neither read.dashboard nor admin.facilities' })
  list(@QueryParams() q: ReadModelQueryDto, @CurrentActor() actor: Actor) {
    const scope = readScope(actor, 'read.dashboard', 'admin.facilities');
    if (scope !== 'everywhere' && scope.length === 0) throw new AccessDenied('Your role does not allow this');
    return this.queries.execute(new ListFacilitiesQuery({ scope, minPosition: q.minPosition }));
  }

  /** Each unit with its occupants, agreements, days in stay, reservations and service state; the occupancy rate. */
  @Get(':facilityId/occupancy')
  @Requires('read.dashboard')
  @ApiOperation({ operationId: 'getOccupancyBoard', summary: 'Occupancy board of a facility' })
  @ApiOkResponse({ type: OccupancyBoardDto, description: 'The board; days are counted to today' })
  board(@Param('facilityId', new ParseUUIDPipe()) facilityId: string, @QueryParams() q: ReadModelQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetOccupancyBoardQuery({ facilityId, scope: readScope(actor, 'read.dashboard'), minPosition: q.minPosition }));
  }

  /** Who held each unit's places on a past day (occupants, offers' reservations, out of service), on effective dates. */
  @Get(':facilityId/occupancy/history')
  @Requires('read.dashboard')
  @ApiOperation({ operationId: 'getOccupancyOnDay', summary: 'Occupancy of a facility on a given day' })
  @ApiOkResponse({ type: OccupancyOnDayDto, description: 'Each unit with the claims on its places that day' })
  onDay(@Param('facilityId', new ParseUUIDPipe()) facilityId: string, @QueryParams() q: OccupancyOnDayQueryDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetOccupancyOnDayQuery({ facilityId, on: q.on, scope: readScope(actor, 'read.dashboard'), minPosition: q.minPosition }));
  }
}
