import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { ROOT } from './ui-server';

type Catalogue = { [key: string]: string | Catalogue };
const load = (lang: string) => JSON.parse(readFileSync(join(ROOT, `apps/admin-ui/src/i18n/${lang}.json`), 'utf8')) as Catalogue;

function flatten(node: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const NB = flatten(load('nb'));
const EN = flatten(load('en'));
const SECTIONS = Object.keys(load('nb'));

/** A template's fixed words as a pattern: `{{name}}` stands for anything. */
const templatePattern = (template: string) =>
  new RegExp(
    template
      .split(/\{\{[^}]*\}\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+?'),
  );

/**
 * The English catalogue's texts that are not also bokmål: any of them on a bokmål screen is English.
 * Short texts (a word or two, under 12 characters) count only as a whole line, since a short English
 * word can be part of a Norwegian sentence; longer ones count anywhere in a line.
 */
const NB_TEXTS = new Set(NB.values());
const ENGLISH_ONLY = [...EN.entries()]
  // Not English where bokmål says the same somewhere else ("Permanent" is a bokmål kind of housing too).
  .filter(([key, en]) => en !== NB.get(key) && !NB_TEXTS.has(en) && en.replace(/\{\{[^}]*\}\}/g, '').trim().length >= 3)
  .map(([key, en]) => ({ key, en, whole: en.length < 12, pattern: templatePattern(en) }));

/**
 * Words that English sentences are made of and Norwegian ones are not: two in one line is a
 * sentence in English, which is how the server's own texts ("… must be one of the following values")
 * are caught without being in any catalogue.
 */
const ENGLISH_WORDS = new Set(
  "the is are was were be been must should cannot can't has have this that these with from of and or not your you please which than into only any try again minutes seconds failed many request invalid required field value values following one awaiting review found".split(
    ' ',
  ),
);

/** Words shaped like code: camelCase, PascalCase of two or more words, snake_case, catalogue keys, UUIDs. */
const CODE_SHAPES: [string, RegExp][] = [
  ['uuid', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i],
  ['camelCase', /\b[a-z]+[A-Z][A-Za-z]*\b/],
  ['PascalCase', /\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b/],
  ['snake_case', /\b[a-z]+_[a-z0-9_]+\b/],
  ['catalogue key', new RegExp(`\\b(?:${SECTIONS.join('|')})\\.[A-Za-z_.]+`)],
  ['urn', /\burn:[a-z-]+:/],
];

export interface Finding {
  readonly where: string;
  readonly text: string;
  readonly why: string;
}

/** What in these lines is not bokmål: English catalogue texts, English sentences, code-shaped words. */
export function foreignText(where: string, lines: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  for (const raw of lines) {
    const text = raw.trim();
    if (!text) continue;
    const english = ENGLISH_ONLY.find((e) => (e.whole ? text === e.en : e.pattern.test(text)));
    if (english) findings.push({ where, text, why: `English (${english.key}: "${english.en}")` });
    const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
    const englishWords = words.filter((w) => ENGLISH_WORDS.has(w));
    if (!english && new Set(englishWords).size >= 2) findings.push({ where, text, why: `English words: ${[...new Set(englishWords)].join(', ')}` });
    for (const [shape, pattern] of CODE_SHAPES) {
      const match = pattern.exec(text);
      if (match) findings.push({ where, text, why: `${shape}: ${match[0]}` });
    }
  }
  return findings;
}

/** Everything the page shows a person: its visible text, line by line, and the texts of placeholders, labels and titles. */
export async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const out = document.body.innerText.split('\\n');
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      for (const name of ['placeholder', 'aria-label', 'title']) {
        const value = el.getAttribute(name);
        if (value) out.push(value);
      }
    }
    return out;
  })()`);
}
