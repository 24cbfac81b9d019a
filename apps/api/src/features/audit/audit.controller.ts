import { BadRequestException, Body, ConflictException, Controller, Get, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length } from 'class-validator';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Requires } from '../../platform/auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { verifyLog } from './log-verifier';
import { latestSealExport } from './seals/seal-export';
import { parseExportedSeal } from './seals/seal';
import { ApiTag } from '../../platform/http/openapi';
import { SealExportDto, VerificationReportDto } from './audit.dto';

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

@ApiTag('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Verifies the hash chains, the store's bookkeeping and every seal of the log (or one stream), and
   * names each finding: stream, revision or position, and what happened.
   */
  @Post('verify')
  @HttpCode(200)
  @Requires('read.audit')
  @ApiOperation({ operationId: 'verifyLog', summary: 'Verify the hash chains, the store’s bookkeeping and the seals of the log or one stream' })
  @ApiOkResponse({ type: VerificationReportDto, description: 'What the check found; `ok` when nothing' })
  verify(@Body() body: VerifyLogDto) {
    let trustedKeys = this.config.seal.trustedKeys;
    let against;
    if (body.against !== undefined) {
      const exported = parseExportedSeal(body.against);
      if ('problem' in exported) throw new BadRequestException({ message: `against: ${exported.problem}`, error: 'Not an exported seal' });
      against = exported.seal;
      if (!trustedKeys.some((k) => k.keyId === exported.key.keyId)) trustedKeys = [...trustedKeys, exported.key];
    }
    return verifyLog(this.store, { stream: body.stream, trustedKeys, against });
  }

  /** The latest seal and the public key that signed it, for an auditor to keep outside the system. */
  @Get('seal')
  @Requires('read.audit')
  @ApiOperation({ operationId: 'exportLatestSeal', summary: 'The latest seal and the public key that signed it, to keep outside the system' })
  @ApiOkResponse({ type: SealExportDto, description: 'The seal export' })
  @ApiNotFoundResponse({ description: 'The log has no seal yet' })
  @ApiConflictResponse({ description: 'The latest seal cannot be exported: no trusted key, or it does not verify' })
  async latestSeal() {
    const result = await latestSealExport(this.store, this.config.seal.trustedKeys, new Date());
    if (result.ok) return result.exported;
    if (result.problem === 'no_seal') throw new NotFoundException({ message: result.detail, error: 'No seal' });
    throw new ConflictException({ message: result.detail, error: 'The latest seal cannot be exported' });
  }
}
