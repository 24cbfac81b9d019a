import { DynamicModule, Global, Logger, Module, Provider } from '@nestjs/common';
import { domainUpcasters } from '@app/domain';
import { EVENT_STORE } from '@app/event-store';
import { ClaimKeys } from './auth/claim-keys';
import { TokenService } from './auth/token.service';
import { UserDirectory } from './auth/user-directory';
import { Clock, SystemClock } from './clock';
import { CommandMetadata } from './commands/command-metadata';
import { CommandRunner } from './commands/command-runner';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { RUN_BACKGROUND } from './config/run-background';
import { createKeyStore } from './key-store.factory';
import { KEY_STORE, KeyStore } from './crypto/key-store.port';
import { PersonalDataCipher } from './crypto/personal-data-cipher';
import { eventStoreProvider } from './event-store/event-store.module';
import { StoreConnection } from './event-store/store-connection';
import { Readiness } from './health/readiness';
import { WriteHealth } from './health/write-health';
import { IdGenerator, RandomIds } from './ids';
import { Metrics } from './metrics/metrics';
import { LoginThrottle } from './throttle/login-throttle';
import { THROTTLE_STORE } from './throttle/throttle-store.port';
import { throttleStoreProvider } from './throttle/throttle-store.provider';
import { EventCodec } from './streams/event-codec';
import { StreamReader } from './streams/stream-reader';

/**
 * What every feature uses, once per process: configuration, the clock and ids, the event store and the
 * one way to load (StreamReader) and to write (CommandRunner), the key store and the cipher, tokens and
 * accounts, the throttle, metrics and write health. Global, so features inject these without importing it.
 * `overrides` replace providers by token (tests: a store double, a throttle store, a clock);
 * `background` is RUN_BACKGROUND.
 */
@Global()
@Module({})
export class PlatformModule {
  static of(config: AppConfig, overrides: Provider[], background: boolean): DynamicModule {
    const providers: Provider[] = [
      { provide: APP_CONFIG, useValue: config },
      { provide: RUN_BACKGROUND, useValue: background },
      Metrics,
      WriteHealth,
      Readiness,
      eventStoreProvider,
      { provide: Clock, useFactory: (c: AppConfig) => new SystemClock(c.timeZone), inject: [APP_CONFIG] },
      { provide: IdGenerator, useClass: RandomIds },
      { provide: KEY_STORE, useFactory: (c: AppConfig) => createKeyStore(c, (m) => new Logger('KeyStore').warn(m)), inject: [APP_CONFIG] },
      { provide: EventCodec, useFactory: (keys: KeyStore) => new EventCodec(domainUpcasters(), new PersonalDataCipher(keys)), inject: [KEY_STORE] },
      StreamReader,
      CommandMetadata,
      CommandRunner,
      TokenService,
      ClaimKeys,
      UserDirectory,
      LoginThrottle,
      StoreConnection,
      throttleStoreProvider,
    ];
    const overridden = new Set(overrides.map((p) => (p as { provide: unknown }).provide));
    const exported = [
      APP_CONFIG,
      RUN_BACKGROUND,
      KEY_STORE,
      THROTTLE_STORE,
      Metrics,
      WriteHealth,
      Readiness,
      EVENT_STORE,
      Clock,
      IdGenerator,
      EventCodec,
      StreamReader,
      CommandMetadata,
      CommandRunner,
    ];
    return {
      module: PlatformModule,
      providers: [...providers.filter((p) => !overridden.has((p as { provide?: unknown }).provide ?? p)), ...overrides],
      exports: [...exported, TokenService, ClaimKeys, UserDirectory, LoginThrottle, StoreConnection],
    };
  }
}
