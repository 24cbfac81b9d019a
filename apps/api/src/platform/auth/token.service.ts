import { Inject, Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, JWTPayload, SignJWT } from 'jose';
import { ROLES, Role } from '@app/domain';
import { Actor, RoleGrant } from './actor';
import { Clock, SystemClock } from '../clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { secretFromDataDir } from '../config/secret-file';

const ISSUER = 'rop-housing';
const AUDIENCE = 'rop-housing-api';

export class InvalidToken extends Error {}

/** Clock difference allowed between this server and a token's issuer, in seconds. */
const CLOCK_SKEW_SECONDS = 30;

/** What a verified token says: who, and for the API's own tokens the session it belongs to. */
export interface VerifiedToken {
  readonly actor: Actor;
  /**
   * The user's session version when the token was issued (see the user decider): the guard refuses
   * the token once the user's current version has moved on. Absent for OpenID Connect tokens, whose
   * users have no account here; tokens issued before versions existed count as version 0.
   */
  readonly sessionVersion?: number;
  readonly external: boolean;
}

export interface IssuedToken {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresIn: number;
  readonly expiresAt: string;
}

/**
 * Issues short-lived access tokens after a password login, and verifies them and, when configured,
 * tokens from the municipality's own OpenID Connect issuer (roles and facilities from its claims).
 */
@Injectable()
export class TokenService implements OnModuleInit {
  private key!: Uint8Array;
  private readonly externalKeys?: ReturnType<typeof createRemoteJWKSet>;
  /**
   * Tokens already verified, until they expire: a client sends the same token with every request, and
   * checking its signature again each time was a tenth of a command's time (bench/http, --cpu-prof).
   * Bounded; the oldest entries go first.
   */
  private readonly verified = new Map<string, { token: VerifiedToken; expiresAtMs: number }>();
  private static readonly VERIFIED_CAPACITY = 10_000;

  /** The app's one clock: tokens are checked against the time they were issued by (see issue's `now`). */
  private readonly clock: Clock;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() clock?: Clock,
  ) {
    this.clock = clock ?? new SystemClock();
    if (config.oidc) this.externalKeys = createRemoteJWKSet(new URL(config.oidc.jwksUrl));
  }

  onModuleInit(): void {
    this.key = this.config.jwtSecret ? new TextEncoder().encode(this.config.jwtSecret) : this.keyFromDataDir();
  }

  /** A random key kept beside the data, so tokens stay valid across restarts. */
  private keyFromDataDir(): Uint8Array {
    return new TextEncoder().encode(secretFromDataDir(this.config.dataDir, 'jwt.key'));
  }

  /** `sessionVersion`: the user's, from their current state; see VerifiedToken. */
  async issue(actor: Actor, now: Date, sessionVersion = 0): Promise<IssuedToken> {
    const ttl = this.config.tokenTtlSeconds;
    const iat = Math.floor(now.getTime() / 1000);
    const accessToken = await new SignJWT({ preferred_username: actor.username, grants: actor.grants as unknown as JWTPayload[], sv: sessionVersion })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(actor.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttl)
      .sign(this.key);
    return { accessToken, tokenType: 'Bearer', expiresIn: ttl, expiresAt: new Date((iat + ttl) * 1000).toISOString() };
  }

  /**
   * Checks the signature, issuer, audience and lifetime. It says who the token was issued to; whether
   * that user may still act is the guard's question, asked of the user's current state on every request.
   */
  async verify(token: string): Promise<VerifiedToken> {
    const now = this.clock.now();
    const known = this.verified.get(token);
    if (known) {
      if (now.getTime() < known.expiresAtMs) return known.token;
      this.verified.delete(token);
      throw new InvalidToken('The session has expired');
    }
    const { verified, expiresAt } = await this.verifySignature(token, now);
    this.verified.set(token, { token: verified, expiresAtMs: expiresAt * 1000 });
    if (this.verified.size > TokenService.VERIFIED_CAPACITY) this.verified.delete(this.verified.keys().next().value as string);
    return verified;
  }

  private async verifySignature(token: string, now: Date): Promise<{ verified: VerifiedToken; expiresAt: number }> {
    const issuer = unverifiedIssuer(token);
    try {
      if (this.config.oidc && this.externalKeys && issuer === this.config.oidc.issuer) {
        const { payload } = await jwtVerify(token, this.externalKeys, {
          issuer,
          audience: this.config.oidc.audience,
          requiredClaims: ['exp'],
          clockTolerance: CLOCK_SKEW_SECONDS,
          currentDate: now,
        });
        const expiresAt = boundedLifetime(payload, this.config.oidc.maxTokenLifetimeSeconds, now);
        return { verified: { actor: this.actorFromExternal(payload), external: true }, expiresAt };
      }
      const ttl = this.config.tokenTtlSeconds;
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: ttl + CLOCK_SKEW_SECONDS,
        clockTolerance: CLOCK_SKEW_SECONDS,
        currentDate: now,
      });
      const expiresAt = boundedLifetime(payload, ttl, now);
      const actor = {
        userId: String(payload.sub),
        username: String(payload.preferred_username ?? payload.sub),
        grants: parseGrants(payload.grants),
      };
      const sv = payload.sv ?? 0;
      if (!Number.isSafeInteger(sv) || (sv as number) < 0) throw new InvalidToken('The access token is not valid');
      return { verified: { actor, sessionVersion: sv as number, external: false }, expiresAt };
    } catch (error) {
      if (error instanceof joseErrors.JOSEError || error instanceof InvalidToken) {
        throw new InvalidToken(error instanceof joseErrors.JWTExpired ? 'The session has expired' : 'The access token is not valid');
      }
      throw error;
    }
  }

  /** External tokens carry roles and facility ids as claims named in the configuration. */
  private actorFromExternal(payload: JWTPayload): Actor {
    const oidc = this.config.oidc!;
    const roles = asStrings(payload[oidc.roleClaim]).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    const facilityIds = asStrings(payload[oidc.facilityClaim]);
    if (!payload.sub || roles.length === 0) throw new InvalidToken('The token grants no role in this service');
    return {
      userId: `oidc:${payload.sub}`,
      username: String(payload.preferred_username ?? payload.sub),
      grants: roles.map((role) => ({ role, facilityIds })),
    };
  }
}

/**
 * A token must say when it ends, and end within `maxSeconds` of its start (plus the clock skew): a
 * token without exp, or one made to last for years, would outlive every change to its user. Without
 * iat (allowed for OpenID Connect tokens) the time left may not exceed the bound. Returns exp.
 */
function boundedLifetime(payload: JWTPayload, maxSeconds: number, now: Date): number {
  const { exp, iat } = payload;
  if (typeof exp !== 'number') throw new InvalidToken('The access token is not valid');
  const start = typeof iat === 'number' ? iat : Math.floor(now.getTime() / 1000);
  if (exp - start > maxSeconds + CLOCK_SKEW_SECONDS) throw new InvalidToken('The access token is not valid');
  return exp;
}

function unverifiedIssuer(token: string): string | undefined {
  try {
    const body = token.split('.')[1];
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')).iss;
  } catch {
    throw new InvalidToken('The access token is not valid');
  }
}

function asStrings(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function parseGrants(value: unknown): RoleGrant[] {
  if (!Array.isArray(value)) return [];
  return value.filter((g) => g && (ROLES as readonly string[]).includes(g.role)).map((g) => ({ role: g.role as Role, facilityIds: asStrings(g.facilityIds) }));
}
