import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to the embedded SQLite store in ./data on port 3000 with synchronous=FULL', () => {
    expect(loadConfig({})).toEqual({
      eventStore: 'sqlite',
      dataDir: './data',
      eventStoreConnectionString: undefined,
      port: 3000,
      httpMaxBodyBytes: 262144,
      sqliteSynchronous: 'FULL',
      timeZone: 'Europe/Oslo',
      jwtSecret: undefined,
      claimKeySecret: undefined,
      tokenTtlSeconds: 900,
      keyStore: 'sqlite',
      keyMasterKey: undefined,
      lateEntryDays: 7,
      databaseUrl: undefined,
      trustProxy: undefined,
      hstsMaxAgeSeconds: 31536000,
      metrics: { port: undefined, token: undefined },
      oidc: undefined,
      seal: { intervalSeconds: 60, signingKey: undefined, trustedKeys: [] },
    });
  });

  it('reads the shared PostgreSQL, the trusted proxies and the HSTS max-age', () => {
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://rop:secret@db:5432/rop',
        KEY_MASTER_KEY: 'm'.repeat(32),
        TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8',
        HSTS_MAX_AGE_SECONDS: '0',
      }),
    ).toMatchObject({
      databaseUrl: 'postgres://rop:secret@db:5432/rop',
      trustProxy: ['loopback', '10.0.0.0/8', 'fd00::/8'],
      hstsMaxAgeSeconds: 0,
    });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  it('reads where metrics are served and their token, refusing a short token and the API port', () => {
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_TOKEN: 't'.repeat(32) }).metrics).toEqual({ port: 9464, token: 't'.repeat(32) });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow('METRICS_TOKEN must have at least 32 characters');
    expect(() => loadConfig({ PORT: '3000', METRICS_PORT: '3000' })).toThrow('METRICS_PORT must be a whole number from 0 to 65535, other than PORT');
    expect(() => loadConfig({ METRICS_PORT: 'nine' })).toThrow('METRICS_PORT must be a whole number');
  });

  it('reads an external OpenID Connect issuer when one is configured', () => {
    const config = loadConfig({
      OIDC_ISSUER: 'https://login.kommune.no/realms/rop',
      OIDC_JWKS_URL: 'https://login.kommune.no/realms/rop/protocol/openid-connect/certs',
      OIDC_AUDIENCE: 'rop-api',
      OIDC_ROLE_CLAIM: 'rop_roles',
    });
    expect(config.oidc).toEqual({
      issuer: 'https://login.kommune.no/realms/rop',
      jwksUrl: 'https://login.kommune.no/realms/rop/protocol/openid-connect/certs',
      audience: 'rop-api',
      roleClaim: 'rop_roles',
      facilityClaim: 'facilities',
      maxTokenLifetimeSeconds: 7200,
    });
  });

  it('reads every setting', () => {
    const config = loadConfig({
      EVENT_STORE: 'esdb',
      DATA_DIR: '/var/lib/rop',
      EVENTSTORE_CONNECTION_STRING: 'esdb://node1:2113,node2:2113?tls=true',
      PORT: '8080',
      HTTP_MAX_BODY_BYTES: '65536',
      SQLITE_SYNCHRONOUS: 'normal',
      JWT_SECRET: 'j'.repeat(32),
      CLAIM_KEY_SECRET: 'c'.repeat(32),
      TIME_ZONE: 'Arctic/Longyearbyen',
    });
    expect(config).toMatchObject({
      eventStore: 'esdb',
      dataDir: '/var/lib/rop',
      port: 8080,
      httpMaxBodyBytes: 65536,
      sqliteSynchronous: 'NORMAL',
      timeZone: 'Arctic/Longyearbyen',
      jwtSecret: 'j'.repeat(32),
      claimKeySecret: 'c'.repeat(32),
    });
  });

  it('on EventStoreDB requires both shared secrets, naming each, since a key per DATA_DIR would differ between instances', () => {
    const esdb = { EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' };
    try {
      loadConfig(esdb);
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(2);
      expect(problems[0]).toMatch(/^JWT_SECRET .*required.*every app instance must have the same value/);
      expect(problems[1]).toMatch(/^CLAIM_KEY_SECRET .*required.*every app instance must have the same value/);
    }
    expect(() => loadConfig({ ...esdb, JWT_SECRET: 'j'.repeat(32) })).toThrow(/CLAIM_KEY_SECRET/);
    expect(() => loadConfig({ ...esdb, JWT_SECRET: 'j'.repeat(32), CLAIM_KEY_SECRET: 'c'.repeat(31) })).toThrow(/CLAIM_KEY_SECRET must have at least 32/);
    expect(loadConfig({ ...esdb, JWT_SECRET: 'j'.repeat(32), CLAIM_KEY_SECRET: 'c'.repeat(32) }).eventStore).toBe('esdb');
  });

  it.each([
    [{ EVENT_STORE: 'postgres' }, 'EVENT_STORE must be one of: sqlite, esdb'],
    [{ PORT: 'abc' }, 'PORT must be a whole number from 0 to 65535'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535'],
    [{ PORT: '30.5' }, 'PORT must be a whole number from 0 to 65535'],
    [{ HTTP_MAX_BODY_BYTES: '100' }, 'HTTP_MAX_BODY_BYTES must be a whole number of bytes from 1024 to 10485760'],
    [{ SQLITE_SYNCHRONOUS: 'OFF' }, 'SQLITE_SYNCHRONOUS must be one of: FULL, NORMAL, EXTRA'],
    [{ TIME_ZONE: 'Europe/Bodø' }, 'TIME_ZONE must be an IANA time zone such as Europe/Oslo'],
    [{ TIME_ZONE: 'CEST+1' }, 'TIME_ZONE must be an IANA time zone such as Europe/Oslo'],
    [
      { EVENT_STORE: 'esdb', JWT_SECRET: 'j'.repeat(32), CLAIM_KEY_SECRET: 'c'.repeat(32) },
      'EVENTSTORE_CONNECTION_STRING must be an EventStoreDB connection string',
    ],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must have at least 32 characters'],
    [{ TOKEN_TTL_SECONDS: '5' }, 'TOKEN_TTL_SECONDS must be a whole number from 60 to 86400'],
    [{ OIDC_ISSUER: 'https://idp.example' }, 'OIDC_JWKS_URL must be the issuer'],
    [{ EVENTSTORE_CONNECTION_STRING: 'http://x' }, 'EVENTSTORE_CONNECTION_STRING must be an EventStoreDB connection string'],
    [{ DATABASE_URL: 'mysql://db/rop' }, 'DATABASE_URL must be a PostgreSQL connection string'],
    // Trusting every proxy would let any client choose the address the login throttle counts.
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY must name the proxies in front of the app'],
    [{ TRUST_PROXY: '0' }, 'TRUST_PROXY must name the proxies in front of the app'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY must name the proxies in front of the app'],
    [{ HSTS_MAX_AGE_SECONDS: 'forever' }, 'HSTS_MAX_AGE_SECONDS must be a whole number of seconds'],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  describe('the key store', () => {
    const MASTER = 'a master key of at least thirty-two characters';
    const URL = 'postgres://rop:secret@db:5432/rop';

    it('is PostgreSQL when DATABASE_URL is set (with a master key given), SQLite otherwise or when asked', () => {
      expect(loadConfig({ DATABASE_URL: URL, KEY_MASTER_KEY: MASTER })).toMatchObject({ keyStore: 'postgres', databaseUrl: URL, keyMasterKey: MASTER });
      expect(loadConfig({ KEY_STORE: 'postgres', DATABASE_URL: URL, KEY_MASTER_KEY: MASTER }).keyStore).toBe('postgres');
      expect(loadConfig({ KEY_STORE: 'sqlite', DATABASE_URL: URL }).keyStore).toBe('sqlite');
      expect(loadConfig({ KEY_MASTER_KEY: MASTER })).toMatchObject({ keyStore: 'sqlite', keyMasterKey: MASTER });
    });

    it('reads the master key from KEY_MASTER_KEY_FILE', () => {
      const dir = mkdtempSync(join(tmpdir(), 'rop-config-'));
      try {
        writeFileSync(join(dir, 'master'), `${MASTER}\n`);
        expect(loadConfig({ DATABASE_URL: URL, KEY_MASTER_KEY_FILE: join(dir, 'master') }).keyMasterKey).toBe(MASTER);
        writeFileSync(join(dir, 'short'), 'too short');
        expect(() => loadConfig({ KEY_MASTER_KEY_FILE: join(dir, 'short') })).toThrow('KEY_MASTER_KEY_FILE must hold at least 32 characters');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it.each([
      [{ DATABASE_URL: URL }, 'The PostgreSQL key store needs a master key kept outside the database: set KEY_MASTER_KEY or KEY_MASTER_KEY_FILE'],
      [{ KEY_STORE: 'postgres', KEY_MASTER_KEY: MASTER }, 'KEY_STORE=postgres needs DATABASE_URL'],
      [{ KEY_STORE: 'vault' }, 'KEY_STORE must be one of: sqlite, postgres'],
      [{ DATABASE_URL: 'mysql://db/rop', KEY_MASTER_KEY: MASTER }, 'DATABASE_URL must be a PostgreSQL connection string'],
      [{ KEY_MASTER_KEY: 'short' }, 'KEY_MASTER_KEY must have at least 32 characters'],
      [{ KEY_MASTER_KEY: MASTER, KEY_MASTER_KEY_FILE: '/run/secrets/master' }, 'Set KEY_MASTER_KEY or KEY_MASTER_KEY_FILE, not both'],
      [{ DATABASE_URL: URL, KEY_MASTER_KEY_FILE: '/nonexistent/master' }, 'KEY_MASTER_KEY_FILE cannot be read: /nonexistent/master'],
    ])('refuses %j with a clear message', (env, message) => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(message);
    });
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ EVENT_STORE: 'x', PORT: '-1' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });
});
