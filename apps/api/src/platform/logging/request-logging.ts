import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Metrics } from '../metrics/metrics';
import { requestIdFrom, runInRequest } from './request-context';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * The route a request matched, as its pattern (`/api/v1/people/:personId`), never the raw path: paths
 * carry ids and a mistyped one could carry anything. What matched no API route is `(unmatched)`, and
 * the admin UI's files and pages are `(ui)`.
 */
export function routeOf(req: Request): string {
  const pattern = (req as Request & { route?: { path?: unknown } }).route?.path;
  // Nest answers what no route takes through a catch-all route of its own (`*path`).
  if (typeof pattern === 'string' && !pattern.startsWith('*')) return pattern;
  // originalUrl: a router that answers may have left its mount path cut off req.path.
  const path = req.originalUrl.split('?')[0];
  return path === '/api' || path.startsWith('/api/') ? '(unmatched)' : '(ui)';
}

/**
 * First of every request: its id (the caller's X-Request-Id when valid, else a new one; answered in
 * the same header) carried through its handling, so every log line it causes names it; then one line
 * when it is answered (method, route pattern, status, duration) and its time in the duration
 * histogram. Never the query string, a header or a body: requests here are full of personal data.
 */
export function requestLogging(metrics: Metrics) {
  const logger = new Logger('Request');
  return (req: Request, res: Response, next: NextFunction): void => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const started = process.hrtime.bigint();
    let done = false;
    const finished = (aborted: boolean) => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      const status = res.statusCode;
      metrics.httpRequestSeconds.observe({ method: req.method, route, status_code: String(status) }, seconds);
      const line = { msg: `${req.method} ${route} ${status}`, requestId, method: req.method, route, status, durationMs: Math.round(seconds * 1e4) / 10 };
      logger.log(aborted ? { ...line, aborted } : line);
    };
    res.once('finish', () => finished(false));
    res.once('close', () => finished(!res.writableFinished));
    runInRequest({ requestId }, next);
  };
}
