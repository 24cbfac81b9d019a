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
    expect(await service.verify(accessToken)).toEqual(actor);
    expect(await service.verify(accessToken)).toEqual(actor);
  });

  it('refuses a remembered token once it has expired', async () => {
    const service = tokens();
    // Issued 59 s ago with a 60 s lifetime: valid for one more second.
    const { accessToken } = await service.issue(actor, new Date(Date.now() - 59_000));
    expect(await service.verify(accessToken)).toEqual(actor);
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
