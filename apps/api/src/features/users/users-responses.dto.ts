import { ApiProperty } from '@nestjs/swagger';
import { Role, ROLES } from '@app/domain';
import type { Account, AccountGrant, AccountList } from '../../read-models/accounts/accounts.query';
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

/** GET /api/v1/setup: whether the installation still waits for its first administrator; nothing else. */
export class SetupStatusDto {
  @ApiProperty({ description: 'True until the first administrator is created' }) needed!: boolean;
}

class AccountGrantDto implements AccountGrant {
  @ApiProperty({ enum: ROLES, description: 'The role' }) role!: Role;
  @ApiProperty({ type: [String], description: 'The facilities it covers (empty for auditor and admin)' }) facilityIds!: string[];
}

/** GET /api/v1/users/{userId}. */
export class AccountDto implements Account {
  @ApiProperty({ format: 'uuid', description: 'The user' }) userId!: string;
  @ApiProperty({ description: 'What they log in with' }) username!: string;
  @ApiProperty({ description: 'Their name as shown to others' }) displayName!: string;
  @ApiProperty({ description: 'Disabled accounts cannot log in' }) disabled!: boolean;
  @ApiProperty({ description: 'The day the account was created (YYYY-MM-DD)' }) createdOn!: string;
  @ApiProperty({ type: [AccountGrantDto], description: 'The roles in effect, by role (grants waiting for a second administrator are not here)' })
  grants!: AccountGrantDto[];
}

/** GET /api/v1/users. */
export class AccountListDto implements AccountList {
  @ApiProperty({ description: 'Accounts matching the filter' }) total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiProperty({ type: [AccountDto], description: 'By username' }) items!: AccountDto[];
}
