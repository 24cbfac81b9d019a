import fc from 'fast-check';
import { applyDecision } from '../shared/decider';
import { specFor } from '../shared/given-when-then';
import { placesTakenOn } from './unit-claims';
import { occupantsOn, openOccupancies, UnitCommand, unitDecider, UnitEvent, UnitState, unitStream } from './unit.decider';

const given = specFor(unitDecider);
type Command<T extends UnitCommand['type']> = Extract<UnitCommand, { type: T }>;
const ref = { unitId: 'u1', facilityId: 'f1' };

const added = (capacity = 1): UnitEvent => ({
  type: 'UnitAdded',
  data: { ...ref, label: 'Leilighet 1', kind: 'assessment', capacity },
});
const reserved = (offerId: string, caseId: string): UnitEvent => ({
  type: 'UnitReserved',
  data: { ...ref, caseId, offerId, on: '2026-03-01', expiresOn: '2026-03-15' },
});
const movedIn = (caseId: string, offerId = `o-${caseId}`): UnitEvent => ({
  type: 'UnitOccupied',
  data: { ...ref, caseId, personId: `p-${caseId}`, on: '2026-03-05', moveInId: `m-${caseId}`, offerId },
});
const transferredIn = (caseId: string): UnitEvent => ({
  type: 'UnitOccupied',
  data: { ...ref, caseId, personId: `p-${caseId}`, on: '2026-03-05', transferId: `t-${caseId}` },
});
const outOfService: UnitEvent = {
  type: 'UnitTakenOutOfService',
  data: { ...ref, on: '2026-02-01', reason: 'water damage' },
};

const reserve = (offerId: string, caseId: string): Command<'ReserveUnit'> => ({
  type: 'ReserveUnit',
  unitId: 'u1',
  caseId,
  offerId,
  on: '2026-03-01',
  expiresOn: '2026-03-15',
});
const occupy = (caseId: string, offerId = `o-${caseId}`): Command<'OccupyUnit'> => ({
  type: 'OccupyUnit',
  unitId: 'u1',
  caseId,
  personId: `p-${caseId}`,
  moveInId: `m-${caseId}`,
  offerId,
  on: '2026-03-05',
});
const transfer = (caseId: string): Command<'OccupyUnitByTransfer'> => ({
  type: 'OccupyUnitByTransfer',
  unitId: 'u1',
  caseId,
  personId: `p-${caseId}`,
  transferId: `t-${caseId}`,
  on: '2026-03-05',
});

