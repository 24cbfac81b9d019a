import { accept, Decider, Decision, nothingToDo, reject } from '../shared/decider';
import { compareDates, IsoDate } from '../shared/dates';
import { UNIT_ATTRIBUTES, UnitAttribute } from '../facility/facility.decider';
import { ClaimPeriod, coversDay, firstFullDay, WeightedClaim } from './unit-claims';

/**
 * A unit (leilighet, boenhet): a flat or room in a facility. This aggregate guards capacity on
 * effective dates: no unit ever holds more residents than its capacity on any day. It keeps every
 * claim on its places as a period (see unit-claims.ts): reservations, occupancies (move-in, transfer,
 * assessment stay) and out-of-service periods, and checks each new claim, and each end recorded
 * later than a claim's `endsBy`, against every claim that overlaps it, never against "now". The
 * application appends to `unit-<unitId>` with optimistic concurrency, so of two commands decided
 * against the same revision only one is stored and the other is decided again on the new state.
 *
 * A place is taken by an occupant or by a reservation: an offer holds its place from the day it is
 * made, so a move-in on an accepted offer never finds the place gone. The decider has no clock: the
 * case records an offer's expiry and the unit follows (reason 'expired').
 */
export const unitStream = (unitId: string) => `unit-${unitId}`;

export const UNIT_KINDS = [
  'permanent', // a home (Bodø, Hålogalandsgata; Trondheim)
  'assessment', // assessment stays of 1–3 months while needs are mapped (Melhus)
  'temporary', // temporary accommodation, at most 3 months (Bolig Nu, sosialtjenesteloven § 27)
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_CAPACITY = { min: 1, max: 10 } as const;
/** A floor or cluster label ("2. etasje", "Hus B"): short, so it reads as a place, not a note. */
export const UNIT_CLUSTER_MAX_LENGTH = 40;

export const RESERVATION_RELEASE_REASONS = ['declined', 'expired', 'withdrawn'] as const;
export type ReservationReleaseReason = (typeof RESERVATION_RELEASE_REASONS)[number];

interface UnitRef {
  unitId: string;
  /** On every event, so an occupancy board can group by facility without reading UnitAdded. */
  facilityId: string;
}

/** How a resident came in: a move-in on an offer, a transfer from another unit, or an assessment stay. */
export type OccupancyCause = { moveInId: string; offerId: string } | { transferId: string } | { mappingId: string };
/** How a resident left: a move-out, a transfer to another unit, or the end of an assessment stay. */
export type VacancyCause = { moveOutId: string } | { transferId: string } | { mappingId: string };
/** Set on a claim entered into a gap before a later one: the day the later claim takes the place. */
type Bound = { endsBy?: IsoDate };
/**
 * How a unit is described when it is offered. Both are optional on the events: units added before
 * they existed have no attributes and no cluster. The cluster (floor or group of flats sharing a
 * corridor or staff base) is about the building and never names a resident.
 */
type Description = { attributes?: readonly UnitAttribute[]; cluster?: string };
/**
 * The attributes the unit's facility records, as the application read them from its profile when
 * it decided (a fact from another aggregate, so it arrives in the command). Absent: none.
 */
type FacilityFacts = { facilityAttributes?: readonly UnitAttribute[] };

export type UnitEvent =
  | { type: 'UnitAdded'; data: UnitRef & { label: string; kind: UnitKind; capacity: number } & Description }
  /** The unit's attributes or cluster changed; the event holds the whole description (absent cluster: none). */
  | { type: 'UnitDescribed'; data: UnitRef & { attributes: readonly UnitAttribute[]; cluster?: string } }
  | { type: 'UnitTakenOutOfService'; data: UnitRef & { on: IsoDate; reason: string } & Bound }
  | { type: 'UnitReturnedToService'; data: UnitRef & { on: IsoDate } }
  | { type: 'UnitReserved'; data: UnitRef & { caseId: string; offerId: string; on: IsoDate; expiresOn: IsoDate } & Bound }
  | {
      type: 'UnitReservationReleased';
      data: UnitRef & { caseId: string; offerId: string; on: IsoDate; reason: ReservationReleaseReason };
    }
  | { type: 'UnitOccupied'; data: UnitRef & { caseId: string; personId: string; on: IsoDate } & OccupancyCause & Bound }
  | { type: 'UnitVacated'; data: UnitRef & { caseId: string; personId: string; on: IsoDate } & VacancyCause }
  /** A claim entered after the fact may last longer than first thought: the later claim it met has shrunk. */
  | { type: 'UnitClaimExtended'; data: UnitRef & { caseId: string; claim: 'reservation' | 'occupancy'; from: IsoDate; until: IsoDate } };

export type UnitCommand =
  | ({ type: 'AddUnit'; unitId: string; facilityId: string; label: string; kind: UnitKind; capacity: number } & Description & FacilityFacts)
  /** Sets the unit's attributes and cluster (an absent or blank cluster removes it). */
  | ({ type: 'DescribeUnit'; unitId: string; attributes: readonly UnitAttribute[]; cluster?: string } & FacilityFacts)
  /** `today` is the municipality's day: what is recorded as having happened may not lie after it. */
  | { type: 'TakeUnitOutOfService'; unitId: string; on: IsoDate; reason: string; today: IsoDate }
  | { type: 'ReturnUnitToService'; unitId: string; on: IsoDate; today: IsoDate }
  | { type: 'ReserveUnit'; unitId: string; caseId: string; offerId: string; on: IsoDate; expiresOn: IsoDate }
  | { type: 'ReleaseReservation'; unitId: string; offerId: string; on: IsoDate; reason: ReservationReleaseReason }
  | { type: 'OccupyUnit'; unitId: string; caseId: string; personId: string; moveInId: string; offerId: string; on: IsoDate }
  | { type: 'OccupyUnitByTransfer'; unitId: string; caseId: string; personId: string; transferId: string; on: IsoDate }
  | { type: 'OccupyUnitForMapping'; unitId: string; caseId: string; personId: string; mappingId: string; on: IsoDate }
  /** Exactly one of moveOutId, transferId and mappingId. */
  | { type: 'VacateUnit'; unitId: string; caseId: string; on: IsoDate; moveOutId?: string; transferId?: string; mappingId?: string }
  /**
   * Before the case records an end later than its claim's `endsBy` (a move-out, a decline, a move-in
   * after the day a later claim takes the place), the unit is asked to hold the place `until` then.
   * Done first, so the unit's own follow-up can never be refused; harmless if the case then refuses.
   */
  | { type: 'ExtendClaim'; unitId: string; caseId: string; until: IsoDate };

export type UnitClaim =
  | (ClaimPeriod & { readonly kind: 'reservation'; readonly offerId: string; readonly caseId: string; readonly expiresOn: IsoDate })
  | (ClaimPeriod & { readonly kind: 'occupancy'; readonly caseId: string; readonly personId: string; readonly cause: OccupancyCause })
  | (ClaimPeriod & { readonly kind: 'out_of_service'; readonly reason: string });
export type Reservation = Extract<UnitClaim, { kind: 'reservation' }>;
export type Occupancy = Extract<UnitClaim, { kind: 'occupancy' }>;

export type UnitState =
  | { status: 'none' }
  | {
      status: 'active';
      unitId: string;
      facilityId: string;
      label: string;
      kind: UnitKind;
      capacity: number;
      /** In the order of UNIT_ATTRIBUTES. */
      attributes: readonly UnitAttribute[];
      cluster?: string;
      /** Every claim on the unit's places, in the order they were recorded. */
      claims: readonly UnitClaim[];
      /**
       * Ids already acted on. Ids are never reused, so a command carrying one is a retry and records
       * nothing, even after the reservation was released or the occupant has left.
       */
      seen: {
        offerIds: readonly string[];
        moveInIds: readonly string[];
        transferIds: readonly string[];
        mappingIds: readonly string[];
        /** Ids of the move-outs, transfers and assessment-stay ends that emptied a place here. */
        leftBy: readonly string[];
      };
    };

type ActiveUnit = Extract<UnitState, { status: 'active' }>;
type Command<T extends UnitCommand['type']> = Extract<UnitCommand, { type: T }>;
type Rejection = Decision<never>;

const isOpen = (claim: UnitClaim) => claim.to === undefined;
/** Reservations and occupancies with no recorded end: what the unit holds as far as it knows. */
export const openOccupancies = (unit: ActiveUnit): Occupancy[] => unit.claims.filter((c): c is Occupancy => c.kind === 'occupancy' && isOpen(c));
export const openReservations = (unit: ActiveUnit): Reservation[] => unit.claims.filter((c): c is Reservation => c.kind === 'reservation' && isOpen(c));
export const openOutOfService = (unit: ActiveUnit) => unit.claims.filter((c) => c.kind === 'out_of_service' && isOpen(c));
/** The case's reservation or occupancy with no recorded end (a case holds at most one place in a unit). */
export const openClaimOf = (unit: ActiveUnit, caseId: string): Reservation | Occupancy | undefined =>
  unit.claims.find((c): c is Reservation | Occupancy => c.kind !== 'out_of_service' && c.caseId === caseId && isOpen(c));
/** Who lived in the unit on a day. */
export const occupantsOn = (unit: ActiveUnit, day: IsoDate): Occupancy[] =>
  unit.claims.filter((c): c is Occupancy => c.kind === 'occupancy' && coversDay(c, day));

const weighted = (unit: ActiveUnit, claims: readonly UnitClaim[] = unit.claims): WeightedClaim[] =>
  claims.map((c) => ({ from: c.from, to: c.to, endsBy: c.endsBy, places: c.kind === 'out_of_service' ? unit.capacity : 1 }));

/** The unit has no room on `day`: out of service, or every place taken. */
function noRoom(unit: ActiveUnit, day: IsoDate): Rejection {
  const closed = unit.claims.find((c) => c.kind === 'out_of_service' && coversDay(c, day));
  if (closed) return reject('unit.out_of_service', `The unit is out of service on ${day}`, { field: 'on', details: { since: closed.from, day } });
  return reject('unit.capacity', `The unit has room for ${unit.capacity}, and every place is taken on ${day}`, {
    field: 'on',
    details: { capacity: unit.capacity, day },
  });
}

/** Room for a new claim of `places` from `from` on: refused when its first night is full, else its `endsBy`. */
function roomFrom(unit: ActiveUnit, from: IsoDate, places: number, others: readonly UnitClaim[] = unit.claims): Rejection | Bound {
  const full = firstFullDay(weighted(unit, others), unit.capacity, from, places);
  if (full === from) return noRoom(unit, full);
  return full === undefined ? {} : { endsBy: full };
}

/** May `claim` end on `on`? Not before it began; past its `endsBy` only if nothing has taken the place since. */
function mayEnd(unit: ActiveUnit, claim: UnitClaim, on: IsoDate): Rejection | undefined {
  if (on < claim.from) {
    return reject('unit.ends_before_start', `The place was taken from ${claim.from}; it cannot be given up before`, {
      field: 'on',
      details: { from: claim.from },
    });
  }
  if (claim.endsBy === undefined || on <= claim.endsBy) return undefined;
  const places = claim.kind === 'out_of_service' ? unit.capacity : 1;
  const full = firstFullDay(
    weighted(
      unit,
      unit.claims.filter((c) => c !== claim),
    ),
    unit.capacity,
    claim.from,
    places,
  );
  return full !== undefined && full < on ? noRoom(unit, full) : undefined;
}

const isRejection = <T extends object>(value: Rejection | T): value is Rejection => 'ok' in value;
const bound = (b: Bound) => (b.endsBy === undefined ? {} : { endsBy: b.endsBy });
const alreadyOccupant = () => reject('unit.occupy.already_occupant', 'The resident of this case already lives in the unit', { field: 'caseId' });

function inFuture(on: IsoDate, today: IsoDate): Rejection | undefined {
  return on > today
    ? reject('command.date_in_future', `on (${on}) is after today (${today}): only what has happened is recorded`, {
        field: 'on',
        details: { date: on, today },
      })
    : undefined;
}

/** In the order of UNIT_ATTRIBUTES, each once: the same description always reads the same. */
const inListOrder = (attributes: readonly UnitAttribute[] = []): UnitAttribute[] => UNIT_ATTRIBUTES.filter((a) => attributes.includes(a));
/** A blank cluster is no cluster. */
const clusterOf = (cluster: string | undefined) => (cluster?.trim() ? cluster.trim() : undefined);
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * A description the facility allows: each attribute one its profile records (one the unit already
 * has may stay after the facility stops recording it, so a cluster can still be changed), and a
 * cluster label of reasonable length.
 */
function checkedDescription(
  command: Description & FacilityFacts,
  kept: readonly UnitAttribute[] = [],
): Rejection | { attributes: UnitAttribute[]; cluster?: string } {
  const attributes = inListOrder(command.attributes);
  const allowed = command.facilityAttributes ?? [];
  const outside = (command.attributes ?? []).find((a) => !UNIT_ATTRIBUTES.includes(a) || (!allowed.includes(a) && !kept.includes(a)));
  if (outside !== undefined) {
    return reject('unit.attribute_not_used_by_facility', `The facility does not record the unit attribute '${outside}'`, {
      field: 'attributes',
      details: { attribute: outside, allowed: allowed.join(', ') },
    });
  }
  const cluster = clusterOf(command.cluster);
  if (cluster !== undefined && cluster.length > UNIT_CLUSTER_MAX_LENGTH) {
    return reject('unit.cluster_too_long', `A floor or cluster label has at most ${UNIT_CLUSTER_MAX_LENGTH} characters`, {
      field: 'cluster',
      details: { max: UNIT_CLUSTER_MAX_LENGTH },
    });
  }
  return cluster === undefined ? { attributes } : { attributes, cluster };
}

function addUnit(command: Command<'AddUnit'>, state: UnitState): Decision<UnitEvent> {
  const { type: _type, attributes: _attributes, cluster: _cluster, facilityAttributes: _facilityAttributes, ...unit } = command;
  const { min, max } = UNIT_CAPACITY;
  if (!Number.isInteger(unit.capacity) || unit.capacity < min || unit.capacity > max) {
    return reject('unit.capacity_out_of_range', `Capacity must be a whole number from ${min} to ${max}`, {
      field: 'capacity',
      details: { min, max },
    });
  }
  if (!unit.label.trim()) return reject('unit.label_required', 'A unit needs a label', { field: 'label' });
  const description = checkedDescription(command);
  if (isRejection(description)) return description;
  if (state.status === 'active') {
    const same =
      state.facilityId === unit.facilityId &&
      state.label === unit.label &&
      state.kind === unit.kind &&
      state.capacity === unit.capacity &&
      sameList(state.attributes, description.attributes) &&
      state.cluster === description.cluster;
    return same ? nothingToDo : reject('unit.already_added', 'A unit with this id exists');
  }
  // Written only when given, so a unit without them is recorded as before.
  const { attributes, cluster } = description;
  return accept({ type: 'UnitAdded', data: { ...unit, ...(attributes.length ? { attributes } : {}), ...(cluster === undefined ? {} : { cluster }) } });
}

function describe(command: Command<'DescribeUnit'>, unit: ActiveUnit): Decision<UnitEvent> {
  const description = checkedDescription(command, unit.attributes);
  if (isRejection(description)) return description;
  if (sameList(unit.attributes, description.attributes) && unit.cluster === description.cluster) return nothingToDo;
  const { unitId, facilityId } = unit;
  return accept({ type: 'UnitDescribed', data: { unitId, facilityId, ...description } });
}

function takeOutOfService(command: Command<'TakeUnitOutOfService'>, unit: ActiveUnit): Decision<UnitEvent> {
  if (!command.reason.trim()) return reject('unit.out_of_service.reason_required', 'Give a reason', { field: 'reason' });
  const future = inFuture(command.on, command.today);
  if (future) return future;
  const covering = unit.claims.filter((c) => coversDay(c, command.on));
  if (covering.some((c) => c.kind === 'out_of_service')) return nothingToDo;
  // Nobody may lose a home or a promised place to maintenance: move or release them first.
  if (covering.length > 0) {
    return reject('unit.out_of_service.in_use', `The unit is occupied or reserved on ${command.on}`, {
      field: 'on',
      details: { occupants: covering.filter((c) => c.kind === 'occupancy').length, reservations: covering.filter((c) => c.kind === 'reservation').length },
    });
  }
  const room = roomFrom(unit, command.on, unit.capacity);
  if (isRejection(room)) return room;
  const { unitId, facilityId } = unit;
  return accept({ type: 'UnitTakenOutOfService', data: { unitId, facilityId, on: command.on, reason: command.reason, ...bound(room) } });
}

/** The out-of-service period a return on `on` ends: the latest one still open that began by then. */
const periodEndedBy = (unit: ActiveUnit, on: IsoDate) =>
  openOutOfService(unit)
    .filter((c) => c.from <= on)
    .sort((a, b) => (a.from < b.from ? 1 : -1))[0];

function returnToService(command: Command<'ReturnUnitToService'>, unit: ActiveUnit): Decision<UnitEvent> {
  const future = inFuture(command.on, command.today);
  if (future) return future;
  const period = periodEndedBy(unit, command.on);
  if (!period) {
    const later = openOutOfService(unit)[0];
    return later ? (mayEnd(unit, later, command.on) ?? nothingToDo) : nothingToDo;
  }
  const broken = mayEnd(unit, period, command.on);
  if (broken) return broken;
  const { unitId, facilityId } = unit;
  return accept({ type: 'UnitReturnedToService', data: { unitId, facilityId, on: command.on } });
}

function reserve(command: Command<'ReserveUnit'>, unit: ActiveUnit): Decision<UnitEvent> {
  const { caseId, offerId, on, expiresOn } = command;
  if (unit.seen.offerIds.includes(offerId)) return nothingToDo;
  if (compareDates(expiresOn, on) < 0) {
    return reject('unit.reservation.expires_before_start', 'The reservation would expire before it starts', {
      field: 'expiresOn',
    });
  }
  const room = roomFrom(unit, on, 1);
  if (isRejection(room)) return room;
  const { unitId, facilityId } = unit;
  return accept({ type: 'UnitReserved', data: { unitId, facilityId, caseId, offerId, on, expiresOn, ...bound(room) } });
}

function release(command: Command<'ReleaseReservation'>, unit: ActiveUnit): Decision<UnitEvent> {
  const held = openReservations(unit).find((r) => r.offerId === command.offerId);
  if (!held) return nothingToDo;
  const broken = mayEnd(unit, held, command.on);
  if (broken) return broken;
  const { unitId, facilityId } = unit;
  const { offerId, on, reason } = command;
  return accept({
    type: 'UnitReservationReleased',
    data: { unitId, facilityId, caseId: held.caseId, offerId, on, reason },
  });
}

function occupy(command: Command<'OccupyUnit'>, unit: ActiveUnit): Decision<UnitEvent> {
  const { caseId, personId, moveInId, offerId, on } = command;
  if (unit.seen.moveInIds.includes(moveInId)) return nothingToDo;
  if (openOccupancies(unit).some((o) => o.caseId === caseId)) return alreadyOccupant();
  const held = openReservations(unit).find((r) => r.offerId === offerId && r.caseId === caseId);
  if (!held) {
    return reject('unit.occupy.requires_reservation', 'Moving in needs a place reserved by an offer to this case', {
      field: 'offerId',
    });
  }
  // The reservation ends on the move-in day and the occupancy takes its place from that night.
  const broken = mayEnd(unit, held, on);
  if (broken) return broken;
  const room = roomFrom(
    unit,
    on,
    1,
    unit.claims.filter((c) => c !== held),
  );
  if (isRejection(room)) return room;
  const { unitId, facilityId } = unit;
  return accept({ type: 'UnitOccupied', data: { unitId, facilityId, caseId, personId, on, moveInId, offerId, ...bound(room) } });
}

function occupyWithout(command: Command<'OccupyUnitByTransfer' | 'OccupyUnitForMapping'>, unit: ActiveUnit): Decision<UnitEvent> {
  const { caseId, personId, on } = command;
  const cause: OccupancyCause = command.type === 'OccupyUnitByTransfer' ? { transferId: command.transferId } : { mappingId: command.mappingId };
  const seen = 'transferId' in cause ? unit.seen.transferIds.includes(cause.transferId) : unit.seen.mappingIds.includes(cause.mappingId);
  if (seen) return nothingToDo;
  if (openOccupancies(unit).some((o) => o.caseId === caseId)) return alreadyOccupant();
  // No offer comes first, but the stay may not take a place an offer holds.
  const room = roomFrom(unit, on, 1);
  if (isRejection(room)) return room;
  const { unitId, facilityId } = unit;
  return accept({ type: 'UnitOccupied', data: { unitId, facilityId, caseId, personId, on, ...cause, ...bound(room) } });
}

function vacancyCause({ moveOutId, transferId, mappingId }: Command<'VacateUnit'>): VacancyCause | undefined {
  const given = [moveOutId, transferId, mappingId].filter((id) => id !== undefined);
  if (given.length !== 1) return undefined;
  if (moveOutId !== undefined) return { moveOutId };
  return transferId !== undefined ? { transferId } : { mappingId: mappingId as string };
}
const causeId = (cause: VacancyCause) => ('moveOutId' in cause ? cause.moveOutId : 'transferId' in cause ? cause.transferId : cause.mappingId);

function vacate(command: Command<'VacateUnit'>, unit: ActiveUnit): Decision<UnitEvent> {
  const cause = vacancyCause(command);
  if (!cause) {
    return reject('unit.vacate.cause_required', 'Give the move-out, the transfer or the end of the assessment stay that empties the place', {
      field: 'moveOutId',
    });
  }
  if (unit.seen.leftBy.includes(causeId(cause))) return nothingToDo;
  const occupant = openOccupancies(unit).find((o) => o.caseId === command.caseId);
  if (!occupant) return nothingToDo;
  if (command.on < occupant.from) {
    return reject('unit.vacate.before_move_in', 'A resident cannot leave before moving in', {
      field: 'on',
      details: { since: occupant.from },
    });
  }
  const broken = mayEnd(unit, occupant, command.on);
  if (broken) return broken;
  const { unitId, facilityId } = unit;
  return accept({ type: 'UnitVacated', data: { unitId, facilityId, caseId: command.caseId, personId: occupant.personId, on: command.on, ...cause } });
}

function extendClaim(command: Command<'ExtendClaim'>, unit: ActiveUnit): Decision<UnitEvent> {
  const claim = openClaimOf(unit, command.caseId);
  if (!claim || claim.endsBy === undefined || command.until <= claim.endsBy) return nothingToDo;
  const broken = mayEnd(unit, claim, command.until);
  if (broken) return broken;
  const { unitId, facilityId } = unit;
  return accept({
    type: 'UnitClaimExtended',
    data: { unitId, facilityId, caseId: command.caseId, claim: claim.kind, from: claim.from, until: command.until },
  });
}

/** Ends the claim `match` finds (the first open one) on `on`. */
function ending(unit: ActiveUnit, match: (c: UnitClaim) => boolean, on: IsoDate): readonly UnitClaim[] {
  let done = false;
  return unit.claims.map((c) => {
    if (done || !isOpen(c) || !match(c)) return c;
    done = true;
    return { ...c, to: on };
  });
}

function evolveActive(unit: ActiveUnit, event: UnitEvent): ActiveUnit {
  switch (event.type) {
    case 'UnitAdded':
      return unit; // a unit is added once; decide never repeats it
    case 'UnitDescribed': {
      const { attributes, cluster } = event.data;
      const { cluster: _old, ...rest } = unit;
      return { ...rest, attributes: inListOrder(attributes), ...(cluster === undefined ? {} : { cluster }) };
    }
    case 'UnitTakenOutOfService': {
      const { on, reason, endsBy } = event.data;
      return { ...unit, claims: [...unit.claims, { kind: 'out_of_service', from: on, reason, endsBy }] };
    }
    case 'UnitReturnedToService': {
      const period = periodEndedBy(unit, event.data.on);
      return period ? { ...unit, claims: ending(unit, (c) => c === period, event.data.on) } : unit;
    }
    case 'UnitReserved': {
      const { offerId, caseId, on, expiresOn, endsBy } = event.data;
      return {
        ...unit,
        claims: [...unit.claims, { kind: 'reservation', offerId, caseId, expiresOn, from: on, endsBy }],
        seen: { ...unit.seen, offerIds: [...unit.seen.offerIds, offerId] },
      };
    }
    case 'UnitReservationReleased':
      return { ...unit, claims: ending(unit, (c) => c.kind === 'reservation' && c.offerId === event.data.offerId, event.data.on) };
    case 'UnitOccupied': {
      const { caseId, personId, on, endsBy } = event.data;
      const cause: OccupancyCause =
        'moveInId' in event.data
          ? { moveInId: event.data.moveInId, offerId: event.data.offerId }
          : 'transferId' in event.data
            ? { transferId: event.data.transferId }
            : { mappingId: event.data.mappingId };
      const occupancy: UnitClaim = { kind: 'occupancy', caseId, personId, cause, from: on, endsBy };
      if ('offerId' in cause) {
        const claims = ending(unit, (c) => c.kind === 'reservation' && c.offerId === cause.offerId, on);
        return { ...unit, claims: [...claims, occupancy], seen: { ...unit.seen, moveInIds: [...unit.seen.moveInIds, cause.moveInId] } };
      }
      const seen =
        'transferId' in cause
          ? { ...unit.seen, transferIds: [...unit.seen.transferIds, cause.transferId] }
          : { ...unit.seen, mappingIds: [...unit.seen.mappingIds, cause.mappingId] };
      return { ...unit, claims: [...unit.claims, occupancy], seen };
    }
    case 'UnitVacated': {
      const { caseId, on } = event.data;
      const left = causeId(event.data as VacancyCause);
      return {
        ...unit,
        claims: ending(unit, (c) => c.kind === 'occupancy' && c.caseId === caseId, on),
        seen: { ...unit.seen, leftBy: [...unit.seen.leftBy, left] },
      };
    }
    case 'UnitClaimExtended': {
      const { caseId, claim, until } = event.data;
      const claims = unit.claims.map((c) => (c.kind === claim && 'caseId' in c && c.caseId === caseId && isOpen(c) ? { ...c, endsBy: until } : c));
      return { ...unit, claims };
    }
  }
}

export const unitDecider: Decider<UnitCommand, UnitState, UnitEvent> = {
  initialState: { status: 'none' },

  decide(command, state) {
    if (command.type === 'AddUnit') return addUnit(command, state);
    if (state.status !== 'active') return reject('unit.not_found', 'No such unit', { field: 'unitId' });
    switch (command.type) {
      case 'DescribeUnit':
        return describe(command, state);
      case 'TakeUnitOutOfService':
        return takeOutOfService(command, state);
      case 'ReturnUnitToService':
        return returnToService(command, state);
      case 'ReserveUnit':
        return reserve(command, state);
      case 'ReleaseReservation':
        return release(command, state);
      case 'OccupyUnit':
        return occupy(command, state);
      case 'OccupyUnitByTransfer':
      case 'OccupyUnitForMapping':
        return occupyWithout(command, state);
      case 'VacateUnit':
        return vacate(command, state);
      case 'ExtendClaim':
        return extendClaim(command, state);
    }
  },

  evolve(state, event) {
    if (state.status === 'active') return evolveActive(state, event);
    if (event.type !== 'UnitAdded') return state; // decide never emits these before UnitAdded
    const { unitId, facilityId, label, kind, capacity, attributes, cluster } = event.data;
    return {
      status: 'active',
      unitId,
      facilityId,
      label,
      kind,
      capacity,
      attributes: inListOrder(attributes),
      ...(cluster === undefined ? {} : { cluster }),
      claims: [],
      seen: { offerIds: [], moveInIds: [], transferIds: [], mappingIds: [], leftBy: [] },
    };
  },
};

/** Current schema version of each event type (see shared/upcasting.ts). */
export const UNIT_EVENT_SCHEMA_VERSIONS: { readonly [T in UnitEvent['type']]: number } = {
  UnitAdded: 1,
  UnitDescribed: 1,
  UnitTakenOutOfService: 1,
  UnitReturnedToService: 1,
  UnitReserved: 1,
  UnitReservationReleased: 1,
  UnitOccupied: 1,
  UnitVacated: 1,
  UnitClaimExtended: 1,
};

/**
 * Data fields holding personal data, per event type. Unit events refer to people only by opaque ids
 * (caseId, personId); names and numbers live in the person stream, so there is nothing to list here.
 * The out-of-service reason is about the building and must not name residents.
 */
export const UNIT_PERSONAL_FIELDS: { readonly [T in UnitEvent['type']]: readonly string[] } = {
  UnitAdded: [],
  UnitDescribed: [],
  UnitTakenOutOfService: [],
  UnitReturnedToService: [],
  UnitReserved: [],
  UnitReservationReleased: [],
  UnitOccupied: [],
  UnitVacated: [],
  UnitClaimExtended: [],
};
