import { CASE_PERSONAL_FIELDS, CaseEvent, CaseEventType } from '@app/domain';
import { cmd, historyOf, paths } from '@app/domain/case/case.fixtures';
import { projectionSpec } from '@app/projections';
import { Actor } from '../../platform/auth/actor';
import { readScope } from '../shared/read-scope';
import { TIMELINE_MESSAGE_KEYS } from './timeline.messages';
import { timelineProjection } from './timeline.projection';
import { GetTimelineHandler, GetTimelineQuery } from './timeline.query';
import { readModelsOf } from '../shared/query-harness';

type Spec = ReturnType<typeof projectionSpec>;
type Ev = ReturnType<Spec['event']>;

const F = 'f1';
const meta = (on: string, role = 'case_worker') => ({
  actorId: `user-${role}`,
  actorRole: role,
  recordedAt: '2026-01-01T10:00:00.000Z',
  effectiveDate: on,
  commandId: 'c',
  correlationId: 'c',
  causationId: 'c',
});

/** Case events of case `caseId` of person p1, with the metadata the command runner writes. */
function caseEvents(spec: Spec, caseId: string, events: readonly CaseEvent[]): Ev[] {
  return events.map((e) =>
    spec.event(
      e.type,
      { ...(e.data as Record<string, any>), caseId },
      { stream: `case-${caseId}`, metadata: meta(e.data.on, e.type === 'DecisionIssued' ? 'team_lead' : 'case_worker') },
    ),
  );
}

/** Histories that together record every case event type. */
const HISTORIES = {
  stay: historyOf(
    ...paths.resident(),
    cmd.extend('2025-09-01', { on: '2025-03-10' }),
    cmd.incident(),
    cmd.warning(),
    cmd.absence(),
    cmd.returned(),
    cmd.transfer(),
    cmd.risk(),
    cmd.contacts(),
    cmd.crisisPlan(),
    cmd.actionPlan(),
    cmd.convert({
      on: '2025-03-20',
      leaseStartsOn: '2025-03-25',
      leaseTerms: { specialTermsHusll11_1: true, writtenNoticeGivenOn: '2025-03-20', writtenNoticeStatesFewerRights: true, indefinite: true },
    }),
    cmd.exclude(),
    cmd.alternativeOffered(),
    cmd.moveOut({ exitReason: 'excluded', destination: 'shelter_or_guesthouse' }),
    cmd.startFollowUp(),
    cmd.endFollowUp(),
  ),
  consent: historyOf(
    ...paths.referred(),
    cmd.withdrawConsent({ on: '2025-01-20' }),
    cmd.renewConsent({ on: '2025-01-21' }),
    cmd.renewConsent({ on: '2025-01-22', expiresOn: undefined }),
  ),
  appeal: historyOf(...paths.refusalIssued(), cmd.receiveAppeal(), cmd.reviewAppeal('upheld'), cmd.forwardAppeal(), cmd.appealOutcome('remitted')),
  waiting: historyOf(
    ...paths.mapping(),
    cmd.endMapping(),
    cmd.meeting('waitlisted', { on: '2025-03-11', meetingId: 'm2' }),
    cmd.decision('grant', { on: '2025-03-12', notifiedOn: '2025-03-12' }),
    cmd.changePriority(1, { on: '2025-03-12' }),
    cmd.offer({ on: '2025-03-13', expiresOn: '2025-03-20' }),
    cmd.decline({ on: '2025-03-14' }),
    cmd.offer({ on: '2025-03-15', offerId: 'o2', expiresOn: '2025-03-20' }),
    cmd.expire({ on: '2025-03-21', offerId: 'o2' }),
    cmd.removeFromList({ on: '2025-03-22' }),
    cmd.withdraw({ on: '2025-03-23' }),
  ),
  ambulant: historyOf(...paths.ambulant(), cmd.endAmbulant(), cmd.close()),
  refused: historyOf(...paths.excluded(), cmd.alternativeRefused()),
};

