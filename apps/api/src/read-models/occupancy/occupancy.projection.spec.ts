import { CaseEvent } from '@app/domain';
import { cmd, historyOf, paths } from '@app/domain/case/case.fixtures';
import { projectionSpec } from '@app/projections';
import { Actor } from '../../platform/auth/actor';
import { AccessDenied, NotFound } from '../../platform/errors/command-errors';
import { Clock } from '../../platform/clock';
import { readScope } from '../shared/read-scope';
import { occupancyProjection } from './occupancy.projection';
import { GetOccupancyBoardHandler, GetOccupancyBoardQuery, ListFacilitiesHandler, ListFacilitiesQuery } from './occupancy.query';
import { readModelsOf } from '../shared/query-harness';

type Spec = ReturnType<typeof projectionSpec>;
type Ev = ReturnType<Spec['event']>;

const F = 'f1';
const profile = { name: 'Bolig Nu', kind: 'temporary_housing', municipality: 'Bodø', targetGroup: {}, maxStayDays: 90, exclusionReasons: [] };

/** The events of a move-in in the order the application writes them: the unit's reservation first, the unit's occupancy last. */
function world(spec: Spec) {
  const e = spec.event.bind(spec);
  const caseEvents = (events: readonly CaseEvent[]) => events.map((x) => e(x.type, x.data as Record<string, any>, { stream: `case-${x.data.caseId}` }));
  const unit = (unitId: string, label: string, capacity = 1) => e('UnitAdded', { unitId, facilityId: F, label, kind: 'permanent', capacity });
  const setup = [
    e('FacilityRegistered', { facilityId: F, ...profile }),
    unit('u1', 'H2'),
    unit('u2', 'H10'),
    unit('u3', 'H1', 2),
    e('PersonRegistered', { personId: 'p1', givenName: 'Kari', familyName: 'Nordmann', birthDate: '1990-05-17', gender: 'female' }),
  ];
  const granted = caseEvents(historyOf(...paths.granted()));
  const reserved = e('UnitReserved', { unitId: 'u1', facilityId: F, caseId: 'c1', offerId: 'o1', on: '2025-01-20', expiresOn: '2025-01-27' });
  const [offered, accepted, movedIn] = caseEvents(historyOf(...paths.granted(), cmd.offer(), cmd.accept(), cmd.moveIn()).slice(-3));
  const occupied = e('UnitOccupied', { unitId: 'u1', facilityId: F, caseId: 'c1', personId: 'p1', on: '2025-02-01', moveInId: 'mi1', offerId: 'o1' });
  /** Kari's whole way in, from the grant to the unit's occupancy. */
  const moveIn = [...granted, reserved, offered, accepted, movedIn, occupied];
  return { e, caseEvents, setup, granted, reserved, offered, accepted, movedIn, occupied, moveIn };
}

/** The query handlers over the spec's database, at a fixed today. */
function queries(spec: Spec, today = '2025-03-03') {
  const readModels = readModelsOf(spec);
  const clock = { today: () => today, now: () => new Date(`${today}T12:00:00Z`) } as Clock;
  return { board: new GetOccupancyBoardHandler(readModels, clock), list: new ListFacilitiesHandler(readModels) };
}
const actor = (role: string, facilityIds: string[] = []): Actor => ({ userId: 'u', username: 'u', grants: [{ role: role as never, facilityIds }] });

