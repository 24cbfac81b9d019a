import { Body, ConflictException, Controller, Get, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Requires } from '../../platform/auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { verifyLog } from './log-verifier';
import { latestSealExport } from './seals/seal-export';
import { ApiTag } from '../../platform/http/openapi';
import { SealExportDto, VerificationReportDto } from './audit.dto';
import { VerifyLogDto, verifyOptionsOf } from './verify-request';

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
    return verifyLog(this.store, verifyOptionsOf(body, this.config.seal.trustedKeys));
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
