import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Requires } from '../../platform/auth/auth.decorators';
import { ReportPeriodQueryDto } from './outcomes.controller';
import { ApiTag } from '../../platform/http/openapi';
import { ReturnsReportDto } from '../../read-models/returns/returns.dto';
import { GetReturnsReportQuery, ReturnsReport } from '../../read-models/returns/returns.query';

@ApiTag('reports')
@Controller('v1/reports')
export class ReturnsController {
  constructor(private readonly queries: QueryBus) {}

  /**
   * Returns to homelessness as HUD's System Performance Measure 2 defines them: of those who moved out
   * to a permanent home in the period, how many were referred again, more than 14 days after, within
   * 6, 12 and 24 months.
   */
  @Get('returns')
  @Requires('read.dashboard')
  @ApiOperation({ operationId: 'getReturnsReport', summary: 'Returns to homelessness after moving out to a permanent home (HUD SPM 2)' })
  @ApiOkResponse({ type: ReturnsReportDto, description: 'Returns to homelessness (HUD SPM 2), counts and percentages per window' })
  returns(@QueryParams() q: ReportPeriodQueryDto, @CurrentActor() actor: Actor): Promise<ReturnsReport> {
    return this.queries.execute(new GetReturnsReportQuery({ actor, facilityId: q.facilityId, from: q.from, to: q.to, minPosition: q.minPosition }));
  }
}
