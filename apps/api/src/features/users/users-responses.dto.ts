import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@app/domain';
import type { GrantRequestEntry } from '../../read-models/grant-requests/grant-requests.query';

/** POST /api/v1/setup. */
export class SetupResultDto {
  @ApiProperty({ format: 'uuid', description: 'The first administrator' }) userId!: string;
}

class GrantRequestDto implements GrantRequestEntry {
  @ApiProperty({ format: 'uuid', description: 'The request' }) requestId!: string;
  @ApiProperty({ format: 'uuid', description: 'The user the role is for' }) userId!: string;
  @ApiProperty({ enum: ROLES, description: 'The role asked for' }) role!: string;
  @ApiProperty({ type: [String], description: 'The facilities it would cover' }) facilityIds!: string[];
  @ApiProperty({ description: 'The administrator who asked' }) requestedBy!: string;
  @ApiProperty({ description: 'When (ISO 8601)' }) requestedAt!: string;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'], description: 'Waiting, or decided' }) status!: GrantRequestEntry['status'];
  @ApiProperty({ nullable: true, type: String, description: 'The second administrator who decided (null while pending)' }) decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When it was decided (ISO 8601; null while pending)' }) decidedAt!: string | null;
}

/** GET /api/v1/users/grant-requests. */
export class GrantRequestsDto {
  @ApiProperty({ type: [GrantRequestDto], description: 'Oldest first, at most 500' }) items!: GrantRequestDto[];
}
