import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NoteCategory } from '@app/domain';
import { calendarDateIn, Clock } from '../../platform/clock';
import { ReadModels } from '../read-models.service';
import { CASES } from '../cases/cases.projection';
import { ReadScope, scopeSql } from '../shared/read-scope';
import { JOURNAL } from './journal.projection';

/** A note as the index knows it: everything but its text, which the journal stream holds encrypted. */
export interface IndexedNote {
  noteId: string;
  caseId: string;
  personId: string;
  facilityId: string;
  name: { givenName: string; familyName: string } | null;
  category: NoteCategory;
  about: string;
  version: number;
  writtenAt: string;
  writtenBy: string | null;
  writtenByRole: string | null;
  changedAt: string;
}

export interface IndexedIncident {
  caseId: string;
  incidentId: string;
  personId: string;
  facilityId: string;
  name: { givenName: string; familyName: string } | null;
  kind: string;
  severity: string;
  on: string;
  recordedAt: string;
  recordedBy: string | null;
  recordedByRole: string | null;
}

/** A contact of the follow-up as the handover lists it: when, what kind, with whom; what came of it is on the case. */
export interface IndexedContact {
  caseId: string;
  contactId: string;
  personId: string;
  facilityId: string;
  name: { givenName: string; familyName: string } | null;
  kind: string;
  parties: string[];
  durationMinutes: number;
  about: string;
  recordedAt: string;
  recordedBy: string | null;
  recordedByRole: string | null;
}

/** Which notes (and, for a handover, incidents and contacts) to list. */
export interface JournalFilter {
  readonly scope: ReadScope;
  readonly caseId?: string;
  /** From this instant: what happened since (`about`, an incident's day) or was written since. */
  readonly since?: string;
  readonly withIncidents?: boolean;
  readonly withContacts?: boolean;
  readonly limit: number;
  readonly minPosition?: string;
}

export interface JournalIndex {
  notes: IndexedNote[];
  incidents: IndexedIncident[];
  contacts: IndexedContact[];
  /** More notes matched than `limit`. */
  truncated: boolean;
}

export class ListJournalQuery extends Query<JournalIndex> {
  constructor(readonly filter: JournalFilter) {
    super();
  }
}

/**
 * Newest first by the time a note is about. A handover asks for everything since the start of the
 * shift: notes about that time, and notes written since about earlier times (a late entry from the
 * night is news to the morning), and incidents of those days or recorded since.
 */
@QueryHandler(ListJournalQuery)
export class ListJournalHandler implements IQueryHandler<ListJournalQuery> {
  constructor(
    private readonly readModels: ReadModels,
    private readonly clock: Clock,
  ) {}

