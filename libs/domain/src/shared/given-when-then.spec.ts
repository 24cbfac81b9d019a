import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';
import { accept, Decider, nothingToDo } from './decider';
import { specFor } from './given-when-then';

type Cmd = { type: 'Add'; n: number };
type Ev = { type: 'Added'; data: { n: number } };
/** A toy decider: adding a number records it once; adding it again records nothing. */
const toy: Decider<Cmd, number[], Ev> = {
  initialState: [],
  decide: (c, s) => (s.includes(c.n) ? nothingToDo : accept({ type: 'Added', data: { n: c.n } })),
  evolve: (s, e) => [...s, e.data.n],
};
const given = specFor(toy);

describe('given/when/then', () => {
  it('fails an expectation of events when the command records none', () => {
    const repeat = given({ type: 'Added', data: { n: 1 } }).when({ type: 'Add', n: 1 });
    expect(() => repeat.events()).toThrow(/got none/);
    expect(() => repeat.thenRecords('Added')).toThrow();
    repeat.thenNothing();
  });

  it('passes an expectation of events when the command records them', () => {
    const fresh = given().when({ type: 'Add', n: 1 });
    expect(fresh.events()).toEqual([{ type: 'Added', data: { n: 1 } }]);
    fresh.thenRecords('Added');
    expect(() => fresh.thenRecords('Removed')).toThrow();
    expect(() => fresh.thenRecords()).toThrow(/needs the types/);
  });

  it('is never called for its effect alone: every `events()` in a spec is asserted on', () => {
    // A bare `given(...).when(...).events();` statement asserts nothing about what was recorded.
    const root = resolve(__dirname, '..');
    const specs = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const p = join(dir, name);
        return statSync(p).isDirectory() ? specs(p) : p.endsWith('.spec.ts') ? [p] : [];
      });
    const bare: string[] = [];
    for (const file of specs(root)) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        if (ts.isExpressionStatement(node) && ts.isCallExpression(node.expression)) {
          const callee = node.expression.expression;
          if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'events' && node.expression.arguments.length === 0) {
            const { line } = source.getLineAndCharacterOfPosition(node.getStart());
            bare.push(`${file.slice(root.length + 1)}:${line + 1}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(bare).toEqual([]);
  });
});
