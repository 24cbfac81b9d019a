import type { SelectedRow } from '@app/projections';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { UnitAttribute, UnitKind } from '@app/domain';
import { ReadModels } from '../read-models.service';
import { OCCUPANCY } from './occupancy.projection';

/** A unit as its administrator keeps it: what it is, not who lives in it. */
export interface FacilityUnit {
  unitId: string;
  label: string;
  kind: UnitKind;
  capacity: number;
  attributes: UnitAttribute[];
  cluster: string | null;
  /** The day it went out of service; null while in service. */
  outOfServiceSince: string | null;
}

export class ListFacilityUnitsQuery extends Query<FacilityUnit[]> {
  constructor(readonly input: { facilityId: string; minPosition?: string }) {
    super();
  }
}

/** The units of one facility, by label (numbers in labels in numeric order). No resident data. */
@QueryHandler(ListFacilityUnitsQuery)
export class ListFacilityUnitsHandler implements IQueryHandler<ListFacilityUnitsQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ input }: ListFacilityUnitsQuery): Promise<FacilityUnit[]> {
    await this.readModels.ready([OCCUPANCY], input.minPosition);
    const rows = this.readModels
      .statement(`SELECT * FROM ${this.readModels.table(OCCUPANCY, 'occupancy_units')} WHERE facility_id = ?`)
      .all(input.facilityId) as SelectedRow[];
    return rows
      .map((r) => ({
        unitId: r.unit_id,
        label: r.label,
        kind: r.kind,
        capacity: r.capacity,
        attributes: JSON.parse(r.attributes),
        cluster: r.cluster ?? null,
        outOfServiceSince: r.out_of_service_since ?? null,
      }))
      .sort((a, b) => a.label.localeCompare(b.label, 'nb', { numeric: true }) || a.unitId.localeCompare(b.unitId));
  }
}
