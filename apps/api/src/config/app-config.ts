import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
  ValidateBy,
} from 'class-validator';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../application/ids';

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

  @IsOptional()
  @MinLength(32, { message: 'JWT_SECRET must have at least 32 characters (or leave it unset: a key is made in DATA_DIR)' })
  JWT_SECRET?: string;

  @IsOptional()
  @MinLength(32, { message: 'CLAIM_KEY_SECRET must have at least 32 characters (or leave it unset: a key is made in DATA_DIR)' })
  CLAIM_KEY_SECRET?: string;

  @Transform(({ value }) => (/^\d+$/.test(String(value)) ? Number(value) : value))
  @IsInt({ message: 'TOKEN_TTL_SECONDS must be a whole number from 60 to 86400' })
  @Min(60, { message: 'TOKEN_TTL_SECONDS must be a whole number from 60 to 86400' })
  @Max(86400, { message: 'TOKEN_TTL_SECONDS must be a whole number from 60 to 86400' })
  TOKEN_TTL_SECONDS = 900;

  @ValidateIf((env: Environment) => env.OIDC_ISSUER !== undefined || env.OIDC_JWKS_URL !== undefined)
  @IsUrl({ require_tld: false }, { message: 'OIDC_ISSUER must be the issuer URL (set together with OIDC_JWKS_URL and OIDC_AUDIENCE)' })
  OIDC_ISSUER?: string;

  @ValidateIf((env: Environment) => env.OIDC_ISSUER !== undefined || env.OIDC_JWKS_URL !== undefined)
  @IsUrl({ require_tld: false }, { message: 'OIDC_JWKS_URL must be the issuer\'s JWKS URL' })
  OIDC_JWKS_URL?: string;

  @ValidateIf((env: Environment) => env.OIDC_ISSUER !== undefined)
  @IsNotEmpty({ message: 'OIDC_AUDIENCE must name this API as the token audience' })
  OIDC_AUDIENCE?: string;

  @IsString()
  OIDC_ROLE_CLAIM = 'roles';

  @IsString()
  OIDC_FACILITY_CLAIM = 'facilities';

  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsIn(SQLITE_SYNC_MODES, { message: 'SQLITE_SYNCHRONOUS must be one of: FULL, NORMAL, EXTRA' })
  SQLITE_SYNCHRONOUS: (typeof SQLITE_SYNC_MODES)[number] = 'FULL';

  @ValidateBy(
    { name: 'isTimeZone', validator: { validate: (value: unknown) => typeof value === 'string' && isTimeZone(value) } },
    { message: 'TIME_ZONE must be an IANA time zone such as Europe/Oslo' },
  )
  TIME_ZONE = DEFAULT_TIME_ZONE;
}

export interface AppConfig {
  readonly eventStore: (typeof EVENT_STORE_KINDS)[number];
  readonly dataDir: string;
  readonly eventStoreConnectionString?: string;
  readonly port: number;
  readonly sqliteSynchronous: (typeof SQLITE_SYNC_MODES)[number];
  /** The municipality's time zone: what "today" is for every date the app fills in or counts from. */
  readonly timeZone: string;
  /** HS256 key for the tokens this API issues; when unset, a random key is kept in DATA_DIR. */
  readonly jwtSecret?: string;
  /** Key for the hashed names of uniqueness claims; all instances on one EventStoreDB must share it. */
  readonly claimKeySecret?: string;
  readonly tokenTtlSeconds: number;
  /** An external OpenID Connect issuer whose access tokens are accepted too. */
  readonly oidc?: {
    readonly issuer: string;
    readonly jwksUrl: string;
    readonly audience: string;
    readonly roleClaim: string;
    readonly facilityClaim: string;
  };
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
      .concat('EVENTSTORE_CONNECTION_STRING', 'JWT_SECRET', 'CLAIM_KEY_SECRET', 'OIDC_ISSUER', 'OIDC_JWKS_URL', 'OIDC_AUDIENCE')
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
    timeZone: parsed.TIME_ZONE,
    jwtSecret: parsed.JWT_SECRET,
    claimKeySecret: parsed.CLAIM_KEY_SECRET,
    tokenTtlSeconds: parsed.TOKEN_TTL_SECONDS,
    oidc: parsed.OIDC_ISSUER
      ? {
          issuer: parsed.OIDC_ISSUER,
          jwksUrl: parsed.OIDC_JWKS_URL!,
          audience: parsed.OIDC_AUDIENCE!,
          roleClaim: parsed.OIDC_ROLE_CLAIM,
          facilityClaim: parsed.OIDC_FACILITY_CLAIM,
        }
      : undefined,
  };
}
