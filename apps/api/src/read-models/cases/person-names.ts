import { ReadModels } from '../read-models.service';
import { CASES } from './cases.projection';

/** A person's name for display; null once the person is forgotten (their row is gone). */
export type PersonName = { givenName: string; familyName: string } | null;

/**
 * The names of the people given, from the cases read model's cases_people: for listings kept by
 * other read models (the dashboards) to name each row's person instead of showing an id. The caller
 * waits for CASES with its other read models, so the names are as fresh as the rows.
 */
export function personNames(readModels: ReadModels, personIds: Iterable<string>): ReadonlyMap<string, PersonName> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return new Map();
  const rows = readModels
    .statement(`SELECT person_id, given_name, family_name FROM ${readModels.table(CASES, 'cases_people')} WHERE person_id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as Array<{ person_id: string; given_name: string; family_name: string }>;
  return new Map(rows.map((r) => [r.person_id, { givenName: r.given_name, familyName: r.family_name }]));
}

/** Each row with its person's name (null when forgotten or unknown). */
export function named<T extends { personId: string }>(rows: readonly T[], names: ReadonlyMap<string, PersonName>): Array<T & { name: PersonName }> {
  return rows.map((r) => ({ ...r, name: names.get(r.personId) ?? null }));
}
