import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Requires } from '../auth/auth.decorators';
import { verifyChains } from './chain-verifier';

export class VerifyChainsDto {
  @ApiPropertyOptional({ description: 'One stream; all streams when left out' })
  @IsOptional()
  @IsString()
  @Length(1, 512)
  stream?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Verifies the hash chains of one stream or the whole log, and names the first broken link. */
  @Post('verify')
  @HttpCode(200)
  @Requires('read.audit')
  @ApiOkResponse({ description: '{ ok, streams, events, seconds, eventsPerSecond, firstBroken? }' })
  verify(@Body() body: VerifyChainsDto) {
    return verifyChains(this.store, { stream: body.stream });
  }
}
