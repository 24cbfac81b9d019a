import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VerificationReportDto } from '../audit.dto';
import type { VerificationFailure, VerificationJob } from './verification-jobs';

const FAILURES: VerificationFailure[] = ['stream_not_found', 'store_unavailable', 'stopped', 'error'];

class JobStarterDto {
  @ApiProperty({ format: 'uuid', description: 'The user' }) userId!: string;
  @ApiProperty({ description: 'Their username' }) username!: string;
}

/** POST /api/v1/audit/verifications and GET /api/v1/audit/verifications/{jobId}. */
export class VerificationJobDto implements VerificationJob {
  @ApiProperty({ format: 'uuid', description: 'The job' }) id!: string;
  @ApiProperty({ enum: ['running', 'done', 'failed'], description: 'Where the job is' }) state!: VerificationJob['state'];
  @ApiPropertyOptional({ description: 'The stream checked; the whole log when absent' }) stream?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'The exported seal (its sequence) the log is checked against' }) againstSeal?: number;
  @ApiProperty({ type: 'integer', description: 'Events checked so far' }) eventsChecked!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Events to check, known when the job began; null when the store cannot tell' })
  total!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Percent done (100 once done); null while the total is unknown' })
  percent!: number | null;
  @ApiProperty({ type: 'integer', description: 'Events checked per second' }) eventsPerSecond!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Estimated seconds left; null when it cannot be estimated' })
  secondsLeft!: number | null;
  @ApiProperty({ description: 'When the job began (ISO 8601)' }) startedAt!: string;
  @ApiPropertyOptional({ description: 'When it ended (ISO 8601)' }) finishedAt?: string;
  @ApiProperty({ type: JobStarterDto, description: 'Who started it' }) startedBy!: JobStarterDto;
  @ApiPropertyOptional({ type: VerificationReportDto, description: 'When done: what the check found' }) report?: VerificationReportDto;
  @ApiPropertyOptional({ enum: FAILURES, description: 'When failed: why, a stable code' }) failure?: VerificationFailure;
}
