import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { facilityDecider, facilityStream } from '@app/domain';
import { CommandContext } from '../application/command-runner';
import { idForNewRecord, IdGenerator } from '../application/ids';
import { RunDeciderCommand } from '../application/run-decider.command';
import { Requires } from '../auth/auth.decorators';
import { CommandCtx } from '../http/command-context.decorator';
import { CommandResponseDto } from '../http/command-response.dto';
import { respond } from '../http/respond';
import { ApiTag } from '../http/openapi';
import { FacilityProfileDto } from './facility.dto';

@ApiTag('facilities')
@Controller('v1/facilities')
export class FacilitiesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly ids: IdGenerator,
  ) {}

  @Post()
  @HttpCode(201)
  @Requires('admin.facilities')
  @ApiOperation({ operationId: 'registerFacility', summary: 'Register a facility' })
  @ApiCreatedResponse({ type: CommandResponseDto, description: '`id` is the new facility' })
  async register(@Body() body: FacilityProfileDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) res: Response) {
    const facilityId = idForNewRecord(this.ids, ctx, 'facility');
    const outcome = await this.commands.execute(
      new RunDeciderCommand({ decider: facilityDecider, stream: facilityStream(facilityId), command: { type: 'RegisterFacility', facilityId, ...body } }, ctx),
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
    const outcome = await this.commands.execute(
      new RunDeciderCommand({ decider: facilityDecider, stream: facilityStream(facilityId), command: { type: 'ChangeFacilityProfile', facilityId, ...body } }, ctx),
    );
    return respond(res, outcome, facilityId);
  }
}
