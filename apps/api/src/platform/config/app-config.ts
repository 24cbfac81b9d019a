import { readFileSync } from 'node:fs';
import { plainToInstance, Transform } from 'class-transformer';
import { isIP } from 'node:net';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf, validateSync, ValidateBy } from 'class-validator';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../clock';
import { readSealConfig, SealConfig } from '../crypto/seal-keys';

export const EVENT_STORE_KINDS = ['sqlite', 'esdb'] as const;
export const SQLITE_SYNC_MODES = ['FULL', 'NORMAL', 'EXTRA'] as const;
export const KEY_STORE_KINDS = ['sqlite', 'postgres'] as const;

const SECRET_MESSAGE = (name: string) =>
  `${name} must have at least 32 characters; with EVENT_STORE=esdb it is required, and every app instance must have the same value (with sqlite it may be left unset: a key is made in DATA_DIR)`;

const TRUST_PROXY_MESSAGE =
  'TRUST_PROXY must name the proxies in front of the app: a number of hops (1-10), or addresses and subnets separated by commas (loopback, linklocal, uniquelocal, 10.0.0.0/8, ::1)';

/**
 * TRUST_PROXY as Express's `trust proxy` setting: a hop count or a list of trusted addresses. Never
 * `true` (trust everyone): any client could then choose its own address for the login throttle.
 */
function parseTrustProxy(value: string | undefined): number | string[] | undefined | typeof TRUST_PROXY_MESSAGE {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value)) return Number(value) >= 1 && Number(value) <= 10 ? Number(value) : TRUST_PROXY_MESSAGE;
  const items = value.split(',').map((item) => item.trim());
  const valid = (item: string) => {
    if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) return true;
    const [address, prefix, extra] = item.split('/');
    const family = isIP(address);
    if (family === 0 || extra !== undefined) return false;
    return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
  };
  return items.every(valid) ? items : TRUST_PROXY_MESSAGE;
}

/** The process environment the app reads, with defaults and rules. Validated once, at start. */
class Environment {
  @IsIn(EVENT_STORE_KINDS, { message: 'EVENT_STORE must be one of: sqlite, esdb' })
  EVENT_STORE: (typeof EVENT_STORE_KINDS)[number] = 'sqlite';

  @IsString()
  @IsNotEmpty({ message: 'DATA_DIR must be a folder path' })
  DATA_DIR = './data';

