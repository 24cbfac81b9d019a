import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { setMunicipalTimeZone } from '../util/dates';
import type { Schema } from './schema';

export type { Schema } from './schema';

interface OpenApiDoc {
  info?: { 'x-time-zone'?: string };
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}

// The command forms are drawn from the API's own request schemas, so a new field in a DTO shows up in
// the UI without a second, drifting copy of the rules.
export const useOpenApi = () =>
  useQuery({
    queryKey: ['openapi'],
    queryFn: async () => {
      const doc = await api<OpenApiDoc>('/api/openapi.json');
      // The municipality's time zone: what "today" is when a form fills in a date.
      setMunicipalTimeZone(doc.info?.['x-time-zone']);
      return doc;
    },
    staleTime: Infinity,
  });

/** Inlines `$ref` and single-entry `allOf` so the form renderer sees plain schemas. */
export function resolve(doc: OpenApiDoc, schema: Schema | undefined, depth = 0): Schema | undefined {
  if (!schema || depth > 8) return schema;
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.split('/').pop()!], depth + 1);
  if (schema.allOf?.length === 1) return resolve(doc, { ...schema, ...schema.allOf[0], allOf: undefined }, depth + 1);
  const out: Schema = { ...schema };
  if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(doc, v, depth + 1)!]));
  if (schema.items) out.items = resolve(doc, schema.items, depth + 1);
  return out;
}

/** The request schema of `POST path`, matching a concrete path against the document's templates. */
export function requestSchema(doc: OpenApiDoc, path: string, method = 'post'): Schema | undefined {
  for (const [template, ops] of Object.entries(doc.paths)) {
    const re = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (re.test(path)) return resolve(doc, ops[method]?.requestBody?.content?.['application/json']?.schema);
  }
  return undefined;
}
