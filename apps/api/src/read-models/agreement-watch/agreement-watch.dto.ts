import { PersonNameDto } from '../shared/person-name.dto';
import { ApiProperty } from '@nestjs/swagger';
import { AGREEMENT_KINDS } from '@app/domain';
import { Count, Day, NullableNumber } from '../shared/figure-schema';
import { AgreementWatch, WatchedAgreement, WatchedOffer } from './agreement-watch.query';

class WatchedAgreementDto implements WatchedAgreement {
  @ApiProperty({ format: 'uuid', description: 'The case' }) caseId!: string;
  @ApiProperty({ format: 'uuid', description: 'The resident' }) personId!: string;
  @ApiProperty({ type: PersonNameDto, nullable: true, description: 'Their name (null once forgotten)' }) name!: PersonNameDto | null;
  @ApiProperty({ format: 'uuid', description: 'The facility' }) facilityId!: string;
  @ApiProperty({ format: 'uuid', description: 'The unit they live in' }) unitId!: string;
  @ApiProperty({ enum: AGREEMENT_KINDS, description: 'The agreement they live under now' }) kind!: string;
  @Day('The move-in day') movedInOn!: string;
  @Day('The agreement’s original start (limits count from here; an extension does not restart them)') startsOn!: string;
  @Day('The agreement’s current end (null for an indefinite lease)', true) endsOn!: string | null;
  @Day('The latest end the law or the facility allows, from the original start (null for a lease)', true) limit!: string | null;
  @ApiProperty({ description: 'The current end rests on a written justification (how a temporary agreement passes 3 months)' }) justified!: boolean;
  @Count('Times the agreement was extended') extensions!: number;
  @Count('Nights from the move-in to today (today in the municipality’s time zone)') nightsSoFar!: number;
  @NullableNumber('Days from today to the end: 0 on the last day, negative once it has passed (null: no end)', 'integer') daysToEnd!: number | null;
  @NullableNumber('Days from the limit to today: positive once the resident lives there past the limit (null: no limit)', 'integer') daysPastLimit!:
    number | null;
  @ApiProperty({ description: 'The agreement itself was extended beyond its limit (with a written justification)' }) endsAfterLimit!: boolean;
}

class WatchedOfferDto implements WatchedOffer {
  @ApiProperty({ format: 'uuid', description: 'The case' }) caseId!: string;
  @ApiProperty({ description: 'The offer' }) offerId!: string;
  @ApiProperty({ format: 'uuid', description: 'The person offered the unit' }) personId!: string;
  @ApiProperty({ type: PersonNameDto, nullable: true, description: 'Their name (null once forgotten)' }) name!: PersonNameDto | null;
  @ApiProperty({ format: 'uuid', description: 'The facility' }) facilityId!: string;
  @ApiProperty({ format: 'uuid', description: 'The unit offered' }) unitId!: string;
  @Day('The day the offer was made') offeredOn!: string;
  @Day('The last day the person may accept') expiresOn!: string;
  @Count('Which offer of the case this is (1 the first)') offerNumber!: number;
  @ApiProperty({ enum: ['open', 'accepted', 'declined', 'expired'], description: 'The offer’s state now' }) status!: WatchedOffer['status'];
  @Day('The day it was answered or recorded as expired (null while open)', true) answeredOn!: string | null;
  @ApiProperty({ type: 'integer', description: 'Days from the expiry to today: positive once the offer has lapsed' }) daysPastExpiry!: number;
}

class WatchedOffersDto {
  @ApiProperty({ type: [WatchedOfferDto], description: 'Open offers past their last day to answer: nobody recorded an answer or the expiry' })
  pastExpiryUnanswered!: WatchedOfferDto[];
  @ApiProperty({ type: [WatchedOfferDto], description: 'Open offers whose last day to answer is from today up to today + withinDays' })
  expiringSoon!: WatchedOfferDto[];
  @ApiProperty({ type: [WatchedOfferDto], description: 'Offers recorded as expired within the last withinDays days' }) recentlyExpired!: WatchedOfferDto[];
}

/** The response schema of GET /api/v1/dashboards/agreements: each list says whom it holds. */
export class AgreementWatchDto implements AgreementWatch {
  @Day("Today in the municipality's time zone: every count of days is from it") today!: string;
  @Count('How far ahead "soon" looks, and how far back "recently expired" looks, in days') withinDays!: number;
  @ApiProperty({ type: [WatchedAgreementDto], description: 'Residents living there now whose agreement ends from today up to today + withinDays' })
  endingSoon!: WatchedAgreementDto[];
  @ApiProperty({ type: [WatchedAgreementDto], description: 'Residents living there now after their agreement’s end (an overstay to settle)' })
  pastEnd!: WatchedAgreementDto[];
  @ApiProperty({ type: [WatchedAgreementDto], description: 'Residents living there now after their agreement’s limit (daysPastLimit 1 or more)' })
  pastLimit!: WatchedAgreementDto[];
  @ApiProperty({
    type: [WatchedAgreementDto],
    description: 'Residents whose agreement was extended beyond its limit (with a written justification), the limit not yet passed',
  })
  extendedBeyondLimit!: WatchedAgreementDto[];
  @ApiProperty({ type: WatchedOffersDto, description: 'Offers of a unit to act on' }) offers!: WatchedOffersDto;
}
