import { ApiProperty } from '@nestjs/swagger';
import { DESTINATION_CATEGORIES, DESTINATIONS, EXCLUSION_REASONS, EXIT_REASONS, INCIDENT_KINDS, WITHDRAWAL_REASONS } from '@app/domain';
import { Count, CountsByCode, Day, NullableNumber, PopulationOf } from '../shared/figure-schema';
import { AgeSummary, BREAKDOWN_GROUPS, LENGTH_OF_STAY_BANDS, OutcomeReport, POPULATION_DEFINITIONS as P } from './outcome-report';

/**
 * The response schema of GET /api/v1/reports/outcomes: every figure with what it counts and over whom
 * (outcome-report.ts has the same definitions, and computes them).
 */

export class NightsSummaryDto {
  @Count('How many stays') count!: number;
  @NullableNumber('Mean nights, one decimal (null when there are no stays)') mean!: number | null;
  @NullableNumber('Median nights (null when there are no stays)') median!: number | null;
  @NullableNumber('Fewest nights (null when there are no stays)', 'integer') min!: number | null;
  @NullableNumber('Most nights (null when there are no stays)', 'integer') max!: number | null;
}

class OutcomePeopleDto {
  @Count(`People offered a place: ${P.offered}.`) offered!: number;
  @Count('Of the people offered a place, those with two or more offers made in the period (in one case or several).') offeredTwiceOrMore!: number;
  @Count(`People who lived there: ${P.lived_there}.`) livedThere!: number;
  @Count('Of the people offered a place, those who declined an offer made in the period (declined by `to`).') declined!: number;
  @Count(`People who moved out: the people of ${P.moved_out}.`) movedOut!: number;
  @Count('Of the people who moved out, those whose stay the service ended (exit reason `excluded`, after an exclusion decision).') endedByService!: number;
  @Count(`People living there at the end: the people of ${P.living_at_end}.`) livingAtEnd!: number;
  @Count(`People on the waiting list at the end: ${P.waiting_at_end} (placed by \`to\`, not taken off by \`to\`).`) waitingAtEnd!: number;
}

class BreakdownDto {
  @PopulationOf('offered', P.offered) population!: 'offered';
  @Count('People offered a place; the groups add up to it.') total!: number;
  @CountsByCode(
    "Bolig Nu's table: each person offered a place in exactly one group, by the first that fits: offered_twice (two or more offers) → declined (no stay, declined) → not_moved_in (no stay, did not decline) → living_at_end → ended_by_service → the destination of their latest stay's move-out.",
    [...BREAKDOWN_GROUPS],
  )
  groups!: Record<string, number>;
}

class ExitsDto {
  @PopulationOf('moved_out', P.moved_out) population!: 'moved_out';
  @Count('Move-outs in the period (stays, not people).') total!: number;
  @CountsByCode('Move-outs by destination.', DESTINATIONS) byDestination!: Record<string, number>;
  @CountsByCode('Move-outs by HMIS destination category.', DESTINATION_CATEGORIES) byCategory!: Record<string, number>;
  @CountsByCode('Move-outs by exit reason.', EXIT_REASONS) byReason!: Record<string, number>;
}

class OffersDto {
  @PopulationOf('offers_made', P.offers_made) population!: 'offers_made';
  @Count('Offers made in the period.') made!: number;
  @Count('Of them, accepted by `to`.') accepted!: number;
  @Count('Of them, declined by `to`.') declined!: number;
  @Count('Of them, recorded as expired by `to`.') expired!: number;
  @Count('Of them, with no answer recorded by `to`.') openAtEnd!: number;
}

class WaitingListDto {
  @Count(`Spells on the waiting list that began in the period (${P.placed_on_waiting_list}).`) placed!: number;
  @CountsByCode(`Referrals withdrawn in the period, by reason (${P.withdrawn}).`, WITHDRAWAL_REASONS) withdrawnByReason!: Record<string, number>;
  @Count('Of the referrals withdrawn in the period, those withdrawn from the waiting list because the person found housing themselves.')
  withdrawnFoundHousingThemselves!: number;
}

class LengthBandDto {
  @ApiProperty({ enum: LENGTH_OF_STAY_BANDS.map((b) => b.band), description: 'The band, by its range of nights' }) band!: string;
  @NullableNumber('Its upper bound in nights, included (null: no bound)', 'integer') maxNights!: number | null;
  @Count('Stays that ended in the period with a length in this band.') stays!: number;
}

