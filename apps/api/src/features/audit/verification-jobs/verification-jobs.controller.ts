import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../../platform/auth/actor';
import { CurrentActor, Requires } from '../../../platform/auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../../../platform/config/app-config';
import { ApiTag } from '../../../platform/http/openapi';
import { VerifyLogDto, verifyOptionsOf } from '../verify-request';
import { VerificationJobDto } from './verification-job.dto';
import { VerificationJob, VerificationJobs } from './verification-jobs';

const LOCATION = { description: 'Where to poll the job: /api/v1/audit/verifications/{jobId}', schema: { type: 'string' } };

/** Chain verification as a job to poll, for logs too long to check within one request. */
@ApiTag('audit')
@Controller('v1/audit/verifications')
export class VerificationJobsController {
  constructor(
    private readonly jobs: VerificationJobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 202 with a new job; 200 with the job already running for the same scope (one at a time per scope). */
  @Post()
  @HttpCode(202)
  @Requires('read.audit')
  @ApiOperation({
    operationId: 'startVerification',
    summary: 'Start verifying the hash chains, the store’s bookkeeping and the seals of the log or one stream, as a job to poll',
  })
  @ApiAcceptedResponse({ type: VerificationJobDto, description: 'Started; poll the Location', headers: { Location: LOCATION } })
  @ApiOkResponse({ type: VerificationJobDto, description: 'A job for the same scope is running already: that job', headers: { Location: LOCATION } })
  async start(@Body() body: VerifyLogDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<VerificationJob> {
    const options = verifyOptionsOf(body, this.config.seal.trustedKeys);
    const { job, started } = await this.jobs.start({ ...options, startedBy: { userId: actor.userId, username: actor.username } });
    res.status(started ? 202 : 200).setHeader('Location', `/api/v1/audit/verifications/${job.id}`);
    return job;
  }

  @Get(':jobId')
  @Requires('read.audit')
  @ApiParam({ name: 'jobId', format: 'uuid' })
  @ApiOperation({ operationId: 'getVerification', summary: 'A verification job: its progress, and the report when done' })
  @ApiOkResponse({ type: VerificationJobDto, description: 'The job' })
  @ApiNotFoundResponse({ description: 'No such job: jobs are kept in memory for an hour after they end, and lost when the server restarts' })
  get(@Param('jobId', new ParseUUIDPipe()) jobId: string): VerificationJob {
    const job = this.jobs.get(jobId);
    if (!job) throw new NotFoundException({ message: 'No such verification job: it ended long ago, or the server restarted. Start again.', error: 'No job' });
    return job;
  }
}
