import { PersonNameDto } from '../shared/person-name.dto';
import { ApiProperty } from '@nestjs/swagger';
import { APPEAL_BODIES, APPEAL_DEADLINE_RULES, DECISION_KINDS, EXCLUSION_REASONS, LEGAL_BASES } from '@app/domain';
import { Count, Day } from '../shared/figure-schema';
import { OpenExclusion, Obligations, PendingAppeal, RunningDeadline } from './obligations.query';

class OpenExclusionDto implements OpenExclusion {
  @ApiProperty({ format: 'uuid', description: 'The case' }) caseId!: string;
  @ApiProperty({ description: 'The exclusion' }) exclusionId!: string;
  @ApiProperty({ format: 'uuid', description: 'The person excluded' }) personId!: string;
  @ApiProperty({ type: PersonNameDto, nullable: true, description: 'Their name (null once forgotten)' }) name!: PersonNameDto | null;
  @ApiProperty({ format: 'uuid', description: 'The facility' }) facilityId!: string;
  @ApiProperty({ format: 'uuid', description: 'The unit they lived in' }) unitId!: string;
  @ApiProperty({ description: 'The formal decision behind it' }) decisionId!: string;
  @ApiProperty({ type: [String], enum: EXCLUSION_REASONS, description: 'The reasons it rests on' }) reasons!: string[];
  @Day('The day it was decided: the duty to offer other suitable housing arose then') decidedOn!: string;
  @Day('The day it took effect') effectiveOn!: string;
  @Day('The move-out, once recorded', true) movedOutOn!: string | null;
  @Count('Days since it was decided, to today (municipal time zone)') daysOpen!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['standing', 'reversed', 'remitted'],
    description: 'Whether the exclusion decision still stands (one set aside on appeal keeps its duty until met)',
  })
  decisionStanding!: string | null;
}

class PendingAppealDto implements PendingAppeal {
  @ApiProperty({ format: 'uuid', description: 'The case' }) caseId!: string;
  @ApiProperty({ description: 'The appeal' }) appealId!: string;
  @ApiProperty({ format: 'uuid', description: 'The person appealing' }) personId!: string;
  @ApiProperty({ type: PersonNameDto, nullable: true, description: 'Their name (null once forgotten)' }) name!: PersonNameDto | null;
  @ApiProperty({ format: 'uuid', description: 'The facility' }) facilityId!: string;
  @ApiProperty({ description: 'The decision appealed' }) decisionId!: string;
  @ApiProperty({ enum: DECISION_KINDS, description: 'Its kind' }) decisionKind!: string;
  @Day('The day the appeal was received') receivedOn!: string;
  @Day('The last day the appeal was in time (moved past a Saturday, Sunday or public holiday to the next working day)') deadline!: string;
  @ApiProperty({ description: 'Received after the deadline (fvl § 31 may still allow it)' }) late!: boolean;
  @Day('The issuing unit’s review (fvl § 33), once recorded', true) reviewedOn!: string | null;
  @Day('Sent to the appeal body, once recorded', true) forwardedOn!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: APPEAL_BODIES, description: 'The appeal body it was sent to' }) appealBody!: string | null;
  @Count('Days since the step it waits after (receipt, review or forwarding), to today') daysWaiting!: number;
}

class RunningDeadlineDto implements RunningDeadline {
  @ApiProperty({ format: 'uuid', description: 'The case' }) caseId!: string;
  @ApiProperty({ description: 'The decision' }) decisionId!: string;
  @ApiProperty({ format: 'uuid', description: 'The person it concerns' }) personId!: string;
  @ApiProperty({ type: PersonNameDto, nullable: true, description: 'Their name (null once forgotten)' }) name!: PersonNameDto | null;
  @ApiProperty({ format: 'uuid', description: 'The facility' }) facilityId!: string;
  @ApiProperty({ enum: DECISION_KINDS, description: 'refusal or exclusion' }) kind!: string;
  @ApiProperty({ enum: LEGAL_BASES, description: 'Its legal basis' }) legalBasis!: string;
  @ApiProperty({ description: 'The legal basis as cited in the decision' }) citation!: string;
  @Day('The day it was issued') issuedOn!: string;
  @Day('The day the person was told: the deadline runs from here') notifiedOn!: string;
  @Day('The last day to appeal: 3 or 4 weeks after, moved past a Saturday, Sunday or public holiday to the next working day') deadline!: string;
  @ApiProperty({ enum: APPEAL_DEADLINE_RULES, description: 'The rule that sets it: pbrl § 7-5 (4 weeks) or fvl § 29 (3 weeks)' }) deadlineRule!: string;
  @ApiProperty({ enum: APPEAL_BODIES, description: 'Where an appeal goes' }) appealBody!: string;
  @ApiProperty({ type: 'integer', description: 'Days left to appeal, counted from today: 0 on the last day' }) daysLeft!: number;
}

class PendingAppealsDto {
  @ApiProperty({ type: [PendingAppealDto], description: 'Appeals received, not yet reviewed by the issuing unit (fvl § 33)' })
  awaitingReview!: PendingAppealDto[];
  @ApiProperty({ type: [PendingAppealDto], description: 'Appeals reviewed and upheld by the unit, not yet sent to the appeal body' })
  awaitingForwarding!: PendingAppealDto[];
  @ApiProperty({ type: [PendingAppealDto], description: 'Appeals with the appeal body (Statsforvalteren), no outcome recorded yet' })
  awaitingAppealBody!: PendingAppealDto[];
}

/** The response schema of GET /api/v1/dashboards/obligations: each list says what it holds. */
export class ObligationsDto implements Obligations {
  @Day("Today in the municipality's time zone: every count of days is from it") today!: string;
  @ApiProperty({
    type: [OpenExclusionDto],
    description: 'Exclusions whose duty to offer other suitable housing is still open (no alternative offered or refused)',
  })
  exclusionsAwaitingAlternative!: OpenExclusionDto[];
  @ApiProperty({ type: PendingAppealsDto, description: 'Appeals not concluded, by the step they wait at' }) appeals!: PendingAppealsDto;
  @ApiProperty({
    type: [RunningDeadlineDto],
    description: 'Standing refusals and exclusions not appealed whose appeal deadline has not passed (grants are left out)',
  })
  appealDeadlinesRunning!: RunningDeadlineDto[];
}
