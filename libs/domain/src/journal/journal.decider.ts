import { accept, Decider, nothingToDo, reject } from '../shared/decider';
import { ContactContent, contentOfContact, refusedContact, sameContact } from './contact-log';

/**
 * The case journal (saksjournal): what staff write about a person during a case, one stream per case,
 * beside the case's own stream so that a night of notes never races the case's commands. A note is never
 * edited: a correction is a new version with a reason, and every version stays in the stream, readable to
 * auditors. The text and the reason are personal data (encrypted with the person's key, so forgetting
 * the person shreds them).
 */
export const journalStream = (caseId: string) => `journal-${caseId}`;

export const NOTE_CATEGORIES = ['observation', 'conversation', 'cooperation', 'incident_follow_up', 'other'] as const;
export type NoteCategory = (typeof NOTE_CATEGORIES)[number];

/** A note is a few paragraphs; longer is refused, never cut. */
export const MAX_NOTE_LENGTH = 10_000;

export interface NoteContent {
  /** The moment the note is about (ISO 8601 instant), which may be earlier than when it is written. */
  readonly about: string;
  readonly category: NoteCategory;
  readonly text: string;
}

/**
 * `now` is when the command is decided (the server's clock, passed in), `caseOpenedAt` when the case
 * began and `caseClosedAt` when it ended, if it has (the end of its closing day; both read by the
 * workflow from the case): a note can be about neither the future nor a time outside the case. They are
 * effective-time rules, so the order notes are entered in changes no answer.
 */
interface Context {
  readonly caseId: string;
  readonly personId: string;
  readonly facilityId: string;
  readonly now: string;
  readonly caseOpenedAt: string;
  readonly caseClosedAt?: string;
}

export type WriteNote = { type: 'WriteNote'; noteId: string } & NoteContent & Context;
export type CorrectNote = { type: 'CorrectNote'; noteId: string; correctionId: string; reason: string } & NoteContent & Context;
/** `on` is the calendar day of `about` in the municipality's zone (the service reads it from its clock's zone). */
export type RecordContact = { type: 'RecordContact'; contactId: string; on: string } & ContactContent & Context;
export type JournalCommand = WriteNote | CorrectNote | RecordContact;

type Whom = { caseId: string; personId: string; facilityId: string };
export type NoteWritten = { type: 'NoteWritten'; data: Whom & NoteContent & { noteId: string } };
export type NoteCorrected = { type: 'NoteCorrected'; data: Whom & NoteContent & { noteId: string; correctionId: string; version: number; reason: string } };
export type ContactRecorded = { type: 'ContactRecorded'; data: Whom & ContactContent & { contactId: string; on: string } };
export type JournalEvent = NoteWritten | NoteCorrected | ContactRecorded;

interface NoteState extends NoteContent {
  readonly version: number;
  /** Each correction by its id, with what it made the note say and why: a retry must say the same. */
  readonly corrections: Readonly<Record<string, NoteContent & { readonly reason: string }>>;
}
export interface JournalState {
  readonly notes: Readonly<Record<string, NoteState>>;
  /** Contacts of ambulant follow-up and follow-up after move-out, by id (a retry must say the same). */
  readonly contacts: Readonly<Record<string, ContactContent>>;
}

const sameContent = (a: NoteContent, b: NoteContent) => a.about === b.about && a.category === b.category && a.text === b.text;

function refusedContent(command: NoteContent & Context) {
  if (!(NOTE_CATEGORIES as readonly string[]).includes(command.category)) return reject('journal.unknown_category', 'Choose a category', { field: 'category' });
  if (!command.text.trim()) return reject('journal.text_required', 'Write the note', { field: 'text' });
  if (command.text.length > MAX_NOTE_LENGTH) {
    return reject('journal.text_too_long', `A note has at most ${MAX_NOTE_LENGTH} characters`, { field: 'text', details: { max: MAX_NOTE_LENGTH } });
  }
  return refusedTime(command);
}

