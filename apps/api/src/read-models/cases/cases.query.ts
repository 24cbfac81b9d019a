import type { SelectedRow } from '@app/projections';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { CaseStatus, identityClaimDecider, identityClaimStream } from '@app/domain';
import { ClaimKeys } from '../../platform/auth/claim-keys';
import { ReadModels } from '../read-models.service';
import { CASES } from './cases.projection';
import { likeEscape, ReadScope, scopeSql, searchKey } from '../shared/read-scope';
import { StreamReader } from '../../platform/streams/stream-reader';

export interface CaseSearchFilter {
  /** Part of a name (every word must occur, any case), or an identity number (exact match only). */
  readonly q?: string;
  readonly status?: CaseStatus;
  readonly facilityId?: string;
  /** A contact person's name, any case. */
  readonly contactPerson?: string;
  readonly limit: number;
  readonly offset: number;
  readonly minPosition?: string;
  /** The facilities the actor may read cases in. */
  readonly scope: ReadScope;
}

export interface CaseSummary {
  caseId: string;
  personId: string;
  name: { givenName: string; familyName: string } | null;
  birthYear: number | null;
  facilityId: string;
  status: CaseStatus;
  unitId: string | null;
  contactPersons: string[];
  referredOn: string;
  lastEventOn: string;
}

export interface CaseSearchResult {
  total: number;
  limit: number;
  offset: number;
  items: CaseSummary[];
}

export class SearchCasesQuery extends Query<CaseSearchResult> {
  constructor(readonly filter: CaseSearchFilter) {
    super();
  }
}

/** Fødselsnummer or D-number: 11 digits (spaces allowed in what a user types). */
const IDENTITY_NUMBER = /^\d{11}$/;

/**
 * Identity numbers are looked up, never stored: the number's identity claim stream (named by a keyed
 * hash of the number, see ClaimKeys) says which person holds it, so no read model keeps a copy that
 * would outlive forgetting the person (the claim is released then).
 */
@QueryHandler(SearchCasesQuery)
export class SearchCasesHandler implements IQueryHandler<SearchCasesQuery> {
  constructor(
    private readonly readModels: ReadModels,
    private readonly streams: StreamReader,
    private readonly claimKeys: ClaimKeys,
  ) {}

  /** The person holding an identity number, if anyone does. */
  private async holderOf(identityNumber: string): Promise<string | null> {
    const claim = await this.streams.load(identityClaimDecider, identityClaimStream(this.claimKeys.identityNumber(identityNumber)));
    return claim.state.status === 'claimed' ? claim.state.personId : null;
  }

  async execute({ filter }: SearchCasesQuery): Promise<CaseSearchResult> {
    await this.readModels.ready([CASES], filter.minPosition);
    const cases = this.readModels.table(CASES, 'cases_case');
    const people = this.readModels.table(CASES, 'cases_people');
    const dates = this.readModels.table(CASES, 'cases_event_dates');
    const contacts = this.readModels.table(CASES, 'cases_contact_persons');

    const scope = scopeSql('c.facility_id', filter.scope);
    const where: string[] = [scope.sql];
    const params: unknown[] = [...scope.params];
    const add = (sql: string, ...values: unknown[]) => {
      where.push(sql);
      params.push(...values);
    };
    if (filter.status) add('c.status = ?', filter.status);
    if (filter.facilityId) add('c.facility_id = ?', filter.facilityId);
    if (filter.contactPerson) add(`EXISTS (SELECT 1 FROM ${contacts} k WHERE k.case_id = c.case_id AND k.name_key = ?)`, searchKey(filter.contactPerson));
    const q = filter.q?.trim();
    if (q) {
      const digits = q.replace(/\s+/g, '');
      if (IDENTITY_NUMBER.test(digits)) add('c.person_id = ?', await this.holderOf(digits));
      else {
        for (const word of searchKey(q).split(/\s+/).filter(Boolean)) {
          add(`(p.given_name_key || ' ' || p.family_name_key) LIKE ? ESCAPE '\\'`, `%${likeEscape(word)}%`);
        }
      }
    }

    const from = `FROM ${cases} c LEFT JOIN ${people} p ON p.person_id = c.person_id WHERE ${where.join(' AND ')}`;
    const db = this.readModels;
    const { total } = db.statement(`SELECT COUNT(*) AS total ${from}`).get(...params) as { total: number };
    const rows = db
      .statement(
        `SELECT c.case_id, c.person_id, c.facility_id, c.status, c.unit_id, c.contact_persons, c.referred_on,
           p.given_name, p.family_name, p.birth_year,
           (SELECT MAX(d.event_on) FROM ${dates} d WHERE d.case_id = c.case_id) AS last_event_on
         ${from}
         ORDER BY last_event_on DESC, c.case_id
         LIMIT ? OFFSET ?`,
      )
      .all(...params, filter.limit, filter.offset) as Array<SelectedRow>;
    return { total, limit: filter.limit, offset: filter.offset, items: rows.map(toSummary) };
  }
}

function toSummary(r: SelectedRow): CaseSummary {
  return {
    caseId: r.case_id,
    personId: r.person_id,
    name: r.given_name == null ? null : { givenName: r.given_name, familyName: r.family_name },
    birthYear: r.birth_year ?? null,
    facilityId: r.facility_id,
    status: r.status,
    unitId: r.unit_id,
    contactPersons: JSON.parse(r.contact_persons),
    referredOn: r.referred_on,
    lastEventOn: r.last_event_on ?? r.referred_on,
  };
}
