import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { facilityDecider, facilityStream, UnitCommand, unitDecider, UnitState, unitStream } from '@app/domain';
import { AccessRule } from '../../platform/auth/authorization';
import { Clock } from '../../platform/clock';
import { CommandContext } from '../../platform/commands/command-context';
import { CommandRunner } from '../../platform/commands/command-runner';
import { CommandCtx } from '../../platform/http/command-context.decorator';
import { CommandResponseDto } from '../../platform/http/command-response.dto';
import { ApiTag } from '../../platform/http/openapi';
import { respond } from '../../platform/http/respond';
import { StreamReader } from '../../platform/streams/stream-reader';
import { OutOfServiceDto, ReturnToServiceDto, UnitDescriptionDto } from './units.dto';

/** Staff of the facility, and administrators, take a flat out of service (e.g. after damage) and back. */
export const UNIT_STAFF: AccessRule<UnitState> = {
  record: 'Unit',
  exists: (state) => state.status !== 'none',
  allowed: [{ action: 'admin.facilities' }, { action: 'case.command', facilityOf: (state) => (state.status === 'none' ? undefined : state.facilityId) }],
};

/** A unit's own commands; a unit is added under its facility (FacilitiesController). */
@ApiTag('units')
@Controller('v1/units')
export class UnitsController {
  constructor(
    private readonly runner: CommandRunner,
    private readonly clock: Clock,
    private readonly streams: StreamReader,
  ) {}

  @Post(':unitId/description')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'describeUnit',
    summary: 'Set a unit’s attributes and floor or cluster, as shown when it is offered (staff of its facility, administrators)',
  })
  @ApiOkResponse({ type: CommandResponseDto })
  @ApiForbiddenResponse({ description: 'Neither an administrator nor staff of the unit’s facility' })
  async describe(
    @Param('unitId', new ParseUUIDPipe()) unitId: string,
    @Body() body: UnitDescriptionDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    // The facility's profile says which attributes its units may carry; an unknown unit gets none and the runner answers 404.
    const unit = await this.streams.load(unitDecider, unitStream(unitId));
    const facility = unit.state.status === 'active' ? await this.streams.load(facilityDecider, facilityStream(unit.state.facilityId)) : undefined;
    const facilityAttributes = facility?.state.status === 'active' ? (facility.state.profile.unitAttributes ?? []) : [];
    const command: UnitCommand = { type: 'DescribeUnit', unitId, attributes: body.attributes ?? [], cluster: body.cluster, facilityAttributes };
    const outcome = await this.runner.run({ decider: unitDecider, stream: unitStream(unitId), command, access: UNIT_STAFF }, ctx);
    return respond(res, outcome, unitId);
  }

  @Post(':unitId/out-of-service')
  @HttpCode(200)
  @ApiOperation({ operationId: 'takeUnitOutOfService', summary: 'Take a unit out of service (staff of its facility, administrators)' })
  @ApiOkResponse({ type: CommandResponseDto })
  @ApiForbiddenResponse({ description: 'Neither an administrator nor staff of the unit’s facility' })
  async outOfService(
    @Param('unitId', new ParseUUIDPipe()) unitId: string,
    @Body() body: OutOfServiceDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, unitId, { type: 'TakeUnitOutOfService', unitId, ...body, today: this.clock.today() }, ctx, body.on);
  }

  @Post(':unitId/return-to-service')
  @HttpCode(200)
  @ApiOperation({ operationId: 'returnUnitToService', summary: 'Return a unit to service (staff of its facility, administrators)' })
  @ApiOkResponse({ type: CommandResponseDto })
  @ApiForbiddenResponse({ description: 'Neither an administrator nor staff of the unit’s facility' })
  async returnToService(
    @Param('unitId', new ParseUUIDPipe()) unitId: string,
    @Body() body: ReturnToServiceDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, unitId, { type: 'ReturnUnitToService', unitId, ...body, today: this.clock.today() }, ctx, body.on);
  }

  private async run(res: Response, unitId: string, command: UnitCommand, ctx: CommandContext, effectiveDate: string) {
    const outcome = await this.runner.run({ decider: unitDecider, stream: unitStream(unitId), command, access: UNIT_STAFF, effectiveDate }, ctx);
    return respond(res, outcome, unitId);
  }
}
