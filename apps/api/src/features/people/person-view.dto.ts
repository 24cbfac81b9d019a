import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Gender, GENDERS } from '@app/domain';
import { ContactDto } from './people.dto';

/** GET /api/v1/people/{personId}: the registered details as the command side holds them. */
export class PersonViewDto {
  @ApiProperty({ format: 'uuid', description: 'The person' }) personId!: string;
  @ApiProperty({ description: 'The stream revision: send it as If-Match with a correction', example: '2' }) revision!: string;
  @ApiProperty({ description: 'Given name' }) givenName!: string;
  @ApiProperty({ description: 'Family name' }) familyName!: string;
  @ApiProperty({ format: 'date', description: 'Date of birth (YYYY-MM-DD)' }) birthDate!: string;
  @ApiPropertyOptional({ description: 'Fødselsnummer or D-number (11 digits)' }) identityNumber?: string;
  @ApiProperty({ enum: GENDERS, description: 'Gender' }) gender!: Gender;
  @ApiPropertyOptional({ type: ContactDto, description: 'How to reach them' }) contact?: ContactDto;
}

/** The same route once the person is forgotten: their personal data is gone. */
export class ForgottenPersonDto {
  @ApiProperty({ format: 'uuid', description: 'The person' }) personId!: string;
  @ApiProperty({ description: 'The stream revision' }) revision!: string;
  @ApiProperty({ type: 'boolean', enum: [true], description: 'Always true: the personal data was erased' }) forgotten!: true;
  @ApiProperty({ format: 'date', description: 'The day they were forgotten (YYYY-MM-DD)' }) forgottenOn!: string;
}