class LengthOfStayDto {
  @PopulationOf('moved_out', P.moved_out) population!: 'moved_out';
  @ApiProperty({ enum: ['stays_moved_out_in_period'], description: 'Each stay that ended in the period, with its whole length (nights before `from` too).' })
  basis!: 'stays_moved_out_in_period';
  @ApiProperty({ type: NightsSummaryDto, description: 'Length of the stays that ended in the period, in nights (move-in day to move-out day).' })
  nights!: NightsSummaryDto;
  @ApiProperty({ type: [LengthBandDto], description: 'The same stays by band of nights (a week, a month, 3 months, half a year, longer), every band listed.' })
  bands!: LengthBandDto[];
  @Count('Of the same stays, those longer than 90 nights (the 3 months sosialtjenesteloven § 27 prefers temporary stays not to pass).') over90Nights!: number;
}

class StaysAtEndDto {
  @PopulationOf('living_at_end', P.living_at_end) population!: 'living_at_end';
  @ApiProperty({
    enum: ['nights_so_far'],
    description: 'Each open stay with its nights so far: from the move-in up to and including the night beginning on `countedTo`.',
  })
  basis!: 'nights_so_far';
  @ApiProperty({ type: NightsSummaryDto, description: 'Nights so far of the stays still open at the end.' }) nightsSoFar!: NightsSummaryDto;
  @Count('Of the stays still open at the end, those past 90 nights so far.') over90Nights!: number;
}

class BedNightsDto {
  @PopulationOf('lived_there', P.lived_there) population!: 'lived_there';
  @Count(
    'Nights spent there inside the period by everyone who lived there, up to `countedTo` (a night counts on the day it begins: from the move-in day to the day before the move-out).',
  )
  nights!: number;
}

class AgeSummaryDto implements AgeSummary {
  @ApiProperty({ enum: ['offered', 'lived_there'], description: `offered: ${P.offered}; lived_there: ${P.lived_there}.` })
  population!: AgeSummary['population'];
  @ApiProperty({
    enum: ['age_on_referral', 'age_on_move_in'],
    description: 'offered: age at the referral of their first offer in the period; lived_there: age at the move-in of their first stay in the period.',
  })
  basis!: AgeSummary['basis'];
  @Count('People counted (each once).') people!: number;
  @NullableNumber('Youngest, in years', 'integer') min!: number | null;
  @NullableNumber('Oldest, in years', 'integer') max!: number | null;
  @NullableNumber('Mean age, one decimal') mean!: number | null;
  @Count('Of them, 24 or younger.') under25!: number;
}

class AgesDto {
  @ApiProperty({ type: AgeSummaryDto, description: `Ages of the people offered a place (${P.offered}), at referral.` }) offered!: AgeSummaryDto;
  @ApiProperty({ type: AgeSummaryDto, description: `Ages of the people who lived there (${P.lived_there}), at move-in.` }) livedThere!: AgeSummaryDto;
}

class OfferedGenderDto {
  @Count('People offered a place with this gender on their referral.') people!: number;
}

class LivedThereGenderDto {
  @Count('People who lived there with this gender on their referral.') people!: number;
  @Count('Their stays in the period.') stays!: number;
  @NullableNumber('Their shortest stay in nights (a stay that ended: its whole length; one still open: nights up to `countedTo`)', 'integer') minNights!:
    number | null;
  @NullableNumber('Their longest stay in nights, counted the same way', 'integer') maxNights!: number | null;
}

class OfferedGendersDto {
  @PopulationOf('offered', P.offered) population!: 'offered';
  @ApiProperty({ enum: ['gender_on_referral'], description: 'The gender on the referral of their first offer in the period; `unknown` when not recorded.' })
  basis!: 'gender_on_referral';
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/OfferedGenderDto' },
    description: 'By gender code (female, male, other, unknown …).',
  })
  byGender!: Record<string, OfferedGenderDto>;
}

class LivedThereGendersDto {
  @PopulationOf('lived_there', P.lived_there) population!: 'lived_there';
  @ApiProperty({ enum: ['gender_on_referral'], description: 'The gender on the referral of their first stay in the period; `unknown` when not recorded.' })
  basis!: 'gender_on_referral';
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/LivedThereGenderDto' },
    description: 'By gender code (female, male, other, unknown …).',
  })
  byGender!: Record<string, LivedThereGenderDto>;
}

class GendersDto {
  @ApiProperty({ type: OfferedGendersDto, description: 'Genders of the people offered a place.' }) offered!: OfferedGendersDto;
  @ApiProperty({ type: LivedThereGendersDto, description: 'Genders of the people who lived there, with their stays.' }) livedThere!: LivedThereGendersDto;
}

class ExclusionsDto {
  @PopulationOf('exclusions_decided', P.exclusions_decided) population!: 'exclusions_decided';
  @Count('Exclusions decided in the period.') decided!: number;
  @CountsByCode('Exclusions decided in the period by reason (one resting on several reasons counts under each).', EXCLUSION_REASONS) byReason!: Record<
    string,
    number
  >;
  @CountsByCode(
    `Over the stays that ended by the service (${P.moved_out}, exit reason excluded): the reasons of the exclusions behind them, also those decided before the period.`,
    EXCLUSION_REASONS,
  )
  endedByServiceByReason!: Record<string, number>;
}

