import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Finding, FindingKind, SealForgedCause, SealsSummary, VerificationReport } from './log-verifier';
import type { ExportedSeal, Seal } from './seals/seal';

const FINDING_KINDS: FindingKind[] = [
  'altered',
  'deleted',
  'reordered',
  'tail_deleted',
  'stream_deleted',
  'rewritten',
  'position_gap',
  'head_mismatch',
  'missing_chain',
  'log_truncated',
  'seal_forged',
  'seal_missing',
  'seal_unverifiable',
];

const SEAL_FORGED_CAUSES: SealForgedCause[] = ['not_a_seal', 'untrusted_key', 'bad_signature'];

class FindingDto implements Finding {
  @ApiProperty({ enum: FINDING_KINDS, description: 'What was found, a stable code (see log-verifier.ts for each kind)' }) kind!: FindingKind;
  @ApiPropertyOptional({ enum: SEAL_FORGED_CAUSES, description: 'For seal_forged: why, a stable code' }) cause?: SealForgedCause;
  @ApiPropertyOptional({ description: 'The stream' }) stream?: string;
  @ApiPropertyOptional({ description: 'A revision, or a range "from..to"' }) revision?: string;
  @ApiPropertyOptional({ description: 'A position, or a range "from..to"' }) position?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'The seal (its sequence number) that showed it' }) seal?: number;
  @ApiProperty({ description: 'In English; names no personal data' }) detail!: string;
}

class SealRefDto {
  @ApiProperty({ type: 'integer', description: 'The seal’s sequence number' }) sequence!: number;
  @ApiProperty({ description: 'The global position it covers up to' }) upTo!: string;
}

class LatestSealDto extends SealRefDto {
  @ApiProperty({ type: 'integer', description: 'Events it covers' }) events!: number;
  @ApiProperty({ description: 'When it was made (ISO 8601)' }) sealedAt!: string;
  @ApiProperty({ description: 'The key that signed it' }) keyId!: string;
}

class AgainstDto extends SealRefDto {
  @ApiProperty({ description: 'Whether the log still holds the exported seal' }) found!: boolean;
}

class SealsSummaryDto implements SealsSummary {
  @ApiProperty({ enum: ['verified', 'none', 'not_configured', 'unverifiable', 'broken'], description: 'What the seals say' }) status!: SealsSummary['status'];
  @ApiProperty({ type: 'integer', description: 'Seals checked' }) count!: number;
  @ApiPropertyOptional({ type: LatestSealDto, description: 'The latest seal' }) latest?: LatestSealDto;
  @ApiPropertyOptional({ type: 'integer', description: 'Events after the latest seal: not covered by any seal yet' }) eventsAfterLatest?: number;
  @ApiPropertyOptional({ type: AgainstDto, description: 'With an exported seal: whether the log still holds it' }) against?: AgainstDto;
  @ApiProperty({ enum: ['log', 'stream'], description: 'The whole log, or one stream (its own heads only)' }) scope!: 'log' | 'stream';
}

/** POST /api/v1/audit/verify. */
export class VerificationReportDto implements VerificationReport {
  @ApiProperty({ description: 'No finding' }) ok!: boolean;
  @ApiProperty({ type: 'integer', description: 'Streams checked' }) streams!: number;
  @ApiProperty({ type: 'integer', description: 'Events checked' }) events!: number;
  @ApiProperty({ description: 'How long the check took' }) seconds!: number;
  @ApiProperty({ description: 'Events checked per second' }) eventsPerSecond!: number;
  @ApiProperty({ type: [FindingDto], description: 'What was found, at most the first 1,000' }) findings!: FindingDto[];
  @ApiProperty({ type: 'integer', description: 'Findings beyond those listed, counted' }) findingsOmitted!: number;
  @ApiProperty({ type: SealsSummaryDto, description: 'What the seals cover and whether they hold' }) seals!: SealsSummaryDto;
}

class SealDto implements Seal {
  @ApiProperty({ enum: ['rop-log-seal/1'], description: 'The seal format' }) format!: Seal['format'];
  @ApiProperty({ type: 'integer', description: 'Its number in the seal chain' }) sequence!: number;
  @ApiProperty({ description: 'The global position it covers up to' }) upTo!: string;
  @ApiProperty({ type: 'integer', description: 'Events it covers' }) events!: number;
  @ApiProperty({ description: 'The running hash of the log up to upTo' }) runningHash!: string;
  @ApiProperty({ description: 'The hash of the previous seal' }) previousSeal!: string;
  @ApiProperty({ description: 'When it was made (ISO 8601)' }) sealedAt!: string;
  @ApiProperty({ description: 'The key that signed it' }) keyId!: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'string' }, minItems: 3, maxItems: 3 },
    description: 'The last event of each stream appended to since the previous seal: [stream, revision, chain hash]',
  })
  heads!: Array<[string, string, string]>;
  @ApiProperty({ description: 'Ed25519 over the canonical JSON of the rest, base64' }) signature!: string;
}

/** GET /api/v1/audit/seal: the file an auditor keeps outside the system. */
export class SealExportDto implements ExportedSeal {
  @ApiProperty({ enum: ['rop-log-seal-export/1'], description: 'The export format' }) format!: 'rop-log-seal-export/1';
  @ApiProperty({ type: SealDto, description: 'The latest seal' }) seal!: SealDto;
  @ApiProperty({ description: 'The public key that signed it (PEM)' }) publicKey!: string;
  @ApiProperty({ description: 'When it was exported (ISO 8601)' }) exportedAt!: string;
}