describe('occupancy projection', () => {
  it('holds a place from the reservation, shows the offer on it, and turns it into an occupant with the agreement on move-in', () => {
    const spec = projectionSpec(occupancyProjection);
    const w = world(spec);
    spec.given(...w.setup, ...w.granted, w.reserved, w.offered, w.accepted);
    expect(spec.rows('occupancy_reservations')).toEqual([
      { offer_id: 'o1', unit_id: 'u1', facility_id: F, case_id: 'c1', reserved_on: '2025-01-20', expires_on: '2025-01-27' },
    ]);
    expect(spec.rows('occupancy_offers')).toEqual([
      {
        offer_id: 'o1',
        case_id: 'c1',
        person_id: 'p1',
        unit_id: 'u1',
        facility_id: F,
        offered_on: '2025-01-20',
        expires_on: '2025-01-27',
        accepted_on: '2025-01-21',
      },
    ]);

    // The case's MovedIn arrives before the unit's UnitOccupied.
    spec.given(w.movedIn);
    expect(spec.rows('occupancy_stays')).toEqual([
      {
        case_id: 'c1',
        person_id: 'p1',
        facility_id: F,
        unit_id: 'u1',
        moved_in_on: '2025-02-01',
        in_unit_since: '2025-02-01',
        agreement_kind: 'service_agreement',
        agreement_starts_on: '2025-02-01',
        agreement_ends_on: '2025-08-01',
        agreement_limit: '2026-02-01',
      },
    ]);
    expect(spec.rows('occupancy_unit_occupants')).toEqual([]);
    spec.given(w.occupied);
    expect(spec.rows('occupancy_unit_occupants')).toEqual([{ unit_id: 'u1', case_id: 'c1', facility_id: F, person_id: 'p1', since: '2025-02-01' }]);
    expect(spec.rows('occupancy_reservations')).toEqual([]);
    expect(spec.rows('occupancy_offers')).toEqual([]);
  });

  it('frees the place when an offer is declined', () => {
    const spec = projectionSpec(occupancyProjection);
    const w = world(spec);
    const [declined] = w.caseEvents(historyOf(...paths.granted(), cmd.offer(), cmd.decline()).slice(-1));
    spec.given(
      ...w.setup,
      ...w.granted,
      w.reserved,
      w.offered,
      declined,
      w.e('UnitReservationReleased', { unitId: 'u1', facilityId: F, caseId: 'c1', offerId: 'o1', on: '2025-01-21', reason: 'declined' }),
    );
    expect(spec.rows('occupancy_reservations')).toEqual([]);
    expect(spec.rows('occupancy_offers')).toEqual([]);
  });

  it('follows the agreement: extended, converted to a lease', () => {
    const spec = projectionSpec(occupancyProjection);
    const w = world(spec);
    const [extended, converted] = w.caseEvents(historyOf(...paths.resident(), cmd.extend('2025-10-01'), cmd.convert()).slice(-2));
    spec.given(...w.setup, ...w.granted, w.reserved, w.offered, w.accepted, w.movedIn, w.occupied, extended);
    expect(spec.rows('occupancy_stays')[0]).toMatchObject({
      agreement_kind: 'service_agreement',
      agreement_ends_on: '2025-10-01',
      agreement_limit: '2026-02-01',
    });
    spec.given(converted);
    expect(spec.rows('occupancy_stays')[0]).toMatchObject({
      agreement_kind: 'lease',
      agreement_starts_on: '2025-08-01',
      agreement_ends_on: null,
      agreement_limit: null,
      moved_in_on: '2025-02-01',
    });
  });

  it('moves the occupant on a transfer (target occupied first, then the case, then the old unit vacated) and clears both on move-out', () => {
    const spec = projectionSpec(occupancyProjection);
    const w = world(spec);
    const [transferred, movedOut] = w.caseEvents(historyOf(...paths.resident(), cmd.transfer({ toUnitId: 'u3' }), cmd.moveOut()).slice(-2));
    spec.given(...w.setup, ...w.granted, w.reserved, w.offered, w.accepted, w.movedIn, w.occupied);
    spec.given(
      w.e('UnitOccupied', { unitId: 'u3', facilityId: F, caseId: 'c1', personId: 'p1', on: '2025-03-15', transferId: 't1' }),
      transferred,
      w.e('UnitVacated', { unitId: 'u1', facilityId: F, caseId: 'c1', personId: 'p1', on: '2025-03-15', transferId: 't1' }),
    );
    expect(spec.rows('occupancy_unit_occupants')).toEqual([{ unit_id: 'u3', case_id: 'c1', facility_id: F, person_id: 'p1', since: '2025-03-15' }]);
    expect(spec.rows('occupancy_stays')[0]).toMatchObject({ unit_id: 'u3', moved_in_on: '2025-02-01', in_unit_since: '2025-03-15' });
    spec.given(movedOut, w.e('UnitVacated', { unitId: 'u3', facilityId: F, caseId: 'c1', personId: 'p1', on: '2025-04-15', moveOutId: 'mo1' }));
    expect(spec.rows('occupancy_unit_occupants')).toEqual([]);
    expect(spec.rows('occupancy_stays')).toEqual([]);
  });

  it('drops the name when the person is forgotten', () => {
    const spec = projectionSpec(occupancyProjection);
    const w = world(spec);
    spec.given(...w.setup, w.e('PersonForgotten', { personId: 'p1', on: '2026-02-01', legalBasis: 'court_order' }));
    expect(spec.rows('occupancy_people')).toEqual([]);
  });

  it('marks a unit out of service and back', () => {
    const spec = projectionSpec(occupancyProjection);
    const w = world(spec);
    spec.given(...w.setup, w.e('UnitTakenOutOfService', { unitId: 'u2', facilityId: F, on: '2025-01-10', reason: 'Water damage' }));
    expect(spec.rows('occupancy_units', 'unit_id')[1]).toMatchObject({ unit_id: 'u2', out_of_service_since: '2025-01-10' });
    expect(JSON.stringify(spec.snapshot())).not.toContain('Water damage');
    spec.given(w.e('UnitReturnedToService', { unitId: 'u2', facilityId: F, on: '2025-02-10' }));
    expect(spec.rows('occupancy_units', 'unit_id')[1]).toMatchObject({ unit_id: 'u2', out_of_service_since: null });
  });

  it('changes nothing when the same events are applied twice, or when any tail of them is applied again', () => {
    const spec = projectionSpec(occupancyProjection);
    const w = world(spec);
    const [extended] = w.caseEvents(historyOf(...paths.resident(), cmd.extend('2025-10-01')).slice(-1));
    const events: Ev[] = [
      ...w.setup,
      ...w.moveIn,
      extended,
      w.e('UnitTakenOutOfService', { unitId: 'u2', facilityId: F, on: '2025-01-10', reason: 'Water damage' }),
      w.e('PersonDetailsCorrected', { personId: 'p1', changes: { familyName: 'Østby' }, reason: 'Married', on: '2025-03-01' }),
      w.e('UnitDescribed', { unitId: 'u1', facilityId: F, attributes: ['reinforced'], cluster: '1. etasje' }),
      ...w.caseEvents(historyOf(...paths.resident(), cmd.risk()).slice(-1)),
    ];
    spec.given(...events);
    const once = spec.snapshot();
    spec.given(...events);
    expect(spec.snapshot()).toEqual(once);
    for (let i = 0; i < events.length; i++) {
      spec.given(...events.slice(i));
      expect(spec.snapshot()).toEqual(once);
    }
  });
});

