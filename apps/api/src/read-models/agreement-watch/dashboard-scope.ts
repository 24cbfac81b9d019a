import { Action, facilityScope } from '@app/domain';
import { Actor } from '../../application/actor';
import { AccessDenied } from '../../application/command-errors';

/**
 * Facility scope of the dashboards and reports (agreement watch, obligations, outcomes, returns):
 * supervisors, team leads and case workers see the facilities they are assigned to, auditors every
 * facility, and roles without the action none (the route's @Requires already answers 403 to them).
 */
export type FacilityFilter = 'everywhere' | readonly string[];

/**
 * The facilities a query covers. Asking for one facility outside the actor's scope is a 403 (as the
 * command side answers); asking for none means every facility in scope, possibly an empty list.
 */
export function facilitiesFor(actor: Actor, action: Action, facilityId?: string): FacilityFilter {
  const scope = facilityScope(actor.grants, action);
  if (facilityId !== undefined) {
    if (scope !== 'everywhere' && !scope.includes(facilityId)) throw new AccessDenied('You are not assigned to this facility');
    return [facilityId];
  }
  return scope;
}

/** A WHERE fragment limiting `column` to the filter (`1 = 1` everywhere, `0 = 1` nowhere). */
export function facilitySql(column: string, filter: FacilityFilter): { sql: string; params: string[] } {
  if (filter === 'everywhere') return { sql: '1 = 1', params: [] };
  if (filter.length === 0) return { sql: '0 = 1', params: [] };
  return { sql: `${column} IN (${filter.map(() => '?').join(', ')})`, params: [...filter] };
}

