import type { Schema } from '../api/schema';
import { instantOfWallTime } from '../util/dates';

/**
 * Form values are kept in the shape the inputs like (strings, booleans, text for string lists), and turned
 * into the API's shape only on submit. That keeps every input controlled and every field addressable by the
 * same dotted path the API's 400 answers use in `fields[].field` (e.g. `referrer.name`, `actionPlan.0.goal`).
 */
export type Values = Record<string, unknown>;

export interface FieldDefaults {
  today: string;
  [name: string]: unknown;
}

export function isDateField(name: string, schema: Schema): boolean {
  if (schema.type !== 'string' || schema.enum) return false;
  return typeof schema.example === 'string' ? /^\d{4}-\d{2}-\d{2}$/.test(schema.example) : /^(on|date|from|to)$|On$|Date$/.test(name);
}

/** A small whole-number range (a priority 1–5) is a choice, not something to type. */
export const isSmallRange = (s: Schema): boolean =>
  (s.type === 'integer' || s.type === 'number') && s.minimum !== undefined && s.maximum !== undefined && s.maximum - s.minimum <= 10;

/** A moment (format date-time): entered as the municipality's wall-clock time, sent as an instant. */
export const isDateTimeField = (schema: Schema): boolean => schema.type === 'string' && schema.format === 'date-time';

export function initialValues(schema: Schema, defaults: FieldDefaults): Values {
  const out: Values = {};
  for (const [name, prop] of Object.entries(schema.properties ?? {})) out[name] = initialValue(name, prop, defaults);
  return out;
}

function initialValue(name: string, schema: Schema, defaults: FieldDefaults): unknown {
  if (name in defaults && defaults[name] !== undefined) return defaults[name];
  switch (schema.type) {
    case 'boolean':
      return false;
    case 'object':
      return initialValues(schema, defaults);
    case 'array':
      return schema.items?.type === 'object' || schema.items?.enum ? [] : '';
    default:
      if (name === 'on') return defaults.today;
      return '';
  }
}

/** Values → request body: drops blanks, splits string lists, parses numbers; leaves out untouched optional objects. */
export function toPayload(schema: Schema, values: Values): Values {
  const out: Values = {};
  const required = new Set(schema.required ?? []);
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const v = convert(prop, values[name], required.has(name));
    if (v !== undefined) out[name] = v;
  }
  return out;
}

function convert(schema: Schema, value: unknown, required: boolean): unknown {
  switch (schema.type) {
    case 'boolean':
      return value === true ? true : required ? false : undefined;
    case 'integer':
    case 'number': {
      if (value === '' || value === null || value === undefined) return undefined;
      const n = Number(value);
      return Number.isFinite(n) ? n : value;
    }
    case 'object': {
      const obj = toPayload(schema, (value as Values) ?? {});
      // An optional sub-form nobody touched (only false/blank) is left out rather than sent half empty.
      const touched = Object.values(obj).some((v) => v !== false);
      return required || touched ? obj : undefined;
    }
    case 'array': {
      if (schema.items?.type === 'object') {
        const items = ((value as Values[]) ?? []).map((item) => toPayload(schema.items!, item));
        return items.length || required ? items : undefined;
      }
      if (schema.items?.enum) {
        const codes = (value as string[] | undefined) ?? [];
        return codes.length || required ? codes : undefined;
      }
      // Text with one per line, or the ids a set of checkboxes chose (see SchemaForm's EnumSet).
      const list = (Array.isArray(value) ? (value as string[]) : String(value ?? '').split('\n')).map((s) => s.trim()).filter(Boolean);
      if (schema.items?.type === 'integer' || schema.items?.type === 'number') return list.map(Number);
      return list.length || required ? list : undefined;
    }
    default:
      if (value === '' || value === undefined) return undefined;
      return isDateTimeField(schema) && typeof value === 'string' ? instantOfWallTime(value) : value;
  }
}
