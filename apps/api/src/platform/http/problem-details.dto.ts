import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProblemDetails } from './problem-details.filter';

class FieldProblemDto {
  @ApiProperty({ description: 'The field, by its dotted path in the body (`changes.givenName`, `members.0`)' }) field!: string;
  @ApiProperty({
    description: 'The broken constraint, as a code to translate by with the field (isDefined, isNotEmpty, isIn, maxLength, unknownField…)',
    example: 'maxLength',
  })
  rule!: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "The constraint's limits: `max`/`min` (lengths, numbers, list sizes), `values` (the allowed codes)",
  })
  params?: Record<string, unknown>;
  @ApiProperty({ description: 'What is wrong with it (English; the UI translates by rule code and field)' }) message!: string;
}

class LastChangeDto {
  @ApiProperty({ description: 'Who made the change that came first' }) actorId!: string;
  @ApiProperty({ description: 'In which role' }) actorRole!: string;
  @ApiProperty({ description: 'When it was recorded (ISO 8601)' }) recordedAt!: string;
  @ApiProperty({ description: 'The event it recorded' }) eventType!: string;
}

/**
 * Every error the API answers, as RFC 9457 problem details (application/problem+json), written by
 * ProblemDetailsFilter. `type` is a stable URN to switch on; the optional members are the extensions
 * some problems carry. Problems may carry other members: clients ignore what they do not know.
 */
export class ProblemDetailsDto implements ProblemDetails {
  [extension: string]: unknown;

  @ApiProperty({
    description: 'What kind of problem, as a stable URN (urn:problem:rule:case.not_allowed_in_status, urn:problem:concurrency-conflict ...)',
    example: 'urn:problem:not-found',
  })
  type!: string;

  @ApiProperty({ description: 'A short English title of the kind of problem', example: 'Not found' })
  title!: string;

  @ApiProperty({ type: 'integer', description: 'The HTTP status', example: 404 })
  status!: number;

  @ApiPropertyOptional({ description: 'What happened in this case (English, without personal data)' })
  detail?: string;

  @ApiPropertyOptional({ description: 'The path that answered' })
  instance?: string;

  @ApiPropertyOptional({ description: 'The id of the request (its X-Request-Id answer header): quote it to support, it names the request in the logs' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldProblemDto], description: 'A refused body (400): each broken field, by its dotted path' })
  fields?: FieldProblemDto[];

  @ApiPropertyOptional({ type: [String], description: 'A refused request (400): the messages of what was refused' })
  errors?: string[];

  @ApiPropertyOptional({
    description: 'The broken rule of the domain (422, and 404 for a `.not_found` rule; 429 for throttling): translate by it',
    example: 'case.not_allowed_in_status',
  })
  rule?: string;

  @ApiPropertyOptional({ description: 'The field a broken rule is about (422), by the same dotted path as `fields[].field`' })
  field?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The values a broken rule is about (422), e.g. the status and the command; Retry-After seconds when throttled (429)',
  })
  details?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'A concurrency conflict (409): the revision you sent in If-Match' })
  expectedRevision?: string;

  @ApiPropertyOptional({ description: 'A concurrency conflict (409): the revision the record has now' })
  actualRevision?: string;

  @ApiPropertyOptional({ type: LastChangeDto, description: 'A concurrency conflict (409): the change that came first' })
  lastChange?: LastChangeDto;

  @ApiPropertyOptional({ description: 'A purpose is required (403): the header to send it in', example: 'X-Access-Purpose' })
  header?: string;

  @ApiPropertyOptional({ description: 'An Idempotency-Key reused for another request (422): the key' })
  idempotencyKey?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'A body too large or too deep (400, 413): the limit it broke' })
  limit?: number;
}
