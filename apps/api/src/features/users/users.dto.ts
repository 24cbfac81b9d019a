import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { Role, ROLES } from '@app/domain';

export class RoleGrantDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ type: [String], description: 'Facility ids; required for case_worker, team_lead and supervisor' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  facilityIds?: string[];
}

export class CreateUserDto {
  @ApiProperty({ example: 'kari.nordmann', pattern: '^[a-z0-9._-]{3,64}$' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, { message: 'username has 3–64 characters from a–z, 0–9, ".", "_" and "-"' })
  username!: string;

  @ApiProperty({ example: 'Kari Nordmann' })
  @IsString()
  @Length(1, 200)
  displayName!: string;

  @ApiPropertyOptional({ description: 'At least 12 characters. Leave out for users who log in through OpenID Connect.' })
  @IsOptional()
  @IsString()
  @Length(12, 256)
  password?: string;

  @ApiProperty({ type: [RoleGrantDto] })
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => RoleGrantDto)
  grants!: RoleGrantDto[];
}

export class LoginDto {
  @ApiProperty()
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 256)
  password!: string;
}

export class SetupDto {
  @ApiProperty({ description: 'The one-time token the server printed at its first start' })
  @IsString()
  @Length(16, 200)
  setupToken!: string;

  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, { message: 'username has 3–64 characters from a–z, 0–9, ".", "_" and "-"' })
  username!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  displayName!: string;

  @ApiProperty()
  @IsString()
  @Length(12, 256)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(12, 256)
  password!: string;
}