class IncidentMonthDto {
  @ApiProperty({ example: '2026-03', description: 'A calendar month of the period (YYYY-MM)' }) month!: string;
  @Count('Incidents that month.') total!: number;
  @CountsByCode('Incidents that month by kind (only the kinds that occurred).') byKind!: Record<string, number>;
}

class DaysSummaryDto {
  @Count('How many referrals') count!: number;
  @NullableNumber('Mean days, one decimal (null when there are none)') mean!: number | null;
  @NullableNumber('Median days (null when there are none)') median!: number | null;
  @NullableNumber('Fewest days (null when there are none)', 'integer') min!: number | null;
  @NullableNumber('Most days (null when there are none)', 'integer') max!: number | null;
}

class DecisionTimeDto {
  @PopulationOf('first_decisions', P.first_decisions) population!: 'first_decisions';
  @ApiProperty({ enum: ['days_from_referral'], description: 'Days from the referral day to the day of its first formal decision.' })
  basis!: 'days_from_referral';
  @ApiProperty({ type: DaysSummaryDto, description: 'Days from referral to the first decision.' }) days!: DaysSummaryDto;
  @Count('Of them, those decided more than a month after the referral (fvl § 11 a asks for a preliminary reply then).') overOneMonth!: number;
}

class IncidentsDto {
  @PopulationOf('incidents', P.incidents) population!: 'incidents';
  @Count('Incidents that happened in the period.') total!: number;
  @CountsByCode('By kind.', INCIDENT_KINDS) byKind!: Record<string, number>;
  @ApiProperty({ type: [IncidentMonthDto], description: 'By calendar month, every month of the period listed (zero where nothing was recorded).' })
  byMonth!: IncidentMonthDto[];
}

export class OutcomeReportDto implements OutcomeReport {
  @ApiProperty({
    oneOf: [
      { type: 'array', items: { type: 'string', format: 'uuid' } },
      { type: 'string', enum: ['everywhere'] },
    ],
    description: "The facilities counted: the one asked for, the caller's own, or everywhere (an auditor)",
  })
  facilityIds!: string[] | 'everywhere';
  @Day('First day of the period (included)') from!: string;
  @Day('Last day of the period (included)') to!: string;
  @Day('The last day nights are counted to: the earlier of `to` and today (a report to a future `to` counts no night to come).') countedTo!: string;
  @ApiProperty({ type: OutcomePeopleDto, description: 'How many people are in each population, and in the groups of them Bolig Nu counts.' })
  people!: OutcomePeopleDto;
  @ApiProperty({ type: BreakdownDto, description: `Bolig Nu's table, over the people offered a place.` }) breakdown!: BreakdownDto;
  @ApiProperty({ type: ExitsDto, description: 'Where the stays that ended in the period went.' }) exits!: ExitsDto;
  @ApiProperty({ type: OffersDto, description: 'Offers made in the period, by their answer as of `to`.' }) offers!: OffersDto;
  @ApiProperty({ type: WaitingListDto, description: 'Placements on and withdrawals from the waiting list in the period.' }) waitingList!: WaitingListDto;
  @ApiProperty({ type: LengthOfStayDto, description: 'Length of the stays that ended in the period.' }) lengthOfStay!: LengthOfStayDto;
  @ApiProperty({ type: StaysAtEndDto, description: 'The stays still open at the end, with their nights so far.' }) staysAtEnd!: StaysAtEndDto;
  @ApiProperty({ type: BedNightsDto, description: 'Bed-nights of everyone who lived there, inside the period.' }) bedNights!: BedNightsDto;
  @ApiProperty({ type: AgesDto, description: 'Ages over the people offered a place and over those who lived there, side by side.' }) ages!: AgesDto;
  @ApiProperty({ type: GendersDto, description: 'Genders over the people offered a place and over those who lived there, side by side.' }) genders!: GendersDto;
  @ApiProperty({ type: ExclusionsDto, description: 'Exclusions decided in the period, and the reasons behind the stays the service ended.' })
  exclusions!: ExclusionsDto;
  @ApiProperty({ type: DecisionTimeDto, description: 'Time from referral to the first formal decision, over the decisions issued in the period.' })
  decisionTime!: DecisionTimeDto;
  @ApiProperty({ type: IncidentsDto, description: 'Incidents in the period, by kind and by month.' }) incidents!: IncidentsDto;
}

/** Schemas referenced by name only (maps of them), registered with the document through @ApiExtraModels. */
export const OUTCOME_REPORT_EXTRA_MODELS = [OfferedGenderDto, LivedThereGenderDto];
