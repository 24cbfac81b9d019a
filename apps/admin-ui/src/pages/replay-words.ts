import type { TFunction } from 'i18next';
import { shortId, UUID } from '../i18n/code-words';
import { formatDate, formatDateTime } from '../util/dates';

/** One changed value of a replay step, by its path down to a plain value (a leaf). */
export interface LeafChange {
  readonly path: readonly string[];
  readonly before: unknown;
  readonly after: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A list of records (an action plan) is walked item by item; a list of plain values is one value. */
const walkable = (v: unknown): v is Record<string, unknown> | Record<string, unknown>[] =>
  isRecord(v) || (Array.isArray(v) && v.length > 0 && v.every(isRecord));

function leaves(value: unknown, path: string[] = []): Map<string, { path: string[]; value: unknown }> {
  const out = new Map<string, { path: string[]; value: unknown }>();
  if (!walkable(value)) return out.set(path.join('\u0000'), { path, value });
  for (const [key, item] of Object.entries(value)) for (const [k, v] of leaves(item, [...path, key])) out.set(k, v);
  return out;
}

/**
 * A replay step's changes as the API sends them (a dotted path, and whole values before and after,
 * which may be records) turned into one change per plain value, so each can be named and put in words:
 * a record that appeared is as many rows as it has values.
 */
export function leafChanges(changes: readonly { path: string; before: unknown; after: unknown }[]): LeafChange[] {
  return changes.flatMap((c) => {
    const base = c.path.split('.');
    const before = leaves(c.before, base);
    const after = leaves(c.after, base);
    return [...new Set([...before.keys(), ...after.keys()])].flatMap((key) => {
      const b = before.get(key)?.value;
      const a = after.get(key)?.value;
      const nothing = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0);
      if (JSON.stringify(b) === JSON.stringify(a) || (nothing(b) && nothing(a))) return [];
      return [{ path: (before.get(key) ?? after.get(key))!.path, before: b, after: a }];
    });
  });
}

/** A state field's name in the user's language; an id in the path (a decision's) as a short id, a list index as its number. */
export function pathWords(t: TFunction, path: readonly string[]): string {
  return path
    .map((part) => {
      if (UUID.test(part)) return shortId(t, part);
      if (/^\d+$/.test(part)) return String(Number(part) + 1);
      return t([`stateField.${part}`, `field.${part}`], { defaultValue: part });
    })
    .join(' › ');
}

/** Fields whose value is a case status (a status code may also be another code's name, `accepted`). */
const STATUS_FIELDS = new Set(['status', 'closedFrom']);

/**
 * A plain value in words: yes/no, a day or moment as the language writes it, a code by its name, an
 * id short. `field` is the state field it is the value of.
 */
export function valueWords(t: TFunction, exists: (key: string) => boolean, lang: string, value: unknown, field = ''): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return t(value ? 'replayValue.yes' : 'replayValue.no');
  if (Array.isArray(value)) return value.length === 0 ? t('replayValue.empty') : value.map((v) => valueWords(t, exists, lang, v, field)).join(', ');
  if (typeof value !== 'string') return String(value);
  if (UUID.test(value)) return shortId(t, value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, lang);
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value, lang);
  const sections = STATUS_FIELDS.has(field) ? ['status', 'enum', 'events', 'code'] : ['enum', 'status', 'events', 'code'];
  const key = sections.map((section) => `${section}.${value}`).find(exists);
  return key ? t(key) : value;
}
