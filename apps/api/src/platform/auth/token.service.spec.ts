import { SignJWT } from 'jose';
import { Clock } from '../clock';
import { AppConfig } from '../config/app-config';
import { InvalidToken, TokenService } from './token.service';

describe('TokenService', () => {
  const actor = { userId: 'u1', username: 'kari', grants: [{ role: 'case_worker' as const, facilityIds: ['f1'] }] };
  const tokens = (clock?: Clock) => {
    const service = new TokenService({ jwtSecret: 'a test secret that is long enough', tokenTtlSeconds: 60 } as AppConfig, clock);
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
      let jwt = new SignJWT({ preferred_username: 'kari', grants: [] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u1')
        .setIssuer('rop-housing')
        .setAudience('rop-housing-api');
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
    // The app's clock, which verification reads as issuing does.
    let at = Date.now();
    const clock = new (class extends Clock {
      now = () => new Date(at);
    })();
    const service = tokens(clock);
    // Issued 59 s ago with a 60 s lifetime: valid for one more second.
    const { accessToken } = await service.issue(actor, new Date(at - 59_000));
    expect((await service.verify(accessToken)).actor).toEqual(actor);
    at += 2_000;
    await expect(service.verify(accessToken)).rejects.toThrow(new InvalidToken('The session has expired'));
  });

  it('checks a token against the app’s clock, not the machine’s: one issued by a clock ahead of it is valid by that clock', async () => {
    const ahead = Date.now() + 90 * 86_400_000;
    const clock = new (class extends Clock {
      now = () => new Date(ahead);
    })();
    const { accessToken } = await tokens(clock).issue(actor, clock.now());
    expect((await tokens(clock).verify(accessToken)).actor).toEqual(actor);
    // By the machine's clock it was issued in the future.
    await expect(tokens().verify(accessToken)).rejects.toThrow(InvalidToken);
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
