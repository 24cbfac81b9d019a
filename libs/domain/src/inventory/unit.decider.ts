import { accept, Decider, Decision, nothingToDo, reject } from '../shared/decider';
import { compareDates, IsoDate } from '../shared/dates';

/**
 * A unit (leilighet, boenhet): a flat or room in a facility. This aggregate guards capacity: no unit
 * ever holds more residents than its capacity. The application appends to `unit-<unitId>` with
 * optimistic concurrency, so of two commands decided against the same revision only one is stored
 * and the other is decided again on the new state; the decider only has to be right about its state.
 *
 * A place is taken by an occupant or by a held reservation: an offer holds its place from the day it
 * is made, so a move-in on an accepted offer never finds the place gone (and a transfer cannot take
 * it). A reservation holds until it is released; the decider has no clock, so the application
 * releases lapsed reservations with reason 'expired'.
 */
export const unitStream = (unitId: string) => `unit-${unitId}`;

export const UNIT_KINDS = [
  'permanent', // a home (Bodø, Hålogalandsgata; Trondheim)
  'assessment', // assessment stays of 1–3 months while needs are mapped (Melhus)
  'temporary', // temporary accommodation, at most 3 months (Bolig Nu, sosialtjenesteloven § 27)
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_CAPACITY = { min: 1, max: 10 } as const;

export const RESERVATION_RELEASE_REASONS = ['declined', 'expired', 'withdrawn'] as const;
export type ReservationReleaseReason = (typeof RESERVATION_RELEASE_REASONS)[number];

interface UnitRef {
  unitId: string;
  /** On every event, so an occupancy board can group by facility without reading UnitAdded. */
  facilityId: string;
}

/** How a resident came in: a move-in on an offer, or a transfer from another unit. */
export type OccupancyCause = { moveInId: string; offerId: string } | { transferId: string };
/** How a resident left: a move-out, or a transfer to another unit. */
export type VacancyCause = { moveOutId: string } | { transferId: string };

export type UnitEvent =
  | { type: 'UnitAdded'; data: UnitRef & { label: string; kind: UnitKind; capacity: number } }
  | { type: 'UnitTakenOutOfService'; data: UnitRef & { on: IsoDate; reason: string } }
  | { type: 'UnitReturnedToService'; data: UnitRef & { on: IsoDate } }
  | { type: 'UnitReserved'; data: UnitRef & { caseId: string; offerId: string; on: IsoDate; expiresOn: IsoDate } }
  | {
      type: 'UnitReservationReleased';
      data: UnitRef & { caseId: string; offerId: string; on: IsoDate; reason: ReservationReleaseReason };
    }
  | { type: 'UnitOccupied'; data: UnitRef & { caseId: string; personId: string; on: IsoDate } & OccupancyCause }
  | { type: 'UnitVacated'; data: UnitRef & { caseId: string; personId: string; on: IsoDate } & VacancyCause };

export type UnitCommand =
  | { type: 'AddUnit'; unitId: string; facilityId: string; label: string; kind: UnitKind; capacity: number }
  | { type: 'TakeUnitOutOfService'; unitId: string; on: IsoDate; reason: string }
  | { type: 'ReturnUnitToService'; unitId: string; on: IsoDate }
  | { type: 'ReserveUnit'; unitId: string; caseId: string; offerId: string; on: IsoDate; expiresOn: IsoDate }
  | { type: 'ReleaseReservation'; unitId: string; offerId: string; on: IsoDate; reason: ReservationReleaseReason }
  | { type: 'OccupyUnit'; unitId: string; caseId: string; personId: string; moveInId: string; offerId: string; on: IsoDate }
  | { type: 'OccupyUnitByTransfer'; unitId: string; caseId: string; personId: string; transferId: string; on: IsoDate }
  /** Exactly one of moveOutId and transferId. */
  | { type: 'VacateUnit'; unitId: string; caseId: string; on: IsoDate; moveOutId?: string; transferId?: string };

export interface UnitOccupant {
  readonly caseId: string;
  readonly personId: string;
  readonly since: IsoDate;
}
export interface UnitReservation {
  readonly offerId: string;
  readonly caseId: string;
  readonly expiresOn: IsoDate;
}

export type UnitState =
  | { status: 'none' }
  | {
      status: 'active';
      unitId: string;
      facilityId: string;
      label: string;
      kind: UnitKind;
      capacity: number;
      occupants: readonly UnitOccupant[];
      reservations: readonly UnitReservation[];
      outOfService?: { since: IsoDate; reason: string };
      /**
       * Ids already acted on. Ids are never reused, so a command carrying one is a retry and records
       * nothing, even after the reservation was released or the occupant has left.
       */
      seen: { offerIds: readonly string[]; moveInIds: readonly string[]; transferIds: readonly string[] };
    };

type ActiveUnit = Extract<UnitState, { status: 'active' }>;
type Command<T extends UnitCommand['type']> = Extract<UnitCommand, { type: T }>;

const placesTaken = (unit: ActiveUnit) => unit.occupants.length + unit.reservations.length;
const isOccupant = (unit: ActiveUnit, caseId: string) => unit.occupants.some((o) => o.caseId === caseId);

const full = (unit: ActiveUnit) =>
  reject('unit.capacity', `The unit has room for ${unit.capacity}`, {
    details: { capacity: unit.capacity, occupants: unit.occupants.length, reservations: unit.reservations.length },
  });
const outOfService = (unit: ActiveUnit) =>
  reject('unit.out_of_service', 'The unit is out of service', { details: { since: unit.outOfService?.since ?? null } });
const alreadyOccupant = () =>
  reject('unit.occupy.already_occupant', 'The resident of this case already lives in the unit', { field: 'caseId' });

function addUnit(command: Command<'AddUnit'>, state: UnitState): Decision<UnitEvent> {
  const { type: _type, ...unit } = command;
  const { min, max } = UNIT_CAPACITY;
  if (!Number.isInteger(unit.capacity) || unit.capacity < min || unit.capacity > max) {
    return reject('unit.capacity_out_of_range', `Capacity must be a whole number from ${min} to ${max}`, {
      field: 'capacity',
      details: { min, max },
    });
  }
  if (!unit.label.trim()) return reject('unit.label_required', 'A unit needs a label', { field: 'label' });
  if (state.status === 'active') {
    const same =
      state.facilityId === unit.facilityId &&
      state.label === unit.label &&
      state.kind === unit.kind &&
      state.capacity === unit.capacity;
    return same ? nothingToDo : reject('unit.already_added', 'A unit with this id exists');
  }
  return accept({ type: 'UnitAdded', data: unit });
}

function takeOutOfService(command: Command<'TakeUnitOutOfService'>, unit: ActiveUnit): Decision<UnitEvent> {
  if (!command.reason.trim()) return reject('unit.out_of_service.reason_required', 'Give a reason', { field: 'reason' });
  if (unit.outOfService) return nothingToDo;
  // Nobody may lose a home or a promised place to maintenance: move or release them first.
  if (placesTaken(unit) > 0) {
    return reject('unit.out_of_service.in_use', 'The unit is occupied or reserved', {
      details: { occupants: unit.occupants.length, reservations: unit.reservations.length },
    });
  }
  const { unitId, facilityId } = unit;
  return accept({ type: 'UnitTakenOutOfService', data: { unitId, facilityId, on: command.on, reason: command.reason } });
}

function returnToService(command: Command<'ReturnUnitToService'>, unit: ActiveUnit): Decision<UnitEvent> {
  if (!unit.outOfService) return nothingToDo;
  const { unitId, facilityId } = unit;
  return accept({ type: 'UnitReturnedToService', data: { unitId, facilityId, on: command.on } });
}

function reserve(command: Command<'ReserveUnit'>, unit: ActiveUnit): Decision<UnitEvent> {
  const { caseId, offerId, on, expiresOn } = command;
  if (unit.seen.offerIds.includes(offerId)) return nothingToDo;
  if (unit.outOfService) return outOfService(unit);
  if (compareDates(expiresOn, on) < 0) {
    return reject('unit.reservation.expires_before_start', 'The reservation would expire before it starts', {
      field: 'expiresOn',
    });
  }
  if (placesTaken(unit) >= unit.capacity) return full(unit);
  const { unitId, facilityId } = unit;
  return accept({ type: 'UnitReserved', data: { unitId, facilityId, caseId, offerId, on, expiresOn } });
}

function release(command: Command<'ReleaseReservation'>, unit: ActiveUnit): Decision<UnitEvent> {
  const held = unit.reservations.find((r) => r.offerId === command.offerId);
  if (!held) return nothingToDo;
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
  if (unit.outOfService) return outOfService(unit);
  if (isOccupant(unit, caseId)) return alreadyOccupant();
  if (!unit.reservations.some((r) => r.offerId === offerId && r.caseId === caseId)) {
    return reject('unit.occupy.requires_reservation', 'Moving in needs a place reserved by an offer to this case', {
      field: 'offerId',
    });
  }
  // Reservations never outnumber free places, so this only fires on a history written under older rules.
  if (unit.occupants.length >= unit.capacity) return full(unit);
  const { unitId, facilityId } = unit;
  return accept({ type: 'UnitOccupied', data: { unitId, facilityId, caseId, personId, on, moveInId, offerId } });
}

function occupyByTransfer(command: Command<'OccupyUnitByTransfer'>, unit: ActiveUnit): Decision<UnitEvent> {
  const { caseId, personId, transferId, on } = command;
  if (unit.seen.transferIds.includes(transferId)) return nothingToDo;
  if (unit.outOfService) return outOfService(unit);
  if (isOccupant(unit, caseId)) return alreadyOccupant();
  // A transfer needs no offer, but it may not take a place an offer holds.
  if (placesTaken(unit) >= unit.capacity) return full(unit);
  const { unitId, facilityId } = unit;
  return accept({ type: 'UnitOccupied', data: { unitId, facilityId, caseId, personId, on, transferId } });
}

function vacate(command: Command<'VacateUnit'>, unit: ActiveUnit): Decision<UnitEvent> {
  const { caseId, on, moveOutId, transferId } = command;
  const cause: VacancyCause | undefined =
    moveOutId !== undefined && transferId === undefined
      ? { moveOutId }
      : transferId !== undefined && moveOutId === undefined
        ? { transferId }
        : undefined;
  if (!cause) {
    return reject('unit.vacate.cause_required', 'Give either the move-out or the transfer that empties the place', {
      field: 'moveOutId',
    });
  }
  const occupant = unit.occupants.find((o) => o.caseId === caseId);
  if (!occupant) return nothingToDo;
  if (compareDates(on, occupant.since) < 0) {
    return reject('unit.vacate.before_move_in', 'A resident cannot leave before moving in', {
      field: 'on',
      details: { since: occupant.since },
    });
  }
  const { unitId, facilityId } = unit;
  return accept({ type: 'UnitVacated', data: { unitId, facilityId, caseId, personId: occupant.personId, on, ...cause } });
}

function evolveActive(unit: ActiveUnit, event: UnitEvent): ActiveUnit {
  switch (event.type) {
    case 'UnitAdded':
      return unit; // a unit is added once; decide never repeats it
    case 'UnitTakenOutOfService':
      return { ...unit, outOfService: { since: event.data.on, reason: event.data.reason } };
    case 'UnitReturnedToService':
      return { ...unit, outOfService: undefined };
    case 'UnitReserved': {
      const { offerId, caseId, expiresOn } = event.data;
      return {
        ...unit,
        reservations: [...unit.reservations, { offerId, caseId, expiresOn }],
        seen: { ...unit.seen, offerIds: [...unit.seen.offerIds, offerId] },
      };
    }
    case 'UnitReservationReleased':
      return { ...unit, reservations: unit.reservations.filter((r) => r.offerId !== event.data.offerId) };
    case 'UnitOccupied': {
      const { caseId, personId, on } = event.data;
      const occupants = [...unit.occupants, { caseId, personId, since: on }];
      if ('transferId' in event.data) {
        const transferIds = [...unit.seen.transferIds, event.data.transferId];
        return { ...unit, occupants, seen: { ...unit.seen, transferIds } };
      }
      const { moveInId, offerId } = event.data;
      return {
        ...unit,
        occupants,
        reservations: unit.reservations.filter((r) => r.offerId !== offerId),
        seen: { ...unit.seen, moveInIds: [...unit.seen.moveInIds, moveInId] },
      };
    }
    case 'UnitVacated':
      return { ...unit, occupants: unit.occupants.filter((o) => o.caseId !== event.data.caseId) };
  }
}

export const unitDecider: Decider<UnitCommand, UnitState, UnitEvent> = {
  initialState: { status: 'none' },

  decide(command, state) {
    if (command.type === 'AddUnit') return addUnit(command, state);
    if (state.status !== 'active') return reject('unit.not_found', 'No such unit', { field: 'unitId' });
    switch (command.type) {
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
        return occupyByTransfer(command, state);
      case 'VacateUnit':
        return vacate(command, state);
    }
  },

  evolve(state, event) {
    if (state.status === 'active') return evolveActive(state, event);
    if (event.type !== 'UnitAdded') return state; // decide never emits these before UnitAdded
    const { unitId, facilityId, label, kind, capacity } = event.data;
    return {
      status: 'active',
      unitId,
      facilityId,
      label,
      kind,
      capacity,
      occupants: [],
      reservations: [],
      seen: { offerIds: [], moveInIds: [], transferIds: [] },
    };
  },
};

/** Current schema version of each event type (see shared/upcasting.ts). */
export const UNIT_EVENT_SCHEMA_VERSIONS: { readonly [T in UnitEvent['type']]: number } = {
  UnitAdded: 1,
  UnitTakenOutOfService: 1,
  UnitReturnedToService: 1,
  UnitReserved: 1,
  UnitReservationReleased: 1,
  UnitOccupied: 1,
  UnitVacated: 1,
};

/**
 * Data fields holding personal data, per event type. Unit events refer to people only by opaque ids
 * (caseId, personId); names and numbers live in the person stream, so there is nothing to list here.
 * The out-of-service reason is about the building and must not name residents.
 */
export const UNIT_PERSONAL_FIELDS: { readonly [T in UnitEvent['type']]: readonly string[] } = {
  UnitAdded: [],
  UnitTakenOutOfService: [],
  UnitReturnedToService: [],
  UnitReserved: [],
  UnitReservationReleased: [],
  UnitOccupied: [],
  UnitVacated: [],
};
