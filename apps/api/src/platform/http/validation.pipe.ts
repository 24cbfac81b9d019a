import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidationTypes, ValidatorOptions } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * One entry per broken constraint of a field, by its dotted path, so forms can put each message beside
 * its field. `rule` is the constraint's code (class-validator's name: `isIn`, `isNotEmpty`, `maxLength`,
 * `isDefined` for a missing field, `unknownField`) and `params` its limits (`max`, `values`…): the UI
 * words the problem from these in its own language; `message` is the English text.
 */
export interface FieldProblem {
  readonly field: string;
  readonly rule: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly message: string;
}

/** The rule code of an unknown field (class-validator calls it whitelistValidation). */
export const UNKNOWN_FIELD = 'unknownField';

/**
 * A field name is repeated in an answer only when it looks like one: an unknown "field" can be anything
 * the client sent, a whole form body parsed as one key for instance, and answers never echo input.
 */
const NAMEABLE = /^[A-Za-z0-9_-]{1,64}$/;
const UNNAMED = '(unknown field)';

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const unknown = error.constraints?.[ValidationTypes.WHITELIST] !== undefined;
    const name = unknown && !NAMEABLE.test(error.property) ? UNNAMED : error.property;
    const field = parent ? `${parent}.${name}` : name;
    const params = (error.contexts ?? {}) as Record<string, Record<string, unknown> | undefined>;
    const own: FieldProblem[] = unknown
      ? [{ field, rule: UNKNOWN_FIELD, message: 'This field is not part of the request' }]
      : Object.entries(error.constraints ?? {}).map(([rule, message]) => ({ field, rule, ...(params[rule] && { params: params[rule] }), message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const SWAGGER_PROPERTY = 'swagger/apiModelProperties';

/** Whether the OpenAPI document says the property may be null (e.g. `identityNumber: null` removes a number). */
function nullable(target: object, property: string): boolean {
  return (Reflect.getMetadata(SWAGGER_PROPERTY, target, property) as { nullable?: boolean } | undefined)?.nullable === true;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- class-validator keys its metadata by the class as a Function
function rulesByProperty(target: Function): Map<string, ValidationMetadata[]> {
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const rule of getMetadataStorage().getTargetValidationMetadatas(target, '', false, false)) {
    byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
  }
  return byProperty;
}

/**
 * What class-validator lets through and the handlers cannot take: a required field that is missing
 * (a `@ValidateNested()` object is not checked at all when absent), and `null` anywhere the schema does
 * not say nullable (`@IsOptional()` takes null for absent, and handlers then read `null.x`). Returns the
 * errors with these added: a missing or null field is reported as exactly that, not also as "must be a
 * string"; the checks go down into nested objects and arrays of them.
 */
export function withPresenceErrors(entity: unknown, errors: ValidationError[]): ValidationError[] {
  if (entity === null || typeof entity !== 'object' || Array.isArray(entity)) return errors;
  const result = [...errors];
  const errorFor = (property: string) => {
    const found = result.find((e) => e.property === property);
    if (found) return found;
    const error: ValidationError = { property, constraints: {}, children: [] };
    result.push(error);
    return error;
  };
  const object = entity as Record<string, unknown>;
  for (const [property, rules] of rulesByProperty(entity.constructor)) {
    const value = object[property];
    const conditional = rules.some((r) => r.type === ValidationTypes.CONDITIONAL_VALIDATION);
    const optional = rules.some((r) => r.type === ValidationTypes.CONDITIONAL_VALIDATION && r.name === 'isOptional');
    if ((value === undefined && !conditional) || (value === null && !nullable(entity, property))) {
      const message = value === null && optional ? `${property} must not be null: leave it out instead` : `${property} is required`;
      Object.assign(errorFor(property), { constraints: { isDefined: message }, children: [] });
      continue;
    }
    if (!rules.some((r) => r.type === ValidationTypes.NESTED_VALIDATION) || value === null || typeof value !== 'object') continue;
    const prior = result.find((e) => e.property === property)?.children ?? [];
    const children = Array.isArray(value) ? value.flatMap((item, index) => refineItem(item, String(index), prior)) : withPresenceErrors(value, prior);
    if (children.length > 0) errorFor(property).children = children;
  }
  return result.filter((e) => Object.keys(e.constraints ?? {}).length > 0 || (e.children?.length ?? 0) > 0);
}

/** The errors of one item of an array of nested objects, by its index. */
function refineItem(item: unknown, index: string, prior: ValidationError[]): ValidationError[] {
  const before = prior.find((e) => e.property === index);
  const children = withPresenceErrors(item, before?.children ?? []);
  if (!before && children.length === 0) return [];
  return [{ property: index, constraints: before?.constraints ?? {}, children }];
}

/** A constraint's arguments as named limits, for the constraints whose limits a message needs. */
const PARAM_NAMES: Readonly<Record<string, readonly string[]>> = {
  maxLength: ['max'],
  minLength: ['min'],
  isLength: ['min', 'max'],
  max: ['max'],
  min: ['min'],
  arrayMaxSize: ['max'],
  arrayMinSize: ['min'],
  isIn: ['values'],
};

/**
 * Puts each failed constraint's limits (a maximum length, the allowed values) on its error as
 * `contexts[rule]`, read from the class-validator metadata of the object that failed; down into nested
 * objects and arrays of them, whose instances the transform has made.
 */
export function withConstraintParams(entity: unknown, errors: ValidationError[]): ValidationError[] {
  if (entity === null || typeof entity !== 'object') return errors;
  const rules = Array.isArray(entity) ? undefined : rulesByProperty(entity.constructor);
  for (const error of errors) {
    const value = (entity as Record<string, unknown>)[error.property];
    for (const rule of Object.keys(error.constraints ?? {})) {
      const names = PARAM_NAMES[rule];
      const found = rules?.get(error.property)?.find((r) => r.name === rule);
      if (!names || !found?.constraints) continue;
      const params = Object.fromEntries(names.map((n, i) => [n, found.constraints[i] as unknown]));
      error.contexts = { ...error.contexts, [rule]: params };
    }
    if (error.children?.length) withConstraintParams(value, error.children);
  }
  return errors;
}

/** The global pipe with the presence rules above, and each constraint's limits for the answer. */
class StrictValidationPipe extends ValidationPipe {
  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, options);
    return withConstraintParams(object, withPresenceErrors(object, errors));
  }
}

/**
 * Input validation for every body: unknown fields are refused (not silently dropped), required fields
 * must be there and not null, types are converted only where declared, and every failure becomes a 400
 * naming the fields (never echoing what was sent). Nothing reaches a command handler unless the whole
 * body is valid, so nothing is written.
 */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return new BadRequestException({
        message: 'The request has invalid fields',
        error: 'Invalid request',
        fields: problems,
      });
    },
  });
}
