import type { SelectedRow } from '@app/projections';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ReadScope, scopeSql } from '../shared/read-scope';
import { ReadModels } from '../read-models.service';
import { SummaryParam, TimelineMessageKey } from './timeline.messages';
import { TIMELINE } from './timeline.projection';

export interface TimelineEntry {
  /** The event's log position (as commands return it). */
  position: string;
  eventId: string;
  eventType: string;
  effectiveDate: string;
  recordedAt: string;
  actorId: string | null;
  actorRole: string | null;
  caseId: string | null;
  facilityId: string | null;
  summary: { key: TimelineMessageKey; params: Record<string, SummaryParam> };
}

export interface Timeline {
  personId: string;
  total: number;
  limit: number;
  offset: number;
  entries: TimelineEntry[];
}

/** The facilities of the person's cases (their file's facilities), for the access decision. */
export class GetPersonFacilitiesQuery extends Query<string[]> {
  constructor(readonly input: { personId: string; minPosition?: string }) {
    super();
  }
}

@QueryHandler(GetPersonFacilitiesQuery)
export class GetPersonFacilitiesHandler implements IQueryHandler<GetPersonFacilitiesQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ input }: GetPersonFacilitiesQuery): Promise<string[]> {
    await this.readModels.ready([TIMELINE], input.minPosition);
    return facilitiesOf(this.readModels, input.personId);
  }
}

function facilitiesOf(readModels: ReadModels, personId: string): string[] {
  const entries = readModels.table(TIMELINE, 'timeline_entries');
  const rows = readModels
    .statement(`SELECT DISTINCT facility_id FROM ${entries} WHERE person_id = ? AND facility_id IS NOT NULL ORDER BY facility_id`)
    .all(personId);
  return (rows as Array<{ facility_id: string }>).map((r) => r.facility_id);
}

export class GetTimelineQuery extends Query<Timeline> {
  constructor(readonly input: { personId: string; scope: ReadScope; limit: number; offset: number; minPosition?: string }) {
    super();
  }
}

/**
 * Newest first by effective date, then by log position. A facility-scoped reader sees the entries of
 * cases in their facilities; the person's own entries (registered, corrected, comments) belong to no
 * facility and are shown when the reader sees one of the person's cases, or when the person has no
 * case yet (as the person endpoint shows them to anyone who reads cases).
 */
@QueryHandler(GetTimelineQuery)
export class GetTimelineHandler implements IQueryHandler<GetTimelineQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ input }: GetTimelineQuery): Promise<Timeline> {
    await this.readModels.ready([TIMELINE], input.minPosition);
    const entries = this.readModels.table(TIMELINE, 'timeline_entries');
    const units = this.readModels.table(TIMELINE, 'timeline_units');
    const db = this.readModels;
    const { personId, scope } = input;

    const facilities = facilitiesOf(this.readModels, personId);
    const personVisible = scope === 'everywhere' || facilities.length === 0 || facilities.some((f) => scope.includes(f));
    const inScope = scopeSql('facility_id', scope);
    const where = `person_id = ? AND (${inScope.sql}${personVisible ? ' OR facility_id IS NULL' : ''})`;
    const params = [personId, ...inScope.params];

    const { total } = db.statement(`SELECT COUNT(*) AS total FROM ${entries} WHERE ${where}`).get(...params) as { total: number };
    const rows = db
      .statement(
        `SELECT CAST(commit_position AS TEXT) AS commit_text, CAST(prepare_position AS TEXT) AS prepare_text, event_id, event_type,
           effective_date, recorded_at, actor_id, actor_role, case_id, facility_id, message_key, params
         FROM ${entries} WHERE ${where}
         ORDER BY effective_date DESC, commit_position DESC, prepare_position DESC
         LIMIT ? OFFSET ?`,
      )
      .all(...params, input.limit, input.offset) as Array<SelectedRow>;

    const parsed = rows.map((r) => ({ r, params: JSON.parse(r.params) as Record<string, SummaryParam> }));
    const unitIds = [...new Set(parsed.flatMap(({ params: p }) => [p.unitId, p.fromUnitId]).filter((id): id is string => typeof id === 'string'))];
    const labels = new Map(
      unitIds.length === 0
        ? []
        : (
            db.statement(`SELECT unit_id, label FROM ${units} WHERE unit_id IN (${unitIds.map(() => '?').join(', ')})`).all(...unitIds) as Array<{
              unit_id: string;
              label: string;
            }>
          ).map((u) => [u.unit_id, u.label] as const),
    );
    const withLabels = (p: Record<string, SummaryParam>) => ({
      ...p,
      ...(typeof p.unitId === 'string' && labels.has(p.unitId) ? { unitLabel: labels.get(p.unitId)! } : {}),
      ...(typeof p.fromUnitId === 'string' && labels.has(p.fromUnitId) ? { fromUnitLabel: labels.get(p.fromUnitId)! } : {}),
    });

    return {
      personId,
      total,
      limit: input.limit,
      offset: input.offset,
      entries: parsed.map(({ r, params: p }) => ({
        position: r.commit_text === r.prepare_text ? r.commit_text : `${r.commit_text}/${r.prepare_text}`,
        eventId: r.event_id,
        eventType: r.event_type,
        effectiveDate: r.effective_date,
        recordedAt: r.recorded_at,
        actorId: r.actor_id,
        actorRole: r.actor_role,
        caseId: r.case_id,
        facilityId: r.facility_id,
        summary: { key: r.message_key, params: withLabels(p) },
      })),
    };
  }
}
