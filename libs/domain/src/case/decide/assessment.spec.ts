import { specFor } from '../../shared/given-when-then';
import { caseDecider } from '../case.decider';
import { cmd, history } from '../case.fixtures';

const given = specFor(caseDecider);
const who = { personId: 'p1', facilityId: 'f1' };

describe('assessment team and mapping', () => {
  describe('RecordAssessmentMeeting', () => {
    it('records a meeting and its outcome', () => {
      const { type: _type, today: _today, ...fields } = cmd.meeting('needs_mapping');
      given(...history('referred'))
        .when(cmd.meeting('needs_mapping'))
        .then({ type: 'AssessmentMeetingRecorded', data: { ...fields, ...who } });
    });
    it('places a waitlisted person on the facility list with the priority', () => {
      const { type: _type, today: _today, ...fields } = cmd.meeting('waitlisted');
      given(...history('referred'))
        .when(cmd.meeting('waitlisted'))
        .then(
          { type: 'AssessmentMeetingRecorded', data: { ...fields, ...who } },
          { type: 'PlacedOnWaitingList', data: { caseId: 'c1', on: '2025-01-13', facilityId: 'f1', priority: 2, personId: 'p1' } },
        );
    });
    it('holds several meetings while the candidate is being mapped (Stavanger)', () => {
      given(...history('mapping', cmd.endMapping()))
        .when(cmd.meeting('accepted', { on: '2025-03-12' }))
        .thenRecords('AssessmentMeetingRecorded');
    });
    it('is idempotent for the same meeting', () => {
      given(...history('inAssessment'))
        .when(cmd.meeting('needs_mapping'))
        .thenNothing();
    });
    it('refuses different content under a used meeting id', () => {
      given(...history('inAssessment'))
        .when(cmd.meeting('accepted', { meetingId: 'm-needs_mapping' }))
        .thenRejects('case.id_already_used', 'meetingId');
    });
    it('needs at least one member present', () => {
      given(...history('referred'))
        .when(cmd.meeting('accepted', { members: [' '] }))
        .thenRejects('assessment.members_required', 'members');
    });
    it('needs a priority when waitlisting', () => {
      given(...history('referred'))
        .when(cmd.meeting('waitlisted', { priority: undefined }))
        .thenRejects('assessment.priority_required', 'priority');
    });
    it('takes a priority only when waitlisting', () => {
      given(...history('referred'))
        .when(cmd.meeting('accepted', { priority: 1 }))
        .thenRejects('assessment.priority_only_when_waitlisted', 'priority');
    });
    it.each([0, 6, 2.5])('refuses priority %s', (priority) => {
      given(...history('referred'))
        .when(cmd.meeting('waitlisted', { priority }))
        .thenRejects('assessment.priority_range', 'priority');
    });
    it('is not possible once the team has an outcome', () => {
      given(...history('accepted'))
        .when(cmd.meeting('refused'))
        .thenRejects('case.not_allowed_in_status');
    });
  });

  describe('StartMapping', () => {
    it('starts mapping in an assessment flat for 1–3 months', () => {
      const { type: _type, today: _today, ...fields } = cmd.startMapping();
      given(...history('inAssessment'))
        .when(cmd.startMapping())
        .then({ type: 'MappingStarted', data: { ...fields, ...who } });
    });
    it('refuses an assessment flat of another facility, or a unit that is no assessment flat', () => {
      // Finding: a mapping stay could use a unit of another facility.
      given(...history('inAssessment'))
        .when(cmd.startMapping({ assessmentUnit: { facilityId: 'f2', kind: 'assessment' } }))
        .thenRejects('mapping.unit_not_in_facility', 'assessmentUnitId');
      given(...history('inAssessment'))
        .when(cmd.startMapping({ assessmentUnit: { facilityId: 'f1', kind: 'permanent' } }))
        .thenRejects('mapping.unit_not_assessment', 'assessmentUnitId');
      given(...history('inAssessment'))
        .when(cmd.startMapping({ assessmentUnit: undefined }))
        .thenRejects('mapping.unit_not_found', 'assessmentUnitId');
    });
    it('starts mapping without a flat and without a planned end', () => {
      given(...history('inAssessment'))
        .when(cmd.startMapping({ assessmentUnitId: undefined, plannedEndOn: undefined }))
        .thenRecords('MappingStarted');
    });
    it.each([
      ['exactly one month', '2025-02-15'],
      ['exactly three months', '2025-04-15'],
    ])('allows a flat stay of %s', (_label, plannedEndOn) => {
      given(...history('inAssessment'))
        .when(cmd.startMapping({ plannedEndOn }))
        .thenRecords('MappingStarted');
    });
    it.each([
      ['under one month', '2025-02-14'],
      ['over three months', '2025-04-16'],
      ['no planned end', undefined],
    ])('refuses a flat stay with %s', (_label, plannedEndOn) => {
      given(...history('inAssessment'))
        .when(cmd.startMapping({ plannedEndOn }))
        .thenRejects('mapping.assessment_unit_period', 'plannedEndOn');
    });
    it('refuses a planned end before the start', () => {
      given(...history('inAssessment'))
        .when(cmd.startMapping({ assessmentUnitId: undefined, plannedEndOn: '2025-01-15' }))
        .thenRejects('mapping.planned_end_before_start', 'plannedEndOn');
    });
    it('needs the outcome "needs mapping"', () => {
      given(...history('refusalIssued', cmd.receiveAppeal(), cmd.reviewAppeal('reversed')))
        .when(cmd.startMapping())
        .thenRejects('mapping.requires_needs_mapping_outcome');
    });
    it('is not possible before the team met', () => {
      given(...history('referred'))
        .when(cmd.startMapping())
        .thenRejects('case.not_allowed_in_status');
    });
    it('is idempotent', () => {
      given(...history('mapping'))
        .when(cmd.startMapping())
        .thenNothing();
    });
  });

  describe('EndMapping', () => {
    it('ends the mapping with its summary, naming the flat it freed', () => {
      given(...history('mapping'))
        .when(cmd.endMapping())
        .then({
          type: 'MappingEnded',
          data: {
            caseId: 'c1',
            on: '2025-03-10',
            mappingId: 'map1',
            summary: 'Manages a flat with daily follow-up',
            ...who,
            assessmentUnitId: 'a1',
            startedOn: '2025-01-15',
          },
        });
    });
    it('is idempotent', () => {
      given(...history('mapping', cmd.endMapping()))
        .when(cmd.endMapping())
        .thenNothing();
    });
    it('refuses another mapping id', () => {
      given(...history('mapping'))
        .when(cmd.endMapping({ mappingId: 'other' }))
        .thenRejects('mapping.unknown', 'mappingId');
    });
    it('needs a summary', () => {
      given(...history('mapping'))
        .when(cmd.endMapping({ summary: '' }))
        .thenRejects('mapping.summary_required', 'summary');
    });
    it('is not possible without a mapping in progress', () => {
      given(...history('inAssessment'))
        .when(cmd.endMapping())
        .thenRejects('case.not_allowed_in_status');
    });
  });
});
