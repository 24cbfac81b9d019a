import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The API app's shape, checked on its source: folders that depend on each other only one way, one
 * path for commands, one port to the read models, typed projections. A change that breaks one of
 * these fails here, not in a reviewer's head.
 */
const ROOT = resolve(__dirname, '../../apps/api/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const FILES = sources(ROOT);
const IMPORT = /(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g;

/** The folder of a file at a depth below apps/api/src ('features', 'features/cases'), or none for a file above it. */
function folderOf(path: string, depth: number): string | undefined {
  const parts = relative(ROOT, path).split('/');
  return parts.length > depth ? parts.slice(0, depth).join('/') : undefined;
}

/** Folder → the folders its files import, at one depth. */
function dependencies(depth: number, files = FILES): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = folderOf(file, depth);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(ROOT)) continue;
      const to = folderOf(target, depth);
      if (from && to && from !== to) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

/** Every cycle's folders (strongly connected components of more than one folder). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (stack.includes(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('the API app’s shape', () => {
  it.each([1, 2, 3])('has no folders at depth %i that import each other, directly or round about', (depth) => {
    expect(cycles(dependencies(depth))).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself can fail)', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c']]);
  });

  it('keeps the platform free of features, read models and the composition root', () => {
    const platform =
      dependencies(
        1,
        FILES.filter((f) => folderOf(f, 1) === 'platform'),
      ).get('platform') ?? new Set();
    expect([...platform]).toEqual([]);
  });

  it('has one command path: no command bus pass-through and no command handler classes', () => {
    const offenders = FILES.filter((f) => /\bCommandBus\b|@CommandHandler\(|RunDeciderCommand/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('has no query handler or service that reaches the read models’ raw database handle', () => {
    const outsideThePort = FILES.filter((f) => !f.endsWith('read-models.service.ts') && /readModels\.db\b|\.db\.db\b/.test(readFileSync(f, 'utf8')));
    expect(outsideThePort.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('has no `any` in projections', () => {
    const untyped = FILES.filter((f) => f.endsWith('.projection.ts') && /(:\s*any\b|as any\b|<any>|Record<string, any>)/.test(readFileSync(f, 'utf8')));
    expect(untyped.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
