import { DynamicModule, Module, Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from '../features/audit/audit.module';
import { CasesModule } from '../features/cases/cases.module';
import { DashboardsModule } from '../features/dashboards/dashboards.module';
import { FacilitiesModule } from '../features/facilities/facilities.module';
import { JournalModule } from '../features/journal/journal.module';
import { PeopleModule } from '../features/people/people.module';
import { UnitOccupancyRepair } from '../features/placement/unit-occupancy.repair';
import { PlacementModule } from '../features/placement/placement.module';
import { AccessLogInterceptor } from '../features/privacy/personal-data-read';
import { PrivacyModule } from '../features/privacy/privacy.module';
import { ReportsModule } from '../features/reports/reports.module';
import { UnitsModule } from '../features/units/units.module';
import { UsersModule } from '../features/users/users.module';
import { WorkQueueModule } from '../features/work-queue/work-queue.module';
import { AuthGuard } from '../platform/auth/auth.guard';
import { AppConfig } from '../platform/config/app-config';
import { ForgottenPeopleFollower } from '../platform/forgotten-people.follower';
import { KeyStoreLifecycle } from '../platform/crypto/key-store.lifecycle';
import { EventStoreModule } from '../platform/event-store/event-store.module';
import { ProblemDetailsFilter } from '../platform/http/problem-details.filter';
import { PlatformModule } from '../platform/platform.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsScrape } from './metrics/metrics-scrape';
import { MetricsServer } from './metrics/metrics-server';
import { ActiveWorker } from './workers/active-worker';
import { workerLockProvider } from './workers/worker-lock.provider';

/** One module per capability, each owning its URL prefix under `/api`. */
const FEATURES = [
  CasesModule,
  PeopleModule,
  JournalModule,
  FacilitiesModule,
  UnitsModule,
  PlacementModule,
  UsersModule,
  AuditModule,
  ReportsModule,
  DashboardsModule,
  WorkQueueModule,
  PrivacyModule,
];

/**
 * The HTTP app, composed: the platform, the read models, the features, and what runs across them
 * (authentication, problem details, the access log, health, metrics, the one active worker).
 * Configuration is loaded and checked before the module is built (see main.ts).
 */
@Module({})
export class AppModule {
  /**
   * `background: false` leaves out what only a serving process should do (the repair process, the
   * setup token, following forgets): for the CLI, which shares the data with a running server.
   */
  static forConfig(config: AppConfig, overrides: Provider[] = [], options: { background?: boolean } = {}): DynamicModule {
    const background = options.background ?? true;
    return {
      module: AppModule,
      imports: [PlatformModule.of(config, overrides, background), EventStoreModule, CqrsModule.forRoot(), ReadModelsModule, ...FEATURES],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useExisting: AccessLogInterceptor },
        KeyStoreLifecycle,
        MetricsScrape,
        // Only a serving process listens on METRICS_PORT; the CLI never does.
        ...(background ? [ForgottenPeopleFollower, UnitOccupancyRepair, MetricsServer] : []),
        workerLockProvider,
        ActiveWorker,
      ],
    };
  }
}
