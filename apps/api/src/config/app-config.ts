import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, Min, ValidateIf, validateSync } from 'class-validator';

export const EVENT_STORE_KINDS = ['sqlite', 'esdb'] as const;
export const SQLITE_SYNC_MODES = ['FULL', 'NORMAL', 'EXTRA'] as const;

/** The process environment the app reads, with defaults and rules. Validated once, at start. */
class Environment {
  @IsIn(EVENT_STORE_KINDS, { message: 'EVENT_STORE must be one of: sqlite, esdb' })
  EVENT_STORE: (typeof EVENT_STORE_KINDS)[number] = 'sqlite';

  @IsString()
  @IsNotEmpty({ message: 'DATA_DIR must be a folder path' })
  DATA_DIR = './data';

  @ValidateIf((env: Environment) => env.EVENT_STORE === 'esdb' || env.EVENTSTORE_CONNECTION_STRING !== undefined)
  @Matches(/^esdb(\+discover)?:\/\/[^\s]+$/, {
    message:
      'EVENTSTORE_CONNECTION_STRING must be an EventStoreDB connection string such as esdb://localhost:2113?tls=false (required when EVENT_STORE=esdb)',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  @Transform(({ value }) => (/^\d+$/.test(String(value)) ? Number(value) : value))
  @IsInt({ message: 'PORT must be a whole number from 0 to 65535' })
  @Min(0, { message: 'PORT must be a whole number from 0 to 65535' })
  @Max(65535, { message: 'PORT must be a whole number from 0 to 65535' })
  PORT = 3000;

  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsIn(SQLITE_SYNC_MODES, { message: 'SQLITE_SYNCHRONOUS must be one of: FULL, NORMAL, EXTRA' })
  SQLITE_SYNCHRONOUS: (typeof SQLITE_SYNC_MODES)[number] = 'FULL';
}

export interface AppConfig {
  readonly eventStore: (typeof EVENT_STORE_KINDS)[number];
  readonly dataDir: string;
  readonly eventStoreConnectionString?: string;
  readonly port: number;
  readonly sqliteSynchronous: (typeof SQLITE_SYNC_MODES)[number];
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and checks the environment; throws ConfigError listing every bad setting at once. */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const given = Object.fromEntries(
    Object.keys(new Environment())
      .concat('EVENTSTORE_CONNECTION_STRING')
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = plainToInstance(Environment, given);
  const problems = validateSync(parsed).flatMap((error) => Object.values(error.constraints ?? {}));
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  return {
    eventStore: parsed.EVENT_STORE,
    dataDir: parsed.DATA_DIR,
    eventStoreConnectionString: parsed.EVENTSTORE_CONNECTION_STRING,
    port: parsed.PORT,
    sqliteSynchronous: parsed.SQLITE_SYNCHRONOUS,
  };
}
