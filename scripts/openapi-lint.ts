import { readFileSync } from 'node:fs';
import { openApiDocument } from './openapi-document';

export interface LintProblem {
  readonly severity: 'error' | 'warn';
  readonly rule: string;
  readonly where: string;
  readonly message: string;
}

/**
 * Lints an OpenAPI document with Redocly's recommended rules, as `redocly lint --extends=recommended`
 * does, plus operation-tag-defined: every operation's tag is one of the document's tags (API_TAGS).
 */
export async function lintOpenApi(source: string): Promise<LintProblem[]> {
  const { createConfig, lintFromString } = await import('@redocly/openapi-core');
  const config = await createConfig({ extends: ['recommended'], rules: { 'operation-tag-defined': 'error' } });
  const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
  return problems.map((p) => ({ severity: p.severity as LintProblem['severity'], rule: p.ruleId, where: p.location[0]?.pointer ?? '', message: p.message }));
}

/** `npm run api:lint [FILE]`: the served document (built without listening) or FILE; exits 1 on any error. */
async function main(): Promise<void> {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const source = file ? readFileSync(file, 'utf8') : JSON.stringify(await openApiDocument());
  const problems = await lintOpenApi(source);
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(problems)}\n`);
  } else {
    for (const p of problems) process.stdout.write(`${p.severity.padEnd(5)} ${p.rule.padEnd(28)} ${p.where}: ${p.message}\n`);
    const errors = problems.filter((p) => p.severity === 'error').length;
    process.stdout.write(`${errors} errors, ${problems.length - errors} warnings\n`);
  }
  process.exitCode = problems.some((p) => p.severity === 'error') ? 1 : 0;
}

if (require.main === module) {
  void main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error)?.stack ?? error}\n`);
    process.exit(2);
  });
}
