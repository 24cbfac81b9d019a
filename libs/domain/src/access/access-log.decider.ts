import { accept, Decider, nothingToDo, reject } from '../shared/decider';

/**
 * Who looked at a person's file (pasientjournalloven § 22, Normen fact sheet 15): every read of
 * personal data is recorded, in a stream per person, chained like every other stream. A read outside
 * the reader's own facilities needs a stated purpose and is flagged for review ("break the glass").
 * A write about the person from outside their facilities (a correction, a comment) is recorded the
 * same way, marked as a write; so is a referral to the writer's own facility for a person whose file
 * is held elsewhere too, flagged even without a purpose: referrals come from outside (the referral
 * itself says why), but a reviewer must see that a new facility now works with the person.
 */
export const accessLogStream = (personId: string) => `access-${personId}`;

/** `journal`: a case's notes; `handover`: a facility's shift handover; `journal_search`: a note found by its text. */
export const ACCESS_VIEWS = ['person', 'case', 'timeline', 'replay', 'export', 'journal', 'handover', 'journal_search', 'contacts', 'letter'] as const;
export type AccessView = (typeof ACCESS_VIEWS)[number];

/** The writes about a person that the access log records (see above). */
export const WRITE_VIEWS = ['correction', 'comment', 'referral'] as const;
export type WriteView = (typeof WRITE_VIEWS)[number];

export interface AccessRecord {
  readonly accessId: string;
  readonly personId: string;
  readonly caseId?: string;
  readonly view: AccessView | WriteView;
  /** Set for a write (a view from WRITE_VIEWS); absent for a read. */
  readonly write?: true;
  readonly actorId: string;
  readonly actorRole: string;
  /** When the read happened (server time). */
  readonly at: string;
  /** Why, when the reader stated it; required when the read is outside their facilities. */
  readonly purpose?: string;
  readonly flagged: boolean;
}

/** A stated purpose is a sentence or two for the reviewer, not a document: longer is refused, never cut. */
export const MAX_ACCESS_PURPOSE_LENGTH = 500;

export type AccessLogEvent = { type: 'PersonalDataAccessed'; data: AccessRecord };
export type AccessLogCommand = { type: 'RecordAccess' } & AccessRecord;
export type AccessLogState = { readonly accessIds: ReadonlySet<string> };

export const accessLogDecider: Decider<AccessLogCommand, AccessLogState, AccessLogEvent> = {
  initialState: { accessIds: new Set() },
  decide(command, state) {
    if (state.accessIds.has(command.accessId)) return nothingToDo;
    const isWrite = (WRITE_VIEWS as readonly string[]).includes(command.view);
    if (isWrite !== (command.write === true)) return reject('access.write_mismatch', 'A write names a written part, and a read a view', { field: 'view' });
    if (command.flagged && !command.purpose?.trim() && command.view !== 'referral') {
      return reject('access.purpose_required', 'Reading or changing a file outside your facilities needs a stated purpose', { field: 'purpose' });
    }
    if (command.purpose !== undefined && command.purpose.length > MAX_ACCESS_PURPOSE_LENGTH) {
      return reject('access.purpose_too_long', `A stated purpose has at most ${MAX_ACCESS_PURPOSE_LENGTH} characters`, {
        field: 'purpose',
        details: { max: MAX_ACCESS_PURPOSE_LENGTH },
      });
    }
    const { type: _type, ...record } = command;
    return accept({ type: 'PersonalDataAccessed', data: record });
  },
  evolve(state, event) {
    return { accessIds: new Set([...state.accessIds, event.data.accessId]) };
  },
};

export const ACCESS_LOG_EVENT_SCHEMA_VERSIONS = { PersonalDataAccessed: 1 } as const;
