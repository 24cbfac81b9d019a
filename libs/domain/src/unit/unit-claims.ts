import { IsoDate } from '../shared/dates';

/**
 * A unit's places over time. Every use of a place is a claim on the calendar, on effective dates:
 * - a reservation: an offer holds a place from the day it is made until it is declined, expires or
 *   the person moves in;
 * - an occupancy: a move-in, a transfer or an assessment stay (kartlegging), until the person leaves;
 * - an out-of-service period, which takes every place of the unit.
 * A claim runs from the day it starts up to the day it ends, that day not included: a night counts
 * on the date it begins, so a place given up on 10 March can be taken again on 10 March.
 *
 * A claim whose end is not recorded yet runs on: a resident who has not moved out still lives there.
 * The one exception is a claim entered after the fact into a gap before another claim (a stay in
 * January recorded after the February resident's): it can only have ended by the day the later
 * claim took the place, and it carries that day as `endsBy`. So the same history, entered in any
 * order, is refused or accepted alike, and no day ever holds more than the unit's capacity.
 */
export interface ClaimPeriod {
  readonly from: IsoDate;
  /** The day the claim ended (not included); undefined while no end is recorded. */
  readonly to?: IsoDate;
  /** For a claim entered into a gap before a later one: the day the later claim takes the place. */
  readonly endsBy?: IsoDate;
}

export interface WeightedClaim extends ClaimPeriod {
  /** Places the claim takes: one for a reservation or an occupancy, every place for out of service. */
  readonly places: number;
}

/** The first day the claim no longer holds its place; undefined when it runs on. */
export const claimEnd = (claim: ClaimPeriod): IsoDate | undefined => claim.to ?? claim.endsBy;

export function coversDay(claim: ClaimPeriod, day: IsoDate): boolean {
  const end = claimEnd(claim);
  return claim.from <= day && (end === undefined || day < end);
}

/** Places taken on a day. */
export function placesTakenOn(claims: readonly WeightedClaim[], day: IsoDate): number {
  return claims.reduce((n, c) => n + (coversDay(c, day) ? c.places : 0), 0);
}

/**
 * The first day, from `from` on, on which `places` more would not fit in `capacity`; undefined when
 * they fit on every day. Load only grows where a claim starts, so only those days need looking at.
 */
export function firstFullDay(claims: readonly WeightedClaim[], capacity: number, from: IsoDate, places: number): IsoDate | undefined {
  const days = [...new Set([from, ...claims.map((c) => c.from).filter((d) => d > from)])].sort();
  return days.find((day) => placesTakenOn(claims, day) + places > capacity);
}
