import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { facilityDecider, facilityStream } from '@app/domain';
import { CommandContext } from '../../platform/commands/command-runner';
import { idForNewRecord, IdGenerator } from '../../platform/ids';
import { RunDeciderCommand } from '../../platform/commands/run-decider.command';
import { Requires } from '../../platform/auth/auth.decorators';
import { CommandCtx } from '../../platform/http/command-context.decorator';
import { CommandResponseDto } from '../../platform/http/command-response.dto';
import { respond } from '../../platform/http/respond';
import { FacilityProfileDto } from './facility.dto';

@ApiTags('facilities')
@ApiBearerAuth()
@Controller('v1/facilities')
export class FacilitiesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly ids: IdGenerator,
  ) {}

  @Post()
  @HttpCode(201)
  @Requires('admin.facilities')
  @ApiCreatedResponse({ type: CommandResponseDto })
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