function given(spec: Spec): Ev[] {
  const events = [
    spec.event(
      'PersonRegistered',
      { personId: 'p1', givenName: 'Kari', familyName: 'Nordmann', birthDate: '1990-05-17', identityNumber: '17059012345', gender: 'female' },
      { metadata: meta(undefined as never) },
    ),
    spec.event('UnitAdded', { unitId: 'u1', facilityId: F, label: 'H101', kind: 'permanent', capacity: 1 }),
    spec.event('UnitAdded', { unitId: 'u2', facilityId: F, label: 'H102', kind: 'permanent', capacity: 1 }),
    ...Object.entries(HISTORIES).flatMap(([name, events]) => caseEvents(spec, `c-${name}`, events)),
    spec.event(
      'UnitOccupied',
      { unitId: 'u1', facilityId: F, caseId: 'c-stay', personId: 'p1', on: '2025-02-01', moveInId: 'mi1', offerId: 'o1' },
      { metadata: meta('2025-02-01') },
    ),
    spec.event(
      'PersonDetailsCorrected',
      { personId: 'p1', changes: { familyName: 'Østby', contact: { phone: '99999999' } }, reason: 'Married in May', on: '2025-05-20' },
      { metadata: meta('2025-05-20') },
    ),
    spec.event(
      'ResidentCommentAdded',
      { personId: 'p1', commentId: 'k1', on: '2025-05-21', text: 'I was not violent', aboutEventId: 'e1' },
      { metadata: meta('2025-05-21') },
    ),
  ];
  spec.given(...events);
  return events;
}

function queries(spec: Spec) {
  const readModels = readModelsOf(spec);
  return new GetTimelineHandler(readModels);
}
const actor = (role: string, facilityIds: string[] = []): Actor => ({ userId: 'u', username: 'u', grants: [{ role: role as never, facilityIds }] });

/** Every string under a dotted path of an event's data (arrays and objects included). */
function textsAt(value: unknown, path: string[]): string[] {
  if (value == null) return [];
  if (path.length === 0) {
    if (typeof value === 'string') return [value];
    if (typeof value === 'object') return Object.values(value).flatMap((v) => textsAt(v, []));
    return [];
  }
  if (Array.isArray(value)) return value.flatMap((v) => textsAt(v, path));
  return textsAt((value as Record<string, unknown>)[path[0]], path.slice(1));
}

