import type { SelectedRow } from '@app/projections';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { AgreementKind, BrosetBand, daysBetween, FacilityKind, IsoDate, UnitAttribute, UnitKind } from '@app/domain';
import { NotFound } from '../../platform/errors/command-errors';
import { Clock } from '../../platform/clock';
import { assertFacilityInScope, daysSince, ReadScope, scopeSql } from '../shared/read-scope';
import { ReadModels } from '../read-models.service';
import { OCCUPANCY } from './occupancy.projection';

type Name = { givenName: string; familyName: string } | null;

export interface Occupant {
  caseId: string;
  personId: string;
  name: Name;
  /** A residence (a move-in), or an assessment stay (kartlegging) in an assessment flat. */
  stay: 'residence' | 'assessment';
  /** In this unit since (a transfer moves the person, it does not start a new stay). */
  since: IsoDate;
  movedInOn: IsoDate;
  /** Days from the move-in to today. */
  daysInStay: number;
  /** The agreement of a residence; null for an assessment stay. */
  agreement: { kind: AgreementKind; startsOn: IsoDate; endsOn: IsoDate | null; limit: IsoDate | null; daysLeft: number | null } | null;
  /** Whether the unit's own stream has recorded the occupant yet (it follows the case; false while it catches up). */
  recordedOnUnit: boolean;
}

/** An open offer: it holds a place on the unit until it is answered or expires. */
export interface Reservation {
  offerId: string;
  caseId: string;
  personId: string;
  name: Name;
  offeredOn: IsoDate;
  expiresOn: IsoDate;
  /** Open, or accepted and waiting for the move-in. */
  status: 'open' | 'accepted';
  acceptedOn: IsoDate | null;
  /** Whether the unit's stream holds the place (it reserves before the offer is recorded). */
  heldOnUnit: boolean;
}

/**
 * Who lives on a unit's floor or cluster now, as counts of their latest Brøset band: enough to weigh
 * resident composition when offering the unit, never who they are.
 */
export type ClusterRisk = { cluster: string; residents: number; notAssessed: number } & Record<BrosetBand, number>;

export interface UnitOnBoard {
  unitId: string;
  label: string;
  kind: UnitKind;
  capacity: number;
  attributes: UnitAttribute[];
  cluster: string | null;
  /** The residents of every unit on the same cluster, this one's included; null when the unit has no cluster. */
  clusterRisk: ClusterRisk | null;
  outOfService: { since: IsoDate } | null;
  occupants: Occupant[];
  reservations: Reservation[];
  freePlaces: number;
}

export interface OccupancySummary {
  units: number;
  capacity: number;
  /** Places in units that are in service: what the rate is counted against. */
  inServiceCapacity: number;
  unitsOutOfService: number;
  occupied: number;
  reserved: number;
  free: number;
  /** Occupied places / in-service capacity, 0 to 1; null when nothing is in service. */
  occupancyRate: number | null;
}

export interface OccupancyBoard {
  facility: { facilityId: string; name: string; kind: FacilityKind; municipality: string };
  today: IsoDate;
  summary: OccupancySummary;
  units: UnitOnBoard[];
}

export interface FacilityListItem {
  facilityId: string;
  name: string;
  kind: FacilityKind;
  municipality: string;
  unitCount: number;
}

export class GetOccupancyBoardQuery extends Query<OccupancyBoard> {
  constructor(readonly input: { facilityId: string; scope: ReadScope; minPosition?: string }) {
    super();
  }
}

/** A unit on a past (or any) day, from the unit's claims as periods on effective dates. */
export interface UnitOnDay {
  unitId: string;
  label: string;
  capacity: number;
  outOfService: boolean;
  occupants: Array<{ caseId: string; personId: string; since: IsoDate }>;
  reservations: Array<{ offerId: string; caseId: string; since: IsoDate }>;
}
export interface OccupancyOnDay {
  facilityId: string;
  on: IsoDate;
  units: UnitOnDay[];
  occupied: number;
}

