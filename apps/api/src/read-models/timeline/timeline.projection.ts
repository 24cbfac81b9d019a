import { CASE_EVENT_TYPES, CaseEvent, UnitEvent } from '@app/domain';
import { RowChange } from '@app/projections';
import { calendarDateIn, DEFAULT_TIME_ZONE } from '../../platform/clock';
import { caseSummary, personSummary, Summary, TIMELINE_PERSON_EVENT_TYPES, TIMELINE_UNIT_EVENT_TYPES, unitSummary } from './timeline.messages';
import { domainProjection, ProjectedEvent } from '../shared/projected-event';

/**
 * A resident's timeline: every event about a person across all their cases (the person's own events,
 * every case event, and the unit's side of their moves), one row per event keyed by its log position,
 * with who recorded it in which role, when it took effect and when it was recorded, and a summary as
 * a message key with parameters (codes, dates, kinds: never the free text of the case file). Units are
 * kept for their labels, which the query adds to the summaries.
 */
export const TIMELINE = 'timeline';

export const timelineProjection = domainProjection({
  name: TIMELINE,
  // 2: the fallback effective date is the Oslo day of recordedAt, not its UTC date.
  version: 2,
  eventTypes: [...TIMELINE_PERSON_EVENT_TYPES, ...CASE_EVENT_TYPES, ...TIMELINE_UNIT_EVENT_TYPES, 'UnitAdded'],
  onPoison: 'continue',
  tables: [
    {
      name: 'timeline_entries',
      columns: `commit_position INTEGER NOT NULL, prepare_position INTEGER NOT NULL, event_id TEXT NOT NULL, person_id TEXT NOT NULL,
        case_id TEXT, facility_id TEXT, event_type TEXT NOT NULL, effective_date TEXT NOT NULL, recorded_at TEXT NOT NULL,
        actor_id TEXT, actor_role TEXT, message_key TEXT NOT NULL, params TEXT NOT NULL,
        PRIMARY KEY (commit_position, prepare_position)`,
      indexes: ['(person_id, effective_date, commit_position, prepare_position)', '(person_id, facility_id)'],
    },
    { name: 'timeline_units', columns: 'unit_id TEXT PRIMARY KEY, facility_id TEXT NOT NULL, label TEXT NOT NULL' },
  ],
  handle(e) {
    if (e.type === 'UnitAdded') {
      const { unitId, facilityId, label } = e.data;
      return [{ op: 'upsert', table: 'timeline_units', key: ['unit_id'], row: { unit_id: unitId, facility_id: facilityId, label } }];
    }
    const about = aboutWhom(e);
    return about ? [entry(e, about)] : [];
  },
});

interface About {
  readonly personId: string;
  readonly caseId: string | null;
  readonly facilityId: string | null;
  readonly summary: Summary;
}

function aboutWhom(e: ProjectedEvent): About | undefined {
  const typed = { type: e.type, data: e.data };
  if ((TIMELINE_PERSON_EVENT_TYPES as readonly string[]).includes(e.type)) {
    return {
      personId: (e.data as { personId: string }).personId,
      caseId: null,
      facilityId: null,
      summary: personSummary(typed as Parameters<typeof personSummary>[0]),
    };
  }
  if ((TIMELINE_UNIT_EVENT_TYPES as readonly string[]).includes(e.type)) {
    const unit = typed as Extract<UnitEvent, { type: 'UnitOccupied' | 'UnitVacated' }>;
    return { personId: unit.data.personId, caseId: unit.data.caseId, facilityId: unit.data.facilityId, summary: unitSummary(unit) };
  }
  const event = typed as CaseEvent;
  const data = event.data as CaseEvent['data'] & { personId?: string; facilityId?: string; facility?: { facilityId: string } };
  if (!data.personId) return undefined;
  return { personId: data.personId, caseId: data.caseId, facilityId: data.facilityId ?? data.facility?.facilityId ?? null, summary: caseSummary(event) };
}

function entry(e: ProjectedEvent, about: About): RowChange {
  const m = e.metadata;
  const recordedAt: string = m.recordedAt ?? e.created.toISOString();
  return {
    op: 'upsert',
    table: 'timeline_entries',
    key: ['commit_position', 'prepare_position'],
    row: {
      commit_position: e.position.commit,
      prepare_position: e.position.prepare,
      event_id: e.id,
      person_id: about.personId,
      case_id: about.caseId,
      facility_id: about.facilityId,
      event_type: e.type,
      // The day it took effect in the domain (never the recording time, unless the event has no day).
      // Events recorded before every command got an effective date: the day they were recorded, in Oslo.
      effective_date: (e.data as { on?: string }).on ?? m.effectiveDate ?? calendarDateIn(new Date(recordedAt), DEFAULT_TIME_ZONE),
      recorded_at: recordedAt,
      actor_id: m.actorId ?? null,
      actor_role: m.actorRole ?? null,
      message_key: about.summary.key,
      params: JSON.stringify(about.summary.params),
    },
  };
}
