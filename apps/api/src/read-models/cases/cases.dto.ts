import { ApiProperty } from '@nestjs/swagger';
import { CASE_STATUSES, CaseStatus } from '@app/domain';
import { PersonNameDto } from '../shared/person-name.dto';
import type { CaseSearchResult, CaseSummary } from './cases.query';

class CaseSummaryDto implements CaseSummary {
  @ApiProperty({ format: 'uuid', description: 'The case' }) caseId!: string;
  @ApiProperty({ format: 'uuid', description: 'The person it is about' }) personId!: string;
  @ApiProperty({ type: PersonNameDto, nullable: true, description: 'Their name (null once they are forgotten)' }) name!: PersonNameDto | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Their year of birth (null once forgotten)' }) birthYear!: number | null;
  @ApiProperty({ format: 'uuid', description: 'The facility the case is at' }) facilityId!: string;
  @ApiProperty({ enum: CASE_STATUSES.filter((s) => s !== 'none'), description: 'Where the case stands' }) status!: CaseStatus;
  @ApiProperty({ nullable: true, type: String, description: 'The unit they live in (null when not living there)' }) unitId!: string | null;
  @ApiProperty({ type: [String], description: 'Their contact persons, by name' }) contactPersons!: string[];
  @ApiProperty({ format: 'date', description: 'The day of the referral (YYYY-MM-DD)' }) referredOn!: string;
  @ApiProperty({ format: 'date', description: 'The effective date of the latest event (YYYY-MM-DD)' }) lastEventOn!: string;
}

/** GET /api/v1/cases: a page of cases; identity numbers are never returned. */
export class CaseSearchResultDto implements CaseSearchResult {
  @ApiProperty({ type: 'integer', description: 'Cases that match, in all' }) total!: number;
  @ApiProperty({ type: 'integer', description: 'The page size asked for' }) limit!: number;
  @ApiProperty({ type: 'integer', description: 'The offset asked for' }) offset!: number;
  @ApiProperty({ type: [CaseSummaryDto], description: 'This page' }) items!: CaseSummaryDto[];
}
