import { Controller, Get, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import type { Response } from 'express';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Requires } from '../../platform/auth/auth.decorators';
import { IsCalendarDate } from '../../platform/http/validators';
import { ReadModelQueryDto } from '../../read-models/read-model-query.dto';
import { OutcomeReport } from '../../read-models/outcomes/outcome-report';
import { OUTCOME_REPORT_EXTRA_MODELS, OutcomeReportDto } from '../../read-models/outcomes/outcome-report.dto';
import { outcomeReportCsv } from '../../read-models/outcomes/outcome-report.csv';
import { GetOutcomeReportQuery } from '../../read-models/outcomes/outcomes.query';
import { ApiTag } from '../../platform/http/openapi';

export class ReportPeriodQueryDto extends ReadModelQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One facility; without it, every facility the caller is assigned to, together' })
  @IsOptional()
  @IsUUID('all')
  facilityId?: string;

  @ApiProperty({ example: '2014-05-05', description: 'First day of the period (YYYY-MM-DD, included)' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2015-03-20', description: 'Last day of the period (YYYY-MM-DD, included)' })
  @IsCalendarDate()
  to!: string;
}

@ApiTag('reports')
@ApiExtraModels(...OUTCOME_REPORT_EXTRA_MODELS)
@Controller('v1/reports')
export class OutcomesController {
  constructor(private readonly queries: QueryBus) {}

  /** Who was offered a place, who lived there, where they went, how long they stayed: see outcome-report.ts for every definition. */
  @Get('outcomes')
  @Requires('read.dashboard')
  @ApiOperation({ operationId: 'getOutcomeReport', summary: 'Outcome report: offers, stays, exits, ages, genders, exclusions, incidents over a period' })
  @ApiOkResponse({ type: OutcomeReportDto, description: 'The outcome report for the period; every figure says what it counts and over whom' })
  outcomes(@QueryParams() q: ReportPeriodQueryDto, @CurrentActor() actor: Actor): Promise<OutcomeReport> {
    return this.queries.execute(new GetOutcomeReportQuery({ actor, facilityId: q.facilityId, from: q.from, to: q.to, minPosition: q.minPosition }));
  }

  /** The same report as a CSV download: UTF-8 with BOM, `;`-separated, decimal comma (see outcome-report.csv.ts). */
  @Get('outcomes.csv')
  @Requires('read.dashboard')
  @ApiOperation({ operationId: 'getOutcomeReportCsv', summary: 'The outcome report as a CSV download' })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    schema: { type: 'string' },
    description:
      'The outcome report as CSV, one figure per row: section;measure;group;population;value;label (population: whom the figure is counted over, as in the JSON report)',
  })
  async outcomesCsv(@QueryParams() q: ReportPeriodQueryDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<string> {
    const report = await this.queries.execute(
      new GetOutcomeReportQuery({ actor, facilityId: q.facilityId, from: q.from, to: q.to, minPosition: q.minPosition }),
    );
    const name = `utfall_${q.facilityId ?? 'alle'}_${q.from}_${q.to}.csv`;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.setHeader('Cache-Control', 'no-store');
    return outcomeReportCsv(report);
  }
}
