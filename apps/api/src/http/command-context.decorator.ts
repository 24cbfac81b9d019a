import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../application/command-runner';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Parses If-Match: `"3"`, `3` or `W/"3"` — the stream revision the caller last saw. */
export function parseIfMatch(header: string | undefined): bigint | undefined {
  if (header === undefined || header.trim() === '' || header.trim() === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,20})"?$/.exec(header.trim());
  if (!match) throw new BadRequestException('If-Match must carry the revision you last read, e.g. "3"');
  return BigInt(match[1]);
}

/**
 * Builds the command context from the request: the verified actor, a fresh command id, the caller's
 * correlation id (X-Correlation-Id) or a new one, If-Match, Idempotency-Key and X-Access-Purpose.
 */
export const CommandCtx = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandContext => {
  const request = ctx.switchToHttp().getRequest();
  const headers = request.headers as Record<string, string | undefined>;
  const key = headers['idempotency-key'];
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new BadRequestException('Idempotency-Key must be 1 to 200 visible ASCII characters');
  }
  const correlation = headers['x-correlation-id'];
  if (correlation !== undefined && !CORRELATION_ID.test(correlation)) {
    throw new BadRequestException('X-Correlation-Id must be 1 to 100 letters, digits, dots, colons, dashes or underscores');
  }
  const commandId = randomUUID();
  const purpose = headers['x-access-purpose']?.trim();
  return {
    actor: request.actor,
    commandId,
    correlationId: correlation ?? commandId,
    expectedRevision: parseIfMatch(headers['if-match']),
    idempotencyKey: key,
    ...(purpose && { accessPurpose: purpose }),
  };
});
