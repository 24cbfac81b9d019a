import { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { API_DOCS_PATH } from './openapi';

/** Answers under /api are data (JSON, the export page); everything else is the admin UI. */
export const isApiPath = (path: string): boolean => path === '/api' || path.startsWith('/api/');

/** The nonce of this answer's CSP, made when the policy is written; the UI's index.html carries it. */
export function cspNonce(res: Response): string {
  res.locals.cspNonce ??= randomBytes(16).toString('base64');
  return res.locals.cspNonce as string;
}

const common = {
  // Own Strict-Transport-Security below: only on answers that came over TLS.
  strictTransportSecurity: false,
  frameguard: { action: 'deny' as const },
  referrerPolicy: { policy: 'no-referrer' as const },
};

/**
 * The admin UI: its own scripts and styles only. Mantine adds <style> tags at run time (the theme's CSS
 * variables, responsive style props); they carry a fresh nonce per page load, read from the page
 * (see serveAdminUi and the UI's main.tsx), so neither scripts nor styles need 'unsafe-inline'. Style
 * attributes set by React go through the CSSOM, which CSP does not restrict.
 */
const uiHeaders = helmet({
  ...common,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", (_req, res) => `'nonce-${cspNonce(res as Response)}'`],
      imgSrc: ["'self'"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
});

/** The API: nothing it answers is a page that runs or loads anything (export.html sets its own policy). */
const apiHeaders = helmet({
  ...common,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] },
  },
});

/**
 * Swagger UI at /api/docs (API_DOCS_PATH): its own script and styles, plus the one inline <style> block of
 * its page and the data: images of its stylesheet; it fetches nothing but this server (try-it-out calls).
 */
const docsHeaders = helmet({
  ...common,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
});

const isDocsPath = (path: string): boolean => path === API_DOCS_PATH || path.startsWith(`${API_DOCS_PATH}/`);

/**
 * helmet on every answer, the API's and the UI's, and HSTS on those that came over TLS: directly, or
 * through a proxy named in TRUST_PROXY that says so in X-Forwarded-Proto (browsers ignore HSTS over
 * plain HTTP, and a plain-HTTP install on a LAN must not be told it is HTTPS-only).
 */
export function applySecurityHeaders(app: INestApplication, config: AppConfig): void {
  const http = app.getHttpAdapter().getInstance();
  http.set('trust proxy', config.trustProxy ?? false);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (config.hstsMaxAgeSeconds > 0 && req.secure) res.setHeader('Strict-Transport-Security', `max-age=${config.hstsMaxAgeSeconds}`);
    (isDocsPath(req.path) ? docsHeaders : isApiPath(req.path) ? apiHeaders : uiHeaders)(req, res, next);
  });
}
