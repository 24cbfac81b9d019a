import { ApiProperty } from '@nestjs/swagger';
import { WAITING_LIST_EXITS } from '@app/domain';
import { Count, Day, NullableNumber } from '../shared/figure-schema';
import { PersonNameDto } from '../shared/person-name.dto';
import { WaitingEntry, WaitingList, WaitingListStats, WaitingListSummary } from './waiting-list.query';

const WAITING = 'the people on the waiting list now (placed on it and not taken off)';
const LEFT = 'the people who left the waiting list in the twelve months up to today';

export class WaitingListStatsDto implements WaitingListStats {
  @Count(`How many wait: ${WAITING}.`) waiting!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 0 },
    description: `Of ${WAITING}: how many wait at each priority, 1 (most urgent) to 5; every priority listed.`,
  })
  byPriority!: Record<string, number>;
  @NullableNumber(`Of ${WAITING}: the median days since they were placed on the list, to today (null when nobody waits).`) medianDaysWaiting!: number | null;
  @NullableNumber(`Of ${WAITING}: the longest wait so far, in days (null when nobody waits).`, 'integer') longestDaysWaiting!: number | null;
  @Count(`Of ${LEFT}: those who left it by moving in.`) movedInLast12Months!: number;
  @NullableNumber(`Of ${LEFT} by moving in: their median wait in days (null when none).`) medianDaysToMoveIn!: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 0 },
    description: `Of ${LEFT}: every way off the list, by reason (${WAITING_LIST_EXITS.join(', ')}); only the reasons that occurred.`,
  })
  exitsLast12Months!: WaitingListStats['exitsLast12Months'];
}

class FacilityWaitingDto extends WaitingListStatsDto {
  @ApiProperty({ format: 'uuid', description: 'The facility' }) facilityId!: string;
  @ApiProperty({ description: 'Its name' }) facilityName!: string;
}

/** The response schema of GET /api/v1/waiting-list/summary. */
export class WaitingListSummaryDto implements WaitingListSummary {
  @Day("Today in the municipality's time zone: waits are counted to it") today!: string;
  @ApiProperty({ type: [FacilityWaitingDto], description: 'Each facility in the reader’s scope, with its figures' }) facilities!: FacilityWaitingDto[];
  @ApiProperty({ type: WaitingListStatsDto, description: 'The same figures over every facility in scope together (medians across them all)' })
  overall!: WaitingListStatsDto;
}

class CurrentOfferDto {
  @ApiProperty({ format: 'uuid', description: 'The offer' }) offerId!: string;
  @ApiProperty({ format: 'uuid', description: 'The unit offered' }) unitId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Its label' }) unitLabel!: string | null;
  @Day('The day it was offered') offeredOn!: string;
  @Day('The day it lapses without an answer') expiresOn!: string;
  @ApiProperty({ enum: ['open', 'accepted'], description: 'Waiting for an answer, or accepted (not moved in yet)' }) status!: 'open' | 'accepted';
  @Day('The day it was accepted (null while open)', true) acceptedOn!: string | null;
}

class WaitingEntryDto implements WaitingEntry {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Place in the order: by priority (1 most urgent), then by how long they have waited' })
  rank!: number;
  @ApiProperty({ format: 'uuid', description: 'The case' }) caseId!: string;
  @ApiProperty({ format: 'uuid', description: 'The person' }) personId!: string;
  @ApiProperty({ type: PersonNameDto, nullable: true, description: 'Their name (null once the person is forgotten)' }) name!: PersonNameDto | null;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5, description: 'Priority, 1 (most urgent) to 5' }) priority!: number;
  @Day('The day they were placed on the list') placedOn!: string;
  @Count('Days since then, to today') daysWaiting!: number;
  @Count('Offers they declined') offersDeclined!: number;
  @ApiProperty({ type: CurrentOfferDto, nullable: true, description: 'The offer they hold now (null when none)' }) currentOffer!: CurrentOfferDto | null;
}

/** The response schema of GET /api/v1/facilities/{facilityId}/waiting-list. */
export class FacilityWaitingListDto implements WaitingList {
  @ApiProperty({ format: 'uuid', description: 'The facility' }) facilityId!: string;
  @ApiProperty({ description: 'Its name' }) facilityName!: string;
  @Day("Today in the municipality's time zone: waits are counted to it") today!: string;
  @ApiProperty({ type: [WaitingEntryDto], description: 'Who waits, by rank' }) entries!: WaitingEntryDto[];
  @ApiProperty({ type: WaitingListStatsDto, description: 'The figures of this list' }) stats!: WaitingListStatsDto;
}
