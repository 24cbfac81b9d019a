import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../../read-models/read-models.module';
import { PrivacyModule } from '../privacy/privacy.module';
import { AccessLogController } from './access-log.controller';
import { AuditLogController } from './audit-log.controller';
import { AuditController } from './audit.controller';
import { ReplayController } from './replay.controller';
import { ReplayService } from './replay.service';
import { SealingService } from './seals/sealing.service';
import { VerificationJobsController } from './verification-jobs/verification-jobs.controller';
import { VerificationJobs } from './verification-jobs/verification-jobs';

/** `/api/v1/audit`: the event log, late entries, the access log, replays, seals and chain verification (at once, or as a job to poll). */
@Module({
  imports: [ReadModelsModule, PrivacyModule],
  controllers: [AuditController, VerificationJobsController, ReplayController, AuditLogController, AccessLogController],
  providers: [ReplayService, SealingService, VerificationJobs],
  exports: [SealingService],
})
export class AuditModule {}
