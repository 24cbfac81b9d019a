import { Writable } from 'node:stream';
import { createPino, JsonLogger } from './json-logger';
import { requestIdFrom, runInRequest } from './request-context';

/** A logger writing into an array, one parsed object per line. */
function capture(): { logger: JsonLogger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: new JsonLogger(createPino(sink)), lines };
}

describe('JsonLogger', () => {
  it('writes a JSON line per call with the level as a word, the context and the message', () => {
    const { logger, lines } = capture();
    logger.log('Listening', 'Main');
    logger.warn('Careful', 'Setup');
    logger.error('Failed', 'stack frames', 'HTTP');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', context: 'Main', msg: 'Listening', time: expect.any(String) }),
      expect.objectContaining({ level: 'warn', context: 'Setup', msg: 'Careful' }),
      expect.objectContaining({ level: 'error', context: 'HTTP', msg: 'Failed', stack: 'stack frames' }),
    ]);
  });

  it('names the request being served on every line written while serving it, and no other', async () => {
    const { logger, lines } = capture();
    await runInRequest({ requestId: 'req-1' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.warn('inside', 'Test');
    });
    logger.warn('outside', 'Test');
    expect(lines.map((line) => [line.msg, line.requestId])).toEqual([
      ['inside', 'req-1'],
      ['outside', undefined],
    ]);
  });

  it('hides personal fields and secrets of a logged object, and writes an error by its class and frames only', () => {
    const { logger, lines } = capture();
    logger.log({ msg: 'oops', givenName: 'Kari', person: { identityNumber: '01018512345' }, authorization: 'Bearer abc', route: '/api/v1/people' }, 'Test');
    logger.error(new TypeError('Kari Nordmann 01018512345 was not found'));
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/Kari|01018512345|Bearer abc/);
    expect(lines[0]).toMatchObject({ msg: 'oops', givenName: '[redacted]', person: '[redacted]', authorization: '[redacted]', route: '/api/v1/people' });
    expect(lines[1]).toMatchObject({ level: 'error', msg: 'TypeError', err: { type: 'TypeError' } });
  });
});

describe('requestIdFrom', () => {
  it('keeps an id-like X-Request-Id and replaces anything else, digits alone too', () => {
    expect(requestIdFrom('3f1c2a9e-lb-01')).toBe('3f1c2a9e-lb-01');
    for (const header of [undefined, '', 'has space', 'x'.repeat(129), '01018512345', ['a', 'b']]) {
      expect(requestIdFrom(header)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    }
  });
});
