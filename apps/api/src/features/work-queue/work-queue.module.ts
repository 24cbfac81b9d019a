import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../../read-models/read-models.module';
import { WorkQueueController } from './work-queue.controller';
import { WorkQueueService } from './work-queue.service';

/** `/api/v1/work-queue`: what waits for whom. */
@Module({ imports: [ReadModelsModule], controllers: [WorkQueueController], providers: [WorkQueueService] })
export class WorkQueueModule {}
