import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, Role } from '@app/domain';
import type { Actor, RoleGrant } from '../../platform/auth/actor';
import type { IssuedToken } from '../../platform/auth/token.service';

export class RoleGrantViewDto implements RoleGrant {
  @ApiProperty({ enum: ROLES, description: 'The role' }) role!: Role;
  @ApiProperty({ type: [String], description: 'The facilities it covers; empty for roles without facility scope (auditor, admin)' }) facilityIds!: string[];
}

/** GET /api/v1/auth/me: who the token is for, with the grants in force now. */
export class MeDto implements Actor {
  @ApiProperty({ description: 'The user id' }) userId!: string;
  @ApiProperty({ description: 'The username' }) username!: string;
  @ApiProperty({ type: [RoleGrantViewDto], description: 'The roles held, each with its facilities' }) grants!: RoleGrantViewDto[];
}

class LoggedInUserDto extends MeDto {
  @ApiPropertyOptional({ description: 'The name to show' }) displayName?: string;
}

/** POST /api/v1/auth/login. */
export class LoginResponseDto implements IssuedToken {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`' }) accessToken!: string;
  @ApiProperty({ enum: ['Bearer'], description: 'Always Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ type: 'integer', description: 'Seconds until the token expires' }) expiresIn!: number;
  @ApiProperty({ description: 'When the token expires (ISO 8601)' }) expiresAt!: string;
  @ApiProperty({ type: LoggedInUserDto, description: 'Who logged in' }) user!: LoggedInUserDto;
}
