import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, Optional } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  DuplicateEventIdError,
  EventStoreError,
  InvalidAppendError,
  InvalidPositionError,
  StoreAccessDeniedError,
  StoreUnavailableError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@app/event-store';
import { isOutage, StoreConnection } from '../event-store/store-connection';
import {
  AccessDenied,
  AccessPurposeRequired,
  ConcurrencyConflict,
  DomainRuleViolation,
  IdempotencyKeyReused,
  NotFound,
  SetupOnActiveWorker,
} from '../errors/command-errors';
import { ForgetIncompleteError, KeyStoreUnavailableError } from '../crypto/key-store.port';
import { ThrottleStoreUnavailable } from '../throttle/throttle-store.port';
import { Throttled } from '../throttle/throttled.error';
import { currentRequestId } from '../logging/request-context';
import { routeOf } from '../logging/request-logging';

/** RFC 9457 problem details. `type` is a stable URN callers can switch on. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

const PROBLEM_JSON = 'application/problem+json';

/** A read outside one's facilities needs a purpose: send it in the named header and the read is allowed (and flagged). */
export const ACCESS_PURPOSE_REQUIRED = 'urn:problem:access-purpose-required';

/**
 * Every error leaves the API as problem+json. Known errors keep their meaning (409 for a concurrency
 * conflict, 410 for a deleted stream, 503 for an unreachable or refusing store); anything else is a 500
 * whose response and log line carry no request data, since requests here hold personal and health
 * information. A store outage is the connection's to log, once (StoreConnection), not each request's.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(@Optional() private readonly connection?: StoreConnection) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl?.split('?')[0];
    // For the user to quote to support: the same id names the request's log lines.
    const requestId = currentRequestId();
    if (requestId) problem.requestId = requestId;
    if (problem.status === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', '5');
    if (exception instanceof Throttled) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (isOutage(exception)) {
      void this.connection?.reportFailure(exception);
    } else if (problem.status >= 500) {
      // The error's class and stack frames, not its message: messages can quote personal data.
      const error = exception as Error | undefined;
      const frames = error?.stack?.split('\n').slice(1).join('\n');
      // The route's pattern, not the path: paths carry ids.
      this.logger.error(`${request.method} ${routeOf(request)} failed: ${error?.name ?? 'unknown'}`, frames);
    }
    response.status(problem.status).type(PROBLEM_JSON).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof HttpException) return fromHttpException(exception);
    if (exception instanceof EventStoreError) return fromStoreError(exception);
    const known = fromApplicationError(exception);
    if (known) return known;
    return { type: 'urn:problem:internal', title: 'Internal server error', status: 500 };
  }
}

function fromHttpException(exception: HttpException): ProblemDetails {
  const status = exception.getStatus();
  const body = exception.getResponse();
  const base: ProblemDetails = { type: `urn:problem:http-${status}`, title: exception.message, status };
  if (typeof body === 'object' && body !== null) {
    const { message, error, statusCode: _ignored, ...extensions } = body as Record<string, unknown>;
    if (typeof error === 'string') base.title = error;
    if (Array.isArray(message)) base.errors = message;
    else if (typeof message === 'string') base.detail = message;
    Object.assign(base, extensions);
  }
  return base;
}

function fromApplicationError(exception: unknown): ProblemDetails | undefined {
  if (exception instanceof DomainRuleViolation) {
    const { rule, message, field, details } = exception.error;
    // A rule that says the record does not exist is a 404 to HTTP clients.
    if (rule.endsWith('.not_found')) return { type: `urn:problem:rule:${rule}`, title: 'Not found', status: 404, detail: message, rule };
    return { type: `urn:problem:rule:${rule}`, title: 'The command breaks a rule', status: 422, detail: message, rule, field, details };
  }
  if (exception instanceof ConcurrencyConflict) {
    return {
      type: 'urn:problem:concurrency-conflict',
      title: 'The record was changed by someone else',
      status: 409,
      detail: 'Reload to see the change, then try again.',
      expectedRevision: exception.expected,
      actualRevision: exception.actual,
      lastChange: exception.lastChange,
    };
  }
  if (exception instanceof AccessPurposeRequired) {
    return { type: ACCESS_PURPOSE_REQUIRED, title: 'A purpose is required', status: 403, detail: exception.reason, header: 'X-Access-Purpose' };
  }
  if (exception instanceof AccessDenied) return { type: 'urn:problem:forbidden', title: 'Forbidden', status: 403, detail: exception.reason };
  if (exception instanceof NotFound) return { type: 'urn:problem:not-found', title: 'Not found', status: 404 };
  if (exception instanceof ForgetIncompleteError) {
    return { type: 'urn:problem:forget-incomplete', title: 'Forgetting is not complete yet', status: 503, detail: exception.message };
  }
  if (exception instanceof SetupOnActiveWorker)
    return { type: 'urn:problem:setup-on-active-worker', title: 'Setup is served by the active worker', status: 503, detail: exception.message };
  if (exception instanceof KeyStoreUnavailableError) return { type: 'urn:problem:key-store-unavailable', title: 'The key store is unavailable', status: 503 };
  if (exception instanceof Throttled) {
    const { rule, retryAfterSeconds } = exception;
    return { type: `urn:problem:rule:${rule}`, title: 'Too many attempts', status: 429, detail: exception.message, rule, details: { retryAfterSeconds } };
  }
  if (exception instanceof ThrottleStoreUnavailable) {
    return {
      type: 'urn:problem:throttle-unavailable',
      title: 'Login is unavailable',
      status: 503,
      detail: 'The login throttle store cannot be reached; try again shortly.',
    };
  }
  if (exception instanceof IdempotencyKeyReused) {
    return {
      type: 'urn:problem:idempotency-key-reused',
      title: 'Idempotency-Key reused',
      status: 422,
      detail: exception.message,
      idempotencyKey: exception.key,
    };
  }
  return undefined;
}

function fromStoreError(error: EventStoreError): ProblemDetails {
  if (error instanceof WrongExpectedVersionError) {
    return {
      type: 'urn:problem:concurrency-conflict',
      title: 'The record was changed by someone else',
      status: 409,
      detail: 'Reload and try again.',
      expectedRevision: String(error.expected),
      actualRevision: String(error.actual),
    };
  }
  if (error instanceof StreamNotFoundError) return { type: 'urn:problem:not-found', title: 'Not found', status: 404 };
  if (error instanceof StreamDeletedError) {
    // Tombstoned by an operator: gone for good, which is more than "not found".
    return { type: 'urn:problem:deleted', title: 'Gone', status: 410, detail: 'This record was deleted from the event store for good.' };
  }
  if (error instanceof StoreUnavailableError) {
    return { type: 'urn:problem:store-unavailable', title: 'The event store is unavailable', status: 503 };
  }
  if (error instanceof StoreAccessDeniedError) {
    // The server's configuration, not the caller, is at fault; the log line names the setting.
    return { type: 'urn:problem:store-access-denied', title: 'The event store refuses this service', status: 503 };
  }
  if (error instanceof InvalidPositionError) {
    return { type: 'urn:problem:position-not-in-log', title: 'A read model is out of step with the event log', status: 500 };
  }
  if (error instanceof DuplicateEventIdError) {
    return { type: 'urn:problem:duplicate-event', title: 'This change was already recorded differently', status: 409 };
  }
  if (error instanceof InvalidAppendError) {
    return { type: 'urn:problem:invalid-append', title: 'Invalid change', status: 400, detail: error.message };
  }
  return { type: 'urn:problem:internal', title: 'Internal server error', status: 500 };
}
