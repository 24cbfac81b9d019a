import { ApiProperty } from '@nestjs/swagger';
import { ANY_OBJECT, ANY_VALUE } from '../../platform/http/schema-shapes';
import type { Replay, ReplayStep } from './replay.service';
import type { StateChange } from './state-diff';

class StateChangeDto implements StateChange {
  @ApiProperty({ description: 'Where in the state, as a dotted path (`stay.agreement.endsOn`)' }) path!: string;
  @ApiProperty({ ...ANY_VALUE, description: 'The value before the event (null or absent when new)' }) before!: unknown;
  @ApiProperty({ ...ANY_VALUE, description: 'The value after the event (null or absent when removed)' }) after!: unknown;
}

class ReplayStepDto implements ReplayStep {
  @ApiProperty({ description: 'The event’s revision in the stream' }) revision!: string;
  @ApiProperty({ description: 'Its global position' }) position!: string;
  @ApiProperty({ format: 'uuid', description: 'The event id' }) eventId!: string;
  @ApiProperty({ description: 'The event type', example: 'MovedIn' }) type!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Who' }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'In which role' }) actorRole!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The actor’s display name' }) actorName!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When it was recorded (ISO 8601)' }) recordedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The day it is about (YYYY-MM-DD)' }) effectiveDate!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why, as the actor stated it' }) reason!: string | null;
  @ApiProperty({ ...ANY_OBJECT, description: 'The event’s metadata as recorded (command, correlation, hash chain)' }) metadata!: unknown;
  @ApiProperty({ ...ANY_OBJECT, description: 'The event’s data, decrypted (forgotten fields stay hidden)' }) data!: unknown;
  @ApiProperty({ type: [StateChangeDto], description: 'What the event changed in the state' }) changes!: StateChangeDto[];
}

class ReplayDto implements Replay {
  @ApiProperty({ description: 'The stream replayed' }) stream!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The last revision included (null when nothing had happened yet at that point)' }) revision!:
    string | null;
  @ApiProperty({ ...ANY_OBJECT, description: 'The state at that point' }) state!: unknown;
  @ApiProperty({ type: [ReplayStepDto], description: 'Every step up to that point, oldest first' }) steps!: ReplayStepDto[];
}

/** GET /api/v1/audit/cases/{caseId}/replay. */
export class CaseReplayDto extends ReplayDto {
  @ApiProperty({ format: 'uuid', description: 'The case' }) caseId!: string;
  @ApiProperty({ format: 'uuid', description: 'The person the case is about (from its first event)' }) personId!: string;
}

/** GET /api/v1/audit/people/{personId}/replay. */
export class PersonReplayDto extends ReplayDto {
  @ApiProperty({ format: 'uuid', description: 'The person' }) personId!: string;
}
