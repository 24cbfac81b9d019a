import { Row, RowChange } from '@app/projections';
import { domainProjection, ProjectedEvent } from '../shared/projected-event';

/**
 * The journal's index: one row per note (its current version, who wrote it and who changed it last)
 * and one per incident, by facility and time, for the shift handover, a case's notes and note search;
 * one per contact of the follow-up (kind, parties, minutes, next planned day) for a case's contact log
 * and the caseload.
 * No text: a note's text is personal data and stays encrypted in the journal stream, read (and
 * decrypted) only for a reader allowed to see it. People's names come from the cases read model.
 */
export const JOURNAL = 'journal';

export const journalProjection = domainProjection({
  name: JOURNAL,
  version: 2,
  eventTypes: ['NoteWritten', 'NoteCorrected', 'IncidentRecorded', 'ContactRecorded'],
  onPoison: 'continue',
  tables: [
    {
      name: 'journal_notes',
      columns: `note_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, person_id TEXT NOT NULL, facility_id TEXT NOT NULL,
        category TEXT NOT NULL, about TEXT NOT NULL, version INTEGER NOT NULL,
        written_at TEXT NOT NULL, written_by TEXT, written_by_role TEXT,
        changed_at TEXT NOT NULL, changed_by TEXT, changed_by_role TEXT`,
      indexes: ['(facility_id, about)', '(facility_id, changed_at)', '(case_id, about)'],
    },
    {
      name: 'journal_incidents',
      columns: `case_id TEXT NOT NULL, incident_id TEXT NOT NULL, person_id TEXT NOT NULL, facility_id TEXT NOT NULL,
        kind TEXT NOT NULL, severity TEXT NOT NULL, on_date TEXT NOT NULL, recorded_at TEXT NOT NULL,
        recorded_by TEXT, recorded_by_role TEXT, PRIMARY KEY (case_id, incident_id)`,
      indexes: ['(facility_id, on_date)', '(facility_id, recorded_at)'],
    },
    {
      name: 'journal_contacts',
      columns: `contact_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, person_id TEXT NOT NULL, facility_id TEXT NOT NULL,
        kind TEXT NOT NULL, parties TEXT NOT NULL, duration_minutes INTEGER NOT NULL, about TEXT NOT NULL, on_date TEXT NOT NULL,
        next_planned_on TEXT, recorded_at TEXT NOT NULL, recorded_by TEXT, recorded_by_role TEXT`,
      indexes: ['(case_id, about)', '(facility_id, about)'],
    },
  ],
  handle(e) {
    const recordedAt = e.metadata.recordedAt ?? e.created.toISOString();
    const by = e.metadata.actorId ?? null;
    const role = e.metadata.actorRole ?? null;
    switch (e.type) {
      case 'NoteWritten': {
        const d = e.data;
        return [
          upsert('journal_notes', ['note_id'], {
            note_id: d.noteId,
            case_id: d.caseId,
            person_id: d.personId,
            facility_id: d.facilityId,
            category: d.category,
            about: d.about,
            version: 1,
            written_at: recordedAt,
            written_by: by,
            written_by_role: role,
            changed_at: recordedAt,
            changed_by: by,
            changed_by_role: role,
          }),
        ];
      }
      case 'NoteCorrected':
        return [correction(e as ProjectedEvent<'NoteCorrected'>, recordedAt, by, role)];
      case 'IncidentRecorded': {
        const d = e.data;
        return [
          upsert('journal_incidents', ['case_id', 'incident_id'], {
            case_id: d.caseId,
            incident_id: d.incidentId,
            person_id: d.personId,
            facility_id: d.facilityId,
            kind: d.kind,
            severity: d.severity,
            on_date: d.on,
            recorded_at: recordedAt,
            recorded_by: by,
            recorded_by_role: role,
          }),
        ];
      }
      case 'ContactRecorded': {
        const d = e.data;
        return [
          upsert('journal_contacts', ['contact_id'], {
            contact_id: d.contactId,
            case_id: d.caseId,
            person_id: d.personId,
            facility_id: d.facilityId,
            kind: d.kind,
            parties: JSON.stringify(d.parties),
            duration_minutes: d.durationMinutes,
            about: d.about,
            on_date: d.on,
            next_planned_on: d.nextPlannedOn ?? null,
            recorded_at: recordedAt,
            recorded_by: by,
            recorded_by_role: role,
          }),
        ];
      }
      default:
        return [];
    }
  },
});

/** A correction moves the note to its version (events of one stream arrive in order, so the last one wins). */
function correction(e: ProjectedEvent<'NoteCorrected'>, recordedAt: string, by: string | null, role: string | null): RowChange {
  const d = e.data;
  const set = { category: d.category, about: d.about, version: d.version, changed_at: recordedAt, changed_by: by, changed_by_role: role };
  return { op: 'update', table: 'journal_notes', set, where: { note_id: d.noteId } };
}

const upsert = (table: string, key: string[], row: Row): RowChange => ({ op: 'upsert', table, key, row });
