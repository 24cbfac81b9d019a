import { Module } from '@nestjs/common';
import { AgreementWatchController } from './agreement-watch.controller';
import { ObligationsController } from './obligations.controller';

/** `/api/v1/dashboards`: agreements near their limit, obligations due. */
@Module({ controllers: [AgreementWatchController, ObligationsController] })
export class DashboardsModule {}
