import { Action, daysBetween, facilityScope, IsoDate } from '@app/domain';
import { Actor } from '../../platform/auth/actor';
import { AccessDenied } from '../../platform/errors/command-errors';

/**
 * Facility scope for read-model queries (shared by the cases, occupancy, waiting-list and timeline
 * read models): the facilities whose rows an actor may see for an action, as the commands scope them.
 * A case worker or supervisor sees their facilities; an auditor everywhere; a role without the action
 * nowhere (an empty list).
 */
export type ReadScope = 'everywhere' | readonly string[];

/** The union of the scopes of several actions (e.g. "read.dashboard or admin.facilities"). */
export function readScope(actor: Actor, ...actions: Action[]): ReadScope {
  const facilities = new Set<string>();
  for (const action of actions) {
    const scope = facilityScope(actor.grants, action);
    if (scope === 'everywhere') return 'everywhere';
    scope.forEach((id) => facilities.add(id));
  }
  return [...facilities].sort();
}

export const inScope = (scope: ReadScope, facilityId: string | null | undefined): boolean =>
  scope === 'everywhere' || (facilityId != null && scope.includes(facilityId));

/** 403 unless the facility is in scope: facility endpoints answer so, as the command side does. */
export function assertFacilityInScope(scope: ReadScope, facilityId: string): void {
  if (!inScope(scope, facilityId)) throw new AccessDenied('You are not assigned to this facility');
}

/** A WHERE fragment limiting `column` to the scope (`1 = 1` everywhere, `0 = 1` nowhere). */
export function scopeSql(column: string, scope: ReadScope): { sql: string; params: string[] } {
  if (scope === 'everywhere') return { sql: '1 = 1', params: [] };
  if (scope.length === 0) return { sql: '0 = 1', params: [] };
  return { sql: `${column} IN (${scope.map(() => '?').join(', ')})`, params: [...scope] };
}

/** Whole days from a domain date to today, never negative (a date "today" or later counts 0). */
export const daysSince = (from: IsoDate, today: IsoDate): number => Math.max(0, daysBetween(from, today));

/** The median of a list of numbers (the mean of the middle two for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A lower-case form of a name for case-insensitive search (SQLite's lower() only knows ASCII: æøå). */
export const searchKey = (text: string): string => text.normalize('NFC').toLocaleLowerCase('nb-NO').trim();

/** Escapes LIKE wildcards; use with `ESCAPE '\'`. */
export const likeEscape = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The facilities a dashboard or report covers: asking for one facility outside the actor's scope is a
 * 403 (as the command side answers); asking for none means every facility in scope, possibly none.
 */
export function facilitiesFor(actor: Actor, action: Action, facilityId?: string): ReadScope {
  const scope = readScope(actor, action);
  if (facilityId === undefined) return scope;
  assertFacilityInScope(scope, facilityId);
  return [facilityId];
}
