/**
 * Checks answers against the OpenAPI document's own response schemas: every field of the answer is
 * documented, every documented required field is there, each value has the documented type, and every
 * documented field says what it is (its description). So a schema cannot drift from what the API sends.
 */
type Schema = Record<string, any>;
type Doc = { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema> } };

function resolve(doc: Doc, schema: Schema | undefined): Schema | undefined {
  if (!schema) return schema;
  if (schema.$ref)
    return {
      ...resolve(doc, doc.components.schemas[String(schema.$ref).split('/').pop()!]),
      ...(schema.nullable ? { nullable: true } : {}),
      ...(schema.description ? { description: schema.description } : {}),
    };
  if (schema.allOf?.length === 1) {
    const { allOf, ...rest } = schema;
    return { ...resolve(doc, allOf[0]), ...rest };
  }
  return schema;
}

/** The schema of a GET route's 200 answer, by the route as the document writes it (`/api/v1/reports/outcomes`). */
export function responseSchema(doc: Doc, path: string): Schema {
  return answerSchema(doc, 'get', path, '200');
}

/** The schema of an operation's answer with `status` (`application/json`, or problem+json for a problem). */
export function answerSchema(doc: Doc, method: string, path: string, status: string): Schema {
  const content = doc.paths[path]?.[method]?.responses?.[status]?.content;
  const schema = (content?.['application/json'] ?? content?.['application/problem+json'])?.schema;
  if (!schema) throw new Error(`${method} ${path} ${status}: no response schema in the OpenAPI document`);
  return schema;
}

/** Where the answer and the schema disagree, as readable lines (empty when they agree). */
export function conformanceProblems(doc: Doc, raw: Schema, value: unknown, at = '$'): string[] {
  const schema = resolve(doc, raw)!;
  if (value === null && !schema.oneOf) return schema.nullable ? [] : [`${at}: null, but not nullable`];
  if (schema.oneOf) {
    const fits = (schema.oneOf as Schema[]).some((s) => conformanceProblems(doc, s, value, at).length === 0);
    return fits ? [] : [`${at}: fits none of oneOf`];
  }
  if (schema.enum && !(schema.type === 'array') && !(schema.enum as unknown[]).includes(value))
    return [`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`];
  // `{}`: any value (the items of an array of anything).
  if (Object.keys(schema).filter((k) => k !== 'description').length === 0) return [];
  const type = schema.type ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at}: ${JSON.stringify(value)} is not an integer`];
    case 'number':
      return typeof value === 'number' ? [] : [`${at}: ${JSON.stringify(value)} is not a number`];
    case 'string':
      return typeof value === 'string' ? [] : [`${at}: ${JSON.stringify(value)} is not a string`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: ${JSON.stringify(value)} is not a boolean`];
    case 'array': {
      if (!Array.isArray(value)) return [`${at}: not an array`];
      const items = resolve(doc, schema.items);
      return value.flatMap((v, i) => {
        if (schema.items?.enum && !(schema.items.enum as unknown[]).includes(v)) return [`${at}[${i}]: ${JSON.stringify(v)} not in enum`];
        return items ? conformanceProblems(doc, items, v, `${at}[${i}]`) : [];
      });
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: not an object`];
      const record = value as Record<string, unknown>;
      const problems: string[] = [];
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      if (schema.properties) {
        for (const key of Object.keys(record)) if (!(key in properties)) problems.push(`${at}.${key}: sent but not documented`);
        for (const key of (schema.required ?? []) as string[]) if (!(key in record)) problems.push(`${at}.${key}: documented as required but not sent`);
        for (const [key, prop] of Object.entries(properties)) if (key in record) problems.push(...conformanceProblems(doc, prop, record[key], `${at}.${key}`));
      }
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        for (const [key, v] of Object.entries(record))
          if (!(key in properties)) problems.push(...conformanceProblems(doc, schema.additionalProperties, v, `${at}.${key}`));
      } else if (!schema.properties && !schema.additionalProperties) {
        problems.push(`${at}: an object with nothing documented`);
      }
      return problems;
    }
    default:
      return [`${at}: schema has no type`];
  }
}

/** Documented fields without a description, in every schema the answer's schema reaches. */
export function undescribedFields(doc: Doc, raw: Schema, at = '$', seen = new Set<string>()): string[] {
  if (raw.$ref) {
    if (seen.has(raw.$ref)) return [];
    seen.add(raw.$ref);
  }
  const schema = resolve(doc, raw)!;
  const out: string[] = [];
  for (const [key, prop] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
    const resolved = resolve(doc, prop)!;
    const description = prop.description ?? resolved.description;
    if (typeof description !== 'string' || description.trim().length < 3) out.push(`${at}.${key}`);
    out.push(...undescribedFields(doc, prop, `${at}.${key}`, seen));
  }
  if (schema.items) out.push(...undescribedFields(doc, schema.items, `${at}[]`, seen));
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
    out.push(...undescribedFields(doc, schema.additionalProperties, `${at}{}`, seen));
  return out;
}