export class GetOccupancyOnDayQuery extends Query<OccupancyOnDay> {
  constructor(readonly input: { facilityId: string; on: IsoDate; scope: ReadScope; minPosition?: string }) {
    super();
  }
}

export class ListFacilitiesQuery extends Query<{ facilities: FacilityListItem[] }> {
  constructor(readonly input: { scope: ReadScope; minPosition?: string }) {
    super();
  }
}

const nameOf = (r: SelectedRow): Name => (r.given_name == null ? null : { givenName: r.given_name, familyName: r.family_name });
const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, 'nb', { numeric: true });

@QueryHandler(GetOccupancyBoardQuery)
export class GetOccupancyBoardHandler implements IQueryHandler<GetOccupancyBoardQuery> {
  constructor(
    private readonly readModels: ReadModels,
    private readonly clock: Clock,
  ) {}

  async execute({ input }: GetOccupancyBoardQuery): Promise<OccupancyBoard> {
    assertFacilityInScope(input.scope, input.facilityId);
    await this.readModels.ready([OCCUPANCY], input.minPosition);
    const t = (name: string) => this.readModels.table(OCCUPANCY, name);
    const db = this.readModels;
    const today = this.clock.today();

    const facility = db.statement(`SELECT * FROM ${t('occupancy_facilities')} WHERE facility_id = ?`).get(input.facilityId) as SelectedRow | undefined;
    if (!facility) throw new NotFound('Facility');
    const units = db.statement(`SELECT * FROM ${t('occupancy_units')} WHERE facility_id = ?`).all(input.facilityId) as Array<SelectedRow>;
    const occupants = db
      .statement(
        `SELECT s.*, p.given_name, p.family_name,
           EXISTS (SELECT 1 FROM ${t('occupancy_unit_occupants')} o WHERE o.unit_id = s.unit_id AND o.case_id = s.case_id) AS on_unit
         FROM ${t('occupancy_stays')} s
         LEFT JOIN ${t('occupancy_people')} p ON p.person_id = s.person_id
         WHERE s.facility_id = ?
         ORDER BY s.in_unit_since, s.case_id`,
      )
      .all(input.facilityId) as Array<SelectedRow>;
    const assessmentStays = db
      .statement(
        `SELECT m.*, p.given_name, p.family_name,
           EXISTS (SELECT 1 FROM ${t('occupancy_unit_occupants')} o WHERE o.unit_id = m.unit_id AND o.case_id = m.case_id) AS on_unit
         FROM ${t('occupancy_mapping_stays')} m
         LEFT JOIN ${t('occupancy_people')} p ON p.person_id = m.person_id
         WHERE m.facility_id = ?
         ORDER BY m.started_on, m.case_id`,
      )
      .all(input.facilityId) as Array<SelectedRow>;
    const risk = new Map(
      (
        db
          .statement(
            `SELECT r.case_id, r.band FROM ${t('occupancy_risk')} r
             WHERE r.case_id IN (SELECT case_id FROM ${t('occupancy_stays')} WHERE facility_id = ?
                                 UNION SELECT case_id FROM ${t('occupancy_mapping_stays')} WHERE facility_id = ?)`,
          )
          .all(input.facilityId, input.facilityId) as Array<{ case_id: string; band: BrosetBand }>
      ).map((r) => [r.case_id, r.band]),
    );
    const closed = new Set(
      (
        db
          .statement(
            `SELECT DISTINCT unit_id FROM ${t('occupancy_periods')}
             WHERE facility_id = ? AND kind = 'out_of_service' AND from_date <= ? AND (COALESCE(to_date, ends_by) IS NULL OR COALESCE(to_date, ends_by) > ?)`,
          )
          .all(input.facilityId, today, today) as Array<{ unit_id: string }>
      ).map((r) => r.unit_id),
    );
    const reservations = db
      .statement(
        `SELECT f.*, p.given_name, p.family_name,
           EXISTS (SELECT 1 FROM ${t('occupancy_reservations')} r WHERE r.offer_id = f.offer_id) AS on_unit
         FROM ${t('occupancy_offers')} f
         LEFT JOIN ${t('occupancy_people')} p ON p.person_id = f.person_id
         WHERE f.facility_id = ?
         ORDER BY f.offered_on, f.offer_id`,
      )
      .all(input.facilityId) as Array<SelectedRow>;

    const board: UnitOnBoard[] = units.map((u) => {
      const here = [
        ...occupants.filter((o) => o.unit_id === u.unit_id).map((o) => toOccupant(o, today)),
        ...assessmentStays.filter((m) => m.unit_id === u.unit_id).map((m) => toAssessmentStay(m, today)),
      ];
      const held = reservations.filter((r) => r.unit_id === u.unit_id).map(toReservation);
      const outOfService = u.out_of_service_since && closed.has(u.unit_id) ? { since: u.out_of_service_since as string } : null;
      return {
        unitId: u.unit_id,
        label: u.label,
        kind: u.kind,
        capacity: u.capacity,
        attributes: JSON.parse(u.attributes) as UnitAttribute[],
        cluster: u.cluster ?? null,
        clusterRisk: null,
        outOfService,
        occupants: here,
        reservations: held,
        freePlaces: outOfService ? 0 : Math.max(0, u.capacity - here.length - held.length),
      };
    });
    board.sort(byLabel);
    return {
      facility: { facilityId: facility.facility_id, name: facility.name, kind: facility.kind, municipality: facility.municipality },
      today,
      summary: summarise(board),
      units: withClusterRisk(board, risk),
    };
  }
}

