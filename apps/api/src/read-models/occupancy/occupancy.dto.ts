import { ApiProperty } from '@nestjs/swagger';
import { AGREEMENT_KINDS, AgreementKind, FACILITY_KINDS, FacilityKind, UNIT_ATTRIBUTES, UNIT_KINDS, UnitAttribute, UnitKind } from '@app/domain';
import { Count, Day, NullableNumber } from '../shared/figure-schema';
import { PersonNameDto } from '../shared/person-name.dto';
import {
  ClusterRisk,
  FacilityListItem,
  OccupancyBoard,
  OccupancyOnDay,
  OccupancySummary,
  Occupant,
  Reservation,
  UnitOnBoard,
  UnitOnDay,
} from './occupancy.query';

class OccupantAgreementDto {
  @ApiProperty({ enum: AGREEMENT_KINDS, description: 'The agreement they live under now' }) kind!: AgreementKind;
  @Day('Its original start') startsOn!: string;
  @Day('Its current end (null for an indefinite lease)', true) endsOn!: string | null;
  @Day('The latest end the law or the facility allows (null for a lease)', true) limit!: string | null;
  @NullableNumber('Days from today to the end: 0 on the last day, negative once past (null: no end)', 'integer') daysLeft!: number | null;
}

class OccupantDto implements Occupant {
  @ApiProperty({ format: 'uuid', description: 'The case' }) caseId!: string;
  @ApiProperty({ format: 'uuid', description: 'The resident' }) personId!: string;
  @ApiProperty({ type: PersonNameDto, nullable: true, description: 'The resident’s name (null once the person is forgotten)' }) name!: PersonNameDto | null;
  @ApiProperty({ enum: ['residence', 'assessment'], description: 'A residence (a move-in), or an assessment stay (kartlegging) in an assessment flat' }) stay!:
    'residence' | 'assessment';
  @Day('In this unit since (a transfer moves the person, it does not start a new stay)') since!: string;
  @Day('The move-in day of the stay (the first day of an assessment stay)') movedInOn!: string;
  @Count('Days from the move-in to today (municipal time zone)') daysInStay!: number;
  @ApiProperty({ type: OccupantAgreementDto, nullable: true, description: 'The agreement of a residence (null for an assessment stay)' })
  agreement!: OccupantAgreementDto | null;
  @ApiProperty({ description: 'Whether the unit’s own stream has recorded the occupant yet (it follows the case)' }) recordedOnUnit!: boolean;
}

class ReservationDto implements Reservation {
  @ApiProperty({ description: 'The offer holding the place' }) offerId!: string;
  @ApiProperty({ format: 'uuid', description: 'The case' }) caseId!: string;
  @ApiProperty({ format: 'uuid', description: 'The person offered the unit' }) personId!: string;
  @ApiProperty({ type: PersonNameDto, nullable: true, description: 'Their name (null once the person is forgotten)' }) name!: PersonNameDto | null;
  @Day('The day the offer was made') offeredOn!: string;
  @Day('The last day to accept') expiresOn!: string;
  @ApiProperty({ enum: ['open', 'accepted'], description: 'Open, or accepted and waiting for the move-in' }) status!: 'open' | 'accepted';
  @Day('The day it was accepted', true) acceptedOn!: string | null;
  @ApiProperty({ description: 'Whether the unit’s stream holds the place (it reserves before the offer is recorded)' }) heldOnUnit!: boolean;
}

class UnitOutOfServiceSinceDto {
  @Day('Out of service since') since!: string;
}

class ClusterRiskDto implements ClusterRisk {
  @ApiProperty({ description: 'The floor or cluster' }) cluster!: string;
  @Count('People living on it now (residents and assessment stays), this unit’s included') residents!: number;
  @Count('Of them, with a latest Brøset band of low') low!: number;
  @Count('Of them, moderate') moderate!: number;
  @Count('Of them, high') high!: number;
  @Count('Of them, with no risk assessment recorded') notAssessed!: number;
}

class UnitOnBoardDto implements UnitOnBoard {
  @ApiProperty({ format: 'uuid', description: 'The unit' }) unitId!: string;
  @ApiProperty({ description: 'Its label' }) label!: string;
  @ApiProperty({ enum: UNIT_KINDS, description: 'Its kind' }) kind!: UnitKind;
  @Count('Places in it') capacity!: number;
  @ApiProperty({ enum: UNIT_ATTRIBUTES, isArray: true, description: 'Its attributes (among those its facility records)' }) attributes!: UnitAttribute[];
  @ApiProperty({ type: String, nullable: true, description: 'The floor or cluster it is on (null: none given)' }) cluster!: string | null;
  @ApiProperty({
    type: ClusterRiskDto,
    nullable: true,
    description: 'The latest Brøset bands of the people living on its cluster now, as counts only (null when it has no cluster)',
  })
  clusterRisk!: ClusterRiskDto | null;
  @ApiProperty({ type: UnitOutOfServiceSinceDto, nullable: true, description: 'Set while the unit is out of service' })
  outOfService!: UnitOutOfServiceSinceDto | null;
  @ApiProperty({ type: [OccupantDto], description: 'Who lives in it now: residents and people in an assessment stay' }) occupants!: OccupantDto[];
  @ApiProperty({ type: [ReservationDto], description: 'Open or accepted offers holding a place in it' }) reservations!: ReservationDto[];
  @Count('Places neither occupied nor reserved (0 while out of service)') freePlaces!: number;
}