describe('occupancy queries', () => {
  const resident = (spec: Spec) => {
    const w = world(spec);
    spec.given(
      ...w.setup,
      ...w.granted,
      w.reserved,
      w.offered,
      w.accepted,
      w.movedIn,
      w.occupied,
      w.e('UnitTakenOutOfService', { unitId: 'u2', facilityId: F, on: '2025-01-10', reason: 'Water damage' }),
      w.e('PersonRegistered', { personId: 'p2', givenName: 'Ola', familyName: 'Hansen', birthDate: '1980-01-01', gender: 'male' }),
      w.e('UnitReserved', { unitId: 'u3', facilityId: F, caseId: 'c2', offerId: 'o9', on: '2025-03-01', expiresOn: '2025-03-08' }),
      w.e('UnitOffered', {
        caseId: 'c2',
        on: '2025-03-01',
        offerId: 'o9',
        unitId: 'u3',
        facilityId: F,
        expiresOn: '2025-03-08',
        personId: 'p2',
        offerNumber: 1,
      }),
    );
  };

  it('shows each unit by label with its occupant, agreement, days in stay, reservations and service state, and the rate', async () => {
    const spec = projectionSpec(occupancyProjection);
    resident(spec);
    const board = await queries(spec).board.execute(new GetOccupancyBoardQuery({ facilityId: F, scope: 'everywhere' }));
    expect(board.facility).toEqual({ facilityId: F, name: 'Bolig Nu', kind: 'temporary_housing', municipality: 'Bodø' });
    expect(board.units.map((u) => u.label)).toEqual(['H1', 'H2', 'H10']);
    const [h1, h2, h10] = board.units;
    expect(h2.occupants).toEqual([
      {
        caseId: 'c1',
        personId: 'p1',
        name: { givenName: 'Kari', familyName: 'Nordmann' },
        stay: 'residence',
        since: '2025-02-01',
        movedInOn: '2025-02-01',
        daysInStay: 30,
        agreement: { kind: 'service_agreement', startsOn: '2025-02-01', endsOn: '2025-08-01', limit: '2026-02-01', daysLeft: 151 },
        recordedOnUnit: true,
      },
    ]);
    expect(h10.outOfService).toEqual({ since: '2025-01-10' });
    expect(h1.reservations).toEqual([
      {
        offerId: 'o9',
        caseId: 'c2',
        personId: 'p2',
        name: { givenName: 'Ola', familyName: 'Hansen' },
        offeredOn: '2025-03-01',
        expiresOn: '2025-03-08',
        status: 'open',
        acceptedOn: null,
        heldOnUnit: true,
      },
    ]);
    expect(h1.freePlaces).toBe(1);
    // 1 occupied of 3 places in service (H1 holds 2, H2 1; H10 is out of service).
    expect(board.summary).toEqual({
      units: 3,
      capacity: 4,
      inServiceCapacity: 3,
      unitsOutOfService: 1,
      occupied: 1,
      reserved: 1,
      free: 1,
      occupancyRate: 1 / 3,
    });
    expect(JSON.stringify(board)).not.toMatch(/\d+n/);
  });

  it('shows a move-in from the case event at once, before the unit records it (read your writes on the case command)', async () => {
    const spec = projectionSpec(occupancyProjection);
    const w = world(spec);
    spec.given(...w.setup, ...w.granted, w.reserved, w.offered, w.accepted);
    let board = await queries(spec).board.execute(new GetOccupancyBoardQuery({ facilityId: F, scope: 'everywhere' }));
    expect(board.units.find((u) => u.unitId === 'u1')!.reservations).toEqual([
      expect.objectContaining({ offerId: 'o1', status: 'accepted', acceptedOn: '2025-01-21', heldOnUnit: true }),
    ]);
    spec.given(w.movedIn);
    board = await queries(spec).board.execute(new GetOccupancyBoardQuery({ facilityId: F, scope: 'everywhere' }));
    const h2 = board.units.find((u) => u.unitId === 'u1')!;
    expect(h2.occupants).toEqual([expect.objectContaining({ caseId: 'c1', recordedOnUnit: false })]);
    expect(h2.reservations).toEqual([]);
    expect(board.summary).toMatchObject({ occupied: 1, reserved: 0 });
    spec.given(w.occupied);
    board = await queries(spec).board.execute(new GetOccupancyBoardQuery({ facilityId: F, scope: 'everywhere' }));
    expect(board.units.find((u) => u.unitId === 'u1')!.occupants).toEqual([expect.objectContaining({ caseId: 'c1', recordedOnUnit: true })]);
  });

  it('refuses a facility outside the reader’s scope (403) and answers 404 for an unknown one', async () => {
    const spec = projectionSpec(occupancyProjection);
    resident(spec);
    const { board } = queries(spec);
    await expect(
      board.execute(new GetOccupancyBoardQuery({ facilityId: F, scope: readScope(actor('case_worker', ['f2']), 'read.dashboard') })),
    ).rejects.toBeInstanceOf(AccessDenied);
    await expect(board.execute(new GetOccupancyBoardQuery({ facilityId: F, scope: readScope(actor('admin'), 'read.dashboard') }))).rejects.toBeInstanceOf(
      AccessDenied,
    );
    await expect(board.execute(new GetOccupancyBoardQuery({ facilityId: 'f9', scope: 'everywhere' }))).rejects.toBeInstanceOf(NotFound);
    const scoped = await board.execute(new GetOccupancyBoardQuery({ facilityId: F, scope: readScope(actor('supervisor', [F]), 'read.dashboard') }));
    expect(scoped.summary.occupied).toBe(1);
  });

  it('lists the facilities in scope with their unit counts', async () => {
    const spec = projectionSpec(occupancyProjection);
    resident(spec);
    spec.given(
      spec.event('FacilityRegistered', { facilityId: 'f2', ...profile, name: 'Ålgård' }),
      spec.event('FacilityRegistered', { facilityId: 'f3', ...profile, name: 'Ørsta' }),
    );
    const { list } = queries(spec);
    const all = await list.execute(new ListFacilitiesQuery({ scope: readScope(actor('admin'), 'read.dashboard', 'admin.facilities') }));
    // Norwegian order: Ø before Å.
    expect(all.facilities.map((f) => [f.name, f.unitCount])).toEqual([
      ['Bolig Nu', 3],
      ['Ørsta', 0],
      ['Ålgård', 0],
    ]);
    const mine = await list.execute(new ListFacilitiesQuery({ scope: readScope(actor('supervisor', ['f2']), 'read.dashboard', 'admin.facilities') }));
    expect(mine.facilities.map((f) => f.facilityId)).toEqual(['f2']);
  });
});

