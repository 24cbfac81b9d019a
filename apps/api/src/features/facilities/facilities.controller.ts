import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { facilityDecider, facilityStream, unitDecider, unitStream } from '@app/domain';
import { Requires } from '../../platform/auth/auth.decorators';
import { CommandContext } from '../../platform/commands/command-context';
import { CommandRunner } from '../../platform/commands/command-runner';
import { NotFound } from '../../platform/errors/command-errors';
import { CommandCtx } from '../../platform/http/command-context.decorator';
import { CommandResponseDto } from '../../platform/http/command-response.dto';
import { ApiTag } from '../../platform/http/openapi';
import { respond } from '../../platform/http/respond';
import { idForNewRecord, IdGenerator } from '../../platform/ids';
import { StreamReader } from '../../platform/streams/stream-reader';
import { AddUnitDto } from '../units/units.dto';
import { FacilityProfileDto } from './facility.dto';
import { FacilityDetailDto } from './facility-detail.dto';
import { ReadModelQueryDto } from '../../read-models/read-model-query.dto';
import { ListFacilityUnitsQuery } from '../../read-models/occupancy/facility-units.query';

/** Facilities and their units, kept by administrators. */
@ApiTag('facilities')
@Controller('v1/facilities')
export class FacilitiesController {
  constructor(
    private readonly runner: CommandRunner,
    private readonly streams: StreamReader,
    private readonly ids: IdGenerator,
    private readonly queries: QueryBus,
  ) {}

  /** The profile from the facility's stream (always current); the units from the read model (`minPosition` to wait for an added one). */
  @Get(':facilityId')
  @Requires('admin.facilities')
  @ApiOperation({ operationId: 'getFacility', summary: 'A facility’s profile and units, for administrators' })
  @ApiOkResponse({ type: FacilityDetailDto })
  @ApiNotFoundResponse({ description: 'No such facility' })
  async detail(@Param('facilityId', new ParseUUIDPipe()) facilityId: string, @Query() q: ReadModelQueryDto) {
    const facility = await this.streams.load(facilityDecider, facilityStream(facilityId));
    if (facility.state.status === 'none') throw new NotFound('Facility');
    const units = await this.queries.execute(new ListFacilityUnitsQuery({ facilityId, minPosition: q.minPosition }));
    return { facilityId, profile: facility.state.profile, units };
  }

  @Post()
  @HttpCode(201)
  @Requires('admin.facilities')
  @ApiOperation({ operationId: 'registerFacility', summary: 'Register a facility' })
  @ApiCreatedResponse({ type: CommandResponseDto, description: '`id` is the new facility' })
  async register(@Body() body: FacilityProfileDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const facilityId = idForNewRecord(this.ids, ctx, 'facility');
    const outcome = await this.runner.run(
      { decider: facilityDecider, stream: facilityStream(facilityId), command: { type: 'RegisterFacility', facilityId, ...body } },
      ctx,
    );
    return respond(res, outcome, facilityId);
  }

  @Post(':facilityId/profile')
  @HttpCode(200)
  @Requires('admin.facilities')
  @ApiOperation({ operationId: 'changeFacilityProfile', summary: 'Change a facility’s profile (name, kind, municipality, target group, longest stay)' })
  @ApiOkResponse({ type: CommandResponseDto })
  async changeProfile(
    @Param('facilityId', new ParseUUIDPipe()) facilityId: string,
    @Body() body: FacilityProfileDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.runner.run(
      { decider: facilityDecider, stream: facilityStream(facilityId), command: { type: 'ChangeFacilityProfile', facilityId, ...body } },
      ctx,
    );
    return respond(res, outcome, facilityId);
  }

  @Post(':facilityId/units')
  @HttpCode(201)
  @Requires('admin.facilities')
  @ApiOperation({ operationId: 'addUnit', summary: 'Add a unit to a facility' })
  @ApiCreatedResponse({ type: CommandResponseDto, description: '`id` is the new unit' })
  async addUnit(
    @Param('facilityId', new ParseUUIDPipe()) facilityId: string,
    @Body() body: AddUnitDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const facility = await this.streams.load(facilityDecider, facilityStream(facilityId));
    if (facility.state.status === 'none') throw new NotFound('Facility');
    const unitId = idForNewRecord(this.ids, ctx, 'unit');
    // The unit may only carry attributes its facility records: the decider checks against this list.
    const facilityAttributes = facility.state.profile.unitAttributes ?? [];
    const command = { type: 'AddUnit' as const, unitId, facilityId, ...body, facilityAttributes };
    const outcome = await this.runner.run({ decider: unitDecider, stream: unitStream(unitId), command }, ctx);
    return respond(res, outcome, unitId);
  }
}
