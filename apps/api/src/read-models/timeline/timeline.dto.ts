import { ApiProperty } from '@nestjs/swagger';
import { TIMELINE_MESSAGE_KEYS, TimelineMessageKey } from './timeline.messages';
import type { Timeline, TimelineEntry } from './timeline.query';

/** A value a message names; null is carried by the string member (OpenAPI 3.0 takes `nullable` only beside a type). */
export const SUMMARY_PARAM = {
  oneOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }],
};

class TimelineSummaryDto {
  @ApiProperty({ enum: TIMELINE_MESSAGE_KEYS, description: 'The message key to render (the UI’s catalogues have each)' }) key!: TimelineMessageKey;
  @ApiProperty({ type: 'object', additionalProperties: SUMMARY_PARAM, description: 'The values the message names' })
  params!: TimelineEntry['summary']['params'];
}

class TimelineEntryDto implements TimelineEntry {
  @ApiProperty({ description: 'Global position of the event' }) position!: string;
  @ApiProperty({ format: 'uuid', description: 'The event id' }) eventId!: string;
  @ApiProperty({ description: 'The event type', example: 'MovedIn' }) eventType!: string;
  @ApiProperty({ format: 'date', description: 'The day it is about (YYYY-MM-DD)' }) effectiveDate!: string;
  @ApiProperty({ description: 'When it was recorded (ISO 8601)' }) recordedAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Who' }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'In which role' }) actorRole!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The case it belongs to (null for the person’s own events)' }) caseId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The facility of that case' }) facilityId!: string | null;
  @ApiProperty({ type: TimelineSummaryDto, description: 'What happened, as a message key and its values' }) summary!: TimelineSummaryDto;
}

/** GET /api/v1/people/{personId}/timeline. */
export class TimelineDto implements Timeline {
  @ApiProperty({ format: 'uuid', description: 'The person' }) personId!: string;
  @ApiProperty({ type: 'integer', description: 'Entries the reader may see in all' }) total!: number;
  @ApiProperty({ type: 'integer', description: 'The page size asked for' }) limit!: number;
  @ApiProperty({ type: 'integer', description: 'The offset asked for' }) offset!: number;
  @ApiProperty({ type: [TimelineEntryDto], description: 'This page, newest first by effective date' }) entries!: TimelineEntryDto[];
}
