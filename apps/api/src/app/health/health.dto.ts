import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ANY_OBJECT } from '../../platform/http/schema-shapes';

class NotReadyDto {
  @ApiProperty({ enum: ['eventStore', 'keyStore', 'writes', 'readModels', 'readModel'], description: 'What is not ready' }) check!: string;
  @ApiProperty({ description: 'Why, as a code: unreachable, access_denied, failing, unknown, paused, stalled, parked_events, rebuilding' }) reason!: string;
  @ApiPropertyOptional({ description: 'The read model (check readModel)' }) name?: string;
  @ApiPropertyOptional({ description: 'Since when (ISO 8601)' }) since?: string;
  @ApiPropertyOptional({ description: 'The error class or code (never a message text)' }) error?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'Events parked (dead-lettered) by the read model' }) parkedEvents?: number;
}

class StoreCheckDto {
  @ApiProperty({ enum: ['up', 'down'], description: 'Whether it answers' }) status!: 'up' | 'down';
  @ApiProperty({ description: 'Which adapter is configured (sqlite, esdb; memory, sqlite, postgres for keys)' }) adapter!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The newest global position (null for an empty log)' }) headPosition?: string | null;
  @ApiPropertyOptional({ description: 'While down: since when this process has found it away (ISO 8601)' }) since?: string;
  @ApiPropertyOptional({ description: 'While down: the error class' }) error?: string;
}

class WritesCheckDto {
  @ApiProperty({ enum: ['ok', 'failing'], description: 'Whether appends succeed' }) status!: 'ok' | 'failing';
  @ApiPropertyOptional({ description: 'Failing since (ISO 8601)' }) since?: string;
  @ApiPropertyOptional({ description: 'The error class' }) error?: string;
}

class ProjectionCheckDto {
  @ApiProperty({ description: 'The read model' }) name!: string;
  @ApiProperty({ enum: ['catching_up', 'live', 'paused', 'stalled', 'rebuilding'], description: 'Its state' }) state!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Its checkpoint (global position)' }) position!: string | null;
  @ApiProperty({ nullable: true, type: 'integer', description: 'Events it has not applied yet (null when unknown)' }) lagEvents!: number | null;
  @ApiProperty({ description: 'Age of the oldest event not applied yet; 0 when live' }) lagSeconds!: number;
  @ApiProperty({ type: 'integer', description: 'Events parked and not replayed' }) parkedEvents!: number;
  @ApiPropertyOptional({ ...ANY_OBJECT, description: 'While stalled: kind (storage, log, keys), error code, since' }) stall?: Record<string, unknown>;
}

class HealthChecksDto {
  @ApiProperty({ type: StoreCheckDto, description: 'The event store' }) eventStore!: StoreCheckDto;
  @ApiProperty({ type: WritesCheckDto, description: 'Whether writes succeed' }) writes!: WritesCheckDto;
  @ApiProperty({ type: StoreCheckDto, description: 'The key store (every command and read of personal data needs it)' }) keyStore!: StoreCheckDto;
  @ApiPropertyOptional({ type: [ProjectionCheckDto], description: 'Each read model (left out while the event store is down)' })
  projections?: ProjectionCheckDto[];
  @ApiPropertyOptional({
    ...ANY_OBJECT,
    description: 'Log sealing: status (off, stopped, running, failing, halted), key, interval, last seal; reported, not part of readiness',
  })
  seals?: Record<string, unknown>;
  @ApiPropertyOptional({ ...ANY_OBJECT, description: 'Whether this instance runs the background work (active, lock, running, since)' }) worker?: Record<
    string,
    unknown
  >;
}

class WritesIndicatorDto {
  @ApiProperty({ enum: ['up', 'down'], description: 'Whether appends succeed' }) status!: 'up' | 'down';
  @ApiPropertyOptional({ description: 'Failing since (ISO 8601)' }) since?: string;
  @ApiPropertyOptional({ description: 'The error class' }) error?: string;
}

class ReadModelsIndicatorDto {
  @ApiProperty({ enum: ['up', 'down'], description: 'Whether every read model serves' }) status!: 'up' | 'down';
  @ApiPropertyOptional({ type: [NotReadyDto], description: 'While down: each read model that does not serve, and why' }) notServing?: NotReadyDto[];
  @ApiPropertyOptional({ enum: ['not_checked'], description: 'While down with none named: not checked, as the event store is down' }) reason?: string;
}

/** Readiness's checks as @nestjs/terminus names them, each up or down. */
class ReadinessIndicatorsDto {
  @ApiPropertyOptional({ type: StoreCheckDto, description: 'The event store' }) eventStore?: StoreCheckDto;
  @ApiPropertyOptional({ type: StoreCheckDto, description: 'The key store' }) keyStore?: StoreCheckDto;
  @ApiPropertyOptional({ type: WritesIndicatorDto, description: 'Whether writes succeed' }) writes?: WritesIndicatorDto;
  @ApiPropertyOptional({ type: ReadModelsIndicatorDto, description: 'The read models together' }) readModels?: ReadModelsIndicatorDto;
}

class ProcessIndicatorDto {
  @ApiProperty({ enum: ['up'], description: 'Always up: the process answers' }) status!: 'up';
}

class LivenessIndicatorsDto {
  @ApiPropertyOptional({ type: ProcessIndicatorDto, description: 'The process' }) process?: ProcessIndicatorDto;
}

/**
 * GET /api/health and /api/health/ready: 200 when ready, 503 with the same body when not. The terminus
 * checks are eventStore, keyStore, writes and readModels; `checks` has more (seals, the worker).
 */
export class HealthReportDto {
  @ApiProperty({ enum: ['ok', 'error'], description: 'ok when ready (every check up), error when not' }) status!: 'ok' | 'error';
  @ApiProperty({ type: ReadinessIndicatorsDto, description: 'The checks that are up' }) info!: ReadinessIndicatorsDto;
  @ApiProperty({ type: ReadinessIndicatorsDto, description: 'The checks that are down' }) error!: ReadinessIndicatorsDto;
  @ApiProperty({ type: ReadinessIndicatorsDto, description: 'Every check' }) details!: ReadinessIndicatorsDto;
  @ApiProperty({ description: 'The process answers (always true here)' }) live!: boolean;
  @ApiProperty({ description: 'It can serve: the stores answer, writes succeed, every read model serves' }) ready!: boolean;
  @ApiPropertyOptional({ type: [NotReadyDto], description: 'When not ready: each reason' }) notReady?: NotReadyDto[];
  @ApiProperty({ type: HealthChecksDto, description: 'What was checked' }) checks!: HealthChecksDto;
}

/** GET /api/health/live: the one terminus check is `process`, always up. */
export class LivenessDto {
  @ApiProperty({ enum: ['ok'], description: 'Always ok: the process answers' }) status!: 'ok';
  @ApiProperty({ type: LivenessIndicatorsDto, description: 'The checks that are up: the process' }) info!: LivenessIndicatorsDto;
  @ApiProperty({ type: LivenessIndicatorsDto, description: 'None: the process answers' }) error!: LivenessIndicatorsDto;
  @ApiProperty({ type: LivenessIndicatorsDto, description: 'Every check' }) details!: LivenessIndicatorsDto;
  @ApiProperty({ description: 'Always true' }) live!: boolean;
}
