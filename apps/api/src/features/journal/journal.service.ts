import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { addDays, caseDecider, CaseState, caseStream, JournalEvent, journalDecider, journalStream, JournalState } from '@app/domain';
import { AccessRule } from '../../platform/auth/authorization';
import { calendarDateIn, Clock, startOfDayIn } from '../../platform/clock';
import { CommandContext, CommandOutcome, CommandRunner } from '../../platform/commands/command-runner';
import { FORGOTTEN } from '../../platform/crypto/field-cipher';
import { NotFound } from '../../platform/errors/command-errors';
import { idForNewRecord, IdGenerator } from '../../platform/ids';
import { StreamReader } from '../../platform/streams/stream-reader';
import { IndexedNote, JournalFilter, ListJournalQuery } from '../../read-models/journal/journal.query';
import { searchKey } from '../../read-models/shared/read-scope';
import { StaffNamesQuery } from '../../read-models/staff/staff.query';
import { CorrectNoteDto, NoteDto, NoteVersionDto, WriteNoteDto } from './journal.dto';
import { FollowUpContactDto, RecordContactDto } from './contacts.dto';

type OpenCase = Exclude<CaseState, { status: 'none' }>;

/** How many notes a search decrypts at most (newest first): a search is for the recent file, not an export. */
export const SEARCH_CANDIDATES = 2_000;

/**
 * The journal beside each case: notes are written and corrected in the journal stream, decided by the
 * journal decider with the case's facility (who may write) and its dates (what a note may be about).
 * The views read the index (journal read model) for which notes to show and the stream for their
 * text, so a note's text is decrypted only for a reader the route has already allowed to see it.
 */
