import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What every command endpoint answers. */
export class CommandResponseDto {
  @ApiPropertyOptional({ description: 'The id of the record the command created or changed' })
  id?: string;

  @ApiProperty({ nullable: true, type: String, description: 'Stream revision after the command: send it as If-Match next time', example: '3' })
  revision!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'Global log position: pass as minPosition to read your own write', example: '1042' })
  position!: string | null;

  @ApiProperty({ type: [String], description: 'Types of the events the command recorded (empty when it was already done)' })
  events!: string[];

  @ApiProperty({ description: 'True when an Idempotency-Key retry returned the first result' })
  replayed!: boolean;
}
