/** Schemas for values whose shape the API does not fix, written so generated types say `unknown`, not `{}`. */

/** An object with any members (event data, a replayed state). */
export const ANY_OBJECT = { type: 'object', additionalProperties: true } as const;

/**
 * Any JSON value, null included (a field as recorded: a string, or a hidden value once the person is
 * forgotten). OpenAPI 3.0 takes `nullable` only beside a type, so null is carried by the string member.
 */
export const ANY_VALUE = { oneOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }, ANY_OBJECT, { type: 'array', items: {} }] };
