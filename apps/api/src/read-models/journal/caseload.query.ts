import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ContactKind, ContactParty } from '@app/domain';
import { Clock } from '../../platform/clock';
import { ReadModels } from '../read-models.service';
import { CASES } from '../cases/cases.projection';
import { daysSince, ReadScope, scopeSql, searchKey } from '../shared/read-scope';
import { JOURNAL } from './journal.projection';

/** Whom a contact person follows: cases still running, where the person lives here, outside, or has moved on. */
const FOLLOWED = ['resident', 'ambulant', 'moved_out'] as const;

export interface CaseloadEntry {
  caseId: string;
  personId: string;
  facilityId: string;
  name: { givenName: string; familyName: string } | null;
  status: string;
  /** The latest contact by when it took place, if any. */
  lastContact: { at: string; on: string; kind: ContactKind; parties: ContactParty[] } | null;
  /** Days from the latest contact's day to today; null without any contact. */
  daysSinceContact: number | null;
  /** The next contact planned (at the latest contact or before it) that is not before the latest; null if none. */
  nextPlannedOn: string | null;
}

export interface Caseload {
  contactPerson: string;
  today: string;
  /** Longest without contact first (never contacted first of all): who needs a visit. */
  entries: CaseloadEntry[];
}

export class CaseloadQuery extends Query<Caseload> {
  constructor(
    readonly contactPerson: string,
    readonly scope: ReadScope,
    readonly minPosition?: string,
  ) {
    super();
  }
}

/** The contact persons named on cases in scope, for choosing whose caseload to see. */
export class ContactPersonsQuery extends Query<string[]> {
  constructor(
    readonly scope: ReadScope,
    readonly minPosition?: string,
  ) {
    super();
  }
}

@QueryHandler(CaseloadQuery)
export class CaseloadHandler implements IQueryHandler<CaseloadQuery> {
  constructor(
    private readonly readModels: ReadModels,
    private readonly clock: Clock,
  ) {}

  async execute({ contactPerson, scope, minPosition }: CaseloadQuery): Promise<Caseload> {
    await this.readModels.ready([JOURNAL, CASES], minPosition);
    const cases = this.readModels.table(CASES, 'cases_case');
    const contactPersons = this.readModels.table(CASES, 'cases_contact_persons');
    const people = this.readModels.table(CASES, 'cases_people');
    const contacts = this.readModels.table(JOURNAL, 'journal_contacts');
    const where = scopeSql('c.facility_id', scope);
    // The latest contact per case: the one no later contact of the same case follows.
    const rows = this.readModels
      .statement(
        `SELECT c.case_id, c.person_id, c.facility_id, c.status, p.given_name, p.family_name,
                k.about, k.on_date, k.kind, k.parties,
                (SELECT MAX(planned.next_planned_on) FROM ${contacts} planned
                  WHERE planned.case_id = c.case_id AND planned.next_planned_on >= k.on_date) AS next_planned_on
         FROM ${cases} c
         JOIN ${contactPersons} cp ON cp.case_id = c.case_id AND cp.name_key = ?
         LEFT JOIN ${people} p ON p.person_id = c.person_id
         LEFT JOIN ${contacts} k ON k.case_id = c.case_id
           AND NOT EXISTS (SELECT 1 FROM ${contacts} later WHERE later.case_id = k.case_id
             AND (later.about > k.about OR (later.about = k.about AND later.contact_id > k.contact_id)))
         WHERE c.status IN (${FOLLOWED.map(() => '?').join(', ')}) AND ${where.sql}`,
      )
      .all(searchKey(contactPerson), ...FOLLOWED, ...where.params) as Row[];
    const today = this.clock.today();
    const entries = rows.map((r) => toEntry(r, today)).sort(byNeed);
    return { contactPerson: contactPerson.trim(), today, entries };
  }
}

@QueryHandler(ContactPersonsQuery)
export class ContactPersonsHandler implements IQueryHandler<ContactPersonsQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ scope, minPosition }: ContactPersonsQuery): Promise<string[]> {
    await this.readModels.ready([CASES], minPosition);
    const cases = this.readModels.table(CASES, 'cases_case');
    const contactPersons = this.readModels.table(CASES, 'cases_contact_persons');
    const where = scopeSql('c.facility_id', scope);
    const rows = this.readModels
      .statement(
        `SELECT cp.name_key, MIN(cp.name) AS name FROM ${contactPersons} cp JOIN ${cases} c ON c.case_id = cp.case_id
         WHERE c.status IN (${FOLLOWED.map(() => '?').join(', ')}) AND ${where.sql} GROUP BY cp.name_key`,
      )
      .all(...FOLLOWED, ...where.params) as { name: string }[];
    return rows.map((r) => r.name).sort((a, b) => a.localeCompare(b, 'nb'));
  }
}

interface Row {
  case_id: string;
  person_id: string;
  facility_id: string;
  status: string;
  given_name: string | null;
  family_name: string | null;
  about: string | null;
  on_date: string | null;
  kind: ContactKind | null;
  parties: string | null;
  next_planned_on: string | null;
}

function toEntry(r: Row, today: string): CaseloadEntry {
  const contacted = r.about !== null && r.on_date !== null && r.kind !== null;
  return {
    caseId: r.case_id,
    personId: r.person_id,
    facilityId: r.facility_id,
    name: r.given_name == null ? null : { givenName: r.given_name, familyName: r.family_name ?? '' },
    status: r.status,
    lastContact: contacted ? { at: r.about!, on: r.on_date!, kind: r.kind!, parties: JSON.parse(r.parties ?? '[]') as ContactParty[] } : null,
    daysSinceContact: contacted ? daysSince(r.on_date!, today) : null,
    nextPlannedOn: contacted ? r.next_planned_on : null,
  };
}

/** Never contacted first, then the longest since a contact; ties by case id, so the order is stable. */
const byNeed = (a: CaseloadEntry, b: CaseloadEntry) =>
  (b.daysSinceContact ?? Infinity) - (a.daysSinceContact ?? Infinity) || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0);
