import { ApiProperty } from '@nestjs/swagger';
import { Count, CountsByCode, Day, NullableNumber } from '../shared/figure-schema';
import { RETURN_GRACE_DAYS, ReturnsReport, ReturnWindow } from './returns.query';

const EXITS = 'the people whose first move-out in the period from these facilities went to a permanent destination (HMIS category permanent), each once';

class ReturnWindowDto implements ReturnWindow {
  @ApiProperty({ enum: [6, 12, 24], description: 'The window, in months after the exit (HUD SPM 2: 6, 12, 24)' }) months!: number;
  @ApiProperty({ enum: [180, 365, 730], description: 'Its last day after the exit, in days, as HUD counts it' }) days!: number;
  @Count(
    `Over ${EXITS}: those whose first return (a referral more than ${RETURN_GRACE_DAYS} days after the exit, to any facility) came within the window; cumulative.`,
  )
  returned!: number;
  @Count('Of those who exited, those whose first return came in this band only (HUD: 0–180, 181–365, 366–730 days).') returnedInBand!: number;
  @NullableNumber('returned as a percentage of exitsToPermanent, one decimal (null when nobody exited)') percent!: number | null;
  @Count('Of those who exited, those whose whole window has passed by today (for the others a return may still come).') windowComplete!: number;
}

/** The response schema of GET /api/v1/reports/returns (returns.query.ts defines the measure). */
export class ReturnsReportDto implements ReturnsReport {
  @ApiProperty({
    oneOf: [
      { type: 'array', items: { type: 'string', format: 'uuid' } },
      { type: 'string', enum: ['everywhere'] },
    ],
    description: "The facilities whose exits are counted: the one asked for, the caller's own, or everywhere",
  })
  facilityIds!: string[] | 'everywhere';
  @Day('First day of the exit period (included)') from!: string;
  @Day('Last day of the exit period (included)') to!: string;
  @Day("Today in the municipality's time zone: windows end by it or not") today!: string;
  @Count(`The denominator: ${EXITS}.`) exitsToPermanent!: number;
  @CountsByCode('The same exits by destination (municipal_housing, private_rental, own_home).') byDestination!: Record<string, number>;
  @ApiProperty({ type: [ReturnWindowDto], description: 'Returns within 6, 12 and 24 months of the exit' }) windows!: ReturnWindowDto[];
  @Count(`Of those who exited, those referred again only within ${RETURN_GRACE_DAYS} days of their exit (no return by HUD's rule: a transfer, not a return).`)
  reEnteredWithinGraceOnly!: number;
}
