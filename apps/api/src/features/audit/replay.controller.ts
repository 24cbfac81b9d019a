import { BadRequestException, Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { Requires } from '../../platform/auth/auth.decorators';
import { FileAccess, FileAccessParam, PersonalDataRead } from '../privacy/personal-data-read';
import { PersonFiles } from '../../read-models/person-files/person-files.service';
import { ReplayPoint, ReplayService } from './replay.service';
import { ApiTag } from '../../platform/http/openapi';
import { CaseReplayDto, PersonReplayDto } from './replay.dto';

export class ReplayQueryDto {
  @ApiPropertyOptional({ description: 'Replay up to and including this revision of the stream' })
  @IsOptional()
  @Matches(/^\d{1,19}$/)
  revision?: string;

  @ApiPropertyOptional({ description: 'Replay what had been recorded at this moment (ISO 8601)' })
  @IsOptional()
  @IsISO8601()
  at?: string;
}

function pointOf(q: ReplayQueryDto): ReplayPoint {
  if (q.revision !== undefined && q.at !== undefined) throw new BadRequestException('Give either revision or at, not both');
  return { revision: q.revision === undefined ? undefined : BigInt(q.revision), at: q.at ? new Date(q.at) : undefined };
}

@ApiTag('audit')
@Controller('v1/audit')
export class ReplayController {
  constructor(
    private readonly replays: ReplayService,
    private readonly personFiles: PersonFiles,
  ) {}

  /** A case as it stood at a revision or a moment, with every step: who, when, why, and what changed. */
  @Get('cases/:caseId/replay')
  @Requires('read.audit')
  @PersonalDataRead('replay')
  @ApiOperation({ operationId: 'replayCase', summary: 'Replay a case to a revision or a moment: every step, who, when, why, what changed' })
  @ApiOkResponse({ type: CaseReplayDto, description: 'The case at that point, with every step' })
  async replayCase(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Query() q: ReplayQueryDto, @FileAccessParam() access: FileAccess) {
    const replay = await this.replays.replayCase(caseId, pointOf(q));
    // The case's person and facility from its first event, not from the replayed state: a point before
    // the first event has an empty state, and the read must still be logged as a read of their file.
    const subject = await this.replays.caseSubject(caseId);
    access.allow(subject.facilityId ? [subject.facilityId] : []);
    return { caseId, personId: subject.personId, ...replay };
  }

  @Get('people/:personId/replay')
  @Requires('read.audit')
  @PersonalDataRead('replay')
  @ApiOperation({ operationId: 'replayPerson', summary: 'Replay a person’s record to a revision or a moment' })
  @ApiOkResponse({ type: PersonReplayDto, description: 'The person’s record at that point, with every step' })
  async replayPerson(@Param('personId', new ParseUUIDPipe()) personId: string, @Query() q: ReplayQueryDto, @FileAccessParam() access: FileAccess) {
    const replay = await this.replays.replayPerson(personId, pointOf(q));
    access.allow(await this.personFiles.facilitiesOf(personId));
    return { personId, ...replay };
  }
}
