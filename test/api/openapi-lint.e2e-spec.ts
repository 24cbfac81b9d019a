import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { API_TAGS } from '../../apps/api/src/platform/http/openapi';
import type { LintProblem } from '../../scripts/openapi-lint';
import { startTestApp, TestApp } from '../support/test-app';

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);
/** A script of scripts/ in its own process: Redocly and openapi-typescript are ES modules, which Jest's module system does not load. */
const script = (name: string, ...args: string[]) =>
  run(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'scripts', name), ...args], { cwd: ROOT, timeout: 120_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code?: number; stdout?: string }) => ({ code: e.code ?? -1, stdout: e.stdout ?? '' }),
  );

type Operation = {
  operationId: string;
  summary?: string;
  tags?: string[];
  security?: object[];
  parameters?: Array<{ in: string }>;
  requestBody?: object;
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
};
const operationsOf = (doc: { paths: Record<string, Record<string, Operation>> }) =>
  Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method, path, op })));

describe('the API describes itself (/api/openapi.json)', () => {
  let t: TestApp;
  let doc: any;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.request('GET', '/api/openapi.json')).body;
    dir = mkdtempSync(join(tmpdir(), 'rop-openapi-'));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes Redocly’s recommended rules (and operation-tag-defined) with no error', async () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const { stdout } = await script('openapi-lint.ts', file, '--json');
    const problems = JSON.parse(stdout) as LintProblem[];
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    // What is left is known and has no fix: the licence has no URL (none is granted); health and the
    // public setup status (GET /v1/setup: no input, no login) have no 4xx.
    expect(problems.map((p) => `${p.rule} ${p.where}`).sort()).toEqual([
      'info-license-strict #/info/license/url',
      'operation-4xx-response #/paths/~1api~1health/get/responses',
      'operation-4xx-response #/paths/~1api~1health~1live/get/responses',
      'operation-4xx-response #/paths/~1api~1health~1ready/get/responses',
      'operation-4xx-response #/paths/~1api~1v1~1setup/get/responses',
    ]);
  });

  it('gives every operation a summary, one tag from the one list, a readable unique id and a success schema', () => {
    expect(doc.tags).toEqual(Object.entries(API_TAGS).map(([name, description]) => ({ name, description })));
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThanOrEqual(85);
    const wrong = ops.flatMap(({ method, path, op }) => {
      const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
      return [
        !op.summary && 'no summary',
        (op.tags?.length !== 1 || !(op.tags[0] in API_TAGS)) && `tags ${JSON.stringify(op.tags)}`,
        !/^[a-z][A-Za-z]+$/.test(op.operationId) && `operationId ${op.operationId}`,
        (success.length === 0 || success.some(([, r]) => !Object.values(r.content ?? {}).some((c) => c.schema))) && 'no success schema',
      ]
        .filter(Boolean)
        .map((problem) => `${method.toUpperCase()} ${path}: ${problem}`);
    });
    expect(wrong).toEqual([]);
    expect(new Set(ops.map((o) => o.op.operationId)).size).toBe(ops.length);
  });

  it('documents each operation’s problems as problem+json: 400 with input, 401/403 with a token, 404 with a record, 409/422 for commands, 503', () => {
    const missing = operationsOf(doc).flatMap(({ method, path, op }) => {
      const needs: string[] = ['503'];
      const isPublic = op.security?.length === 0;
      if (op.requestBody || (op.parameters ?? []).length > 0) needs.push('400');
      if (!isPublic) needs.push('401');
      if (/\{[^}]+\}/.test(path)) needs.push('404');
      if (JSON.stringify(op.responses).includes('CommandResponseDto')) needs.push('403', '409', '422');
      if (path === '/api/health/live') needs.splice(needs.indexOf('503'), 1);
      const absent = needs.filter((s) => !op.responses[s]);
      const notProblem = Object.entries(op.responses)
        .filter(([s]) => /^4/.test(s) && !op.responses[s].content?.['application/problem+json'])
        .map(([s]) => s);
      return [...absent.map((s) => `${method} ${path}: no ${s}`), ...notProblem.map((s) => `${method} ${path}: ${s} not problem+json`)];
    });
    expect(missing).toEqual([]);
  });

  it('says which operations need a token as the server does: without one, exactly those answer 401', async () => {
    const id = '0b7e7f3c-1d2e-4f50-8a9b-0c1d2e3f4a5b';
    const answers = [];
    for (const { method, path, op } of operationsOf(doc)) {
      const res = await t.request(method.toUpperCase(), path.replace(/\{[^}]+\}/g, id), method === 'post' ? { body: {} } : {});
      answers.push({ route: `${method} ${path}`, documented: op.security?.length !== 0, answered401: res.status === 401 });
    }
    expect(answers.filter((a) => a.documented !== a.answered401)).toEqual([]);
    expect(answers.filter((a) => !a.documented).map((a) => a.route)).toEqual(
      expect.arrayContaining(['get /api/health', 'post /api/v1/auth/login', 'post /api/v1/setup']),
    );
  });

  it('keeps the admin UI’s generated API types (apps/admin-ui/src/api/schema.gen.ts) the same as the API’s document', async () => {
    const { code, stdout } = await script('api-types.ts', '--check');
    expect({ code, stdout }).toEqual({ code: 0, stdout: '' });
  });
});
