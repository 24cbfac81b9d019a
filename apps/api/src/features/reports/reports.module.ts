import { Module } from '@nestjs/common';
import { OutcomesController } from './outcomes.controller';
import { ReturnsController } from './returns.controller';

/** `/api/v1/reports`: outcomes and returns to homelessness. */
@Module({ controllers: [OutcomesController, ReturnsController] })
export class ReportsModule {}