describe('timeline projection', () => {
  it('writes one entry per event about the person, with actor, role, effective date, recorded time, case, facility and a summary', () => {
    const spec = projectionSpec(timelineProjection);
    given(spec);
    const rows = spec.rows('timeline_entries', 'commit_position');
    const caseEventCount = Object.values(HISTORIES).reduce((n, h) => n + h.length, 0);
    expect(rows).toHaveLength(caseEventCount + 4);
    expect(rows.every((r) => r.person_id === 'p1')).toBe(true);
    const movedIn = rows.find((r) => r.event_type === 'MovedIn');
    expect(movedIn).toMatchObject({
      case_id: 'c-stay',
      facility_id: F,
      effective_date: '2025-02-01',
      recorded_at: '2026-01-01T10:00:00.000Z',
      actor_id: 'user-case_worker',
      actor_role: 'case_worker',
      message_key: 'timeline.moved_in',
    });
    expect(JSON.parse(movedIn!.params)).toEqual({
      unitId: 'u1',
      unitKind: 'permanent',
      agreementKind: 'service_agreement',
      startsOn: '2025-02-01',
      endsOn: '2025-08-01',
      agreementLimit: '2026-02-01',
    });
    expect(rows.find((r) => r.event_type === 'DecisionIssued')).toMatchObject({ actor_role: 'team_lead', message_key: 'timeline.decision_issued' });
    expect(rows.find((r) => r.event_type === 'PersonRegistered')).toMatchObject({ case_id: null, facility_id: null, effective_date: '2026-01-01' });
    expect(JSON.parse(rows.find((r) => r.event_type === 'PersonDetailsCorrected')!.params)).toEqual({ fields: ['contact', 'familyName'] });
    expect(rows.find((r) => r.event_type === 'UnitOccupied')).toMatchObject({
      message_key: 'timeline.unit_occupied',
      params: '{"unitId":"u1","cause":"move_in"}',
    });
  });

  it('dates an event recorded without an effective date by the Oslo day it was recorded, not the UTC day', () => {
    const spec = projectionSpec(timelineProjection);
    // 00:30 on 1 January in Oslo: still 31 December in UTC.
    const m = { ...meta(undefined as never), recordedAt: '2025-12-31T23:30:00.000Z', effectiveDate: undefined };
    spec.given(
      spec.event('PersonRegistered', { personId: 'p9', givenName: 'Per', familyName: 'Hansen', birthDate: '1980-01-01', gender: 'male' }, { metadata: m }),
    );
    expect(spec.rows('timeline_entries')[0]).toMatchObject({ event_type: 'PersonRegistered', effective_date: '2026-01-01' });
  });

  it('uses every message key it exports, and only those', () => {
    const spec = projectionSpec(timelineProjection);
    given(spec);
    spec.given(
      spec.event('UnitVacated', { unitId: 'u1', facilityId: F, caseId: 'c-stay', personId: 'p1', on: '2025-03-15', transferId: 't1' }),
      spec.event('PersonForgotten', { personId: 'p1', on: '2025-06-01', legalBasis: 'gdpr_art_17_consent_withdrawn' }),
    );
    const used = new Set(spec.rows('timeline_entries').map((r) => r.message_key));
    expect([...used].sort()).toEqual([...TIMELINE_MESSAGE_KEYS].sort());
  });

  it('copies no free text, names or contact details: summaries carry codes, dates and kinds only', () => {
    const spec = projectionSpec(timelineProjection);
    const events = given(spec);
    const stored = JSON.stringify(spec.snapshot());
    const staffNames: Partial<Record<CaseEventType, string[]>> = {
      AssessmentMeetingRecorded: ['members'],
      DecisionIssued: ['decidedBy'],
      MovedIn: ['contactPersons'],
      ContactPersonsAssigned: ['contactPersons'],
      ExclusionDecided: ['decision.decidedBy'],
    };
    const secret = events.flatMap((e) => {
      const fields = [
        ...(CASE_PERSONAL_FIELDS[e.type as CaseEventType] ?? []),
        ...(staffNames[e.type as CaseEventType] ?? []),
        'facts',
        'mainConsiderations',
        'reason',
        'note',
        'description',
        'summary',
        'outcome',
      ];
      const person = ['givenName', 'familyName', 'identityNumber', 'birthDate', 'changes', 'text'];
      return [...fields, ...person].flatMap((f) => textsAt(e.data, f.split('.')));
    });
    // Codes (an outcome such as 'remitted', a reason such as 'reassessment') may be shown; texts of more than one word may not.
    const texts = [...new Set(secret)].filter((t) => /\s/.test(t) || /\d{6,}/.test(t) || t === 'Kari' || t === 'Nordmann' || t === 'Østby');
    expect(texts.length).toBeGreaterThan(20);
    for (const text of texts) expect({ text, leaked: stored.includes(text) }).toEqual({ text, leaked: false });
  });

  it('summarises a forgotten person’s events without their personal fields (rebuilt after crypto-shredding)', () => {
    const spec = projectionSpec(timelineProjection);
    const [plan] = caseEvents(spec, 'c1', historyOf(...paths.resident(), cmd.actionPlan()).slice(-1));
    spec.given(
      { ...plan, data: { ...plan.data, actionPlan: '[forgotten]' } },
      spec.event('PersonForgotten', { personId: 'p1', on: '2026-02-01', legalBasis: 'court_order' }),
    );
    const rows = spec.rows('timeline_entries', 'commit_position');
    expect(rows.map((r) => [r.message_key, JSON.parse(r.params)])).toEqual([
      ['timeline.action_plan_updated', {}],
      ['timeline.person_forgotten', { legalBasis: 'court_order' }],
    ]);
  });

  it('changes nothing when the same events are applied twice, or when any tail of them is applied again', () => {
    const spec = projectionSpec(timelineProjection);
    const events = given(spec);
    const once = spec.snapshot();
    spec.given(...events);
    expect(spec.snapshot()).toEqual(once);
    for (let i = 0; i < events.length; i += 7) {
      spec.given(...events.slice(i));
      expect(spec.snapshot()).toEqual(once);
    }
  });
});

