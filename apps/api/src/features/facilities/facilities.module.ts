import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../../read-models/read-models.module';
import { FacilitiesController } from './facilities.controller';
import { OccupancyController } from './occupancy.controller';

/** `/api/v1/facilities`: facilities, the units added to them, and their occupancy. */
@Module({ imports: [ReadModelsModule], controllers: [FacilitiesController, OccupancyController] })
export class FacilitiesModule {}
