import { BadRequestException, Controller, Get, INestApplication, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { StoreUnavailableError, StreamNotFoundError, WrongExpectedVersionError } from '@app/event-store';
import { ProblemDetailsFilter } from './problem-details.filter';

@Controller('boom')
class ThrowingController {
  @Get('conflict')
  conflict() {
    throw new WrongExpectedVersionError('case-123', 4n, 5n);
  }
  @Get('missing')
  missing() {
    throw new StreamNotFoundError('person-08077712345');
  }
  @Get('down')
  down() {
    throw new StoreUnavailableError('connect ECONNREFUSED 10.0.0.7:2113');
  }
  @Get('invalid')
  invalid() {
    throw new BadRequestException(['name must be shorter than or equal to 200 characters']);
  }
  @Get('bug')
  bug() {
    throw new TypeError("Cannot read properties of undefined (reading 'fødselsnummer 08077712345')");
  }
}

@Module({ controllers: [ThrowingController], providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }] })
class ThrowingModule {}

describe('ProblemDetailsFilter', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ThrowingModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(() => app.close());

  const get = async (path: string) => {
    const res = await fetch(`${base}/boom/${path}`);
    return { status: res.status, type: res.headers.get('content-type'), retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Record<string, any> };
  };

  it('answers a concurrency conflict with 409 problem+json naming both revisions', async () => {
    const r = await get('conflict');
    expect(r.status).toBe(409);
    expect(r.type).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({
      type: 'urn:problem:concurrency-conflict',
      status: 409,
      expectedRevision: '4',
      actualRevision: '5',
      instance: '/boom/conflict',
    });
  });

  it('answers a missing stream with 404 without echoing the stream name', async () => {
    const r = await get('missing');
    expect(r.status).toBe(404);
    expect(JSON.stringify(r.body)).not.toContain('08077712345');
  });

  it('answers an unavailable store with 503 and Retry-After, without internal addresses', async () => {
    const r = await get('down');
    expect(r.status).toBe(503);
    expect(r.retryAfter).toBe('5');
    expect(JSON.stringify(r.body)).not.toContain('10.0.0.7');
  });

  it('keeps validation messages as a list', async () => {
    const r = await get('invalid');
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual(['name must be shorter than or equal to 200 characters']);
  });

  it('answers an unexpected error with a bare 500 that leaks nothing', async () => {
    const r = await get('bug');
    expect(r.status).toBe(500);
    expect(r.body).toEqual({ type: 'urn:problem:internal', title: 'Internal server error', status: 500, instance: '/boom/bug' });
  });
});
