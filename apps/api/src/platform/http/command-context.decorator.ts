import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { CommandContext } from '../commands/command-runner';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Parses If-Match: `"3"`, `3` or `W/"3"` — the stream revision the caller last saw. */
export function parseIfMatch(header: string | undefined): bigint | undefined {
  if (header === undefined || header.trim() === '' || header.trim() === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,20})"?$/.exec(header.trim());
  if (!match) throw new BadRequestException('If-Match must carry the revision you last read, e.g. "3"');
  return BigInt(match[1]);
}

/** JSON with the keys of every object sorted: two bodies that mean the same give the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What an Idempotency-Key is bound to: the method, the path and the body as parsed (not its formatting). */
export function requestDigest(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`, 'utf8')
    .digest('hex');
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
    clientKey: key,
    requestDigest: key === undefined ? undefined : requestDigest(request.method, String(request.originalUrl ?? request.url).split('?')[0], request.body),
  };
});