/** Each unit with a cluster gets the bands of everyone living on that cluster (residents and assessment stays). */
function withClusterRisk(units: UnitOnBoard[], risk: ReadonlyMap<string, BrosetBand>): UnitOnBoard[] {
  const byCluster = new Map<string, ClusterRisk>();
  for (const u of units) {
    if (u.cluster === null) continue;
    const counts = byCluster.get(u.cluster) ?? { cluster: u.cluster, residents: 0, notAssessed: 0, low: 0, moderate: 0, high: 0 };
    for (const o of u.occupants) {
      const band = risk.get(o.caseId);
      counts.residents += 1;
      if (band) counts[band] += 1;
      else counts.notAssessed += 1;
    }
    byCluster.set(u.cluster, counts);
  }
  return units.map((u) => (u.cluster === null ? u : { ...u, clusterRisk: { ...byCluster.get(u.cluster)! } }));
}

function toAssessmentStay(m: SelectedRow, today: IsoDate): Occupant {
  return {
    caseId: m.case_id,
    personId: m.person_id,
    name: nameOf(m),
    stay: 'assessment',
    since: m.started_on,
    movedInOn: m.started_on,
    daysInStay: daysSince(m.started_on, today),
    agreement: null,
    recordedOnUnit: m.on_unit === 1,
  };
}

function toOccupant(o: SelectedRow, today: IsoDate): Occupant {
  return {
    caseId: o.case_id,
    personId: o.person_id,
    name: nameOf(o),
    stay: 'residence',
    since: o.in_unit_since,
    movedInOn: o.moved_in_on,
    daysInStay: daysSince(o.moved_in_on, today),
    agreement: {
      kind: o.agreement_kind,
      startsOn: o.agreement_starts_on,
      endsOn: o.agreement_ends_on,
      limit: o.agreement_limit,
      daysLeft: o.agreement_ends_on == null ? null : daysBetween(today, o.agreement_ends_on),
    },
    recordedOnUnit: o.on_unit === 1,
  };
}

function toReservation(r: SelectedRow): Reservation {
  return {
    offerId: r.offer_id,
    caseId: r.case_id,
    personId: r.person_id,
    name: nameOf(r),
    offeredOn: r.offered_on,
    expiresOn: r.expires_on,
    status: r.accepted_on == null ? 'open' : 'accepted',
    acceptedOn: r.accepted_on ?? null,
    heldOnUnit: r.on_unit === 1,
  };
}

