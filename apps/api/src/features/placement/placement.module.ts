import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../../read-models/read-models.module';
import { UnitOccupancySaga } from './unit-occupancy.saga';
import { WaitingListController } from './waiting-list.controller';

/** The waiting list and the unit occupancy saga (units follow the case events). */
@Module({ imports: [ReadModelsModule], controllers: [WaitingListController], providers: [UnitOccupancySaga], exports: [UnitOccupancySaga] })
export class PlacementModule {}
