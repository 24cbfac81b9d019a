import type { SelectedRow } from '@app/projections';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { SqlFilter } from '../shared/sql-filter';
import { ReadModels } from '../read-models.service';
import { CASES } from '../cases/cases.projection';
import { PersonName, personNames } from '../cases/person-names';
import { STAFF } from '../staff/staff.projection';
import { ACCESS_LOG } from './access-log.projection';

export interface AccessLogFilter {
  readonly personId?: string;
  /** Only the reads flagged for review (outside the reader's facilities). */
  readonly flagged?: boolean;
  readonly actorId?: string;
  /** Read at or after this instant (ISO). */
  readonly from?: string;
  /** Read before this instant (ISO). */
  readonly to?: string;
  readonly limit: number;
  readonly offset: number;
  readonly minPosition?: string;
}

export interface AccessLogEntry {
  accessId: string;
  /** Whose file was read (null only for an old record whose case is not known either). */
  personId: string | null;
  /** Whose file, by name (null once the person is forgotten, or when not known). */
  personName: PersonName;
  caseId: string | null;
  view: string;
  actorId: string;
  actorRole: string;
  /** The reader's display name (null for a user the staff read model does not know). */
  actorName: string | null;
  at: string;
  flagged: boolean;
  /** A write about the person (view: correction, comment or referral), not a read. */
  write: boolean;
  /** What the reader stated; null when none was, or when the person has been forgotten. */
  purpose: string | null;
}

export interface AccessLogPage {
  total: number;
  limit: number;
  offset: number;
  items: AccessLogEntry[];
}

export class SearchAccessLogQuery extends Query<AccessLogPage> {
  constructor(readonly filter: AccessLogFilter) {
    super();
  }
}

/** Reads of people's files, newest first, filtered by person, reader, period and flag. */
@QueryHandler(SearchAccessLogQuery)
export class SearchAccessLogHandler implements IQueryHandler<SearchAccessLogQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ filter }: SearchAccessLogQuery): Promise<AccessLogPage> {
    await this.readModels.ready([ACCESS_LOG, STAFF, CASES], filter.minPosition);
    // A read recorded without its person (older records) is that of its case's person.
    const where = new SqlFilter()
      .add('COALESCE(r.person_id, c.person_id) = ?', filter.personId)
      .add('r.flagged = ?', filter.flagged === undefined ? undefined : filter.flagged ? 1 : 0)
      .add('r.actor_id = ?', filter.actorId)
      .add('r.at >= ?', filter.from)
      .add('r.at < ?', filter.to);
    const reads = this.readModels.table(ACCESS_LOG, 'access_reads');
    const purposes = this.readModels.table(ACCESS_LOG, 'access_purposes');
    const cases = this.readModels.table(ACCESS_LOG, 'access_cases');
    const staff = this.readModels.table(STAFF, 'staff_names');
    const { clause, params } = where;
    const db = this.readModels;
    const from = `${reads} r LEFT JOIN ${cases} c ON r.person_id IS NULL AND c.case_id = r.case_id`;
    const { total } = db.statement(`SELECT COUNT(*) AS total FROM ${from} ${clause}`).get(...params) as { total: number };
    const rows = db
      .statement(
        `SELECT r.*, COALESCE(r.person_id, c.person_id) AS resolved_person_id, p.purpose, s.display_name AS actor_name FROM ${from}
         LEFT JOIN ${purposes} p ON p.access_id = r.access_id LEFT JOIN ${staff} s ON s.user_id = r.actor_id ${clause}
         ORDER BY r.at DESC, r.access_id LIMIT ? OFFSET ?`,
      )
      .all(...params, filter.limit, filter.offset) as Array<SelectedRow>;
    const names = personNames(
      db,
      rows.flatMap((r) => (r.resolved_person_id ? [r.resolved_person_id as string] : [])),
    );
    const items = rows.map((r) => ({ ...toEntry(r), personName: r.resolved_person_id ? (names.get(r.resolved_person_id) ?? null) : null }));
    return { total, limit: filter.limit, offset: filter.offset, items };
  }
}

function toEntry(r: SelectedRow): Omit<AccessLogEntry, 'personName'> {
  return {
    accessId: r.access_id,
    personId: r.resolved_person_id ?? null,
    caseId: r.case_id,
    view: r.view,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    actorName: r.actor_name ?? null,
    at: r.at,
    flagged: r.flagged === 1,
    write: r.write === 1,
    purpose: r.purpose ?? null,
  };
}
