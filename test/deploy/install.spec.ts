import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What `npm ci` needs from the committed files, on every machine: CI, the Docker build and a developer's
 * own. Checked on the files, without installing anything.
 */
const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface LockedPackage {
  version?: string;
  dev?: boolean;
  engines?: { node?: string };
  optionalDependencies?: Record<string, string>;
}
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockedPackage> };
const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };

/** Where Node would find `name` from the package at `from` (its own node_modules, then each one above). */
function resolve(from: string, name: string): string | undefined {
  for (let base = from; ; base = base.includes('/node_modules/') ? base.slice(0, base.lastIndexOf('/node_modules/')) : '') {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return undefined;
  }
}

describe('package-lock.json and the supported Node versions', () => {
  it('lists every optional dependency it names, for every platform (npm ci refuses a lockfile without them)', () => {
    const missing = Object.entries(lock.packages).flatMap(([path, p]) =>
      Object.keys(p.optionalDependencies ?? {})
        .filter((name) => !resolve(path, name))
        .map((name) => `${path || '(root)'} → ${name}`),
    );
    // When this fails: make the lockfile again in a clone without node_modules (README.md, "Requirements").
    expect(missing).toEqual([]);
  });

  it('has the production dependencies on Node 20 too: file-type is the Node 20 line under @nestjs/common', () => {
    const fileType = lock.packages[resolve('node_modules/@nestjs/common', 'file-type')!];
    expect(fileType.version).toMatch(/^21\./);
    expect(fileType.engines?.node).toBe('>=20');
    expect(fileType.dev).toBeUndefined();
  });

  it('names the same Node lines in package.json, the Dockerfile, .ci/run’s check and the README', () => {
    const lines = pkg.engines.node.split('||').map((line) => /^\s*\^(\d+)\.(\d+)\.(\d+)\s*$/.exec(line));
    expect(lines.every(Boolean)).toBe(true); // the form .ci/run's check reads
    const majors = lines.map((m) => m![1]);
    expect(read('Dockerfile')).toMatch(new RegExp(`^ARG NODE_VERSION=${majors[majors.length - 1]}$`, 'm'));
    expect(read('.ci/run')).toMatch(/require\("\.\/package\.json"\)\.engines\.node/);
    expect(read('.ci/run')).toMatch(/^npm ci /m);
    const readme = read('README.md');
    for (const m of lines) expect(readme).toContain(`Node ${m![1]} (${m![1]}.${m![2]} or later)`);
    expect(readme).toContain(`\`${pkg.engines.node}\``);
  });
});
