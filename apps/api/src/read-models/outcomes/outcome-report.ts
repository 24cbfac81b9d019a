import {
  addDays,
  addMonths,
  daysBetween,
  DESTINATION_CATEGORIES,
  DESTINATIONS,
  EXCLUSION_REASONS,
  EXIT_REASONS,
  INCIDENT_KINDS,
  IsoDate,
  WITHDRAWAL_REASONS,
} from '@app/domain';

/**
 * The outcome report of one or more facilities over a period, in the shape of Bolig Nu's own table
 * (seed 003: "69 people offered a place, 52 lived there; of 68: 4 municipal housing, 20 private
 * housing, 2 offered twice, 7 transit, 17 declined, 13 ended by Bolig Nu, 6 living here now; 3 on the
 * waiting list; ages 18–57, mean 34; 11 women; mean stay of those who moved out about 41 days; 2,394
 * bed-nights; 7 ended for heavy substance use and 2 for heavy psychiatric illness").
 *
 * Every figure is counted over one population, which the report states (`population` on a section,
 * the name of the figure in `people`), so a reader never has to guess which people a number is about.
 * The period is `from`..`to`, both days included; every date is an event's effective date, and each
 * fact counts as it stood at the end of `to`. Nights are counted only as far as they have happened:
 * up to `countedTo`, the earlier of `to` and today (a report to a future `to` counts no night to come).
 *
 * The populations (POPULATIONS):
 * - `offered`: people with at least one offer of a unit made in the period.
 * - `lived_there`: people with a stay in the period: moved in on or before `to`, and still living
 *   there or moved out on or after `from`. One case has at most one stay; a second stay is a new
 *   referral, so a new case.
 * - `moved_out`: the stays that ended (moved out) in the period, and the people they were.
 * - `living_at_end`: the stays still open at the end of `to` (moved in by `to`, not moved out by
 *   `to`), and the people living there then.
 * - `waiting_at_end`: people on the facility's waiting list at the end of `to`.
 * and, for the figures that count events rather than people: `offers_made` (offers made in the
 * period), `placed_on_waiting_list` (spells on the waiting list that began in the period), `withdrawn`
 * (referrals withdrawn in the period), `exclusions_decided` (exclusions decided in the period),
 * `incidents` (incidents that happened in the period).
 *
 * The figures:
 * - The length of a stay, in nights: from the move-in day to the move-out day (MovedOut.nights), or,
 *   for a stay still open at the end, up to and including the night that begins on `countedTo`.
 * - people.offered / offeredTwiceOrMore (two or more offers made in the period, in one case or in
 *   several) / declined (declined an offer made in the period, by `to`): over `offered`.
 * - people.livedThere: the size of `lived_there`. people.movedOut, people.endedByService (moved out
 *   with exit reason `excluded`: the stay ended by the service after an exclusion decision): people of
 *   `moved_out`. people.livingAtEnd: the people of `living_at_end`.
 * - people.waitingAtEnd: people on the facility's waiting list at the end of `to` (placed by `to`, not
 *   taken off by `to`; an open offer does not take anyone off the list, a move-in does).
 * - breakdown (`offered`): Bolig Nu's table, every person offered a place in the period exactly once,
 *   by the first rule that fits: `offered_twice` (two or more offers in the period) → `declined` (no
 *   stay in the period, declined an offer) → `not_moved_in` (no stay, did not decline: the offer is
 *   open, expired or accepted without a move-in yet) → `living_at_end` → `ended_by_service` (the latest
 *   stay ended with exit reason excluded) → the destination of the latest stay's move-out
 *   (municipal_housing, private_rental, transit, ...). Its total is people.offered.
 * - exits (`moved_out`): move-outs in the period (stays, not people), by destination, by HMIS
 *   destination category and by exit reason.
 * - offers (`offers_made`): offers made in the period, by their answer as of `to`.
 * - waitingList: spells placed on the list in the period; referrals withdrawn in the period, by
 *   reason, and those withdrawn from the waiting list because the person found housing themselves
 *   (Bolig Nu: 13).
 * - lengthOfStay (`moved_out`): the stays that ended in the period: count, mean (one decimal), median,
 *   shortest and longest, in nights; each stay's whole length, also nights before `from`; the same
 *   stays in bands of nights (LENGTH_OF_STAY_BANDS: a week, a month, the 3 months of
 *   sosialtjenesteloven § 27, half a year, longer), every band listed; and over90Nights: those of them
 *   longer than 90 nights, the 3 months § 27 prefers temporary stays not to pass.
 * - staysAtEnd (`living_at_end`): the stays still open at the end, their nights so far (up to
 *   `countedTo`) summarised the same way, and how many have passed 90 nights.
 * - bedNights (`lived_there`): nights spent there inside the period by everyone, up to `countedTo` (a
 *   night counts on the day it begins: from the move-in day to the day before the move-out). Bolig
 *   Nu: 2,394.
 * - ages: over `offered`, each person once at the referral of their first offer in the period
 *   (ReferralRegistered.ageOnReferral), and over `lived_there`, each person once at the move-in of
 *   their first stay in the period (MovedIn.ageOnMoveIn; age at referral differs for those who waited
 *   over a birthday), side by side. Under 25 means 24 or younger.
 * - genders: the same two populations, by the gender on the referral (the person as known then;
 *   `unknown` when not recorded); for `lived_there` also their stays in the period with the shortest
 *   and longest (each stay's length as above).
 * - exclusions (`exclusions_decided`): exclusions decided in the period, by reason (an exclusion
 *   resting on several reasons counts under each); endedByServiceByReason: the reasons of the
 *   exclusions behind the stays of `moved_out` that ended by the service (Bolig Nu: 7 heavy substance
 *   use, 2 heavy psychiatric illness).
 * - incidents (`incidents`): incidents that happened in the period, by kind, and by calendar month
 *   with every month of the period listed (zero where nothing was recorded).
 */