describe('resident composition on the board', () => {
  /** Kari (c1) lives in H2 on the first floor; her latest assessment is what counts. */
  const composed = (spec: Spec) => {
    const w = world(spec);
    const [first, second] = w.caseEvents(
      historyOf(
        ...paths.resident(),
        cmd.risk({ on: '2025-02-10', assessmentId: 'r1' }),
        cmd.risk({ on: '2025-03-01', assessmentId: 'r2', broset: { ...cmd.risk().broset, verbalThreats: true } }),
      ).slice(-2),
    );
    spec.given(
      ...w.setup,
      w.e('UnitDescribed', { unitId: 'u1', facilityId: F, attributes: ['reinforced', 'ground_floor'], cluster: '1. etasje' }),
      w.e('UnitAdded', { unitId: 'u4', facilityId: F, label: 'H3', kind: 'permanent', capacity: 1, attributes: ['pets_allowed'], cluster: '1. etasje' }),
      w.e('UnitAdded', { unitId: 'u5', facilityId: F, label: 'H4', kind: 'permanent', capacity: 1, cluster: '2. etasje' }),
      ...w.moveIn,
      first,
      second,
    );
  };

  it('keeps each unit’s attributes and cluster, and only the band of each case’s latest assessment', () => {
    const spec = projectionSpec(occupancyProjection);
    composed(spec);
    expect(spec.rows('occupancy_units', 'unit_id').map((u) => [u.unit_id, u.attributes, u.cluster])).toEqual([
      ['u1', '["reinforced","ground_floor"]', '1. etasje'],
      ['u2', '[]', null],
      ['u3', '[]', null],
      ['u4', '["pets_allowed"]', '1. etasje'],
      ['u5', '[]', '2. etasje'],
    ]);
    expect(spec.rows('occupancy_risk')).toEqual([{ case_id: 'c1', band: 'high', assessed_on: '2025-03-01' }]);
    // The ROS summary and the checklist stay in the case file.
    expect(JSON.stringify(spec.snapshot())).not.toContain('Risk of conflict');
    expect(JSON.stringify(spec.snapshot())).not.toContain('verbalThreats');
  });

  it('answers, per unit, the bands of the people living on its cluster, as counts', async () => {
    const spec = projectionSpec(occupancyProjection);
    composed(spec);
    const board = await queries(spec).board.execute(new GetOccupancyBoardQuery({ facilityId: F, scope: 'everywhere' }));
    const unit = (label: string) => board.units.find((u) => u.label === label)!;
    const firstFloor = { cluster: '1. etasje', residents: 1, low: 0, moderate: 0, high: 1, notAssessed: 0 };
    expect(unit('H2')).toMatchObject({ attributes: ['reinforced', 'ground_floor'], cluster: '1. etasje', clusterRisk: firstFloor });
    // H3 is free: offering it puts the newcomer beside Kari.
    expect(unit('H3')).toMatchObject({ attributes: ['pets_allowed'], cluster: '1. etasje', clusterRisk: firstFloor });
    expect(unit('H4').clusterRisk).toEqual({ cluster: '2. etasje', residents: 0, low: 0, moderate: 0, high: 0, notAssessed: 0 });
    expect(unit('H1')).toMatchObject({ attributes: [], cluster: null, clusterRisk: null });
  });

  it('counts a resident without an assessment as not assessed, and follows a unit’s new cluster', async () => {
    const spec = projectionSpec(occupancyProjection);
    const w = world(spec);
    spec.given(
      ...w.setup,
      w.e('UnitDescribed', { unitId: 'u1', facilityId: F, attributes: [], cluster: 'Hus A' }),
      ...w.granted,
      w.reserved,
      w.offered,
      w.accepted,
      w.movedIn,
    );
    let board = await queries(spec).board.execute(new GetOccupancyBoardQuery({ facilityId: F, scope: 'everywhere' }));
    expect(board.units.find((u) => u.unitId === 'u1')!.clusterRisk).toEqual({ cluster: 'Hus A', residents: 1, low: 0, moderate: 0, high: 0, notAssessed: 1 });
    spec.given(w.e('UnitDescribed', { unitId: 'u1', facilityId: F, attributes: ['accessible'] }));
    board = await queries(spec).board.execute(new GetOccupancyBoardQuery({ facilityId: F, scope: 'everywhere' }));
    expect(board.units.find((u) => u.unitId === 'u1')).toMatchObject({ attributes: ['accessible'], cluster: null, clusterRisk: null });
  });
});
