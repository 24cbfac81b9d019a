import type { Problem } from './types';

/** A failed call, carrying the API's problem+json so forms can show `fields` and `rule` inline. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

// The token lives in sessionStorage: it survives a reload of the tab but not closing it, and is never
// written to localStorage where other tabs and later sessions could read it.
const TOKEN_KEY = 'rop.token';
let token: string | null = sessionStorage.getItem(TOKEN_KEY);
let onUnauthorized: (() => void) | null = null;

export function setToken(value: string | null): void {
  token = value;
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function getToken(): string | null {
  return token;
}

/** The session layer registers this so any 401 (expired token) sends the user back to login. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The API's problem type for a read outside one's facilities that needs a stated purpose (403). */
export const ACCESS_PURPOSE_REQUIRED = 'urn:problem:access-purpose-required';
type PurposeProvider = () => Promise<string | null>;
let askPurpose: PurposeProvider | null = null;

/** The purpose dialog registers this: it answers the purpose the user states, or null if they cancel. */
export function setPurposeProvider(provider: PurposeProvider | null): void {
  askPurpose = provider;
}

/**
 * fetch with the bearer token. A read the API refuses until a purpose is stated is asked for one and
 * sent again with it in X-Access-Purpose (the read is then logged as flagged); cancelling keeps the 403.
 */
export async function authorizedFetch(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, { ...init, headers });
  if (res.status !== 403 || !askPurpose) return res;
  const problem = (await res
    .clone()
    .json()
    .catch(() => null)) as Problem | null;
  if (problem?.type !== ACCESS_PURPOSE_REQUIRED) return res;
  const purpose = await askPurpose();
  if (!purpose) return res;
  return fetch(url, { ...init, headers: { ...headers, 'x-access-purpose': purpose } });
}

/** The problem type of a command whose answer never came (the network failed): it may have been recorded. */
export const NO_ANSWER = 'urn:problem:no-answer';
/** The API's problem when a retry's key was first used for another request: the first one was recorded. */
export const KEY_REUSED = 'urn:problem:idempotency-key-reused';

/**
 * A fresh Idempotency-Key (a random UUID). From crypto.getRandomValues, which every browser has also
 * on plain http, where crypto.randomUUID is missing.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; ifMatch?: string; query?: Query; idempotencyKey?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  // The API wants the revision we decided on, quoted as an entity tag.
  if (init.ifMatch !== undefined) headers['if-match'] = `"${init.ifMatch}"`;
  // The same key on a retry: the API then answers with the first result instead of recording twice.
  if (init.idempotencyKey !== undefined) headers['idempotency-key'] = init.idempotencyKey;
  let res: Response;
  try {
    res = await authorizedFetch(withQuery(path, init.query), {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    // No answer at all: the request may or may not have reached the API. A form retries with its key.
    throw new ApiError(0, { type: NO_ANSWER, title: 'No answer', status: 0 });
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  if (!res.ok) {
    // A 401 on login itself is a wrong password, not an expired session.
    if (res.status === 401 && token && onUnauthorized) onUnauthorized();
    const problem: Problem = typeof body === 'object' && body !== null ? (body as Problem) : { type: 'about:blank', title: res.statusText, status: res.status };
    throw new ApiError(res.status, problem);
  }
  return body as T;
}
