import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';
import { EVENT_SCHEMA_VERSIONS } from '../../libs/domain/src/event-registry';

const DOMAIN_SRC = resolve(__dirname, '../../libs/domain/src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.spec.ts') && !p.endsWith('.fixtures.ts') && !p.endsWith('given-when-then.ts') ? [p] : [];
  });
}

const calleeName = (call: ts.CallExpression) => (ts.isIdentifier(call.expression) ? call.expression.text : undefined);

/**
 * Every rule code a domain decider can refuse a command with, with the English message it is written
 * with, read from the source: the string given to `reject(...)`, or given to a helper that passes its
 * `rule` parameter on to `reject` (e.g. the follow-up's contact-mode check). Read from the syntax, not
 * by running the deciders, so that a rule no test reaches is still listed.
 */
export function domainRuleCodes(): Map<string, string> {
  const files = sourceFiles(DOMAIN_SRC).map((f) => ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.ES2022, true));
  // Helpers declared with a parameter named `rule`: a literal in that position is a rule code.
  const helpers = new Map<string, number>([['reject', 0]]);
  const findHelpers = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isArrowFunction(node.initializer)) {
      const index = node.initializer.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === 'rule');
      if (index >= 0) helpers.set(node.name.text, index);
    }
    if (ts.isFunctionDeclaration(node) && node.name && node.name.text !== 'reject') {
      const index = node.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === 'rule');
      if (index >= 0) helpers.set(node.name.text, index);
    }
    ts.forEachChild(node, findHelpers);
  };
  files.forEach(findHelpers);

  const codes = new Map<string, string>();
  const text = (node: ts.Node | undefined) =>
    node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) ? node.getText().slice(1, -1) : '';
  const findCodes = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      const index = name === undefined ? undefined : helpers.get(name);
      const arg = index === undefined ? undefined : node.arguments[index];
      if (arg && ts.isStringLiteral(arg)) codes.set(arg.text, name === 'reject' ? text(node.arguments[1]) : (codes.get(arg.text) ?? ''));
    }
    ts.forEachChild(node, findCodes);
  };
  files.forEach(findCodes);
  return codes;
}

/** Every event type the domain records (the registry of schema versions names them all). */
export function domainEventTypes(): string[] {
  return Object.keys(EVENT_SCHEMA_VERSIONS);
}
