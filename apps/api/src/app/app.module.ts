import { DynamicModule, Global, Logger, Module, Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { domainUpcasters } from '@app/domain';
import { CommandRunner } from '../platform/commands/command-runner';
import { EventCodec } from '../platform/streams/event-codec';
import { Clock, IdGenerator, RandomIds, SystemClock } from '../platform/ids';
import { RunDeciderHandler } from '../platform/commands/run-decider.command';
import { AuthGuard } from '../platform/auth/auth.guard';
import { TokenService } from '../platform/auth/token.service';
import { APP_CONFIG, AppConfig } from '../platform/config/app-config';
import { EVENT_STORE } from '@app/event-store';
import { eventStoreProvider, EventStoreModule } from '../platform/event-store/event-store.module';
import { StoreConnection } from '../platform/event-store/store-connection';
import { FacilitiesController } from '../features/facilities/facilities.controller';
import { HealthController } from './health/health.controller';
import { Readiness } from '../platform/health/readiness';
import { WriteHealth } from '../platform/health/write-health';
import { ProblemDetailsFilter } from '../platform/http/problem-details.filter';
import { AuthController } from '../features/users/auth.controller';
import { ClaimKeys } from '../platform/auth/claim-keys';
import { CreateUserHandler } from '../features/users/create-user.workflow';
import { LoginThrottle } from '../platform/throttle/login-throttle';
import { throttleStoreProvider } from '../platform/throttle/throttle-store.provider';
import { ActiveWorker } from './workers/active-worker';
import { workerLockProvider } from './workers/worker-lock.provider';
import { THROTTLE_STORE } from '../platform/throttle/throttle-store.port';
import { RUN_BACKGROUND, SetupService } from '../features/users/setup.service';
import { READ_MODEL_FEATURES } from '../read-models/features';
import { Metrics } from '../platform/metrics/metrics';
import { MetricsController } from './metrics/metrics.controller';
import { AuditController } from '../features/audit/audit.controller';
import { SealingService } from '../features/audit/seals/sealing.service';
import { ReplayController } from '../features/audit/replay.controller';
import { ReplayService } from '../features/audit/replay.service';
import { PersonExportController } from '../features/people/export/person-export.controller';
import { PersonExportService } from '../features/people/export/person-export.service';
import { KEY_STORE, KeyStore } from '../platform/crypto/key-store.port';
import { PersonalDataCipher } from '../platform/crypto/personal-data-cipher';
import { createKeyStore } from '../platform/crypto/key-store.factory';
import { ForgetPersonHandler } from '../features/people/forget-person.workflow';
import { KeyStoreLifecycle } from '../platform/crypto/key-store.lifecycle';
import { ForgottenPeopleFollower } from '../platform/crypto/forgotten-people.follower';
import { AccessLogService } from '../features/privacy/access-log.service';
import { AccessLogInterceptor } from '../features/privacy/personal-data-read';
import { PersonFiles } from '../read-models/person-files/person-files.service';
import { ProjectionsLifecycle, readModelProviders } from '../read-models/read-models.providers';
import { ReadModels } from '../read-models/read-models.service';
import { UserDirectory } from '../platform/auth/user-directory';
import { UsersController } from '../features/users/users.controller';
import { PeopleController } from '../features/people/people.controller';
import { UnitsController } from '../features/units/units.controller';
import { CaseCommandService } from '../features/cases/case-command.service';
import { CASE_CONTROLLERS } from '../features/cases/case-controllers';
import { UnitFollowUpService } from '../features/placement/unit-occupancy.saga';
import { UnitRepairProcess } from '../features/placement/unit-occupancy.repair';
import { RegisterPersonHandler } from '../features/people/register-person.workflow';

@Global()
@Module({})
class CoreModule {
  static of(config: AppConfig, overrides: Provider[]): DynamicModule {
    const providers: Provider[] = [
      { provide: APP_CONFIG, useValue: config },
      Metrics,
      WriteHealth,
      eventStoreProvider,
      { provide: Clock, useFactory: (c: AppConfig) => new SystemClock(c.timeZone), inject: [APP_CONFIG] },
      { provide: IdGenerator, useClass: RandomIds },
      { provide: KEY_STORE, useFactory: (c: AppConfig) => createKeyStore(c, (m) => new Logger('KeyStore').warn(m)), inject: [APP_CONFIG] },
      { provide: EventCodec, useFactory: (keys: KeyStore) => new EventCodec(domainUpcasters(), new PersonalDataCipher(keys)), inject: [KEY_STORE] },
      CommandRunner,
      TokenService,
      ClaimKeys,
      StoreConnection,
      throttleStoreProvider,
    ];
    const overridden = new Set(overrides.map((p) => (p as { provide: unknown }).provide));
    return {
      module: CoreModule,
      providers: [...providers.filter((p) => !overridden.has((p as { provide?: unknown }).provide ?? p)), ...overrides],
      exports: [APP_CONFIG, KEY_STORE, THROTTLE_STORE, Metrics, WriteHealth, EVENT_STORE, Clock, IdGenerator, EventCodec, CommandRunner, TokenService, ClaimKeys, StoreConnection],
    };
  }
}

/** The HTTP app. Configuration is loaded and checked before the module is built (see main.ts). */
@Module({})
export class AppModule {
  /**
   * `background: false` leaves out what only a serving process should do (the repair process, the
   * setup token): for the CLI, which shares the data with a running server.
   */
  static forConfig(config: AppConfig, overrides: Provider[] = [], options: { background?: boolean } = {}): DynamicModule {
    const background = options.background ?? true;
    return {
      module: AppModule,
      imports: [CoreModule.of(config, overrides), EventStoreModule, CqrsModule.forRoot()],
      controllers: [HealthController, MetricsController, AuthController, AuditController, ReplayController, PersonExportController, UsersController, FacilitiesController, UnitsController, PeopleController, ...CASE_CONTROLLERS, ...READ_MODEL_FEATURES.flatMap((f) => f.controllers)],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor },
        AccessLogService,
        ReplayService,
        PersonExportService,
        PersonFiles,
        RunDeciderHandler,
        CreateUserHandler,
        RegisterPersonHandler,
        ForgetPersonHandler,
        KeyStoreLifecycle,
        ...(background ? [ForgottenPeopleFollower] : []),
        CaseCommandService,
        UnitFollowUpService,
        ...(background ? [UnitRepairProcess] : []),
        SealingService,
        { provide: RUN_BACKGROUND, useValue: background },
        ...readModelProviders,
        ProjectionsLifecycle,
        Readiness,
        ReadModels,
        ...READ_MODEL_FEATURES.flatMap((f) => f.queryHandlers),
        UserDirectory,
        LoginThrottle,
        SetupService,
        workerLockProvider,
        ActiveWorker,
      ],
    };
  }
}
