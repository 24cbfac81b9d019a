import { Controller, Get, Param, ParseUUIDPipe, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Requires } from '../../platform/auth/auth.decorators';
import { FileAccess, FileAccessParam, PersonalDataRead } from '../privacy/personal-data-read';
import { PagedQueryDto } from '../../read-models/read-model-query.dto';
import { TIMELINE_MESSAGE_KEYS } from '../../read-models/timeline/timeline.messages';
import { GetPersonFacilitiesQuery, GetTimelineQuery } from '../../read-models/timeline/timeline.query';
import { ApiTag } from '../../platform/http/openapi';
import { TimelineDto } from '../../read-models/timeline/timeline.dto';

@ApiTag('people')
@Controller('v1/people')
export class TimelineController {
  constructor(private readonly queries: QueryBus) {}

  /**
   * Everything that happened to the person across their cases, newest first, as message keys to render.
   * A read of the person's file: it is recorded in their access log. A reader sees the person's own
   * entries and those of cases in their own facilities; the rest only with a stated purpose
   * (X-Access-Purpose), and the read is then flagged for review and shows the whole timeline.
   */
  @Get(':personId/timeline')
  @Requires('read.case')
  @PersonalDataRead('timeline')
  @ApiOperation({ operationId: 'getTimeline', summary: "A resident's timeline" })
  @ApiOkResponse({ type: TimelineDto, description: `A page of entries, newest first by effective date. Summary keys: ${TIMELINE_MESSAGE_KEYS.join(', ')}` })
  @ApiForbiddenResponse({ description: 'The person’s cases are all outside the reader’s facilities and no purpose was stated' })
  async timeline(@Param('personId', new ParseUUIDPipe()) personId: string, @QueryParams() q: PagedQueryDto, @FileAccessParam() access: FileAccess) {
    const facilities: string[] = await this.queries.execute(new GetPersonFacilitiesQuery({ personId, minPosition: q.minPosition }));
    const { show } = access.allow(facilities); // 403 outside one's facilities without a purpose
    const scope = show === 'everything' ? 'everywhere' : show;
    return this.queries.execute(new GetTimelineQuery({ personId, scope, limit: q.limit ?? 100, offset: q.offset ?? 0, minPosition: q.minPosition }));
  }
}
