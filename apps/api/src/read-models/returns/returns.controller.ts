import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../application/actor';
import { CurrentActor, Requires } from '../../auth/auth.decorators';
import { ReportPeriodQueryDto } from '../outcomes/outcomes.controller';
import { GetReturnsReportQuery, ReturnsReport } from './returns.query';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports')
export class ReturnsController {
  constructor(private readonly queries: QueryBus) {}

  /** Of those who moved out to a permanent home in the period, how many were referred again within 6, 12 and 24 months. */
  @Get('returns')
  @Requires('read.dashboard')
  @ApiOkResponse({ description: 'Returns to homelessness, counts and percentages per window' })
  returns(@QueryParams() q: ReportPeriodQueryDto, @CurrentActor() actor: Actor): Promise<ReturnsReport> {
    return this.queries.execute(new GetReturnsReportQuery({ actor, facilityId: q.facilityId, from: q.from, to: q.to, minPosition: q.minPosition }));
  }
}