@Injectable()
export class JournalService {
  constructor(
    private readonly runner: CommandRunner,
    private readonly streams: StreamReader,
    private readonly queries: QueryBus,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async write(caseId: string, body: WriteNoteDto, ctx: CommandContext): Promise<{ outcome: CommandOutcome; noteId: string }> {
    const noteId = idForNewRecord(this.ids, ctx, 'note');
    const theCase = await this.caseOf(caseId);
    const command = { type: 'WriteNote' as const, noteId, about: body.about, category: body.category, text: body.text, ...this.context(theCase) };
    return { outcome: await this.run(theCase, command, ctx), noteId };
  }

  async correct(caseId: string, noteId: string, body: CorrectNoteDto, ctx: CommandContext): Promise<CommandOutcome> {
    const correctionId = idForNewRecord(this.ids, ctx, 'note-correction');
    const theCase = await this.caseOf(caseId);
    const { about, category, text, reason } = body;
    return this.run(theCase, { type: 'CorrectNote' as const, noteId, correctionId, about, category, text, reason, ...this.context(theCase) }, ctx);
  }

  async recordContact(caseId: string, body: RecordContactDto, ctx: CommandContext): Promise<{ outcome: CommandOutcome; contactId: string }> {
    const contactId = idForNewRecord(this.ids, ctx, 'contact');
    const theCase = await this.caseOf(caseId);
    const { about, kind, parties, durationMinutes, outcome, nextPlannedOn } = body;
    // The contact's day in the municipality's zone: the next planned day is checked against it.
    const on = Number.isNaN(Date.parse(about)) ? '' : calendarDateIn(new Date(about), this.clock.timeZone);
    const command = {
      type: 'RecordContact' as const,
      contactId,
      on,
      about,
      kind,
      parties,
      durationMinutes,
      outcome,
      ...(nextPlannedOn !== undefined && { nextPlannedOn }),
      ...this.context(theCase),
    };
    return { outcome: await this.run(theCase, command, ctx), contactId };
  }

  /** A case's contact log, newest first, what came of each decrypted (null once the person is forgotten). */
  async contactsOf(caseId: string): Promise<FollowUpContactDto[]> {
    const contacts: FollowUpContactDto[] = [];
    for (const { event, metadata } of await this.streams.events<JournalEvent>(journalStream(caseId))) {
      if (event.type !== 'ContactRecorded') continue;
      const { contactId, about, on, kind, parties, durationMinutes, outcome, nextPlannedOn } = event.data;
      contacts.push({
        contactId,
        about,
        on,
        kind,
        parties: [...parties],
        durationMinutes,
        outcome: outcome === FORGOTTEN ? null : outcome,
        ...(nextPlannedOn !== undefined && { nextPlannedOn }),
        recordedAt: metadata.recordedAt,
        authorId: metadata.actorId ?? null,
        authorRole: metadata.actorRole ?? null,
        authorName: null,
      });
    }
    const names = await this.queries.execute(new StaffNamesQuery(contacts.map((c) => c.authorId).filter((id): id is string => !!id)));
    return contacts
      .map((c) => ({ ...c, authorName: c.authorId === null ? null : (names.get(c.authorId) ?? null) }))
      .sort((a, b) => (a.about < b.about ? 1 : a.about > b.about ? -1 : 0));
  }

  /** The case as the journal needs it: its facility and dates (404 for no such case). */
  async caseOf(caseId: string): Promise<OpenCase> {
    const { state } = await this.streams.load(caseDecider, caseStream(caseId));
    if (state.status === 'none') throw new NotFound('Case');
    return state;
  }

  /** The index's notes with their texts and every version, read from each case's journal stream. */
  async withTexts(notes: readonly IndexedNote[]): Promise<NoteDto[]> {
    const byCase = new Map<string, Map<string, NoteVersionDto[]>>();
    for (const caseId of new Set(notes.map((n) => n.caseId))) byCase.set(caseId, await this.versionsOf(caseId));
    const authors = [...byCase.values()].flatMap((m) => [...m.values()].flat()).map((v) => v.authorId);
    const names = await this.queries.execute(new StaffNamesQuery([...notes.map((n) => n.writtenBy), ...authors].filter((id): id is string => !!id)));
    const named = (id: string | null) => (id === null ? null : (names.get(id) ?? null));
    return notes.map((n) => {
      const versions = (byCase.get(n.caseId)?.get(n.noteId) ?? []).map((v) => ({ ...v, authorName: named(v.authorId) }));
      const current = versions[versions.length - 1];
      return {
        noteId: n.noteId,
        caseId: n.caseId,
        personId: n.personId,
        facilityId: n.facilityId,
        name: n.name,
        about: current?.about ?? n.about,
        category: current?.category ?? n.category,
        text: current?.text ?? null,
        forgotten: current !== undefined && current.text === null,
        version: current?.version ?? n.version,
        writtenAt: n.writtenAt,
        authorId: n.writtenBy,
        authorRole: n.writtenByRole,
        authorName: named(n.writtenBy),
        versions,
      };
    });
  }

  list(filter: JournalFilter) {
    return this.queries.execute(new ListJournalQuery(filter));
  }

  /** Notes whose current text holds every word of `q` (any case), from the candidates given, newest first. */
  matching(notes: readonly NoteDto[], q: string): NoteDto[] {
    const words = searchKey(q).split(/\s+/).filter(Boolean);
    return notes.filter((n) => n.text !== null && words.every((w) => searchKey(n.text!).includes(w)));
  }

  private async versionsOf(caseId: string): Promise<Map<string, NoteVersionDto[]>> {
    const out = new Map<string, NoteVersionDto[]>();
    for (const { event, metadata } of await this.streams.events<JournalEvent>(journalStream(caseId))) {
      if (event.type === 'ContactRecorded') continue; // the contact log is read on its own
      const d = event.data;
      const readable = (value: string) => (value === FORGOTTEN ? null : value);
      const version: NoteVersionDto = {
        version: event.type === 'NoteWritten' ? 1 : event.data.version,
        about: d.about,
        category: d.category,
        text: readable(d.text),
        ...(event.type === 'NoteCorrected' && { reason: readable(event.data.reason) }),
        recordedAt: metadata.recordedAt,
        authorId: metadata.actorId ?? null,
        authorRole: metadata.actorRole ?? null,
        authorName: null, // named in withTexts, once for every author shown
      };
      out.set(d.noteId, [...(out.get(d.noteId) ?? []), version]);
    }
    return out;
  }

  private context(theCase: OpenCase) {
    const zone = this.clock.timeZone;
    return {
      caseId: theCase.caseId,
      personId: theCase.personId,
      facilityId: theCase.facility.facilityId,
      now: this.clock.now().toISOString(),
      caseOpenedAt: startOfDayIn(theCase.referredOn, zone).toISOString(),
      // A closed case takes notes about its time, up to the end of its closing day.
      ...(theCase.closure && { caseClosedAt: startOfDayIn(addDays(theCase.closure.on, 1), zone).toISOString() }),
    };
  }

  private run(theCase: OpenCase, command: Parameters<typeof journalDecider.decide>[0], ctx: CommandContext): Promise<CommandOutcome> {
    // Who may write is the case's rule: case workers of its facility, checked before anything is decided.
    const access: AccessRule<JournalState> = {
      record: 'Case',
      exists: () => true,
      allowed: [{ action: 'case.command', facilityOf: () => theCase.facility.facilityId }],
    };
    const { about } = command;
    const effectiveDate = Number.isNaN(Date.parse(about)) ? undefined : calendarDateIn(new Date(about), this.clock.timeZone);
    return this.runner.run({ decider: journalDecider, stream: journalStream(theCase.caseId), command, access, effectiveDate }, ctx);
  }
}
