import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { facilityDecider, facilityStream, UnitCommand, unitDecider, UnitState, unitStream } from '@app/domain';
import { Actor } from '../application/actor';
import { assertCan } from '../application/authorization';
import { NotFound } from '../application/command-errors';
import { CommandContext, CommandRunner } from '../application/command-runner';
import { Clock, idForNewRecord, IdGenerator } from '../application/ids';
import { RunDeciderCommand } from '../application/run-decider.command';
import { Requires } from '../auth/auth.decorators';
import { CommandCtx } from '../http/command-context.decorator';
import { CommandResponseDto } from '../http/command-response.dto';
import { respond } from '../http/respond';
import { ApiTag } from '../http/openapi';
import { AddUnitDto, OutOfServiceDto, ReturnToServiceDto } from './units.dto';

@ApiTag('units')
@Controller('v1')
export class UnitsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly runner: CommandRunner,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  @Post('facilities/:facilityId/units')
  @HttpCode(201)
  @Requires('admin.facilities')
  @ApiOperation({ operationId: 'addUnit', summary: 'Add a unit to a facility' })
  @ApiCreatedResponse({ type: CommandResponseDto, description: '`id` is the new unit' })
  async add(@Param('facilityId', new ParseUUIDPipe()) facilityId: string, @Body() body: AddUnitDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const facility = await this.runner.load(facilityDecider, facilityStream(facilityId));
    if (facility.state.status === 'none') throw new NotFound('Facility');
    const unitId = idForNewRecord(this.ids, ctx, 'unit');
    return this.run(res, unitId, { type: 'AddUnit', unitId, facilityId, ...body }, ctx);
  }

  /** Staff of the facility (and administrators) take a flat out of service, e.g. after damage. */
  @Post('units/:unitId/out-of-service')
  @HttpCode(200)
  @ApiOperation({ operationId: 'takeUnitOutOfService', summary: 'Take a unit out of service (staff of its facility, administrators)' })
  @ApiOkResponse({ type: CommandResponseDto })
  @ApiForbiddenResponse({ description: 'Neither an administrator nor staff of the unit’s facility' })
  async outOfService(@Param('unitId', new ParseUUIDPipe()) unitId: string, @Body() body: OutOfServiceDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, unitId, { type: 'TakeUnitOutOfService', unitId, ...body, today: this.clock.today() }, ctx, (state) => this.authorizeStaff(ctx.actor, state), body.on);
  }

  @Post('units/:unitId/return-to-service')
  @HttpCode(200)
  @ApiOperation({ operationId: 'returnUnitToService', summary: 'Return a unit to service (staff of its facility, administrators)' })
  @ApiOkResponse({ type: CommandResponseDto })
  @ApiForbiddenResponse({ description: 'Neither an administrator nor staff of the unit’s facility' })
  async returnToService(@Param('unitId', new ParseUUIDPipe()) unitId: string, @Body() body: ReturnToServiceDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    return this.run(res, unitId, { type: 'ReturnUnitToService', unitId, ...body, today: this.clock.today() }, ctx, (state) => this.authorizeStaff(ctx.actor, state), body.on);
  }

  private authorizeStaff(actor: Actor, state: UnitState): void {
    if (state.status === 'none') throw new NotFound('Unit');
    try {
      assertCan(actor, 'admin.facilities');
    } catch {
      assertCan(actor, 'case.command', state.facilityId);
    }
  }

  private async run(res: Response, unitId: string, command: UnitCommand, ctx: CommandContext, authorize?: (s: UnitState) => void, effectiveDate?: string) {
    const outcome = await this.commands.execute(new RunDeciderCommand({ decider: unitDecider, stream: unitStream(unitId), command, authorize, effectiveDate }, ctx));
    return respond(res, outcome, unitId);
  }
}
