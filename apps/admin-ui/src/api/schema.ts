// Apart from openapi.ts, so the forms' pure modules (and their Node specs) need no fetch or storage.
/** A JSON schema as the OpenAPI document writes one (the subset the forms understand). */
export interface Schema {
  type?: string;
  format?: string;
  enum?: string[];
  description?: string;
  example?: unknown;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  $ref?: string;
  nullable?: boolean;
}
