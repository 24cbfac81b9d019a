import { DynamicModule, Global, Logger, Module, Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { domainUpcasters } from '@app/domain';
import { CommandRunner } from './application/command-runner';
import { EventCodec } from './application/event-codec';
import { Clock, IdGenerator, RandomIds, SystemClock } from './application/ids';
import { RunDeciderHandler } from './application/run-decider.command';
import { AuthGuard } from './auth/auth.guard';
import { TokenService } from './auth/token.service';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { EVENT_STORE } from '@app/event-store';
import { eventStoreProvider, EventStoreModule } from './event-store/event-store.module';
import { StoreConnection } from './event-store/store-connection';
import { FacilitiesController } from './facilities/facilities.controller';
import { HealthController } from './health/health.controller';
import { Readiness } from './health/readiness';
import { WriteHealth } from './health/write-health';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { AuthController } from './users/auth.controller';
import { ClaimKeys } from './auth/claim-keys';
import { CreateUserHandler } from './users/create-user.command';
import { LoginThrottle } from './throttle/login-throttle';
import { throttleStoreProvider } from './throttle/throttle-store.provider';
import { ActiveWorker } from './workers/active-worker';
import { workerLockProvider } from './workers/worker-lock.provider';
import { THROTTLE_STORE } from './throttle/throttle-store.port';
import { RUN_BACKGROUND, SetupService } from './users/setup.service';
import { READ_MODEL_FEATURES } from './read-models/features';
import { Metrics } from './metrics/metrics';
import { MetricsController } from './metrics/metrics.controller';
import { AuditController } from './audit/audit.controller';
import { SealingService } from './audit/seals/sealing.service';
import { ReplayController } from './audit/replay.controller';
import { ReplayService } from './audit/replay.service';
import { PersonExportController } from './privacy/export/person-export.controller';
import { PersonExportService } from './privacy/export/person-export.service';
import { KEY_STORE, KeyStore } from './privacy/key-store.port';
import { PersonalDataCipher } from './privacy/personal-data-cipher';
import { createKeyStore } from './privacy/key-store.factory';
import { ForgetPersonHandler } from './privacy/forget-person.command';
import { KeyStoreLifecycle } from './privacy/key-store.lifecycle';
import { ForgottenPeopleFollower } from './privacy/forgotten-people.follower';
import { AccessLogService } from './privacy/access-log.service';
import { AccessLogInterceptor } from './privacy/personal-data-read';
import { PersonFiles } from './read-models/person-files/person-files.service';
import { ProjectionsLifecycle, readModelProviders } from './read-models/read-models.providers';
import { ReadModels } from './read-models/read-models.service';
import { UserDirectory } from './users/user-directory';
import { UsersController } from './users/users.controller';
import { PeopleController } from './people/people.controller';
import { UnitsController } from './units/units.controller';
import { CaseCommandService } from './cases/case-command.service';
import { CASE_CONTROLLERS } from './cases/case-controllers';
import { UnitFollowUpService } from './processes/unit-follow-up.service';
import { UnitRepairProcess } from './processes/unit-repair.process';
import { RegisterPersonHandler } from './people/register-person.command';

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