  async execute({ filter }: ListJournalQuery): Promise<JournalIndex> {
    await this.readModels.ready([JOURNAL, CASES], filter.minPosition);
    const people = this.readModels.table(CASES, 'cases_people');
    const notes = this.readModels.table(JOURNAL, 'journal_notes');
    const incidents = this.readModels.table(JOURNAL, 'journal_incidents');

    const where = (alias: string, sinceSql: string) => {
      const scope = scopeSql(`${alias}.facility_id`, filter.scope);
      const parts = [scope.sql];
      const params: unknown[] = [...scope.params];
      if (filter.caseId) {
        parts.push(`${alias}.case_id = ?`);
        params.push(filter.caseId);
      }
      if (filter.since) parts.push(sinceSql);
      return { sql: parts.join(' AND '), params };
    };
    const n = where('n', '(n.about >= ? OR n.changed_at >= ?)');
    const sinceNotes = filter.since ? [filter.since, filter.since] : [];
    const noteRows = this.readModels
      .statement(
        `SELECT n.*, p.given_name, p.family_name FROM ${notes} n LEFT JOIN ${people} p ON p.person_id = n.person_id
         WHERE ${n.sql} ORDER BY n.about DESC, n.note_id LIMIT ?`,
      )
      .all(...n.params, ...sinceNotes, filter.limit + 1) as NoteRow[];

    let incidentRows: IncidentRow[] = [];
    if (filter.withIncidents) {
      const i = where('i', '(i.on_date >= ? OR i.recorded_at >= ?)');
      const sinceDay = filter.since ? [calendarDateIn(new Date(filter.since), this.clock.timeZone), filter.since] : [];
      incidentRows = this.readModels
        .statement(
          `SELECT i.*, p.given_name, p.family_name FROM ${incidents} i LEFT JOIN ${people} p ON p.person_id = i.person_id
           WHERE ${i.sql} ORDER BY i.on_date DESC, i.recorded_at DESC LIMIT ?`,
        )
        .all(...i.params, ...sinceDay, filter.limit) as IncidentRow[];
    }
    let contactRows: ContactRow[] = [];
    if (filter.withContacts) {
      const k = where('k', '(k.about >= ? OR k.recorded_at >= ?)');
      contactRows = this.readModels
        .statement(
          `SELECT k.*, p.given_name, p.family_name FROM ${this.readModels.table(JOURNAL, 'journal_contacts')} k LEFT JOIN ${people} p ON p.person_id = k.person_id
           WHERE ${k.sql} ORDER BY k.about DESC, k.contact_id LIMIT ?`,
        )
        .all(...k.params, ...sinceNotes, filter.limit) as ContactRow[];
    }
    return {
      notes: noteRows.slice(0, filter.limit).map(toNote),
      incidents: incidentRows.map(toIncident),
      contacts: contactRows.map(toContact),
      truncated: noteRows.length > filter.limit,
    };
  }
}

interface Named {
  given_name: string | null;
  family_name: string | null;
}
interface NoteRow extends Named {
  note_id: string;
  case_id: string;
  person_id: string;
  facility_id: string;
  category: NoteCategory;
  about: string;
  version: number;
  written_at: string;
  written_by: string | null;
  written_by_role: string | null;
  changed_at: string;
}
interface IncidentRow extends Named {
  case_id: string;
  incident_id: string;
  person_id: string;
  facility_id: string;
  kind: string;
  severity: string;
  on_date: string;
  recorded_at: string;
  recorded_by: string | null;
  recorded_by_role: string | null;
}

interface ContactRow extends Named {
  contact_id: string;
  case_id: string;
  person_id: string;
  facility_id: string;
  kind: string;
  parties: string;
  duration_minutes: number;
  about: string;
  recorded_at: string;
  recorded_by: string | null;
  recorded_by_role: string | null;
}

const toContact = (r: ContactRow): IndexedContact => ({
  caseId: r.case_id,
  contactId: r.contact_id,
  personId: r.person_id,
  facilityId: r.facility_id,
  name: nameOf(r),
  kind: r.kind,
  parties: JSON.parse(r.parties) as string[],
  durationMinutes: r.duration_minutes,
  about: r.about,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
  recordedByRole: r.recorded_by_role,
});

const nameOf = (r: Named) => (r.given_name == null ? null : { givenName: r.given_name, familyName: r.family_name ?? '' });

const toNote = (r: NoteRow): IndexedNote => ({
  noteId: r.note_id,
  caseId: r.case_id,
  personId: r.person_id,
  facilityId: r.facility_id,
  name: nameOf(r),
  category: r.category,
  about: r.about,
  version: r.version,
  writtenAt: r.written_at,
  writtenBy: r.written_by,
  writtenByRole: r.written_by_role,
  changedAt: r.changed_at,
});

const toIncident = (r: IncidentRow): IndexedIncident => ({
  caseId: r.case_id,
  incidentId: r.incident_id,
  personId: r.person_id,
  facilityId: r.facility_id,
  name: nameOf(r),
  kind: r.kind,
  severity: r.severity,
  on: r.on_date,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
  recordedByRole: r.recorded_by_role,
});
