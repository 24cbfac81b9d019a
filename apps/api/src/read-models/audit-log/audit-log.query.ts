import type { SelectedRow } from '@app/projections';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ReadModels } from '../read-models.service';
import { ReadScope, scopeSql } from '../shared/read-scope';
import { SqlFilter } from '../shared/sql-filter';
import { STAFF } from '../staff/staff.projection';

export interface AuditLogFilter {
  readonly actorId?: string;
  readonly eventType?: string;
  readonly stream?: string;
  /** Recorded at or after this instant (ISO). */
  readonly from?: string;
  /** Recorded before this instant (ISO). */
  readonly to?: string;
  readonly correlationId?: string;
  readonly limit: number;
  /** Page backwards from (not including) this commit position: newest first. */
  readonly before?: string;
  readonly minPosition?: string;
}

export interface AuditLogEntry {
  position: string;
  eventId: string;
  stream: string;
  revision: number;
  eventType: string;
  actorId: string | null;
  actorRole: string | null;
  /** The actor's display name (null for the system or a user the staff read model does not know). */
  actorName: string | null;
  recordedAt: string;
  effectiveDate: string | null;
  commandId: string | null;
  commandType: string | null;
  correlationId: string | null;
  causationId: string | null;
  hasReason: boolean;
  /** The facility the event belongs to (from its data), when it belongs to one. */
  facilityId: string | null;
  /** Days from the effective date to the day it was recorded, for a late entry (more than LATE_ENTRY_DAYS); else null. */
  daysLate: number | null;
}

export interface LateEntriesFilter {
  readonly scope: ReadScope;
  readonly facilityId?: string;
  /** Recorded at or after / before these instants (ISO). */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly before?: string;
  readonly minPosition?: string;
}

/** Late entries made by people (the system's own follow-ups of them are left out), newest first, in the reader's facilities. */
export class SearchLateEntriesQuery extends Query<{ entries: AuditLogEntry[]; next: string | null }> {
  constructor(readonly filter: LateEntriesFilter) {
    super();
  }
}

export class SearchAuditLogQuery extends Query<{ entries: AuditLogEntry[]; next: string | null }> {
  constructor(readonly filter: AuditLogFilter) {
    super();
  }
}

@QueryHandler(SearchAuditLogQuery)
export class SearchAuditLogHandler implements IQueryHandler<SearchAuditLogQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ filter }: SearchAuditLogQuery) {
    await this.readModels.ready(['audit_log', STAFF], filter.minPosition);
    const where = new SqlFilter()
      .add('actor_id = ?', filter.actorId)
      .add('event_type = ?', filter.eventType)
      .add('stream = ?', filter.stream)
      .add('recorded_at >= ?', filter.from)
      .add('recorded_at < ?', filter.to)
      .add('correlation_id = ?', filter.correlationId)
      .add('commit_position < ?', filter.before === undefined ? undefined : BigInt(filter.before));
    const rows = this.readModels
      .statement(
        `SELECT a.*, s.display_name AS actor_name FROM ${withNames(this.readModels)} ${where.clause} ORDER BY commit_position DESC, prepare_position DESC LIMIT ?`,
        { safeIntegers: true },
      )
      .all(...where.params, filter.limit + 1) as Array<SelectedRow>;
    const page = rows.slice(0, filter.limit);
    return {
      entries: page.map(toEntry),
      next: rows.length > filter.limit ? String(page[page.length - 1].commit_position) : null,
    };
  }
}

@QueryHandler(SearchLateEntriesQuery)
export class SearchLateEntriesHandler implements IQueryHandler<SearchLateEntriesQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ filter }: SearchLateEntriesQuery) {
    await this.readModels.ready(['audit_log', STAFF], filter.minPosition);
    const scope = scopeSql('facility_id', filter.scope);
    const where = new SqlFilter()
      .add('facility_id = ?', filter.facilityId)
      .add('recorded_at >= ?', filter.from)
      .add('recorded_at < ?', filter.to)
      .add('commit_position < ?', filter.before === undefined ? undefined : BigInt(filter.before));
    const conditions = [`days_late IS NOT NULL`, `actor_id IS NOT 'system'`, scope.sql, where.clause.replace(/^WHERE /, '')].filter(Boolean);
    const rows = this.readModels
      .statement(
        `SELECT a.*, s.display_name AS actor_name FROM ${withNames(this.readModels)} WHERE ${conditions.join(' AND ')} ORDER BY commit_position DESC, prepare_position DESC LIMIT ?`,
        {
          safeIntegers: true,
        },
      )
      .all(...scope.params, ...where.params, filter.limit + 1) as Array<SelectedRow>;
    const page = rows.slice(0, filter.limit);
    return {
      entries: page.map(toEntry),
      next: rows.length > filter.limit ? String(page[page.length - 1].commit_position) : null,
    };
  }
}

/** The audit events as `a`, each with its actor's display name as `s.display_name` where the staff read model knows it. */
function withNames(readModels: ReadModels): string {
  return `${readModels.table('audit_log', 'audit_events')} a LEFT JOIN ${readModels.table(STAFF, 'staff_names')} s ON s.user_id = a.actor_id`;
}

function toEntry(r: SelectedRow): AuditLogEntry {
  return {
    position: r.commit_position === r.prepare_position ? String(r.commit_position) : `${r.commit_position}/${r.prepare_position}`,
    eventId: r.event_id,
    stream: r.stream,
    revision: Number(r.revision),
    eventType: r.event_type,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    actorName: r.actor_name ?? null,
    recordedAt: r.recorded_at,
    effectiveDate: r.effective_date,
    commandId: r.command_id,
    commandType: r.command_type,
    correlationId: r.correlation_id,
    causationId: r.causation_id,
    hasReason: r.has_reason === 1n,
    facilityId: r.facility_id ?? null,
    daysLate: r.days_late == null ? null : Number(r.days_late),
  };
}