describe('unit', () => {
  it('names its stream after the unit', () => {
    expect(unitStream('u1')).toBe('unit-u1');
  });

  describe('AddUnit', () => {
    const add: Command<'AddUnit'> = { type: 'AddUnit', ...ref, label: 'Leilighet 1', kind: 'assessment', capacity: 1 };
    it('adds a unit to a facility', () => {
      given().when(add).then(added(1));
    });
    it('is idempotent when repeated', () => {
      given(added(1)).when(add).thenNothing();
    });
    it('refuses a different unit under the same id', () => {
      given(added(1))
        .when({ ...add, capacity: 2 })
        .thenRejects('unit.already_added');
    });
    it.each([0, 11, 1.5])('refuses capacity %p', (capacity) => {
      given()
        .when({ ...add, capacity })
        .thenRejects('unit.capacity_out_of_range', 'capacity');
    });
    it('needs a label', () => {
      given()
        .when({ ...add, label: ' ' })
        .thenRejects('unit.label_required', 'label');
    });
  });

  describe('every other command', () => {
    it('needs the unit to exist', () => {
      given().when(reserve('o1', 'c1')).thenRejects('unit.not_found');
    });
  });

  describe('TakeUnitOutOfService and ReturnUnitToService', () => {
    const today = '2026-06-01';
    const takeOut: Command<'TakeUnitOutOfService'> = { type: 'TakeUnitOutOfService', unitId: 'u1', on: '2026-02-01', reason: 'water damage', today };
    const putBack: UnitCommand = { type: 'ReturnUnitToService', unitId: 'u1', on: '2026-02-20', today };
    it('takes an empty unit out of service', () => {
      given(added()).when(takeOut).then(outOfService);
    });
    it('refuses while the unit is occupied', () => {
      given(added(), transferredIn('c1'))
        .when({ ...takeOut, on: '2026-03-10' })
        .thenRejects('unit.out_of_service.in_use', 'on');
    });
    it('refuses while the unit is reserved', () => {
      given(added(), reserved('o1', 'c1'))
        .when({ ...takeOut, on: '2026-03-01' })
        .thenRejects('unit.out_of_service.in_use', 'on');
    });
    it('needs a reason', () => {
      given(added())
        .when({ ...takeOut, reason: '' })
        .thenRejects('unit.out_of_service.reason_required', 'reason');
    });
    it('records nothing when already out of service', () => {
      given(added(), outOfService).when(takeOut).thenNothing();
    });
    it('returns the unit to service', () => {
      given(added(), outOfService)
        .when(putBack)
        .then({ type: 'UnitReturnedToService', data: { ...ref, on: '2026-02-20' } });
    });
    it('records nothing when the unit is in service', () => {
      given(added()).when(putBack).thenNothing();
    });
    it('refuses a day after today, in both directions', () => {
      given(added())
        .when({ ...takeOut, on: '2026-06-02' })
        .thenRejects('command.date_in_future', 'on');
      given(added(), outOfService)
        .when({ ...putBack, on: '2026-06-02' })
        .thenRejects('command.date_in_future', 'on');
    });
    it('takes a unit out of service for a past period before a later stay, which the period must end by', () => {
      given(added(), transferredIn('c1'))
        .when({ ...takeOut, on: '2026-02-01' })
        .then({ type: 'UnitTakenOutOfService', data: { ...ref, on: '2026-02-01', reason: 'water damage', endsBy: '2026-03-05' } });
      const bounded: UnitEvent = { type: 'UnitTakenOutOfService', data: { ...ref, on: '2026-02-01', reason: 'water damage', endsBy: '2026-03-05' } };
      given(added(), transferredIn('c1'), bounded)
        .when({ ...putBack, on: '2026-03-06' })
        .thenRejects('unit.capacity', 'on');
      given(added(), transferredIn('c1'), bounded)
        .when({ ...putBack, on: '2026-03-05' })
        .thenRecords('UnitReturnedToService');
    });
    it('refuses a stay in the unit while it is out of service, also one entered later for those days', () => {
      const back: UnitEvent = { type: 'UnitReturnedToService', data: { ...ref, on: '2026-02-20' } };
      given(added(), outOfService, back)
        .when({ ...reserve('o1', 'c1'), on: '2026-02-10' })
        .thenRejects('unit.out_of_service', 'on');
      given(added(), outOfService, back)
        .when({ ...reserve('o1', 'c1'), on: '2026-02-20' })
        .thenRecords('UnitReserved');
    });
  });

  describe('ReserveUnit', () => {
    it('holds a place for an offer', () => {
      given(added()).when(reserve('o1', 'c1')).then(reserved('o1', 'c1'));
    });
    it('is idempotent for the same offer', () => {
      given(added(), reserved('o1', 'c1')).when(reserve('o1', 'c1')).thenNothing();
    });
    it('refuses when the unit is out of service', () => {
      given(added(), outOfService).when(reserve('o1', 'c1')).thenRejects('unit.out_of_service');
    });
    it('refuses when occupants and reservations fill the unit', () => {
      given(added(2), transferredIn('c1'), reserved('o2', 'c2'))
        .when({ ...reserve('o3', 'c3'), on: '2026-03-05' })
        .thenRejects('unit.capacity', 'on');
    });
    it('refuses an offer dated before a move-out that frees the place (the order they are entered in does not matter)', () => {
      // Finding: A lives there until 10 March; B's offer dated 9 March was accepted once A's move-out was entered.
      const outOn10: UnitEvent = { type: 'UnitVacated', data: { ...ref, caseId: 'c1', personId: 'p-c1', on: '2026-03-10', moveOutId: 'mo1' } };
      given(added(), transferredIn('c1'), outOn10)
        .when({ ...reserve('o2', 'c2'), on: '2026-03-09' })
        .thenRejects('unit.capacity', 'on');
      given(added(), transferredIn('c1'))
        .when({ ...reserve('o2', 'c2'), on: '2026-03-09' })
        .thenRejects('unit.capacity', 'on');
      given(added(), transferredIn('c1'), outOn10)
        .when({ ...reserve('o2', 'c2'), on: '2026-03-10' })
        .thenRecords('UnitReserved');
    });
    it('takes an offer entered after the fact into a gap before a later claim, which it must end by', () => {
      given(added(), transferredIn('c1'))
        .when({ ...reserve('o2', 'c2'), on: '2026-02-01' })
        .then({ type: 'UnitReserved', data: { ...ref, caseId: 'c2', offerId: 'o2', on: '2026-02-01', expiresOn: '2026-03-15', endsBy: '2026-03-05' } });
    });
    it('refuses an expiry before the reservation starts', () => {
      given(added())
        .when({ ...reserve('o1', 'c1'), expiresOn: '2026-02-28' })
        .thenRejects('unit.reservation.expires_before_start', 'expiresOn');
    });
  });

  describe('ReleaseReservation', () => {
    const releaseO1: UnitCommand = { type: 'ReleaseReservation', unitId: 'u1', offerId: 'o1', on: '2026-03-03', reason: 'declined' };
    it('frees the place an offer held', () => {
      given(added(), reserved('o1', 'c1'))
        .when(releaseO1)
        .then({
          type: 'UnitReservationReleased',
          data: { ...ref, caseId: 'c1', offerId: 'o1', on: '2026-03-03', reason: 'declined' },
        });
    });
    it('records nothing when the offer holds no place', () => {
      given(added()).when(releaseO1).thenNothing();
    });
    it('lets another offer take the freed place', () => {
      const released: UnitEvent = {
        type: 'UnitReservationReleased',
        data: { ...ref, caseId: 'c1', offerId: 'o1', on: '2026-03-03', reason: 'expired' },
      };
      given(added(), reserved('o1', 'c1'), released)
        .when({ ...reserve('o2', 'c2'), on: '2026-03-03' })
        .thenRecords('UnitReserved');
      // Not for the days the first offer still held it.
      given(added(), reserved('o1', 'c1'), released)
        .when({ ...reserve('o2', 'c2'), on: '2026-03-02' })
        .thenRejects('unit.capacity', 'on');
    });
  });

  describe('OccupyUnit', () => {
    it('moves the resident in and consumes the reservation', () => {
      given(added(), reserved('o-c1', 'c1')).when(occupy('c1')).then(movedIn('c1'));
    });
    it('is idempotent for the same move-in', () => {
      given(added(), reserved('o-c1', 'c1'), movedIn('c1')).when(occupy('c1')).thenNothing();
    });
    it('needs a reservation by this offer', () => {
      given(added()).when(occupy('c1')).thenRejects('unit.occupy.requires_reservation', 'offerId');
    });
    it('needs the reservation to be held for this case', () => {
      given(added(2), reserved('o-c1', 'c2')).when(occupy('c1')).thenRejects('unit.occupy.requires_reservation');
    });
    it('refuses when the unit is out of service', () => {
      // Only a history from before the in-use rule can hold a reservation on an out-of-service unit.
      given(added(), reserved('o-c1', 'c1'), outOfService).when(occupy('c1')).thenRejects('unit.out_of_service');
    });
    it('refuses a resident who already lives here', () => {
      given(added(2), transferredIn('c1'), reserved('o-c1', 'c1')).when(occupy('c1')).thenRejects('unit.occupy.already_occupant');
    });
    it('refuses when the occupants fill the unit', () => {
      // Reservations never outnumber free places today; this history was written under older rules.
      given(added(1), transferredIn('c2'), reserved('o-c1', 'c1')).when(occupy('c1')).thenRejects('unit.capacity');
    });
  });

  describe('OccupyUnitForMapping', () => {
    const mapping: Command<'OccupyUnitForMapping'> = {
      type: 'OccupyUnitForMapping',
      unitId: 'u1',
      caseId: 'c1',
      personId: 'p-c1',
      mappingId: 'map1',
      on: '2026-03-05',
    };
    const mapped: UnitEvent = { type: 'UnitOccupied', data: { ...ref, caseId: 'c1', personId: 'p-c1', on: '2026-03-05', mappingId: 'map1' } };
    it('takes a place for an assessment stay, as a move-in does', () => {
      given(added()).when(mapping).then(mapped);
    });
    it('is idempotent for the same assessment stay', () => {
      given(added(), mapped).when(mapping).thenNothing();
    });
    it('refuses a second assessment stay in a full unit, and an offer on it', () => {
      given(added(), mapped)
        .when({ ...mapping, caseId: 'c2', personId: 'p-c2', mappingId: 'map2' })
        .thenRejects('unit.capacity', 'on');
      given(added(), mapped)
        .when({ ...reserve('o2', 'c2'), on: '2026-03-14' })
        .thenRejects('unit.capacity', 'on');
    });
    it('frees the place when the assessment stay ends', () => {
      given(added(), mapped)
        .when({ type: 'VacateUnit', unitId: 'u1', caseId: 'c1', on: '2026-04-05', mappingId: 'map1' })
        .then({ type: 'UnitVacated', data: { ...ref, caseId: 'c1', personId: 'p-c1', on: '2026-04-05', mappingId: 'map1' } });
    });
  });

  describe('OccupyUnitByTransfer', () => {
    it('moves a transferred resident in without an offer', () => {
      given(added()).when(transfer('c1')).then(transferredIn('c1'));
    });
    it('is idempotent for the same transfer', () => {
      given(added(2), transferredIn('c1')).when(transfer('c1')).thenNothing();
    });
    it('may not take a place an offer holds', () => {
      given(added(1), reserved('o2', 'c2')).when(transfer('c1')).thenRejects('unit.capacity');
    });
    it('refuses when the unit is out of service', () => {
      given(added(), outOfService).when(transfer('c1')).thenRejects('unit.out_of_service');
    });
    it('refuses a resident who already lives here', () => {
      given(added(2), movedIn('c1'))
        .when({ ...transfer('c1'), transferId: 't-other' })
        .thenRejects('unit.occupy.already_occupant');
    });
  });

  describe('VacateUnit', () => {
    const moveOut: Command<'VacateUnit'> = { type: 'VacateUnit', unitId: 'u1', caseId: 'c1', on: '2026-04-01', moveOutId: 'mo1' };
    it('records a move-out with the person who left', () => {
      given(added(), transferredIn('c1'))
        .when(moveOut)
        .then({ type: 'UnitVacated', data: { ...ref, caseId: 'c1', personId: 'p-c1', on: '2026-04-01', moveOutId: 'mo1' } });
    });
    it('records a transfer out', () => {
      given(added(), transferredIn('c1'))
        .when({ type: 'VacateUnit', unitId: 'u1', caseId: 'c1', on: '2026-04-01', transferId: 't9' })
        .then({ type: 'UnitVacated', data: { ...ref, caseId: 'c1', personId: 'p-c1', on: '2026-04-01', transferId: 't9' } });
    });
    it('records nothing when the case does not live here', () => {
      given(added()).when(moveOut).thenNothing();
    });
    it('needs exactly one of move-out and transfer', () => {
      given(added(), transferredIn('c1'))
        .when({ ...moveOut, transferId: 't9' })
        .thenRejects('unit.vacate.cause_required');
      given(added(), transferredIn('c1')).when({ type: 'VacateUnit', unitId: 'u1', caseId: 'c1', on: '2026-04-01' }).thenRejects('unit.vacate.cause_required');
    });
    it('refuses a move-out before the move-in', () => {
      given(added(), transferredIn('c1'))
        .when({ ...moveOut, on: '2026-03-04' })
        .thenRejects('unit.vacate.before_move_in', 'on');
    });
    it('frees the place for the next offer', () => {
      const vacated: UnitEvent = { type: 'UnitVacated', data: { ...ref, caseId: 'c1', personId: 'p-c1', on: '2026-04-01', moveOutId: 'mo1' } };
      given(added(), transferredIn('c1'), vacated)
        .when({ ...reserve('o2', 'c2'), on: '2026-04-01', expiresOn: '2026-04-08' })
        .thenRecords('UnitReserved');
    });
    it('refuses to end a stay entered after the fact later than the day a later claim took the place', () => {
      const later = { type: 'UnitReserved', data: { ...ref, caseId: 'c2', offerId: 'o2', on: '2026-03-20', expiresOn: '2026-03-27' } } as UnitEvent;
      const bounded = { ...transferredIn('c1'), data: { ...transferredIn('c1').data, endsBy: '2026-03-20' } } as UnitEvent;
      given(added(), later, bounded)
        .when({ ...moveOut, on: '2026-03-21' })
        .thenRejects('unit.capacity', 'on');
      given(added(), later, bounded)
        .when({ ...moveOut, on: '2026-03-20' })
        .thenRecords('UnitVacated');
      // Once the later claim gave the place up on its first day, the stay may end later: extend it first.
      const releasedAtOnce = {
        type: 'UnitReservationReleased',
        data: { ...ref, caseId: 'c2', offerId: 'o2', on: '2026-03-20', reason: 'declined' },
      } as UnitEvent;
      given(added(), later, bounded, releasedAtOnce)
        .when({ ...moveOut, on: '2026-03-25' })
        .thenRecords('UnitVacated');
      given(added(), later, bounded, releasedAtOnce)
        .when({ type: 'ExtendClaim', unitId: 'u1', caseId: 'c1', until: '2026-03-25' })
        .then({ type: 'UnitClaimExtended', data: { ...ref, caseId: 'c1', claim: 'occupancy', from: '2026-03-05', until: '2026-03-25' } });
      given(added(), later, bounded).when({ type: 'ExtendClaim', unitId: 'u1', caseId: 'c1', until: '2026-03-25' }).thenRejects('unit.capacity', 'on');
      given(added(), later, bounded).when({ type: 'ExtendClaim', unitId: 'u1', caseId: 'c1', until: '2026-03-19' }).thenNothing();
    });
  });

  describe('capacity under any sequence of commands (property)', () => {
    // Small id pools, so that the same case, offer or move-in comes up again and again.
    const CASES = 12; // more than the largest capacity
    const caseId = fc.nat(CASES - 1).map((n) => `c${n}`);
    const offerNo = fc.nat(15);
    const on = fc.nat(27).map((n) => `2026-03-${String(n + 1).padStart(2, '0')}`);
    // An offer usually belongs to one case (o7 to c7), so that move-ins find their reservation.
    const holderOf = (offer: number, other: string | null) => other ?? `c${offer % CASES}`;

    const reserveCmd = fc.record({ offer: offerNo, other: fc.option(caseId), on }).map(({ offer, other, on }): UnitCommand => ({
      type: 'ReserveUnit',
      unitId: 'u1',
      caseId: holderOf(offer, other),
      offerId: `o${offer}`,
      on,
      expiresOn: '2026-03-31',
    }));
    const releaseCmd = fc
      .record({ offer: offerNo, on, reason: fc.constantFrom('declined' as const, 'expired' as const, 'withdrawn' as const) })
      .map(({ offer, on, reason }): UnitCommand => ({ type: 'ReleaseReservation', unitId: 'u1', offerId: `o${offer}`, on, reason }));
    const occupyCmd = fc.record({ offer: offerNo, other: fc.option(caseId), moveIn: fc.nat(20), on }).map(({ offer, other, moveIn, on }): UnitCommand => {
      const c = holderOf(offer, other);
      return { type: 'OccupyUnit', unitId: 'u1', caseId: c, personId: `p-${c}`, moveInId: `m${moveIn}`, offerId: `o${offer}`, on };
    });
    const transferCmd = fc.record({ c: caseId, transfer: fc.nat(20), on }).map(({ c, transfer, on }): UnitCommand => ({
      type: 'OccupyUnitByTransfer',
      unitId: 'u1',
      caseId: c,
      personId: `p-${c}`,
      transferId: `t${transfer}`,
      on,
    }));
    const vacateCmd = fc.record({ c: caseId, n: fc.nat(20), byTransfer: fc.boolean(), on }).map(({ c, n, byTransfer, on }): UnitCommand => ({
      type: 'VacateUnit',
      unitId: 'u1',
      caseId: c,
      on,
      ...(byTransfer ? { transferId: `tx${n}` } : { moveOutId: `mo${n}` }),
    }));
    const serviceCmd = fc
      .record({ on, out: fc.boolean() })
      .map(({ on, out }): UnitCommand =>
        out
          ? { type: 'TakeUnitOutOfService', unitId: 'u1', on, reason: 'repairs', today: '2026-03-31' }
          : { type: 'ReturnUnitToService', unitId: 'u1', on, today: '2026-03-31' },
      );
    const extendCmd = fc.record({ c: caseId, on }).map(({ c, on }): UnitCommand => ({ type: 'ExtendClaim', unitId: 'u1', caseId: c, until: on }));
    // Weighted towards the commands that fill a unit, so that full units come up often.
    const command = fc.oneof(
      { weight: 4, arbitrary: reserveCmd },
      { weight: 4, arbitrary: occupyCmd },
      { weight: 2, arbitrary: releaseCmd },
      { weight: 2, arbitrary: transferCmd },
      { weight: 3, arbitrary: vacateCmd },
      { weight: 1, arbitrary: serviceCmd },
      { weight: 1, arbitrary: extendCmd },
    );
    const march = Array.from({ length: 31 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`);

    it('never holds more occupants than its capacity on any day, whatever the order of dates, and evolve accepts every decided event', () => {
      const capacity = fc.integer({ min: 1, max: 10 });
      const commands = fc.array(command, { minLength: 10, maxLength: 100 });
      fc.assert(
        fc.property(capacity, commands, (capacity, commands) => {
          let state: UnitState = unitDecider.evolve(unitDecider.initialState, added(capacity));
          for (const next of commands) {
            // The store decides one command at a time on the latest revision (optimistic concurrency),
            // so concurrent commands amount to a sequence like this one.
            state = applyDecision(unitDecider, state, next).state; // throws if evolve throws
            if (state.status !== 'active') throw new Error('The unit disappeared');
            const unit = state;
            for (const day of march) {
              expect(occupantsOn(unit, day).length).toBeLessThanOrEqual(capacity);
              // The stronger invariant that makes it so: a held reservation, and a day out of service, are taken places.
              const places = unit.claims.map((c) => ({ ...c, places: c.kind === 'out_of_service' ? capacity : 1 }));
              expect(placesTakenOn(places, day)).toBeLessThanOrEqual(capacity);
            }
            const open = openOccupancies(unit);
            expect(new Set(open.map((o) => o.caseId)).size).toBe(open.length);
          }
        }),
        { numRuns: 500 },
      );
    });
  });
});
