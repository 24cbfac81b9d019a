import { addDays, IsoDate } from '../shared/dates';

/**
 * Places on units over time, for planning histories before any command runs: who holds a place on
 * which unit from when to when, so that no unit is ever planned to hold more than its capacity on a
 * day. A hold runs from its first day to its release day (the move-out, decline or expiry; open while
 * it runs on); `turnaroundDays` says when the place may be taken again: 0 on the release day itself (a
 * same-day handover), 1 the day after, 2 with one empty day between.
 */
export interface PlannedHold {
  readonly unit: number;
  readonly owner: string;
  readonly from: IsoDate;
  /** The release day; undefined while the hold runs on. */
  readonly to?: IsoDate;
}

const NEVER = '9999-12-31';

export class UnitCalendar {
  private readonly held: PlannedHold[] = [];

  constructor(
    /** Places per unit, by unit index. */
    readonly capacities: readonly number[],
    readonly turnaroundDays: number,
  ) {}

  get holds(): readonly PlannedHold[] {
    return this.held;
  }

  get units(): number {
    return this.capacities.length;
  }

  take(hold: PlannedHold): void {
    this.held.push(hold);
  }

  /** The last day a hold keeps others out (its release day plus the turnaround, less one). */
  private blockedUntil(h: PlannedHold): IsoDate {
    return h.to === undefined ? NEVER : addDays(h.to, this.turnaroundDays - 1);
  }

  /** Places taken on `day`. */
  takenOn(unit: number, day: IsoDate): number {
    return this.held.filter((h) => h.unit === unit && h.from <= day && day <= this.blockedUntil(h)).length;
  }

  /** Could a hold from `from` released on `to` (undefined: open) be added on `unit` without overbooking any day? */
  isFree(unit: number, from: IsoDate, to?: IsoDate): boolean {
    const last = to === undefined ? NEVER : addDays(to, this.turnaroundDays - 1);
    const overlapping = this.held.filter((h) => h.unit === unit && h.from <= last && from <= this.blockedUntil(h));
    if (overlapping.length < this.capacities[unit]) return true;
    // Count day by day only where holds start (the count only rises there).
    const starts = [from, ...overlapping.map((h) => h.from).filter((d) => d > from)];
    return starts.every((day) => overlapping.filter((h) => h.from <= day && day <= this.blockedUntil(h)).length < this.capacities[unit]);
  }

  /**
   * The first day from `notBefore` (up to `lastStart`) on which some unit is free for a hold of
   * `length` days (released `length` days after it starts; 'open' runs on), and that unit. Units are
   * tried in the order `unitOrder` gives for each day (index order when not given).
   */
  firstFree(
    notBefore: IsoDate,
    length: number | 'open',
    options: { lastStart?: IsoDate; latestRelease?: IsoDate; unitOrder?: () => readonly number[]; except?: number } = {},
  ): { unit: number; day: IsoDate } | undefined {
    const lastStart = options.lastStart ?? addDays(notBefore, 3660);
    for (let day = notBefore; day <= lastStart; day = addDays(day, 1)) {
      const to = length === 'open' ? undefined : addDays(day, length);
      if (to !== undefined && options.latestRelease !== undefined && to > options.latestRelease) return undefined;
      const order = options.unitOrder?.() ?? this.capacities.map((_, i) => i);
      for (const unit of order) if (unit !== options.except && this.isFree(unit, day, to)) return { unit, day };
    }
    return undefined;
  }

  /** Of the units free for the hold, the one whose last hold ended longest ago (turnover spread over the building). */
  leastRecentlyUsed(candidates: readonly number[], from: IsoDate, to?: IsoDate): number | undefined {
    const lastEnd = (unit: number) =>
      this.held
        .filter((h) => h.unit === unit && h.from <= from)
        .reduce<IsoDate>((end, h) => (this.blockedUntil(h) > end ? this.blockedUntil(h) : end), '0000-01-01');
    return candidates.filter((u) => this.isFree(u, from, to)).sort((a, b) => (lastEnd(a) < lastEnd(b) ? -1 : lastEnd(a) > lastEnd(b) ? 1 : 0))[0];
  }
}