/** What a note or a contact is about: a moment that has come, within the case's time. */
export function refusedTime(command: { readonly about: string } & Context) {
  const about = Date.parse(command.about);
  if (Number.isNaN(about)) return reject('journal.about_invalid', 'Give the date and time the note is about', { field: 'about' });
  if (about > Date.parse(command.now)) return reject('journal.about_in_future', 'A note cannot be about a time still to come', { field: 'about' });
  if (about < Date.parse(command.caseOpenedAt))
    return reject('journal.about_before_case', 'A note cannot be about a time before the case began', { field: 'about' });
  if (command.caseClosedAt && about >= Date.parse(command.caseClosedAt))
    return reject('journal.about_after_case', 'A note cannot be about a time after the case was closed', { field: 'about' });
  return undefined;
}

const contentOf = (c: NoteContent): NoteContent => ({ about: c.about, category: c.category, text: c.text });
const whomOf = (c: Context): Whom => ({ caseId: c.caseId, personId: c.personId, facilityId: c.facilityId });

export const journalDecider: Decider<JournalCommand, JournalState, JournalEvent> = {
  initialState: { notes: {}, contacts: {} },
  decide(command, state) {
    if (command.type === 'RecordContact') {
      const earlier = state.contacts[command.contactId];
      // A retry of the same contact is already recorded; another contact under its id is refused.
      if (earlier)
        return sameContact(earlier, command) ? nothingToDo : reject('journal.id_already_used', 'A contact with this id exists', { field: 'contactId' });
      return (
        refusedContact(command) ??
        refusedTime(command) ??
        accept({ type: 'ContactRecorded', data: { ...whomOf(command), contactId: command.contactId, on: command.on, ...contentOfContact(command) } })
      );
    }
    const note = state.notes[command.noteId];
    switch (command.type) {
      case 'WriteNote': {
        // A retry of the same note is already applied; another note under its id is refused.
        if (note)
          return note.version === 1 && sameContent(note, command)
            ? nothingToDo
            : reject('journal.id_already_used', 'A note with this id exists', { field: 'noteId' });
        return refusedContent(command) ?? accept({ type: 'NoteWritten', data: { ...whomOf(command), noteId: command.noteId, ...contentOf(command) } });
      }
      case 'CorrectNote': {
        if (!note) return reject('journal.unknown_note', 'No such note in this case', { field: 'noteId' });
        const earlier = note.corrections[command.correctionId];
        if (earlier) {
          // A retry of a correction is already applied; another correction under its id is refused.
          return sameContent(earlier, command) && earlier.reason === command.reason
            ? nothingToDo
            : reject('journal.id_already_used', 'A correction with this id exists', { field: 'correctionId' });
        }
        if (!command.reason.trim()) return reject('journal.reason_required', 'Write why the note is corrected', { field: 'reason' });
        if (sameContent(note, command)) return reject('journal.nothing_corrected', 'The correction changes nothing in the note', { field: 'text' });
        return (
          refusedContent(command) ??
          accept({
            type: 'NoteCorrected',
            data: {
              ...whomOf(command),
              noteId: command.noteId,
              correctionId: command.correctionId,
              version: note.version + 1,
              reason: command.reason,
              ...contentOf(command),
            },
          })
        );
      }
    }
  },
  evolve(state, event) {
    if (event.type === 'ContactRecorded') return { ...state, contacts: { ...state.contacts, [event.data.contactId]: contentOfContact(event.data) } };
    const { noteId } = event.data;
    const previous = state.notes[noteId];
    const next: NoteState =
      event.type === 'NoteWritten'
        ? { ...contentOf(event.data), version: 1, corrections: {} }
        : {
            ...contentOf(event.data),
            version: event.data.version,
            corrections: { ...previous?.corrections, [event.data.correctionId]: { ...contentOf(event.data), reason: event.data.reason } },
          };
    return { ...state, notes: { ...state.notes, [noteId]: next } };
  },
};

export const JOURNAL_EVENT_SCHEMA_VERSIONS = { NoteWritten: 1, NoteCorrected: 1, ContactRecorded: 1 } as const;
export const JOURNAL_PERSONAL_FIELDS: Readonly<Record<JournalEvent['type'], readonly string[]>> = {
  NoteWritten: ['text'],
  NoteCorrected: ['text', 'reason'],
  ContactRecorded: ['outcome'],
};
