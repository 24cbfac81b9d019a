import type { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Level, Logger as Pino } from 'pino';
import { PERSONAL_FIELDS } from '@app/domain';
import { currentRequestId } from './request-context';

/** Secrets that may sit beside personal data in an object someone logs. */
const SECRET_FIELDS = ['password', 'newPassword', 'setupToken', 'token', 'accessToken', 'authorization', 'cookie'];

/**
 * Field names that never reach a log line, as a second net behind "log no request data": the personal
 * fields of every event (their first segment: `referrer.name` hides all of `referrer`) and secrets,
 * at the top of a logged object and one level down.
 */
export const REDACTED_FIELDS = [...new Set([...Object.values(PERSONAL_FIELDS).flatMap((paths) => paths.map((p) => p.split('.')[0])), ...SECRET_FIELDS])];

/**
 * JSON lines on stdout, one object per line, on a terminal too (one format to read and to ship; no
 * colours anywhere): `level` as a word, `time` in ISO 8601, `context` (the Nest logger's name),
 * `msg`, and `requestId` on every line written while serving a request.
 */
export function createPino(destination: DestinationStream = pino.destination({ dest: 1, sync: true })): Pino {
  return pino(
    {
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      redact: { paths: REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`]), censor: '[redacted]' },
    },
    destination,
  );
}

/**
 * Nest's logger over pino: everything Nest and our `new Logger(context)` write becomes a JSON line.
 * Nest passes the context last (and an error's stack before it); an Error given as the message is
 * written by its class and stack frames only, since its message may quote personal data.
 */
export class JsonLogger implements LoggerService {
  constructor(readonly pino: Pino = createPino()) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const rest = [...params];
    const context = rest.length > (level === 'error' ? 1 : 0) && typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    const stack = level === 'error' && typeof rest[0] === 'string' ? (rest.shift() as string) : undefined;
    const fields: Record<string, unknown> = { ...(context && { context }), ...(stack && { stack }) };
    if (message instanceof Error) {
      fields.err = { type: message.name, stack: message.stack?.split('\n').slice(1).join('\n') };
      this.pino[level](fields, message.name);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...message });
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
