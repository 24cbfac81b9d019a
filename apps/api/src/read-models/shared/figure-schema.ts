import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/**
 * Shorthands for the response schemas of the reports and dashboards: every figure is documented with
 * what it counts and over whom (its population), so a reader never maps figures to fields by guessing.
 */

/** A whole-number count. */
export const Count = (description: string) => ApiProperty({ type: 'integer', minimum: 0, description });

/** A number that is null when there is nothing to count it over (a mean of no stays). */
export const NullableNumber = (description: string, type: 'integer' | 'number' = 'number') => ApiProperty({ type, nullable: true, description });

/** Counts by code (destination, reason, kind, gender …); `codes` are always present, with 0 where none. */
export const CountsByCode = (description: string, codes?: readonly string[]) =>
  ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 0 },
    description: codes?.length ? `${description} Always lists: ${codes.join(', ')}.` : description,
  });

/** A calendar day in the municipality's time zone. */
export const Day = (description: string, nullable = false) => ApiProperty({ type: 'string', format: 'date', nullable, example: '2026-03-20', description });

/** The population a section's figures are counted over, as a code with its definition. */
export const PopulationOf = (population: string, definition: string) =>
  applyDecorators(ApiProperty({ enum: [population], description: `The population these figures are counted over: ${definition}` }));
