import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line written while serving one request carries. */
export interface RequestContext {
  readonly requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` (the rest of the request's handling) with this request's context. */
export function runInRequest<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The id of the request being served, if any (log lines and problem details carry it). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/**
 * A proxy's or client's X-Request-Id is kept when it looks like an id: letters, digits and `._:-`, at
 * most 128 characters, and not digits alone (an 11-digit one could be an identity number, and it is
 * written to every log line). Anything else gets an id of our own.
 */
const VALID_REQUEST_ID = /^(?!\d+$)[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && VALID_REQUEST_ID.test(header) ? header : randomUUID();
}