export function summarise(units: readonly UnitOnBoard[]): OccupancySummary {
  const inService = units.filter((u) => !u.outOfService);
  const sum = (list: readonly UnitOnBoard[], f: (u: UnitOnBoard) => number) => list.reduce((n, u) => n + f(u), 0);
  const inServiceCapacity = sum(inService, (u) => u.capacity);
  const occupied = sum(units, (u) => u.occupants.length);
  return {
    units: units.length,
    capacity: sum(units, (u) => u.capacity),
    inServiceCapacity,
    unitsOutOfService: units.length - inService.length,
    occupied,
    reserved: sum(units, (u) => u.reservations.length),
    free: sum(units, (u) => u.freePlaces),
    occupancyRate: inServiceCapacity === 0 ? null : Math.min(1, occupied / inServiceCapacity),
  };
}

/**
 * Who held each unit's places on a day: the claims whose period covers it (from that day up to, not
 * including, their end or their endsBy), as the unit aggregate decides on them. Read from the units'
 * own events, so it shows what capacity was checked against.
 */
@QueryHandler(GetOccupancyOnDayQuery)
export class GetOccupancyOnDayHandler implements IQueryHandler<GetOccupancyOnDayQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ input }: GetOccupancyOnDayQuery): Promise<OccupancyOnDay> {
    assertFacilityInScope(input.scope, input.facilityId);
    await this.readModels.ready([OCCUPANCY], input.minPosition);
    const t = (name: string) => this.readModels.table(OCCUPANCY, name);
    const db = this.readModels;
    const facility = db.statement(`SELECT facility_id FROM ${t('occupancy_facilities')} WHERE facility_id = ?`).get(input.facilityId);
    if (!facility) throw new NotFound('Facility');
    const units = db.statement(`SELECT * FROM ${t('occupancy_units')} WHERE facility_id = ?`).all(input.facilityId) as Array<SelectedRow>;
    const periods = db
      .statement(
        `SELECT * FROM ${t('occupancy_periods')}
         WHERE facility_id = ? AND from_date <= ? AND (COALESCE(to_date, ends_by) IS NULL OR COALESCE(to_date, ends_by) > ?)
         ORDER BY from_date, claim_id`,
      )
      .all(input.facilityId, input.on, input.on) as Array<SelectedRow>;
    const byUnit = units
      .map((u): UnitOnDay => {
        const here = periods.filter((p) => p.unit_id === u.unit_id);
        return {
          unitId: u.unit_id,
          label: u.label,
          capacity: u.capacity,
          outOfService: here.some((p) => p.kind === 'out_of_service'),
          occupants: here.filter((p) => p.kind === 'occupancy').map((p) => ({ caseId: p.case_id, personId: p.person_id, since: p.from_date })),
          reservations: here.filter((p) => p.kind === 'reservation').map((p) => ({ offerId: p.claim_id, caseId: p.case_id, since: p.from_date })),
        };
      })
      .sort(byLabel);
    return { facilityId: input.facilityId, on: input.on, units: byUnit, occupied: byUnit.reduce((n, u) => n + u.occupants.length, 0) };
  }
}

@QueryHandler(ListFacilitiesQuery)
export class ListFacilitiesHandler implements IQueryHandler<ListFacilitiesQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ input }: ListFacilitiesQuery): Promise<{ facilities: FacilityListItem[] }> {
    await this.readModels.ready([OCCUPANCY], input.minPosition);
    const facilities = this.readModels.table(OCCUPANCY, 'occupancy_facilities');
    const units = this.readModels.table(OCCUPANCY, 'occupancy_units');
    const scope = scopeSql('f.facility_id', input.scope);
    const rows = this.readModels
      .statement(
        `SELECT f.*, (SELECT COUNT(*) FROM ${units} u WHERE u.facility_id = f.facility_id) AS unit_count
         FROM ${facilities} f WHERE ${scope.sql}`,
      )
      .all(...scope.params) as Array<SelectedRow>;
    return {
      facilities: rows
        .map((r) => ({ facilityId: r.facility_id, name: r.name, kind: r.kind, municipality: r.municipality, unitCount: r.unit_count }))
        .sort((a, b) => a.name.localeCompare(b.name, 'nb') || a.facilityId.localeCompare(b.facilityId)),
    };
  }
}
