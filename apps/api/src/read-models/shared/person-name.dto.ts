import { ApiProperty } from '@nestjs/swagger';

/** A person's name as the read models answer it (null where the person is forgotten). */
export class PersonNameDto {
  @ApiProperty({ description: 'Given name' }) givenName!: string;
  @ApiProperty({ description: 'Family name' }) familyName!: string;
}
