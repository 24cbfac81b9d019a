import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Requires } from '../../platform/auth/auth.decorators';
import { ApiTag } from '../../platform/http/openapi';
import { assertFacilityInScope, readScope } from '../../read-models/shared/read-scope';
import { WorkQueueDto, WorkQueueQueryDto } from './work-queue.dto';
import { WorkQueueService } from './work-queue.service';

/**
 * What waits for the caller, with the case and the command that clears each item. Like the dashboards
 * it names people and dates, never what is written in their files, so it is not a read of a file.
 */
@ApiTag('work-queue')
@Controller('v1/work-queue')
export class WorkQueueController {
  constructor(private readonly workQueue: WorkQueueService) {}

  @Get()
  @Requires('case.command')
  @ApiOperation({ operationId: 'getWorkQueue', summary: 'The team lead’s inbox and the case worker’s queue, most pressing first' })
  @ApiOkResponse({ type: WorkQueueDto })
  queue(@QueryParams() q: WorkQueueQueryDto, @CurrentActor() actor: Actor): Promise<WorkQueueDto> {
    if (q.facilityId) assertFacilityInScope(readScope(actor, 'case.command'), q.facilityId);
    return this.workQueue.queue(actor, q);
  }
}
