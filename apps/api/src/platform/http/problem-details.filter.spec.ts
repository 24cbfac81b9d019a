import { BadRequestException, Controller, Get, INestApplication, Logger, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import {
  InvalidPositionError,
  StoreAccessDeniedError,
  StoreUnavailableError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@app/event-store';
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
  @Get('deleted')
  deleted() {
    throw new StreamDeletedError('person-08077712345');
  }
  @Get('refused')
  refused() {
    throw new StoreAccessDeniedError('Access denied (PermissionDenied) for rop-api at 10.0.0.7:2113');
  }
  @Get('position')
  position() {
    throw new InvalidPositionError({ commit: 7n, prepare: 3n });
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
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      retryAfter: res.headers.get('retry-after'),
      body: (await res.json()) as Record<string, any>,
    };
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

  it('answers a tombstoned stream with 410 Gone, without echoing the stream name', async () => {
    const r = await get('deleted');
    expect(r.status).toBe(410);
    expect(r.body).toMatchObject({ type: 'urn:problem:deleted', status: 410 });
    expect(JSON.stringify(r.body)).not.toContain('08077712345');
  });

  it('answers a store that refuses our credentials with 503 and Retry-After, naming neither user nor address', async () => {
    const r = await get('refused');
    expect(r.status).toBe(503);
    expect(r.retryAfter).toBe('5');
    expect(r.body).toMatchObject({ type: 'urn:problem:store-access-denied', status: 503 });
    expect(JSON.stringify(r.body)).not.toMatch(/rop-api|10\.0\.0\.7/);
  });

  it('answers a position the log does not hold with its own 500 type', async () => {
    const r = await get('position');
    expect(r.status).toBe(500);
    expect(r.body).toMatchObject({ type: 'urn:problem:position-not-in-log', status: 500 });
  });

  it('logs no ERROR line per request while the store is away (the connection logs the outage once)', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      for (let i = 0; i < 3; i++) {
        expect((await get('down')).status).toBe(503);
        expect((await get('refused')).status).toBe(503);
      }
      expect(errors).not.toHaveBeenCalled();
      expect((await get('bug')).status).toBe(500); // what is not an outage is still logged
      expect(errors).toHaveBeenCalledTimes(1);
    } finally {
      errors.mockRestore();
    }
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
