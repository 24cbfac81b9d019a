import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../../read-models/read-models.module';
import { PrivacyModule } from '../privacy/privacy.module';
import { JournalController } from './journal.controller';
import { CaseloadController } from './caseload.controller';
import { JournalService } from './journal.service';

/** Journal notes on cases, the shift handover and note search. */
@Module({
  imports: [ReadModelsModule, PrivacyModule],
  controllers: [JournalController, CaseloadController],
  providers: [JournalService],
})
export class JournalModule {}