export const POPULATIONS = [
  'offered',
  'lived_there',
  'moved_out',
  'living_at_end',
  'waiting_at_end',
  'offers_made',
  'placed_on_waiting_list',
  'withdrawn',
  'exclusions_decided',
  'incidents',
  'first_decisions',
] as const;
export type Population = (typeof POPULATIONS)[number];

/** Each population in words, for the OpenAPI document and the README. */
export const POPULATION_DEFINITIONS: Readonly<Record<Population, string>> = {
  offered: 'people with at least one offer of a unit made in the period (each person once)',
  lived_there: 'people with a stay in the period: moved in on or before `to`, and still living there or moved out on or after `from` (each person once)',
  moved_out: 'the stays that ended with a move-out in the period, and the people they were',
  living_at_end: 'the stays still open at the end of `to` (moved in by `to`, not moved out by `to`), and the people living there then',
  waiting_at_end: "people on the facility's waiting list at the end of `to`",
  offers_made: 'offers of a unit made in the period (offers, not people)',
  placed_on_waiting_list: 'spells on the waiting list that began in the period',
  withdrawn: 'referrals withdrawn in the period',
  exclusions_decided: 'exclusions decided in the period (decisions, not people)',
  incidents: 'incidents that happened in the period',
  first_decisions: 'referrals whose first formal decision (a grant or a refusal) was issued in the period',
};

