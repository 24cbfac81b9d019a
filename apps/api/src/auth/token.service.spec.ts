import { SignJWT } from 'jose';
import { AppConfig } from '../config/app-config';
import { InvalidToken, TokenService } from './token.service';

describe('TokenService', () => {
  const actor = { userId: 'u1', username: 'kari', grants: [{ role: 'case_worker' as const, facilityIds: ['f1'] }] };
  const tokens = () => {
    const service = new TokenService({ jwtSecret: 'a test secret that is long enough', tokenTtlSeconds: 60 } as AppConfig);
    service.onModuleInit();
    return service;
  };
  afterEach(() => jest.restoreAllMocks());

  it('verifies a token it issued, and again from what it remembers', async () => {
    const service = tokens();
    const { accessToken } = await service.issue(actor, new Date());
    expect(await service.verify(accessToken)).toEqual({ actor, sessionVersion: 0, external: false });
    expect(await service.verify(accessToken)).toEqual({ actor, sessionVersion: 0, external: false });
  });

  it('carries the session version it was issued under', async () => {
    const { accessToken } = await tokens().issue(actor, new Date(), 3);
    expect((await tokens().verify(accessToken)).sessionVersion).toBe(3);
  });

  describe('refuses a token without a bounded lifetime', () => {
    const key = new TextEncoder().encode('a test secret that is long enough');
    const now = Math.floor(Date.now() / 1000);
    const signed = (claims: { iat?: number; exp?: number }) => {
      let jwt = new SignJWT({ preferred_username: 'kari', grants: [] }).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').setIssuer('rop-housing').setAudience('rop-housing-api');
      if (claims.iat !== undefined) jwt = jwt.setIssuedAt(claims.iat);
      if (claims.exp !== undefined) jwt = jwt.setExpirationTime(claims.exp);
      return jwt.sign(key);
    };
    it.each([
      ['without exp', { iat: now }],
      ['without iat', { exp: now + 60 }],
      ['lasting longer than the configured lifetime', { iat: now, exp: now + 3600 }],
      ['issued in the future', { iat: now + 600, exp: now + 630 }],
    ])('%s', async (_, claims) => {
      await expect(tokens().verify(await signed(claims))).rejects.toThrow(InvalidToken);
    });
    it('but accepts one within the lifetime and the clock skew', async () => {
      await expect(tokens().verify(await signed({ iat: now, exp: now + 60 + 20 }))).resolves.toMatchObject({ actor: { userId: 'u1' } });
    });
  });

  it('refuses a remembered token once it has expired', async () => {
    const service = tokens();
    // Issued 59 s ago with a 60 s lifetime: valid for one more second.
    const { accessToken } = await service.issue(actor, new Date(Date.now() - 59_000));
    expect((await service.verify(accessToken)).actor).toEqual(actor);
    const later = Date.now() + 2_000;
    jest.spyOn(Date, 'now').mockReturnValue(later);
    await expect(service.verify(accessToken)).rejects.toThrow(new InvalidToken('The session has expired'));
  });

  it('refuses a token whose signature does not match, however often it is sent', async () => {
    const service = tokens();
    const { accessToken } = await service.issue(actor, new Date());
    const [header, body] = accessToken.split('.');
    const forged = `${header}.${body}.${'A'.repeat(43)}`;
    await expect(service.verify(forged)).rejects.toThrow('The access token is not valid');
    await expect(service.verify(forged)).rejects.toThrow('The access token is not valid');
  });
});
