import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A stand-in for the municipality's OpenID Connect issuer: a JWKS endpoint on localhost and tokens
 * signed with its private key. The API must accept them with roles from the configured claim.
 */
describe('access tokens from an external OpenID Connect issuer', () => {
  let jwks: Server;
  let t: TestApp;
  let sign: (claims: Record<string, unknown>, audience?: string, issuer?: string) => Promise<string>;
  let signer: { privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'] };
  const issuer = 'https://login.kommune.example/realms/rop';

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    signer = { privateKey };
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const port = (jwks.address() as AddressInfo).port;
    t = await startTestApp({
      OIDC_ISSUER: issuer,
      OIDC_JWKS_URL: `http://127.0.0.1:${port}/certs`,
      OIDC_AUDIENCE: 'rop-api',
      OIDC_ROLE_CLAIM: 'rop_roles',
    });
    sign = (claims, audience = 'rop-api', iss = issuer) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(iss)
        .setAudience(audience)
        .setSubject('ext-123')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
  });
  afterAll(async () => {
    await t.close();
    jwks.close();
  });

  it('accepts a token with a known role, taking facilities from their claim', async () => {
    const token = await sign({ rop_roles: ['supervisor'], facilities: ['f-1', 'f-2'], preferred_username: 'kari' });
    const me = await t.request('GET', '/api/v1/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ userId: 'oidc:ext-123', username: 'kari', grants: [{ role: 'supervisor', facilityIds: ['f-1', 'f-2'] }] });
  });

  it('refuses a token for another audience, one without a role of ours, and one signed by someone else', async () => {
    expect((await t.request('GET', '/api/v1/auth/me', { token: await sign({ rop_roles: ['auditor'] }, 'other-api') })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/auth/me', { token: await sign({ rop_roles: ['emperor'] }) })).status).toBe(401);
    const { privateKey: stranger } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ rop_roles: ['admin'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience('rop-api')
      .setSubject('x')
      .setExpirationTime('5m')
      .sign(stranger);
    expect((await t.request('GET', '/api/v1/auth/me', { token: forged })).status).toBe(401);
  });

  it('refuses a token without exp, and one lasting longer than OIDC_MAX_TOKEN_LIFETIME_SECONDS (two hours by default)', async () => {
    const { privateKey } = signer;
    const make = (lifetime?: string) => {
      let jwt = new SignJWT({ rop_roles: ['supervisor'], facilities: ['f-1'] })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(issuer)
        .setAudience('rop-api')
        .setSubject('ext-123')
        .setIssuedAt();
      if (lifetime) jwt = jwt.setExpirationTime(lifetime);
      return jwt.sign(privateKey);
    };
    expect((await t.request('GET', '/api/v1/auth/me', { token: await make('1h') })).status).toBe(200);
    expect((await t.request('GET', '/api/v1/auth/me', { token: await make() })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/auth/me', { token: await make('1d') })).status).toBe(401);
  });
});
