import type { OpenAPIObject, OperationObject, ParameterObject, ResponseObject } from '@nestjs/swagger';

/** What the guard's metadata says about one operation (see routeFacts in openapi.ts). */
export interface OperationFacts {
  /** @Public(): no token needed. */
  public: boolean;
  /** @Requires(action): the guard refuses (403) a role without it. */
  requiredAction?: string;
  /** Answers without the event store or the key store (liveness), so never 503. */
  alwaysAnswers: boolean;
}

export const PROBLEM_JSON = 'application/problem+json';
const PROBLEM = { $ref: '#/components/schemas/ProblemDetailsDto' };

/** What each problem means, where an operation does not say more itself. */
const PROBLEMS = {
  400: 'The request is malformed: a field, parameter or header is invalid (`fields` names each broken field), or the body is not JSON',
  401: 'No valid bearer token: log in (again)',
  403: 'Your role, or the facilities you work in, do not allow this (a read or write outside them may need X-Access-Purpose)',
  404: 'Not found',
  409: 'The record changed since you read it (If-Match; `lastChange` says by whom), or the change was already recorded differently',
  413: 'The body is larger than the server takes (`limit`)',
  415: 'The body is not application/json in UTF-8',
  422: 'The command breaks a rule (`rule` to translate, `field`, `details`), or the Idempotency-Key was used for another request',
  503: 'The event store or the key store is unavailable, or this instance is not ready; try again after Retry-After',
} as const;
type ProblemStatus = keyof typeof PROBLEMS;

const COMMAND_HEADERS: ParameterObject[] = [
  {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    schema: { type: 'string', maxLength: 200 },
    description: 'Makes a retry safe: the same key answers the first result (1–200 visible ASCII characters)',
  },
  {
    name: 'If-Match',
    in: 'header',
    required: false,
    schema: { type: 'string' },
    description: 'The revision you last read ("3"): the command is refused with 409 if the record changed since',
  },
  {
    name: 'X-Correlation-Id',
    in: 'header',
    required: false,
    schema: { type: 'string', maxLength: 100 },
    description: 'Ties the events to a conversation (letters, digits, . _ : -); a new one when left out',
  },
];

const isCommand = (op: OperationObject) =>
  Object.entries(op.responses ?? {}).some(
    ([status, r]) => status.startsWith('2') && JSON.stringify((r as ResponseObject).content ?? {}).includes('/CommandResponseDto'),
  );

/**
 * The problem responses of every operation, added in one place from what the operation is, so none
 * can be forgotten: 400 when it takes a body or parameters (413/415 with a body), 401 and 403 when it
 * needs a token and names the action it needs, 404 when its path names a record, 409 and 422 for
 * commands (they answer CommandResponseDto), 503 for everything that needs the stores. A response the
 * operation declares itself keeps its description and gets the problem schema. Also: each operation's
 * security from @Public, and the headers every command takes.
 */
export function describeProblems(document: OpenAPIObject, facts: Map<string, OperationFacts>): void {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      const fact = facts.get(op.operationId ?? '');
      if (!fact) throw new Error(`OpenAPI: no route facts for ${op.operationId}`);
      op.security = fact.public ? [] : [{ bearer: [] }];
      const command = isCommand(op);
      if (command) {
        const named = new Set((op.parameters ?? []).map((p) => ('name' in p ? p.name.toLowerCase() : '')));
        op.parameters = [...(op.parameters ?? []), ...COMMAND_HEADERS.filter((h) => !named.has(h.name.toLowerCase()))];
      }
      const params = (op.parameters ?? []) as ParameterObject[];
      const statuses: ProblemStatus[] = [];
      if (op.requestBody || params.length > 0) statuses.push(400);
      if (op.requestBody) statuses.push(413, 415);
      if (!fact.public) statuses.push(401);
      if (!fact.public && fact.requiredAction) statuses.push(403);
      if (params.some((p) => p.in === 'path')) statuses.push(404);
      if (command) statuses.push(409, 422);
      if (!fact.alwaysAnswers) statuses.push(503);
      const responses = (op.responses ??= {});
      for (const status of statuses) responses[status] ??= { description: PROBLEMS[status] };
      for (const [status, response] of Object.entries(responses)) {
        if (!response || !/^[45]/.test(status) || '$ref' in response) continue;
        // A problem the operation declares itself (403, 429 ...) is problem+json too, unless it says otherwise.
        (response as ResponseObject).content ??= { [PROBLEM_JSON]: { schema: PROBLEM } };
      }
      op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
}
