import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { ActionPlanItem, CaseCommandType, CommandOf, CrisisPlan } from '@app/domain';
import { IsCalendarDate } from '../../../platform/http/validators';

/**
 * Size limits for every case body: generous for real use, small enough that nobody fills the log.
 *
 * Nested objects carry `@IsObject()` besides `@ValidateNested()`: ValidateNested alone validates the
 * elements of an array sent where one object belongs, and lets the array through to the domain.
 */
export const LIMITS = {
  /** Free text: descriptions, assessments, summaries, notes. */
  text: 5000,
  /** Names of people and organisations. */
  name: 200,
  /** Lists: members, contact persons, action plan lines. */
  list: 50,
} as const;

/**
 * The body of a case command: its fields without `type`, without `caseId` (from the URL), and without
 * the ids of records it creates (the controller makes those from the Idempotency-Key, or fresh), and
 * `today` (the server's municipal day).
 * DTOs implement it, so a field added to a command fails the typecheck until the DTO has it.
 */
export type BodyOf<T extends CaseCommandType, Omitted extends keyof CommandOf<T> = never> = Omit<CommandOf<T>, 'type' | 'caseId' | 'today' | Omitted>;

/** Every case command takes effect on a day. */
export class CaseCommandDto {
  @ApiProperty({ example: '2026-03-02', description: 'The day the command takes effect (YYYY-MM-DD)' })
  @IsCalendarDate()
  on!: string;
}

/** One line of a tiltaksplan: goal, measure, who is responsible. */
export class ActionPlanItemDto implements ActionPlanItem {
  @ApiProperty({ example: 'Keep the flat', maxLength: LIMITS.text })
  @IsString()
  @Length(1, LIMITS.text)
  goal!: string;

  @ApiProperty({ example: 'Weekly home visit by the contact person', maxLength: LIMITS.text })
  @IsString()
  @Length(1, LIMITS.text)
  measure!: string;

  @ApiProperty({ example: 'Contact person', maxLength: LIMITS.name })
  @IsString()
  @Length(1, LIMITS.name)
  responsible!: string;
}

export class CrisisPlanDto implements CrisisPlan {
  @ApiProperty({ maxLength: LIMITS.text, description: 'Warning signs, what helps, whom to call' })
  @IsString()
  @Length(1, LIMITS.text)
  summary!: string;

  @ApiProperty({ example: '2026-03-02' })
  @IsCalendarDate()
  madeOn!: string;
}
