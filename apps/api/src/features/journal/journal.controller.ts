import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query as QueryParams, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtension, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Requires } from '../../platform/auth/auth.decorators';
import { CommandContext } from '../../platform/commands/command-context';
import { CommandCtx } from '../../platform/http/command-context.decorator';
import { CommandResponseDto } from '../../platform/http/command-response.dto';
import { ApiTag } from '../../platform/http/openapi';
import { respond } from '../../platform/http/respond';
import { assertFacilityInScope, facilitiesFor, readScope } from '../../read-models/shared/read-scope';
import { AccessLogService } from '../privacy/access-log.service';
import { FileAccess, FileAccessParam, PersonalDataRead } from '../privacy/personal-data-read';
import { CaseNotesDto, CorrectNoteDto, HandoverDto, HandoverQueryDto, NoteSearchQueryDto, NoteSearchResultDto, WriteNoteDto } from './journal.dto';
import { ReadModelQueryDto } from '../../read-models/read-model-query.dto';
import { JournalService, SEARCH_CANDIDATES } from './journal.service';
import { CaseContactsDto, RecordContactDto } from './contacts.dto';

/** The most notes a handover or a case's journal shows at once. */
const PAGE = 500;

/**
 * Journal notes (saksjournal): written on a case by case workers of its facility, read like the case
 * (every read in the person's access log). The handover and the search show several people's notes:
 * each person shown gets a record in their own access log, written before the answer is sent.
 */
@ApiTag('journal')
@Controller('v1')
export class JournalController {
  constructor(
    private readonly journal: JournalService,
    private readonly access: AccessLogService,
  ) {}

  @Post('cases/:caseId/notes')
  @HttpCode(201)
  @Requires('case.command')
  @ApiParam({ name: 'caseId', format: 'uuid' })
  @ApiOperation({ operationId: 'writeNote', summary: 'Write a journal note on a case' })
  @ApiCreatedResponse({ type: CommandResponseDto, description: '`id` is the new note' })
  async write(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Body() body: WriteNoteDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { outcome, noteId } = await this.journal.write(caseId, body, ctx);
    return respond(res, outcome, noteId);
  }

  @Post('cases/:caseId/notes/:noteId/corrections')
  @HttpCode(200)
  @Requires('case.command')
  @ApiParam({ name: 'caseId', format: 'uuid' })
  @ApiParam({ name: 'noteId', format: 'uuid' })
  @ApiOperation({ operationId: 'correctNote', summary: 'Correct a journal note: a new version with a reason (the earlier ones stay)' })
  @ApiOkResponse({ type: CommandResponseDto, description: '`id` is the note' })
  async correct(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Param('noteId', new ParseUUIDPipe()) noteId: string,
    @Body() body: CorrectNoteDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return respond(res, await this.journal.correct(caseId, noteId, body, ctx), noteId);
  }

  @Post('cases/:caseId/contacts')
  @HttpCode(201)
  @Requires('case.command')
  @ApiParam({ name: 'caseId', format: 'uuid' })
  @ApiOperation({ operationId: 'recordContact', summary: 'Record a contact of the follow-up (home visit, phone, meeting, accompaniment)' })
  @ApiCreatedResponse({ type: CommandResponseDto, description: '`id` is the new contact' })
  async recordContact(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Body() body: RecordContactDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { outcome, contactId } = await this.journal.recordContact(caseId, body, ctx);
    return respond(res, outcome, contactId);
  }

  @Get('cases/:caseId/contacts')
  @Requires('read.case')
  @PersonalDataRead('contacts')
  @ApiParam({ name: 'caseId', format: 'uuid' })
  @ApiOperation({ operationId: 'listCaseContacts', summary: 'A case’s contact log, newest first' })
  @ApiOkResponse({ type: CaseContactsDto })
  async caseContacts(@Param('caseId', new ParseUUIDPipe()) caseId: string, @FileAccessParam() access: FileAccess): Promise<CaseContactsDto> {
    const theCase = await this.journal.caseOf(caseId);
    access.allow([theCase.facility.facilityId]);
    return { caseId, personId: theCase.personId, contacts: await this.journal.contactsOf(caseId) };
  }

  @Get('cases/:caseId/notes')
  @Requires('read.case')
  @PersonalDataRead('journal')
  @ApiParam({ name: 'caseId', format: 'uuid' })
  @ApiOperation({ operationId: 'listCaseNotes', summary: 'A case’s journal notes, each with every version' })
  @ApiOkResponse({ type: CaseNotesDto })
  async caseNotes(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @QueryParams() q: ReadModelQueryDto,
    @FileAccessParam() access: FileAccess,
  ): Promise<CaseNotesDto> {
    const theCase = await this.journal.caseOf(caseId);
    access.allow([theCase.facility.facilityId]);
    const index = await this.journal.list({ scope: 'everywhere', caseId, limit: PAGE, minPosition: q.minPosition });
    return { caseId, personId: theCase.personId, notes: await this.journal.withTexts(index.notes) };
  }

  @Get('facilities/:facilityId/handover')
  @Requires('read.case')
  @ApiExtension('x-personal-data-list', 'handover')
  @ApiParam({ name: 'facilityId', format: 'uuid' })
  @ApiOperation({ operationId: 'getHandover', summary: 'Shift handover: the facility’s notes, incidents and contacts since a time, newest first' })
  @ApiOkResponse({ type: HandoverDto })
  async handover(
    @Param('facilityId', new ParseUUIDPipe()) facilityId: string,
    @QueryParams() q: HandoverQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<HandoverDto> {
    // Only one's own facilities: a handover is the shift's own view, never a way into another's files.
    assertFacilityInScope(readScope(actor, 'read.case'), facilityId);
    const since = new Date(q.since).toISOString();
    const index = await this.journal.list({ scope: [facilityId], since, withIncidents: true, withContacts: true, limit: PAGE, minPosition: q.minPosition });
    const notes = await this.journal.withTexts(index.notes);
    await this.recordReads(actor, 'handover', [...notes, ...index.incidents, ...index.contacts]);
    return { facilityId, since, notes, incidents: index.incidents, contacts: index.contacts, truncated: index.truncated };
  }

  @Get('notes')
  @Requires('read.case')
  @ApiExtension('x-personal-data-list', 'journal_search')
  @ApiOperation({ operationId: 'searchNotes', summary: 'Search journal notes by their text, within your facilities' })
  @ApiOkResponse({ type: NoteSearchResultDto })
  async search(@QueryParams() q: NoteSearchQueryDto, @CurrentActor() actor: Actor): Promise<NoteSearchResultDto> {
    const scope = facilitiesFor(actor, 'read.case', q.facilityId);
    const limit = q.limit ?? 50;
    const index = await this.journal.list({ scope, limit: SEARCH_CANDIDATES, minPosition: q.minPosition });
    const found = this.journal.matching(await this.journal.withTexts(index.notes), q.q);
    const notes = found.slice(0, limit);
    await this.recordReads(actor, 'journal_search', notes);
    return { q: q.q, notes, truncated: found.length > limit || index.truncated };
  }

  /** One access record per case shown, in its person's log, before the answer goes out. */
  private async recordReads(actor: Actor, view: 'handover' | 'journal_search', shown: ReadonlyArray<{ personId: string; caseId: string }>) {
    const seen = new Set<string>();
    for (const { personId, caseId } of shown) {
      if (seen.has(caseId)) continue;
      seen.add(caseId);
      await this.access.record(actor, { personId, caseId, view }, { flagged: false });
    }
  }
}