export interface OutcomeFacts {
  readonly offers: ReadonlyArray<{
    caseId: string;
    personId: string;
    offeredOn: IsoDate;
    status: string;
    answeredOn: IsoDate | null;
    /** From the case's referral: the person as known then. */
    ageOnReferral: number | null;
    gender: string | null;
  }>;
  readonly stays: ReadonlyArray<{
    caseId: string;
    personId: string;
    movedInOn: IsoDate;
    ageOnMoveIn: number;
    movedOutOn: IsoDate | null;
    destination: string | null;
    destinationCategory: string | null;
    exitReason: string | null;
    nights: number | null;
    exclusionId: string | null;
    gender: string | null;
  }>;
  readonly waitingList: ReadonlyArray<{ caseId: string; personId: string; placedOn: IsoDate; removedOn: IsoDate | null }>;
  readonly withdrawals: ReadonlyArray<{ caseId: string; withdrawnOn: IsoDate; reason: string; fromStatus: string }>;
  readonly exclusions: ReadonlyArray<{ caseId: string; exclusionId: string; decidedOn: IsoDate; reasons: readonly string[] }>;
  readonly incidents: ReadonlyArray<{ occurredOn: IsoDate; kind: string }>;
  /** Grants and refusals up to the end, with their case's referral day. */
  readonly decisions: ReadonlyArray<{ caseId: string; issuedOn: IsoDate; referredOn: IsoDate }>;
}

