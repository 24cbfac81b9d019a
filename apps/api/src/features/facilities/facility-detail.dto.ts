import { ApiProperty } from '@nestjs/swagger';
import { UNIT_ATTRIBUTES, UNIT_KINDS, UnitAttribute, UnitKind } from '@app/domain';
import type { FacilityUnit } from '../../read-models/occupancy/facility-units.query';
import { FacilityProfileDto } from './facility.dto';

class FacilityUnitDto implements FacilityUnit {
  @ApiProperty({ format: 'uuid', description: 'The unit' }) unitId!: string;
  @ApiProperty({ description: 'The flat or room as staff name it' }) label!: string;
  @ApiProperty({ enum: UNIT_KINDS, description: 'Its kind' }) kind!: UnitKind;
  @ApiProperty({ description: 'Places in it' }) capacity!: number;
  @ApiProperty({ enum: UNIT_ATTRIBUTES, isArray: true, description: 'Its attributes' }) attributes!: UnitAttribute[];
  @ApiProperty({ type: String, nullable: true, description: 'Its floor or cluster (null: none given)' }) cluster!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The day it went out of service (YYYY-MM-DD); null while in service' })
  outOfServiceSince!: string | null;
}

/** GET /api/v1/facilities/{facilityId}: the profile as recorded (to change it) and the units, for administrators. */
export class FacilityDetailDto {
  @ApiProperty({ format: 'uuid', description: 'The facility' }) facilityId!: string;
  @ApiProperty({ type: FacilityProfileDto, description: 'Its profile as last recorded' }) profile!: FacilityProfileDto;
  @ApiProperty({ type: [FacilityUnitDto], description: 'Its units, by label' }) units!: FacilityUnitDto[];
}
