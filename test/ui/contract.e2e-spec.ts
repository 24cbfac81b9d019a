import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TIMELINE_MESSAGE_KEYS } from '../../apps/api/src/read-models/timeline/timeline.messages';
import { CASE_COMMAND_TYPES } from '@app/domain';
import { startTestApp, TestApp } from '../support/test-app';

const UI_SRC = resolve(__dirname, '../../apps/admin-ui/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(p) && !p.endsWith('.gen.ts') ? [p] : [];
  });
}

/** Every `/api/v1/...` literal in the UI's source, with `${...}` turned into a path parameter. */
function pathsUsedByUi(): string[] {
  const found = new Set<string>();
  for (const file of sources(UI_SRC)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/['`](\/api\/v1\/[^'`?]*)['`?]/g)) found.add(m[1].replace(/\$\{[^}]+\}/g, '{}'));
  }
  return [...found].sort();
}

const get = (obj: unknown, key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);

describe('admin UI contract', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('calls only paths the OpenAPI document describes', async () => {
    const doc = (await t.request('GET', '/api/openapi.json')).body;
    const templates = Object.keys(doc.paths).map((p) => p.replace(/\{[^}]+\}/g, '{}'));
    const used = pathsUsedByUi();
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((p) => !templates.includes(p))).toEqual([]);
  });

  it('has bokmål and English for every message key, timeline keys included', () => {
    const nb = JSON.parse(readFileSync(join(UI_SRC, 'i18n/nb.json'), 'utf8'));
    const en = JSON.parse(readFileSync(join(UI_SRC, 'i18n/en.json'), 'utf8'));
    const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(en).sort()).toEqual(keys(nb).sort());
    for (const key of TIMELINE_MESSAGE_KEYS) {
      expect([key, typeof get(nb, key)]).toEqual([key, 'string']);
      expect([key, typeof get(en, key)]).toEqual([key, 'string']);
    }
  });

  it('labels every field and every code of every case command in both languages', async () => {
    const doc = (await t.request('GET', '/api/openapi.json')).body;
    const messages = ['nb', 'en'].map((lang) => JSON.parse(readFileSync(join(UI_SRC, `i18n/${lang}.json`), 'utf8')));
    const schemaOf = (s: any): any =>
      s?.$ref ? schemaOf(doc.components.schemas[s.$ref.split('/').pop()]) : s?.allOf?.length === 1 ? schemaOf({ ...s, ...s.allOf[0], allOf: undefined }) : s;
    const missing: string[] = [];
    const walk = (schema: any, where: string) => {
      for (const [name, raw] of Object.entries<any>(schemaOf(schema)?.properties ?? {})) {
        const prop = schemaOf(raw);
        for (const [i, m] of messages.entries()) {
          if (typeof m.field[name] !== 'string') missing.push(`${['nb', 'en'][i]} field.${name} (${where})`);
          for (const code of [...(prop.enum ?? []), ...(schemaOf(prop.items)?.enum ?? [])]) {
            if (typeof m.enum[code] !== 'string') missing.push(`${['nb', 'en'][i]} enum.${code} (${where}.${name})`);
          }
        }
        if (prop.type === 'object') walk(prop, `${where}.${name}`);
        if (prop.type === 'array' && schemaOf(prop.items)?.type === 'object') walk(prop.items, `${where}.${name}[]`);
      }
    };
    const posts = Object.entries<any>(doc.paths).filter(([path, ops]) => path.startsWith('/api/v1/cases') && ops.post?.requestBody);
    // The journal's writes (notes, their corrections, contacts) sit under a case too, but are not case commands.
    const journal = posts.filter(([path]) => path.includes('/notes') || path.endsWith('/contacts'));
    expect(journal.length).toBe(3);
    expect(posts.length - journal.length).toBe(CASE_COMMAND_TYPES.length);
    for (const [path, ops] of posts) walk(ops.post.requestBody.content['application/json'].schema, path);
    expect(missing).toEqual([]);
  });
});