describe('timeline query', () => {
  it('lists newest first by effective date, then by log position, with unit labels in the summaries', async () => {
    const spec = projectionSpec(timelineProjection);
    given(spec);
    const timeline = await queries(spec).execute(new GetTimelineQuery({ personId: 'p1', scope: 'everywhere', limit: 500, offset: 0 }));
    const dates = timeline.entries.map((e) => e.effectiveDate);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(timeline.total).toBe(timeline.entries.length);
    // Same day: the later event first (the waiting list is left before the move-in is recorded, both on 1 Feb).
    const firstFeb = timeline.entries.filter((e) => e.effectiveDate === '2025-02-01').map((e) => e.eventType);
    expect(firstFeb.indexOf('UnitOccupied')).toBeLessThan(firstFeb.indexOf('MovedIn'));
    const movedIn = timeline.entries.find((e) => e.eventType === 'MovedIn' && e.caseId === 'c-stay')!;
    expect(movedIn).toMatchObject({
      caseId: 'c-stay',
      facilityId: F,
      actorRole: 'case_worker',
      recordedAt: '2026-01-01T10:00:00.000Z',
      position: expect.stringMatching(/^\d+$/),
    });
    expect(movedIn.summary).toEqual({
      key: 'timeline.moved_in',
      params: expect.objectContaining({ unitId: 'u1', unitLabel: 'H101', agreementKind: 'service_agreement', endsOn: '2025-08-01' }),
    });
    const transfer = timeline.entries.find((e) => e.eventType === 'UnitTransferred' && e.caseId === 'c-stay')!;
    expect(transfer.summary.params).toMatchObject({ fromUnitId: 'u1', fromUnitLabel: 'H101', unitId: 'u2', unitLabel: 'H102' });
    const page = await queries(spec).execute(new GetTimelineQuery({ personId: 'p1', scope: 'everywhere', limit: 5, offset: 5 }));
    expect(page.entries.map((e) => e.eventId)).toEqual(timeline.entries.slice(5, 10).map((e) => e.eventId));
  });

  it('shows a facility-scoped reader the entries of cases in their facilities only', async () => {
    const spec = projectionSpec(timelineProjection);
    given(spec);
    spec.given(
      ...caseEvents(
        spec,
        'c-elsewhere',
        historyOf(...paths.referred()).map(
          (e) => ({ ...e, data: { ...e.data, facilityId: 'f2', facility: { ...(e.data as { facility: object }).facility, facilityId: 'f2' } } }) as CaseEvent,
        ),
      ),
    );
    const q = queries(spec);
    const all = await q.execute(new GetTimelineQuery({ personId: 'p1', scope: readScope(actor('auditor'), 'read.case'), limit: 500, offset: 0 }));
    const mine = await q.execute(new GetTimelineQuery({ personId: 'p1', scope: readScope(actor('case_worker', [F]), 'read.case'), limit: 500, offset: 0 }));
    const theirs = await q.execute(new GetTimelineQuery({ personId: 'p1', scope: readScope(actor('supervisor', ['f2']), 'read.case'), limit: 500, offset: 0 }));
    const stranger = await q.execute(
      new GetTimelineQuery({ personId: 'p1', scope: readScope(actor('case_worker', ['f3']), 'read.case'), limit: 500, offset: 0 }),
    );
    const admin = await q.execute(new GetTimelineQuery({ personId: 'p1', scope: readScope(actor('admin'), 'read.case'), limit: 500, offset: 0 }));
    expect(mine.total + 1).toBe(all.total);
    expect(mine.entries.every((e) => e.facilityId === F || e.facilityId === null)).toBe(true);
    expect(theirs.entries.map((e) => e.facilityId ?? e.eventType)).toEqual(expect.arrayContaining(['f2', 'PersonRegistered']));
    expect(theirs.entries.filter((e) => e.facilityId === F)).toEqual([]);
    expect(stranger).toMatchObject({ total: 0, entries: [] });
    expect(admin).toMatchObject({ total: 0, entries: [] });
  });

  it('shows a person without any case to every case reader', async () => {
    const spec = projectionSpec(timelineProjection);
    spec.given(spec.event('PersonRegistered', { personId: 'p9', givenName: 'Per', familyName: 'Hansen', birthDate: '1980-01-01', gender: 'male' }));
    const timeline = await queries(spec).execute(new GetTimelineQuery({ personId: 'p9', scope: ['f3'], limit: 50, offset: 0 }));
    expect(timeline.entries.map((e) => e.summary)).toEqual([{ key: 'timeline.person_registered', params: {} }]);
  });
});
