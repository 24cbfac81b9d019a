import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../../read-models/read-models.module';
import { PrivacyModule } from '../privacy/privacy.module';
import { AccessLogController } from './access-log.controller';
import { AuditLogController } from './audit-log.controller';
import { AuditController } from './audit.controller';
import { ReplayController } from './replay.controller';
import { ReplayService } from './replay.service';
import { SealingService } from './seals/sealing.service';

/** `/api/v1/audit`: the event log, late entries, the access log, replays, seals and chain verification. */
@Module({
  imports: [ReadModelsModule, PrivacyModule],
  controllers: [AuditController, ReplayController, AuditLogController, AccessLogController],
  providers: [ReplayService, SealingService],
  exports: [SealingService],
})
export class AuditModule {}