export interface Summary {
  count: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

export interface AgeSummary {
  population: 'offered' | 'lived_there';
  basis: 'age_on_referral' | 'age_on_move_in';
  people: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  under25: number;
}

export interface OutcomeReport {
  facilityIds: readonly string[] | 'everywhere';
  from: IsoDate;
  to: IsoDate;
  /** The last day nights are counted up to: the earlier of `to` and today. */
  countedTo: IsoDate;
  people: {
    offered: number;
    offeredTwiceOrMore: number;
    livedThere: number;
    declined: number;
    movedOut: number;
    endedByService: number;
    livingAtEnd: number;
    waitingAtEnd: number;
  };
  breakdown: { population: 'offered'; total: number; groups: Record<string, number> };
  exits: {
    population: 'moved_out';
    total: number;
    byDestination: Record<string, number>;
    byCategory: Record<string, number>;
    byReason: Record<string, number>;
  };
  offers: { population: 'offers_made'; made: number; accepted: number; declined: number; expired: number; openAtEnd: number };
  waitingList: { placed: number; withdrawnByReason: Record<string, number>; withdrawnFoundHousingThemselves: number };
  lengthOfStay: {
    population: 'moved_out';
    basis: 'stays_moved_out_in_period';
    nights: Summary;
    bands: Array<{ band: string; maxNights: number | null; stays: number }>;
    over90Nights: number;
  };
  staysAtEnd: { population: 'living_at_end'; basis: 'nights_so_far'; nightsSoFar: Summary; over90Nights: number };
  bedNights: { population: 'lived_there'; nights: number };
  ages: { offered: AgeSummary; livedThere: AgeSummary };
  genders: {
    offered: { population: 'offered'; basis: 'gender_on_referral'; byGender: Record<string, { people: number }> };
    livedThere: {
      population: 'lived_there';
      basis: 'gender_on_referral';
      byGender: Record<string, { people: number; stays: number; minNights: number | null; maxNights: number | null }>;
    };
  };
  exclusions: { population: 'exclusions_decided'; decided: number; byReason: Record<string, number>; endedByServiceByReason: Record<string, number> };
  /** Days from referral to the first formal decision; fvl § 11 a asks for a preliminary reply after a month. */
  decisionTime: { population: 'first_decisions'; basis: 'days_from_referral'; days: Summary; overOneMonth: number };
  incidents: {
    population: 'incidents';
    total: number;
    byKind: Record<string, number>;
    byMonth: Array<{ month: string; total: number; byKind: Record<string, number> }>;
  };
}

/** Bands of a stay's length in nights (upper bound included; null: no bound), named by their range. */
export const LENGTH_OF_STAY_BANDS: ReadonlyArray<{ band: string; maxNights: number | null }> = [
  { band: '0-7', maxNights: 7 },
  { band: '8-30', maxNights: 30 },
  { band: '31-90', maxNights: 90 },
  { band: '91-180', maxNights: 180 },
  { band: '181+', maxNights: null },
];

/** Sosialtjenesteloven § 27: a temporary stay should preferably not pass 3 months. */
export const LONG_STAY_NIGHTS = 90;

/** The order Bolig Nu's table lists its groups in; destinations not named there follow. */
export const BREAKDOWN_GROUPS = ['municipal_housing', 'private_rental', 'offered_twice', 'transit', 'declined', 'ended_by_service', 'living_at_end'] as const;

export function buildOutcomeReport(
  facts: OutcomeFacts,
  period: { from: IsoDate; to: IsoDate; facilityIds: readonly string[] | 'everywhere'; today: IsoDate },
): OutcomeReport {
  const { from, to } = period;
  // Nights that have not happened yet are not counted (a report may run to a `to` in the future).
  const countedTo = period.today < to ? period.today : to;
  const inPeriod = (day: IsoDate | null) => day !== null && day >= from && day <= to;
  const byEnd = (day: IsoDate | null) => day !== null && day <= to;

  const offers = facts.offers.filter((o) => inPeriod(o.offeredOn));
  const answerAtEnd = (o: (typeof offers)[number]) => (byEnd(o.answeredOn) ? o.status : 'open');
  const stays = facts.stays.filter((s) => s.movedInOn <= to && (s.movedOutOn === null || s.movedOutOn >= from));
  const residentAtEnd = (s: (typeof stays)[number]) => s.movedOutOn === null || s.movedOutOn > to;
  const movedOut = stays.filter((s) => inPeriod(s.movedOutOn));
  const openAtEnd = stays.filter(residentAtEnd);
  const nightsSoFar = (s: (typeof stays)[number]) => Math.max(0, daysBetween(s.movedInOn, countedTo) + 1);
  const length = (s: (typeof stays)[number]) => (residentAtEnd(s) ? nightsSoFar(s) : (s.nights ?? daysBetween(s.movedInOn, s.movedOutOn!)));
  const nightsInPeriod = (s: (typeof stays)[number]) => {
    const first = s.movedInOn > from ? s.movedInOn : from;
    const endExclusive = residentAtEnd(s) ? addDays(countedTo, 1) : (s.movedOutOn as IsoDate);
    return Math.max(0, daysBetween(first, endExclusive));
  };

  const people = (rows: ReadonlyArray<{ personId: string }>) => new Set(rows.map((r) => r.personId));
  const offeredPeople = people(offers);
  const offersPerPerson = countBy(offers, (o) => o.personId);
  const declinedPeople = people(offers.filter((o) => answerAtEnd(o) === 'declined'));
  const livedPeople = people(stays);
  const excluded = movedOut.filter((s) => s.exitReason === 'excluded');

  // Bolig Nu's table: each person offered a place, once.
  const staysOf = groupBy(
    [...stays].sort((a, b) => a.movedInOn.localeCompare(b.movedInOn) || a.caseId.localeCompare(b.caseId)),
    (s) => s.personId,
  );
  const groups: Record<string, number> = Object.fromEntries(BREAKDOWN_GROUPS.map((g) => [g, 0]));
  for (const personId of offeredPeople) {
    const own = staysOf.get(personId) ?? [];
    const latest = own[own.length - 1];
    const group =
      (offersPerPerson.get(personId) ?? 0) >= 2
        ? 'offered_twice'
        : !latest
          ? declinedPeople.has(personId)
            ? 'declined'
            : 'not_moved_in'
          : residentAtEnd(latest)
            ? 'living_at_end'
            : latest.exitReason === 'excluded'
              ? 'ended_by_service'
              : (latest.destination ?? 'unknown');
    groups[group] = (groups[group] ?? 0) + 1;
  }

  // Ages and genders of those offered: each person once, as known at the referral of their first offer in the period.
  const firstOffers = [
    ...groupBy(
      [...offers].sort((a, b) => a.offeredOn.localeCompare(b.offeredOn) || a.caseId.localeCompare(b.caseId)),
      (o) => o.personId,
    ).values(),
  ].map((own) => own[0]);
  const offeredGenders: Record<string, { people: number }> = {};
  for (const o of firstOffers) (offeredGenders[o.gender ?? 'unknown'] ??= { people: 0 }).people += 1;

  // Ages and genders of those who lived there: each person once, at their first stay in the period.
  const livedGenders: OutcomeReport['genders']['livedThere']['byGender'] = {};
  for (const own of staysOf.values()) {
    const gender = own[0].gender ?? 'unknown';
    const entry = (livedGenders[gender] ??= { people: 0, stays: 0, minNights: null, maxNights: null });
    entry.people += 1;
    for (const s of own) {
      const n = length(s);
      entry.stays += 1;
      entry.minNights = entry.minNights === null ? n : Math.min(entry.minNights, n);
      entry.maxNights = entry.maxNights === null ? n : Math.max(entry.maxNights, n);
    }
  }

  const waitingAtEnd = people(facts.waitingList.filter((w) => w.placedOn <= to && !byEnd(w.removedOn)));
  const withdrawals = facts.withdrawals.filter((w) => inPeriod(w.withdrawnOn));

  const exclusions = facts.exclusions.filter((x) => inPeriod(x.decidedOn));
  const reasonsOf = new Map(facts.exclusions.map((x) => [`${x.caseId}/${x.exclusionId}`, x.reasons]));
  const endedReasons = excluded.flatMap((s) => (s.exclusionId ? (reasonsOf.get(`${s.caseId}/${s.exclusionId}`) ?? []) : ['unknown']));

  const incidents = facts.incidents.filter((i) => inPeriod(i.occurredOn));
  const movedOutLengths = movedOut.map(length);
  const openLengths = openAtEnd.map(nightsSoFar);

  return {
    facilityIds: period.facilityIds,
    from,
    to,
    countedTo,
    people: {
      offered: offeredPeople.size,
      offeredTwiceOrMore: [...offersPerPerson.values()].filter((n) => n >= 2).length,
      livedThere: livedPeople.size,
      declined: declinedPeople.size,
      movedOut: people(movedOut).size,
      endedByService: people(excluded).size,
      livingAtEnd: people(openAtEnd).size,
      waitingAtEnd: waitingAtEnd.size,
    },
    breakdown: { population: 'offered', total: offeredPeople.size, groups },
    exits: {
      population: 'moved_out',
      total: movedOut.length,
      byDestination: tally(
        movedOut.map((s) => s.destination ?? 'unknown'),
        DESTINATIONS,
      ),
      byCategory: tally(
        movedOut.map((s) => s.destinationCategory ?? 'other'),
        DESTINATION_CATEGORIES,
      ),
      byReason: tally(
        movedOut.map((s) => s.exitReason ?? 'unknown'),
        EXIT_REASONS,
      ),
    },
    offers: {
      population: 'offers_made',
      made: offers.length,
      accepted: offers.filter((o) => answerAtEnd(o) === 'accepted').length,
      declined: offers.filter((o) => answerAtEnd(o) === 'declined').length,
      expired: offers.filter((o) => answerAtEnd(o) === 'expired').length,
      openAtEnd: offers.filter((o) => answerAtEnd(o) === 'open').length,
    },
    waitingList: {
      placed: facts.waitingList.filter((w) => inPeriod(w.placedOn)).length,
      withdrawnByReason: tally(
        withdrawals.map((w) => w.reason),
        WITHDRAWAL_REASONS,
      ),
      withdrawnFoundHousingThemselves: withdrawals.filter((w) => w.reason === 'found_housing_themselves' && w.fromStatus === 'waitlisted').length,
    },
    lengthOfStay: {
      population: 'moved_out',
      basis: 'stays_moved_out_in_period',
      nights: summarise(movedOutLengths),
      bands: bandsOf(movedOutLengths),
      over90Nights: movedOutLengths.filter((n) => n > LONG_STAY_NIGHTS).length,
    },
    staysAtEnd: {
      population: 'living_at_end',
      basis: 'nights_so_far',
      nightsSoFar: summarise(openLengths),
      over90Nights: openLengths.filter((n) => n > LONG_STAY_NIGHTS).length,
    },
    bedNights: { population: 'lived_there', nights: stays.reduce((sum, s) => sum + nightsInPeriod(s), 0) },
    decisionTime: decisionTime(facts.decisions, inPeriod),
    ages: {
      offered: ageSummary(
        'offered',
        'age_on_referral',
        firstOffers.map((o) => o.ageOnReferral).filter((a): a is number => a !== null),
      ),
      livedThere: ageSummary(
        'lived_there',
        'age_on_move_in',
        [...staysOf.values()].map((own) => own[0].ageOnMoveIn),
      ),
    },
    genders: {
      offered: { population: 'offered', basis: 'gender_on_referral', byGender: offeredGenders },
      livedThere: { population: 'lived_there', basis: 'gender_on_referral', byGender: livedGenders },
    },
    exclusions: {
      population: 'exclusions_decided',
      decided: exclusions.length,
      byReason: tally(
        exclusions.flatMap((x) => [...x.reasons]),
        EXCLUSION_REASONS,
      ),
      endedByServiceByReason: tally(endedReasons, EXCLUSION_REASONS),
    },
    incidents: {
      population: 'incidents',
      total: incidents.length,
      byKind: tally(
        incidents.map((i) => i.kind),
        INCIDENT_KINDS,
      ),
      byMonth: monthsOf(from, to).map((month) => {
        const those = incidents.filter((i) => i.occurredOn.startsWith(month));
        return {
          month,
          total: those.length,
          byKind: tally(
            those.map((i) => i.kind),
            [],
          ),
        };
      }),
    },
  };
}

function ageSummary(population: AgeSummary['population'], basis: AgeSummary['basis'], ages: readonly number[]): AgeSummary {
  return {
    population,
    basis,
    people: ages.length,
    min: ages.length ? Math.min(...ages) : null,
    max: ages.length ? Math.max(...ages) : null,
    mean: mean(ages),
    under25: ages.filter((a) => a < 25).length,
  };
}

/** How many of the lengths fall in each band (the first whose upper bound they do not pass). */
/** The first grant or refusal of each case; counted when it falls in the period. */
function decisionTime(decisions: OutcomeFacts['decisions'], inPeriod: (day: IsoDate) => boolean): OutcomeReport['decisionTime'] {
  const first = new Map<string, OutcomeFacts['decisions'][number]>();
  for (const d of decisions) {
    const known = first.get(d.caseId);
    if (!known || d.issuedOn < known.issuedOn) first.set(d.caseId, d);
  }
  const answered = [...first.values()].filter((d) => inPeriod(d.issuedOn));
  return {
    population: 'first_decisions',
    basis: 'days_from_referral',
    days: summarise(answered.map((d) => Math.max(0, daysBetween(d.referredOn, d.issuedOn)))),
    overOneMonth: answered.filter((d) => d.issuedOn > addMonths(d.referredOn, 1)).length,
  };
}

function bandsOf(lengths: readonly number[]): OutcomeReport['lengthOfStay']['bands'] {
  const counts = LENGTH_OF_STAY_BANDS.map((b) => ({ ...b, stays: 0 }));
  for (const n of lengths) counts.find((b) => b.maxNights === null || n <= b.maxNights)!.stays += 1;
  return counts;
}

/** Counts of each value; `known` values are listed (with 0) even when absent, in their order. */
function tally(values: readonly string[], known: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(known.map((k) => [k, 0]));
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

function countBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

const oneDecimal = (x: number) => Math.round(x * 10) / 10;

function mean(values: readonly number[]): number | null {
  return values.length ? oneDecimal(values.reduce((a, b) => a + b, 0) / values.length) : null;
}

function summarise(values: readonly number[]): Summary {
  if (values.length === 0) return { count: 0, mean: null, median: null, min: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return {
    count: sorted.length,
    mean: mean(sorted),
    median: sorted.length % 2 ? sorted[mid] : oneDecimal((sorted[mid - 1] + sorted[mid]) / 2),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

/** Every calendar month ("YYYY-MM") the period touches, in order. */
function monthsOf(from: IsoDate, to: IsoDate): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}
