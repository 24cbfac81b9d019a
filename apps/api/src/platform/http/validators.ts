import { registerDecorator, ValidationOptions } from 'class-validator';
import { isIsoDate, isValidIdentityNumber } from '@app/domain';

/** A Norwegian national identity number or D-number, both check digits verified. */
export function IsNorwegianIdentityNumber(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isNorwegianIdentityNumber',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a valid Norwegian identity number or D-number (11 digits)`, ...options },
      validator: { validate: (value: unknown) => isValidIdentityNumber(value) },
    });
}

/** A calendar date "YYYY-MM-DD" that exists, between 1900 and 2100. */
export function IsCalendarDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date as YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => isIsoDate(value) && value >= '1900-01-01' && value <= '2100-12-31' },
    });
}
