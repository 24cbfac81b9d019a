import type { Schema } from '../api/schema';
import { isDateField, isDateTimeField, isSmallRange, type Values } from './schema-values';

/**
 * A field that breaks its schema, by the same codes the API answers a 400 with (`fields[].rule`), so
 * one set of words (i18n/problem-text.ts fieldRuleText) serves both: `isDefined` (missing), `isIn`
 * (no choice made), `maxLength`/`minLength`, `min`/`max`, `isInt`, `isNumber`, `isCalendarDate`,
 * `isISO8601`, and `dateOrder` (a day before the one it follows; `params.after` names that field).
 */
export interface FieldCheck {
  readonly rule: string;
  readonly params?: Record<string, unknown>;
}

/**
 * Pairs of days of one object where the second may not come before the first. The schema has no word
 * for this, so it goes by the API's names for a period's ends.
 */
const ORDERED_DAYS: readonly (readonly [string, string])[] = [
  ['from', 'to'],
  ['startsOn', 'endsOn'],
  ['on', 'expiresOn'],
];

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function isCalendarDay(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** An untouched optional sub-form (all blank or unticked) is left out on submit (toPayload), so not checked. */
const untouched = (v: unknown): boolean =>
  blank(v) || v === false || (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && v !== null && Object.values(v).every(untouched));

/** The first broken rule of one leaf value, if any. */
function checkValue(name: string, schema: Schema, value: unknown, required: boolean, hasChoices: boolean): FieldCheck | undefined {
  if (schema.type === 'boolean') return undefined;
  if (schema.type === 'array' && schema.items?.enum) return undefined;
  if (schema.type === 'array') {
    // A list typed one per line: each line is an item. An empty list is sent as one (how many it needs is the domain's rule).
    const lines = String(value ?? '')
      .split('\n')
      .filter((l) => l.trim() !== '');
    const max = schema.items?.maxLength;
    if (max !== undefined && lines.some((l) => l.trim().length > max)) return { rule: 'maxLength', params: { max } };
    return undefined;
  }
  if (blank(value)) return required ? { rule: schema.enum || hasChoices || isSmallRange(schema) ? 'isIn' : 'isDefined' } : undefined;
  const text = String(value);
  if (schema.enum && !schema.enum.includes(text)) return { rule: 'isIn' };
  if (schema.type === 'integer' || schema.type === 'number') {
    const n = Number(text);
    if (!Number.isFinite(n)) return { rule: 'isNumber' };
    if (schema.type === 'integer' && !Number.isInteger(n)) return { rule: 'isInt' };
    if (schema.minimum !== undefined && n < schema.minimum) return { rule: 'min', params: { min: schema.minimum } };
    if (schema.maximum !== undefined && n > schema.maximum) return { rule: 'max', params: { max: schema.maximum } };
    return undefined;
  }
  if (isDateTimeField(schema)) return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) && isCalendarDay(text.slice(0, 10)) ? undefined : { rule: 'isISO8601' };
  if (isDateField(name, schema) && !isCalendarDay(text)) return { rule: 'isCalendarDate' };
  if (schema.maxLength !== undefined && text.length > schema.maxLength) return { rule: 'maxLength', params: { max: schema.maxLength } };
  if (schema.minLength !== undefined && text.trim().length < schema.minLength) return { rule: 'minLength', params: { min: schema.minLength } };
  return undefined;
}

/**
 * What the form can tell before sending: every field that breaks the request schema (required, a
 * choice made, lengths, number ranges, day formats, the order of a period's days), by its dotted path
 * as the API's `fields[].field`. `choices` are the fields the page offers a list for (a unit, an offer).
 * Empty when the values may be sent.
 */
export function schemaChecks(schema: Schema, values: Values, choices: ReadonlySet<string> = new Set(), path = ''): Record<string, FieldCheck> {
  const out: Record<string, FieldCheck> = {};
  const required = new Set(schema.required ?? []);
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const at = path ? `${path}.${name}` : name;
    const value = values[name];
    if (prop.type === 'object') {
      if (!required.has(name) && untouched(value)) continue;
      Object.assign(out, schemaChecks(prop, (value as Values) ?? {}, choices, at));
      continue;
    }
    if (prop.type === 'array' && prop.items?.type === 'object') {
      ((value as Values[]) ?? []).forEach((item, i) => Object.assign(out, schemaChecks(prop.items!, item, choices, `${at}.${i}`)));
      continue;
    }
    const broken = checkValue(name, prop, value, required.has(name), choices.has(name));
    if (broken) out[at] = broken;
  }
  for (const [first, second] of ORDERED_DAYS) {
    const [a, b] = [values[first], values[second]];
    const at = path ? `${path}.${second}` : second;
    if (typeof a === 'string' && typeof b === 'string' && isCalendarDay(a) && isCalendarDay(b) && b < a && !out[at]) {
      out[at] = { rule: 'dateOrder', params: { after: first } };
    }
  }
  return out;
}
