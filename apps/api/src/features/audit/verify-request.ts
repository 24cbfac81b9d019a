import { BadRequestException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length } from 'class-validator';
import type { TrustedKey } from '../../platform/crypto/seal-keys';
import type { VerifyOptions } from './log-verifier';
import { parseExportedSeal } from './seals/seal';

/** The body of POST /api/v1/audit/verify and POST /api/v1/audit/verifications. */
export class VerifyLogDto {
  @ApiPropertyOptional({ description: 'One stream; the whole log when left out' })
  @IsOptional()
  @IsString()
  @Length(1, 512)
  stream?: string;

  @ApiPropertyOptional({
    description: 'A seal exported earlier (GET /api/v1/audit/seal, or audit:seal --export): the log must still hold it and what it covers',
    type: 'object',
    additionalProperties: true,
  })
  @IsOptional()
  @IsObject()
  against?: Record<string, unknown>;
}

/** What to verify: the stream, and an exported seal with its key trusted besides the configured ones. 400 when it is no exported seal. */
export function verifyOptionsOf(body: VerifyLogDto, configured: readonly TrustedKey[]): Required<Pick<VerifyOptions, 'trustedKeys'>> & VerifyOptions {
  if (body.against === undefined) return { stream: body.stream, trustedKeys: configured };
  const exported = parseExportedSeal(body.against);
  if ('problem' in exported) throw new BadRequestException({ message: `against: ${exported.problem}`, error: 'Not an exported seal' });
  const trustedKeys = configured.some((k) => k.keyId === exported.key.keyId) ? configured : [...configured, exported.key];
  return { stream: body.stream, trustedKeys, against: exported.seal };
}
