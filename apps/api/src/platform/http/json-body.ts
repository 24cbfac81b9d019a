import express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { currentRequestId } from '../logging/request-context';

/** How large and how deeply nested a request body may be (checked before it is parsed). */
export interface BodyLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
}

/** No command body nests more than four levels; 32 leaves room and keeps every later recursion safe. */
export const MAX_BODY_DEPTH = 32;
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

const PROBLEM_JSON = 'application/problem+json';
const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * How deeply the JSON text nests arrays and objects, counted on the raw bytes before anything parses
 * it, and given up on as soon as it passes `limit`. Brackets inside strings do not count. The bytes
 * of a multi-byte UTF-8 character are all ≥ 0x80, so none of them is taken for a bracket or a quote.
 */
export function jsonDepthExceeds(text: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

const hasBody = (req: Request) => req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/**
 * Parses request bodies as JSON only, within limits, before any framework code sees them:
 * - anything but `application/json` in UTF-8 is a 415 (a form post is never parsed into fields);
 * - a body over `maxBytes` is a 413, one nested deeper than `maxDepth` a 400 (a body 5,000 levels deep
 *   used to overflow the stack of class-transformer: a 500);
 * - a body that is not JSON is a 400 that says so without quoting it (V8's parse errors quote the text).
 * The answers are problem+json and never repeat any part of the body: bodies hold personal data.
 */
export function jsonBody(limits: BodyLimits): RequestHandler[] {
  const onlyJson: RequestHandler = (req, res, next) => {
    if (!hasBody(req)) return next();
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (!req.is(JSON_TYPES) || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
      return sendProblem(req, res, 415, 'urn:problem:unsupported-media-type', 'Unsupported media type', 'Send the body as application/json in UTF-8');
    }
    next();
  };
  const parse = express.json({
    limit: limits.maxBytes,
    type: JSON_TYPES,
    verify: (_req, _res, buffer) => {
      if (jsonDepthExceeds(buffer, limits.maxDepth)) throw Object.assign(new Error('too deep'), { status: 400, type: 'entity.too.deep' });
    },
  });
  const refuse = (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const type = (error as { type?: unknown })?.type;
    switch (type) {
      case 'entity.too.large':
        return sendProblem(req, res, 413, 'urn:problem:body-too-large', 'Request body too large', `A body may have at most ${limits.maxBytes} bytes`, {
          limit: limits.maxBytes,
        });
      case 'entity.too.deep':
        return sendProblem(
          req,
          res,
          400,
          'urn:problem:body-too-deep',
          'Request body nested too deeply',
          `A body may nest arrays and objects at most ${limits.maxDepth} levels deep`,
          {
            limit: limits.maxDepth,
          },
        );
      case 'entity.parse.failed':
        return sendProblem(req, res, 400, 'urn:problem:invalid-json', 'The body is not valid JSON', 'Send a JSON object');
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return sendProblem(req, res, 415, 'urn:problem:unsupported-media-type', 'Unsupported media type', 'Send the body as application/json in UTF-8');
      case 'request.aborted':
      case 'request.size.invalid':
        return sendProblem(req, res, 400, 'urn:problem:invalid-body', 'The body was not received whole');
      default:
        return next(error);
    }
  };
  return [onlyJson, parse, refuse as unknown as RequestHandler];
}

function sendProblem(
  req: Request,
  res: Response,
  status: number,
  type: string,
  title: string,
  detail?: string,
  extensions: Record<string, unknown> = {},
): void {
  // A body left unread is drained by Node once the answer is sent (a reset would cut the answer off).
  const instance = req.originalUrl?.split('?')[0];
  res
    .status(status)
    .type(PROBLEM_JSON)
    .send(JSON.stringify({ type, title, status, ...(detail && { detail }), ...extensions, instance, requestId: currentRequestId() }));
}
