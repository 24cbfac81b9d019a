import { Module } from '@nestjs/common';
import { UnitsController } from './units.controller';

/** `/api/v1/units`: a unit's own commands (out of service and back). */
@Module({ controllers: [UnitsController] })
export class UnitsModule {}