class OccupancySummaryDto implements OccupancySummary {
  @Count('Units of the facility') units!: number;
  @Count('Places in all its units') capacity!: number;
  @Count('Places in units that are in service: what the rate is counted against') inServiceCapacity!: number;
  @Count('Units out of service') unitsOutOfService!: number;
  @Count('Places occupied now: by residents and by people in an assessment stay') occupied!: number;
  @Count('Places held by open or accepted offers') reserved!: number;
  @Count('Places in service neither occupied nor reserved') free!: number;
  @NullableNumber('Occupied places / in-service capacity, 0 to 1 (null when nothing is in service)') occupancyRate!: number | null;
}

class BoardFacilityDto {
  @ApiProperty({ format: 'uuid', description: 'The facility' }) facilityId!: string;
  @ApiProperty({ description: 'Its name' }) name!: string;
  @ApiProperty({ enum: FACILITY_KINDS, description: 'Its kind' }) kind!: FacilityKind;
  @ApiProperty({ description: 'Its municipality' }) municipality!: string;
}

/** The response schema of GET /api/v1/facilities/{facilityId}/occupancy. */
export class OccupancyBoardDto implements OccupancyBoard {
  @ApiProperty({ type: BoardFacilityDto, description: 'The facility' }) facility!: BoardFacilityDto;
  @Day("Today in the municipality's time zone: days in stay and days left are counted from it") today!: string;
  @ApiProperty({ type: OccupancySummaryDto, description: 'Places of the facility now: occupied, reserved, free' }) summary!: OccupancySummaryDto;
  @ApiProperty({ type: [UnitOnBoardDto], description: 'Each unit, by label' }) units!: UnitOnBoardDto[];
}

class OccupantOnDayDto {
  @ApiProperty({ format: 'uuid', description: 'The case' }) caseId!: string;
  @ApiProperty({ format: 'uuid', description: 'The person' }) personId!: string;
  @Day('The first day of their claim on the place (the move-in, transfer or start of an assessment stay)') since!: string;
}

class ReservationOnDayDto {
  @ApiProperty({ description: 'The offer holding the place' }) offerId!: string;
  @ApiProperty({ format: 'uuid', description: 'The case' }) caseId!: string;
  @Day('The day the offer started holding the place') since!: string;
}

class UnitOnDayDto implements UnitOnDay {
  @ApiProperty({ format: 'uuid', description: 'The unit' }) unitId!: string;
  @ApiProperty({ description: 'Its label' }) label!: string;
  @Count('Places in it') capacity!: number;
  @ApiProperty({ description: 'Whether it was out of service that day' }) outOfService!: boolean;
  @ApiProperty({ type: [OccupantOnDayDto], description: 'Who held a place in it that day (residents and assessment stays), on effective dates' })
  occupants!: OccupantOnDayDto[];
  @ApiProperty({ type: [ReservationOnDayDto], description: 'Offers holding a place in it that day' }) reservations!: ReservationOnDayDto[];
}

/** The response schema of GET /api/v1/facilities/{facilityId}/occupancy/history. */
export class OccupancyOnDayDto implements OccupancyOnDay {
  @ApiProperty({ format: 'uuid', description: 'The facility' }) facilityId!: string;
  @Day('The day asked about') on!: string;
  @ApiProperty({ type: [UnitOnDayDto], description: 'Each unit of the facility, by label' }) units!: UnitOnDayDto[];
  @Count('Places held that day by occupants, over all units (reservations not counted)') occupied!: number;
}

class FacilityListItemDto implements FacilityListItem {
  @ApiProperty({ format: 'uuid', description: 'The facility' }) facilityId!: string;
  @ApiProperty({ description: 'Its name' }) name!: string;
  @ApiProperty({ enum: FACILITY_KINDS, description: 'What kind of facility' }) kind!: FacilityKind;
  @ApiProperty({ description: 'The municipality it belongs to' }) municipality!: string;
  @Count('Its units') unitCount!: number;
}

/** The response schema of GET /api/v1/facilities. */
export class FacilityListDto {
  @ApiProperty({ type: [FacilityListItemDto], description: 'The facilities in the reader’s scope' }) facilities!: FacilityListItemDto[];
}
