import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** One entry per broken field, by its dotted path, so forms can put each message beside its field. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Input validation for every body: unknown fields are refused (not silently dropped), types are
 * converted only where declared, and every failure becomes a 400 naming the fields. Nothing reaches a
 * command handler unless the whole body is valid, so nothing is written.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
