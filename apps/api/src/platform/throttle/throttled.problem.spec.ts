import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { ThrottleStoreUnavailable } from './throttle-store.port';
import { Throttled } from './throttled.error';

@Controller('login')
class RefusingController {
  @Get('throttled')
  throttled() {
    throw new Throttled('auth.too_many_from_address', 17);
  }
  @Get('store-down')
  storeDown() {
    throw new ThrottleStoreUnavailable(new Error('connect ECONNREFUSED 10.0.0.9:5432 user kari'));
  }
}

@Module({ controllers: [RefusingController], providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }] })
class RefusingModule {}

describe('the throttle as problem+json', () => {
  let app: INestApplication;
  let base: string;
  beforeAll(async () => {
    app = (await Test.createTestingModule({ imports: [RefusingModule] }).compile()).createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(() => app.close());

  it('a refusal is 429 with Retry-After in whole seconds and the rule with its wait', async () => {
    const res = await fetch(`${base}/login/throttled`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('17');
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({
      type: 'urn:problem:rule:auth.too_many_from_address',
      status: 429,
      rule: 'auth.too_many_from_address',
      details: { retryAfterSeconds: 17 },
    });
  });

  it('an unreachable throttle store is 503 (the login fails closed), saying nothing of the connection', async () => {
    const res = await fetch(`${base}/login/store-down`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ type: 'urn:problem:throttle-unavailable', status: 503 });
    expect(text).not.toMatch(/10\.0\.0\.9|kari|ECONNREFUSED/);
  });
});
