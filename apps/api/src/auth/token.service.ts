import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, JWTPayload, SignJWT } from 'jose';
import { ROLES, Role } from '@app/domain';
import { Actor, RoleGrant } from '../application/actor';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { secretFromDataDir } from './secret-file';

const ISSUER = 'rop-housing';
const AUDIENCE = 'rop-housing-api';

export class InvalidToken extends Error {}

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
  private readonly verified = new Map<string, { actor: Actor; expiresAtMs: number }>();
  private static readonly VERIFIED_CAPACITY = 10_000;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.oidc) this.externalKeys = createRemoteJWKSet(new URL(config.oidc.jwksUrl));
  }

  onModuleInit(): void {
    this.key = this.config.jwtSecret ? new TextEncoder().encode(this.config.jwtSecret) : this.keyFromDataDir();
  }

  /** A random key kept beside the data, so tokens stay valid across restarts. */
  private keyFromDataDir(): Uint8Array {
    return new TextEncoder().encode(secretFromDataDir(this.config.dataDir, 'jwt.key'));
  }

  async issue(actor: Actor, now: Date): Promise<IssuedToken> {
    const ttl = this.config.tokenTtlSeconds;
    const iat = Math.floor(now.getTime() / 1000);
    const accessToken = await new SignJWT({ preferred_username: actor.username, grants: actor.grants as unknown as JWTPayload[] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(actor.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttl)
      .sign(this.key);
    return { accessToken, tokenType: 'Bearer', expiresIn: ttl, expiresAt: new Date((iat + ttl) * 1000).toISOString() };
  }

  async verify(token: string): Promise<Actor> {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAtMs) return known.actor;
      this.verified.delete(token);
      throw new InvalidToken('The session has expired');
    }
    const { actor, expiresAt } = await this.verifySignature(token);
    if (expiresAt !== undefined) {
      this.verified.set(token, { actor, expiresAtMs: expiresAt * 1000 });
      if (this.verified.size > TokenService.VERIFIED_CAPACITY) this.verified.delete(this.verified.keys().next().value as string);
    }
    return actor;
  }

  private async verifySignature(token: string): Promise<{ actor: Actor; expiresAt?: number }> {
    const issuer = unverifiedIssuer(token);
    try {
      if (this.config.oidc && this.externalKeys && issuer === this.config.oidc.issuer) {
        const { payload } = await jwtVerify(token, this.externalKeys, { issuer, audience: this.config.oidc.audience });
        return { actor: this.actorFromExternal(payload), expiresAt: payload.exp };
      }
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      const actor = {
        userId: String(payload.sub),
        username: String(payload.preferred_username ?? payload.sub),
        grants: parseGrants(payload.grants),
      };
      return { actor, expiresAt: payload.exp };
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
  return value
    .filter((g) => g && (ROLES as readonly string[]).includes(g.role))
    .map((g) => ({ role: g.role as Role, facilityIds: asStrings(g.facilityIds) }));
}
