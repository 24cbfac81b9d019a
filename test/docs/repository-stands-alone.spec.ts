import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * A clone of this repository is all a reader has: nothing it holds may point at a file outside it
 * (a sibling folder, a path on the machine it was written on), and every relative link of its
 * documentation must lead to a file the clone contains.
 */
const ROOT = resolve(__dirname, '..', '..');

/** This file, which spells the forbidden paths out to test its own checks. */
const SELF = relative(ROOT, __filename).split(sep).join('/');

const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
  .split('\0')
  .filter((path) => path !== '' && !path.split('/').includes('node_modules'));
const trackedSet = new Set(tracked);
const trackedDirs = new Set(
  tracked.flatMap((path) =>
    path
      .split('/')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
  ),
);

/** Text files only: a NUL byte marks a binary (screenshots, fonts). */
function readText(path: string): string | undefined {
  const full = join(ROOT, path);
  if (!existsSync(full)) return undefined; // deleted in the work tree, not yet committed
  const bytes = readFileSync(full);
  return bytes.includes(0) ? undefined : bytes.toString('utf8');
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** Paths of a person's or a build machine's file system; deployment paths (/var/lib/…, /etc/…) are fine. */
const MACHINE_PATH = /(?<![\w.~-])(?:\/(?:work|workspace|home|Users|root|mnt)\/[\w.@-]|[A-Za-z]:\\(?:Users|work)\\)/g;
/** A relative path that climbs (`../x`), at the start of a token: checked for leaving the repository. */
const CLIMBING_PATH = /(?<=^|[\s'"`(<[=])((?:\.\.\/)+)([\w.@-]*)/gm;
/** The domain summary and source texts that once lived beside the repository, by any path. */
const OUTSIDE_DOCUMENT = /\bshared\/(?:DOMAIN\.md|seeds\b)/g;

function outsideReferences(path: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(MACHINE_PATH)) {
    const whole = /^[^\s'"`)\]]+/.exec(text.slice(match.index))?.[0] ?? match[0];
    found.push(`${path}:${lineOf(text, match.index)} names a machine path (${whole})`);
  }
  for (const match of text.matchAll(CLIMBING_PATH)) {
    const target = resolve(ROOT, dirname(path), match[1] + match[2]);
    if (target !== ROOT && !target.startsWith(ROOT + sep)) {
      found.push(`${path}:${lineOf(text, match.index)} points outside the repository (${match[0]})`);
    }
  }
  for (const match of text.matchAll(OUTSIDE_DOCUMENT)) {
    found.push(`${path}:${lineOf(text, match.index)} names a document that is not in the repository (${match[0]})`);
  }
  return found;
}

/** Inline links and images `[text](target "title")` and reference definitions `[name]: target`. */
function markdownTargets(text: string): Array<{ target: string; line: number }> {
  const withoutCode = text.replace(/```[\s\S]*?```/g, (block) => block.replace(/[^\n]/g, ' ')).replace(/`[^`\n]*`/g, (code) => ' '.repeat(code.length));
  const targets: Array<{ target: string; line: number }> = [];
  for (const match of withoutCode.matchAll(/!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    targets.push({ target: match[1], line: lineOf(withoutCode, match.index) });
  }
  for (const match of withoutCode.matchAll(/^\s{0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) {
    targets.push({ target: match[1], line: lineOf(withoutCode, match.index) });
  }
  return targets;
}

/** The anchors of a markdown file's headings, as GitHub makes them (lower case, punctuation dropped, spaces to hyphens, repeats numbered). */
function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of text.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = heading
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
      .replace(/ /g, '-');
    const repeat = seen.get(base) ?? 0;
    seen.set(base, repeat + 1);
    anchors.add(repeat === 0 ? base : `${base}-${repeat}`);
  }
  return anchors;
}

function brokenLinks(path: string, text: string, read: (path: string) => string | undefined = readText): string[] {
  const broken: string[] = [];
  for (const { target, line } of markdownTargets(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
    const [filePart, anchor] = target.replace(/\?[^#]*/, '').split('#', 2);
    const full = resolve(ROOT, dirname(path), decodeURIComponent(filePart));
    const inRepo = filePart === '' ? path : relative(ROOT, full).split(sep).join('/');
    if (full !== ROOT && !full.startsWith(ROOT + sep)) {
      broken.push(`${path}:${line} links outside the repository (${target})`);
    } else if (filePart !== '' && !trackedSet.has(inRepo) && !trackedDirs.has(inRepo)) {
      broken.push(`${path}:${line} links to ${target}, which the repository does not hold`);
    } else if (anchor && inRepo.endsWith('.md') && !headingAnchors((filePart === '' ? text : read(inRepo)) ?? '').has(decodeURIComponent(anchor))) {
      broken.push(`${path}:${line} links to #${anchor}, which ${inRepo} has no heading for`);
    }
  }
  return broken;
}

const documentation = tracked.filter((path) => path === 'README.md' || (path.startsWith('docs/') && path.endsWith('.md')));

describe('the repository stands on its own', () => {
  it('lists its tracked files', () => {
    expect(tracked).toContain('README.md');
    expect(tracked).toContain('package.json');
  });

  it('no tracked file refers to a path outside the repository or on a particular machine', () => {
    const found = tracked.flatMap((path) => {
      const text = path === SELF ? undefined : readText(path);
      return text === undefined ? [] : outsideReferences(path, text);
    });
    expect(found).toEqual([]);
  });

  it('describes the domain, the law and the words in docs/, linked from the README', () => {
    for (const doc of ['docs/README.md', 'docs/domain.md', 'docs/law.md', 'docs/glossary.md']) expect(tracked).toContain(doc);
    const readme = readText('README.md') ?? '';
    const linked = markdownTargets(readme).map(({ target }) => target.replace(/#.*$/, ''));
    expect(linked).toEqual(expect.arrayContaining(['docs/README.md', 'docs/domain.md', 'docs/law.md', 'docs/glossary.md']));
  });

  it('every relative link in README.md and docs/*.md leads to a file the repository holds', () => {
    expect(documentation.length).toBeGreaterThan(1);
    const broken = documentation.flatMap((path) => brokenLinks(path, readText(path) ?? ''));
    expect(broken).toEqual([]);
  });

  it('the checks find what they look for', () => {
    // The checks themselves, on text that breaks each rule, so a regex that matches nothing cannot pass.
    expect(outsideReferences('README.md', 'see `../shared/DOMAIN.md`')).toHaveLength(2);
    expect(outsideReferences('apps/api/src/demo/x.ts', ' * the seed texts (/work/shared/seeds)')).toHaveLength(2);
    expect(outsideReferences('test/x.ts', "const p = '/home/kari/notes.txt';")).toHaveLength(1);
    expect(outsideReferences('libs/domain/src/case/x.ts', "import { reject } from '../shared/decider';")).toEqual([]);
    expect(outsideReferences('README.md', 'key file at /etc/rop/seal-key.pem, data in /var/lib/rop')).toEqual([]);
    expect(brokenLinks('docs/x.md', '[ok](../README.md) [img](screenshots/case-page.png) [web](https://example.org)')).toEqual([]);
    expect(brokenLinks('docs/x.md', '[gone](no-such-file.md) [out](../../shared/DOMAIN.md) `[code](not-a-link.md)`')).toHaveLength(2);
    const page = '# The page\n## Dates: effective, recorded, late\n## Agreements (husleieloven § 11-1)\n## The page\n';
    expect([...headingAnchors(page)]).toEqual(['the-page', 'dates-effective-recorded-late', 'agreements-husleieloven--11-1', 'the-page-1']);
    expect(brokenLinks('docs/x.md', `${page}[a](#the-page-1) [b](#dates-effective-recorded-late) [c](../README.md#security)`)).toEqual([]);
    expect(brokenLinks('docs/x.md', `${page}[a](#the-page-2) [b](../README.md#no-such-section)`)).toHaveLength(2);
  });
});
