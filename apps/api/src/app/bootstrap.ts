import { INestApplication, LoggerService, Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { AppConfig } from '../platform/config/app-config';
import { jsonBody, MAX_BODY_DEPTH } from '../platform/http/json-body';
import { serveOpenApi } from '../platform/http/openapi';
import { applySecurityHeaders, cspNonce } from '../platform/http/security-headers';
import { createValidationPipe } from '../platform/http/validation.pipe';
import { Metrics, outcomeOf } from '../platform/metrics/metrics';
import { JsonLogger } from '../platform/logging/json-logger';
import { requestLogging } from '../platform/logging/request-logging';
import express from 'express';
import type { Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

export interface AppOverrides {
  /** Replace providers (clock, ids, event store) in tests. */
  readonly providers?: Provider[];
  /** No logs at all (false), or another logger (a test's, to read the lines); JSON lines on stdout otherwise. */
  readonly logger?: false | LoggerService;
}

/** The placeholder the UI build leaves in index.html for the CSP nonce (html.cspNonce in vite.config.mts). */
export const CSP_NONCE_PLACEHOLDER = '__CSP_NONCE__';

/**
 * Serves the built admin UI (dist/admin-ui) beside the API: files as they are, and index.html for any
 * other GET outside /api, so the UI's own routes work on reload. index.html gets this answer's CSP
 * nonce in place of the placeholder, so it is never served as a file. Without a built UI, only the API runs.
 */
function serveAdminUi(app: INestApplication): void {
  // dist/apps/api/src/app → dist/admin-ui when built; the working folder's dist/admin-ui otherwise.
  const uiDir = join(__dirname, '..', '..', '..', '..', 'admin-ui');
  const candidates = [uiDir, join(process.cwd(), 'dist', 'admin-ui')];
  const dir = candidates.find((d) => existsSync(join(d, 'index.html')));
  if (!dir) return;
  const index = readFileSync(join(dir, 'index.html'), 'utf8');
  const http = app.getHttpAdapter().getInstance();
  const staticFiles = express.static(dir, {
    index: false,
    setHeaders: (res, path) => {
      if (path.includes(`${sep}assets${sep}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  http.use((req: Request, res: Response, next: () => void) => (req.path === '/index.html' ? next() : staticFiles(req, res, next)));
  http.use((req: Request, res: Response, next: () => void) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && req.path !== '/api' && !req.path.startsWith('/api/')) {
      res.setHeader('Cache-Control', 'no-cache');
      return res.type('html').send(index.replaceAll(CSP_NONCE_PLACEHOLDER, cspNonce(res)));
    }
    next();
  });
}

/** Counts every command (a POST under /api/v1) by its route template and outcome. */
function countCommands(app: INestApplication): void {
  const metrics = app.get(Metrics);
  app.use((req: Request, res: Response, next: () => void) => {
    if (req.method === 'POST') {
      res.on('finish', () => {
        const route = (req as Request & { route?: { path?: string } }).route?.path;
        if (route?.startsWith('/api/v1/')) metrics.commands.inc({ command: route.slice('/api/v1/'.length), outcome: outcomeOf(res.statusCode) });
      });
    }
    next();
  });
}

/**
 * API answers carry health data and depend on who asks (a case's allowedCommands follow the reader's
 * role), while the case's ETag is only its revision. Without this a browser kept one user's answer and,
 * on a 304 for the same ETag, showed it to the next user of the same browser (a supervisor saw the case
 * worker's actions). Nothing under /api/v1 is stored; a handler may still set its own header.
 */
function noStoreApiAnswers(app: INestApplication): void {
  app.use((req: Request, res: Response, next: () => void) => {
    if (req.path.startsWith('/api/v1/')) {
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Vary', 'Authorization');
    }
    next();
  });
}

/** The app without HTTP and without background work, for command-line tools. */
export async function createCliContext(config: AppConfig) {
  return NestFactory.createApplicationContext(AppModule.forConfig(config, [], { background: false }), { logger: ['error', 'warn'] });
}

/** Builds the app for a given configuration; used by main.ts and by the e2e tests. */
export async function createApp(config: AppConfig, overrides: AppOverrides = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forConfig(config, overrides.providers ?? []), {
    logger: overrides.logger ?? new JsonLogger(),
    // Bodies are parsed by jsonBody below: JSON only, with size and depth limits.
    bodyParser: false,
  });
  app.setGlobalPrefix('api');
  // Do not advertise the framework to scanners.
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  // First, so that everything after it, body parsing too, runs with the request's id.
  app.use(requestLogging(app.get(Metrics)));
  app.use(...jsonBody({ maxBytes: config.httpMaxBodyBytes, maxDepth: MAX_BODY_DEPTH }));
  app.useGlobalPipes(createValidationPipe());
  applySecurityHeaders(app, config);
  countCommands(app);
  noStoreApiAnswers(app);
  serveAdminUi(app);
  app.enableShutdownHooks();
  serveOpenApi(app);
  return app;
}