  @ValidateIf((env: Environment) => env.EVENT_STORE === 'esdb' || env.EVENTSTORE_CONNECTION_STRING !== undefined)
  @Matches(/^esdb(\+discover)?:\/\/[^\s]+$/, {
    message: 'EVENTSTORE_CONNECTION_STRING must be an EventStoreDB connection string such as esdb://localhost:2113?tls=false (required when EVENT_STORE=esdb)',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  @Transform(({ value }) => (/^\d+$/.test(String(value)) ? Number(value) : value))
  @IsInt({ message: 'PORT must be a whole number from 0 to 65535' })
  @Min(0, { message: 'PORT must be a whole number from 0 to 65535' })
  @Max(65535, { message: 'PORT must be a whole number from 0 to 65535' })
  PORT = 3000;

  @Transform(({ value }) => (/^\d+$/.test(String(value)) ? Number(value) : value))
  @IsInt({ message: 'HTTP_MAX_BODY_BYTES must be a whole number of bytes from 1024 to 10485760' })
  @Min(1024, { message: 'HTTP_MAX_BODY_BYTES must be a whole number of bytes from 1024 to 10485760' })
  @Max(10 * 1024 * 1024, { message: 'HTTP_MAX_BODY_BYTES must be a whole number of bytes from 1024 to 10485760' })
  HTTP_MAX_BODY_BYTES = 256 * 1024;

  // On EventStoreDB several instances serve one log: a key made in each DATA_DIR would differ between
  // them (tokens refused by the next instance, uniqueness claims hashed apart), so both must be given.
  @ValidateIf((env: Environment) => env.EVENT_STORE === 'esdb' || env.JWT_SECRET !== undefined)
  @IsString({ message: SECRET_MESSAGE('JWT_SECRET') })
  @MinLength(32, { message: SECRET_MESSAGE('JWT_SECRET') })
  JWT_SECRET?: string;

  @ValidateIf((env: Environment) => env.EVENT_STORE === 'esdb' || env.CLAIM_KEY_SECRET !== undefined)
  @IsString({ message: SECRET_MESSAGE('CLAIM_KEY_SECRET') })
  @MinLength(32, { message: SECRET_MESSAGE('CLAIM_KEY_SECRET') })
  CLAIM_KEY_SECRET?: string;

  @Transform(({ value }) => (/^\d+$/.test(String(value)) ? Number(value) : value))
  @IsInt({ message: 'TOKEN_TTL_SECONDS must be a whole number from 60 to 86400' })
  @Min(60, { message: 'TOKEN_TTL_SECONDS must be a whole number from 60 to 86400' })
  @Max(86400, { message: 'TOKEN_TTL_SECONDS must be a whole number from 60 to 86400' })
  TOKEN_TTL_SECONDS = 900;

  @Transform(({ value }) => (/^\d+$/.test(String(value)) ? Number(value) : value))
  @IsInt({ message: 'LATE_ENTRY_DAYS must be a whole number from 0 to 366' })
  @Min(0, { message: 'LATE_ENTRY_DAYS must be a whole number from 0 to 366' })
  @Max(366, { message: 'LATE_ENTRY_DAYS must be a whole number from 0 to 366' })
  LATE_ENTRY_DAYS = 7;

  @ValidateIf((env: Environment) => env.OIDC_ISSUER !== undefined || env.OIDC_JWKS_URL !== undefined)
  @IsUrl({ require_tld: false }, { message: 'OIDC_ISSUER must be the issuer URL (set together with OIDC_JWKS_URL and OIDC_AUDIENCE)' })
  OIDC_ISSUER?: string;

  @ValidateIf((env: Environment) => env.OIDC_ISSUER !== undefined || env.OIDC_JWKS_URL !== undefined)
  @IsUrl({ require_tld: false }, { message: "OIDC_JWKS_URL must be the issuer's JWKS URL" })
  OIDC_JWKS_URL?: string;

  @ValidateIf((env: Environment) => env.OIDC_ISSUER !== undefined)
  @IsNotEmpty({ message: 'OIDC_AUDIENCE must name this API as the token audience' })
  OIDC_AUDIENCE?: string;

  @IsString()
  OIDC_ROLE_CLAIM = 'roles';

  @IsString()
  OIDC_FACILITY_CLAIM = 'facilities';

  @Transform(({ value }) => (/^\d+$/.test(String(value)) ? Number(value) : value))
  @IsInt({ message: 'OIDC_MAX_TOKEN_LIFETIME_SECONDS must be a whole number from 60 to 86400' })
  @Min(60, { message: 'OIDC_MAX_TOKEN_LIFETIME_SECONDS must be a whole number from 60 to 86400' })
  @Max(86400, { message: 'OIDC_MAX_TOKEN_LIFETIME_SECONDS must be a whole number from 60 to 86400' })
  OIDC_MAX_TOKEN_LIFETIME_SECONDS = 7200;
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a PostgreSQL connection string such as postgres://rop:secret@db:5432/rop' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  @Transform(({ value }) => (/^\d+$/.test(String(value)) ? Number(value) : value))
  @IsInt({ message: 'HSTS_MAX_AGE_SECONDS must be a whole number of seconds from 0 (off) to 63072000' })
  @Min(0, { message: 'HSTS_MAX_AGE_SECONDS must be a whole number of seconds from 0 (off) to 63072000' })
  @Max(63072000, { message: 'HSTS_MAX_AGE_SECONDS must be a whole number of seconds from 0 (off) to 63072000' })
  HSTS_MAX_AGE_SECONDS = 31536000;

  @IsOptional()
  @Transform(({ value }) => (/^\d+$/.test(String(value)) ? Number(value) : value))
  @IsInt({ message: 'METRICS_PORT must be a whole number from 0 to 65535, other than PORT' })
  @Min(0, { message: 'METRICS_PORT must be a whole number from 0 to 65535, other than PORT' })
  @Max(65535, { message: 'METRICS_PORT must be a whole number from 0 to 65535, other than PORT' })
  METRICS_PORT?: number;

  @IsOptional()
  @MinLength(32, { message: 'METRICS_TOKEN must have at least 32 characters' })
  METRICS_TOKEN?: string;

  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsIn(SQLITE_SYNC_MODES, { message: 'SQLITE_SYNCHRONOUS must be one of: FULL, NORMAL, EXTRA' })
  SQLITE_SYNCHRONOUS: (typeof SQLITE_SYNC_MODES)[number] = 'FULL';

  @ValidateBy(
    { name: 'isTimeZone', validator: { validate: (value: unknown) => typeof value === 'string' && isTimeZone(value) } },
    { message: 'TIME_ZONE must be an IANA time zone such as Europe/Oslo' },
  )
  TIME_ZONE = DEFAULT_TIME_ZONE;
  @IsOptional()
  @IsString()
  SEAL_KEY_FILE?: string;

  @IsOptional()
  @IsString()
  SEAL_PRIVATE_KEY?: string;

  @IsOptional()
  @IsString()
  SEAL_PUBLIC_KEY_FILE?: string;

  @Transform(({ value }) => (/^\d+$/.test(String(value)) ? Number(value) : value))
  @IsInt({ message: 'SEAL_INTERVAL_SECONDS must be a whole number from 1 to 86400' })
  @Min(1, { message: 'SEAL_INTERVAL_SECONDS must be a whole number from 1 to 86400' })
  @Max(86400, { message: 'SEAL_INTERVAL_SECONDS must be a whole number from 1 to 86400' })
  SEAL_INTERVAL_SECONDS = 60;

  @IsOptional()
  @IsIn(KEY_STORE_KINDS, { message: 'KEY_STORE must be one of: sqlite, postgres' })
  KEY_STORE?: (typeof KEY_STORE_KINDS)[number];

  @IsOptional()
  @MinLength(32, { message: 'KEY_MASTER_KEY must have at least 32 characters' })
  KEY_MASTER_KEY?: string;

  @IsOptional()
  @IsString()
  KEY_MASTER_KEY_FILE?: string;
}

/** The key store's settings, checked together: PostgreSQL needs its URL and a master key from outside. */
function keyStoreSettings(env: Environment): { problems: string[]; keyStore: (typeof KEY_STORE_KINDS)[number]; keyMasterKey?: string } {
  const problems: string[] = [];
  const keyStore = env.KEY_STORE ?? (env.DATABASE_URL ? 'postgres' : 'sqlite');
  if (keyStore === 'postgres' && !env.DATABASE_URL) problems.push('KEY_STORE=postgres needs DATABASE_URL (a PostgreSQL connection string)');
  let keyMasterKey = env.KEY_MASTER_KEY;
  if (env.KEY_MASTER_KEY && env.KEY_MASTER_KEY_FILE) problems.push('Set KEY_MASTER_KEY or KEY_MASTER_KEY_FILE, not both');
  else if (env.KEY_MASTER_KEY_FILE) {
    try {
      keyMasterKey = readFileSync(env.KEY_MASTER_KEY_FILE, 'utf8').trim();
      if (keyMasterKey.length < 32) problems.push('KEY_MASTER_KEY_FILE must hold at least 32 characters');
    } catch {
      problems.push(`KEY_MASTER_KEY_FILE cannot be read: ${env.KEY_MASTER_KEY_FILE}`);
    }
  }
  if (keyStore === 'postgres' && !keyMasterKey && !env.KEY_MASTER_KEY_FILE) {
    problems.push(
      'The PostgreSQL key store needs a master key kept outside the database: set KEY_MASTER_KEY or KEY_MASTER_KEY_FILE (at least 32 characters, the same on every instance)',
    );
  }
  return { problems, keyStore, keyMasterKey };
}

export interface AppConfig {
  readonly eventStore: (typeof EVENT_STORE_KINDS)[number];
  readonly dataDir: string;
  readonly eventStoreConnectionString?: string;
  readonly port: number;
  /** The largest request body accepted (413 above it); bodies are also refused past 32 levels of nesting. */
  readonly httpMaxBodyBytes: number;
  readonly sqliteSynchronous: (typeof SQLITE_SYNC_MODES)[number];
  /** The municipality's time zone: what "today" is for every date the app fills in or counts from. */
  readonly timeZone: string;
  /** HS256 key for the tokens this API issues; when unset, a random key is kept in DATA_DIR. */
  readonly jwtSecret?: string;
  /** Key for the hashed names of uniqueness claims; all instances on one EventStoreDB must share it. */
  readonly claimKeySecret?: string;
  readonly tokenTtlSeconds: number;
  /** Where the persons' keys live: SQLite in DATA_DIR (default), or PostgreSQL when DATABASE_URL is set. */
  readonly keyStore: (typeof KEY_STORE_KINDS)[number];
  /** The secret the persons' keys are wrapped with; unset with SQLite: a file is made in DATA_DIR/secrets. */
  readonly keyMasterKey?: string;
  /** An event whose effective date lies more than this many days before the day it is recorded is a late entry. */
  readonly lateEntryDays: number;
  /** PostgreSQL for what several instances share (the login throttle, the key store); unset: SQLite in DATA_DIR. */
  readonly databaseUrl?: string;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For / -Proto to believe; unset: none. */
  readonly trustProxy?: number | string[];
  /** Strict-Transport-Security max-age on answers over TLS (directly or from a trusted proxy); 0: never sent. */
  readonly hstsMaxAgeSeconds: number;
  /**
   * Where /api/metrics is served: on a port of its own (then not on PORT), and only to a bearer of the
   * token when one is set; with neither, openly on PORT (counts and timings only, nothing personal).
   */
  readonly metrics: { readonly port?: number; readonly token?: string };
  /** An external OpenID Connect issuer whose access tokens are accepted too. */
  readonly oidc?: {
    readonly issuer: string;
    readonly jwksUrl: string;
    readonly audience: string;
    readonly roleClaim: string;
    readonly facilityClaim: string;
    /** Longest lifetime (exp − iat) accepted for the issuer's tokens; they must carry exp. */
    readonly maxTokenLifetimeSeconds: number;
  };
  /** Signed seals of the log (tamper evidence); no signing key means no sealing. */
  readonly seal: SealConfig;
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
      .concat(
        'EVENTSTORE_CONNECTION_STRING',
        'JWT_SECRET',
        'CLAIM_KEY_SECRET',
        'OIDC_ISSUER',
        'OIDC_JWKS_URL',
        'OIDC_AUDIENCE',
        'DATABASE_URL',
        'TRUST_PROXY',
        'METRICS_PORT',
        'METRICS_TOKEN',
        'SEAL_KEY_FILE',
        'SEAL_PRIVATE_KEY',
        'SEAL_PUBLIC_KEY_FILE',
      )
      .concat('KEY_STORE', 'KEY_MASTER_KEY', 'KEY_MASTER_KEY_FILE')
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = plainToInstance(Environment, given);
  const problems = validateSync(parsed).flatMap((error) => Object.values(error.constraints ?? {}));
  const keys = keyStoreSettings(parsed);
  problems.push(...keys.problems);
  const trustProxy = parseTrustProxy(parsed.TRUST_PROXY);
  if (trustProxy === TRUST_PROXY_MESSAGE) problems.push(TRUST_PROXY_MESSAGE);
  if (parsed.METRICS_PORT !== undefined && parsed.METRICS_PORT !== 0 && parsed.METRICS_PORT === parsed.PORT) {
    problems.push('METRICS_PORT must be a whole number from 0 to 65535, other than PORT');
  }
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  const seal = readSealConfig(
    {
      keyFile: parsed.SEAL_KEY_FILE,
      privateKey: parsed.SEAL_PRIVATE_KEY,
      publicKeyFile: parsed.SEAL_PUBLIC_KEY_FILE,
      intervalSeconds: parsed.SEAL_INTERVAL_SECONDS,
    },
    parsed.DATA_DIR,
  );
  if (seal.problems.length > 0) throw new ConfigError(seal.problems);
  return {
    eventStore: parsed.EVENT_STORE,
    dataDir: parsed.DATA_DIR,
    eventStoreConnectionString: parsed.EVENTSTORE_CONNECTION_STRING,
    port: parsed.PORT,
    httpMaxBodyBytes: parsed.HTTP_MAX_BODY_BYTES,
    sqliteSynchronous: parsed.SQLITE_SYNCHRONOUS,
    timeZone: parsed.TIME_ZONE,
    jwtSecret: parsed.JWT_SECRET,
    claimKeySecret: parsed.CLAIM_KEY_SECRET,
    tokenTtlSeconds: parsed.TOKEN_TTL_SECONDS,
    keyStore: keys.keyStore,
    keyMasterKey: keys.keyMasterKey,
    lateEntryDays: parsed.LATE_ENTRY_DAYS,
    databaseUrl: parsed.DATABASE_URL,
    trustProxy: trustProxy as number | string[] | undefined,
    hstsMaxAgeSeconds: parsed.HSTS_MAX_AGE_SECONDS,
    metrics: { port: parsed.METRICS_PORT, token: parsed.METRICS_TOKEN },
    oidc: parsed.OIDC_ISSUER
      ? {
          issuer: parsed.OIDC_ISSUER,
          jwksUrl: parsed.OIDC_JWKS_URL!,
          audience: parsed.OIDC_AUDIENCE!,
          roleClaim: parsed.OIDC_ROLE_CLAIM,
          facilityClaim: parsed.OIDC_FACILITY_CLAIM,
          maxTokenLifetimeSeconds: parsed.OIDC_MAX_TOKEN_LIFETIME_SECONDS,
        }
      : undefined,
    seal: seal.config,
  };
}
