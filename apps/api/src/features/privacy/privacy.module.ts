import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../../read-models/read-models.module';
import { AccessLogService } from './access-log.service';
import { AccessLogInterceptor } from './personal-data-read';

/** Who looked at a person's file and why: the access log every read and write of personal data goes through. */
@Module({ imports: [ReadModelsModule], providers: [AccessLogService, AccessLogInterceptor], exports: [AccessLogService, AccessLogInterceptor] })
export class PrivacyModule {}
