import { CaseEvent } from '@app/domain';
import { cmd, historyOf, paths } from '@app/domain/case/case.fixtures';
import { projectionSpec } from '@app/projections';
import { Actor } from '../../platform/auth/actor';
import { AccessDenied, NotFound } from '../../platform/errors/command-errors';
import { Clock } from '../../platform/clock';
import { readScope } from '../shared/read-scope';
import { waitingListProjection } from './waiting-list.projection';
import { GetWaitingListHandler, GetWaitingListQuery, GetWaitingListSummaryHandler, GetWaitingListSummaryQuery } from './waiting-list.query';
import { readModelsOf } from '../shared/query-harness';

type Spec = ReturnType<typeof projectionSpec>;

const F = 'f1';

/** Case events of case `caseId` / person `personId` from the fixtures' command paths. */
function caseEvents(spec: Spec, caseId: string, personId: string, events: readonly CaseEvent[]) {
  return events.map((e) => spec.event(e.type, { ...(e.data as Record<string, any>), caseId, personId }, { stream: `case-${caseId}` }));
}
const person = (spec: Spec, personId: string, givenName: string) =>
  spec.event('PersonRegistered', { personId, givenName, familyName: 'Nordmann', birthDate: '1990-05-17', gender: 'female' });

function queries(spec: Spec, today = '2025-03-01') {
  const readModels = readModelsOf(spec);
  const clock = { today: () => today, now: () => new Date(`${today}T12:00:00Z`) } as Clock;
  return { list: new GetWaitingListHandler(readModels, clock), summary: new GetWaitingListSummaryHandler(readModels, clock) };
}
const actor = (role: string, facilityIds: string[] = []): Actor => ({ userId: 'u', username: 'u', grants: [{ role: role as never, facilityIds }] });

/**
 * Kari: waitlisted by the team on 13 Jan with priority 2, declined one offer, has a second one open.
 * Ola: granted, placed on the list on 16 Jan with priority 3, then priority 1.
 * Per: waitlisted on 13 Jan with priority 2, moved in on 1 Feb (19 days on the list).
 */
function given(spec: Spec) {
  const kari = caseEvents(
    spec,
    'c1',
    'p1',
    historyOf(...paths.waitlistedGranted(), cmd.offer(), cmd.decline(), cmd.offer({ offerId: 'o2', unitId: 'u2', on: '2025-02-01', expiresOn: '2025-02-20' })),
  );
  const ola = caseEvents(spec, 'c2', 'p2', historyOf(...paths.granted(), cmd.placeOnList(), cmd.changePriority(1)));
  const per = caseEvents(spec, 'c3', 'p3', historyOf(...paths.waitlistedGranted(), cmd.offer({ unitId: 'u3' }), cmd.accept(), cmd.moveIn({ unitId: 'u3' })));
  const setup = [
    spec.event('FacilityRegistered', {
      facilityId: F,
      name: 'Bolig Nu',
      kind: 'temporary_housing',
      municipality: 'Bodø',
      targetGroup: {},
      maxStayDays: 90,
      exclusionReasons: [],
    }),
    spec.event('UnitAdded', { unitId: 'u2', facilityId: F, label: 'H2', kind: 'temporary', capacity: 1 }),
    person(spec, 'p1', 'Kari'),
    person(spec, 'p2', 'Ola'),
    person(spec, 'p3', 'Per'),
  ];
  const events = [...setup, ...kari, ...ola, ...per];
  spec.given(...events);
  return events;
}

describe('waiting list projection', () => {
  it('lists who waits with priority and date placed, counts declined offers, keeps the open offer, and records every exit', () => {
    const spec = projectionSpec(waitingListProjection);
    given(spec);
    expect(spec.rows('waiting_list_entries', 'case_id')).toEqual([
      { case_id: 'c1', facility_id: F, person_id: 'p1', priority: 2, placed_on: '2025-01-13' },
      { case_id: 'c2', facility_id: F, person_id: 'p2', priority: 1, placed_on: '2025-01-16' },
    ]);
    expect(spec.rows('waiting_list_declined')).toEqual([{ case_id: 'c1', declined_offers: 1 }]);
    expect(spec.rows('waiting_list_offers')).toEqual([
      { offer_id: 'o2', case_id: 'c1', unit_id: 'u2', offered_on: '2025-02-01', expires_on: '2025-02-20', accepted_on: null },
    ]);
    expect(spec.rows('waiting_list_exits')).toEqual([
      expect.objectContaining({
        case_id: 'c3',
        facility_id: F,
        reason: 'moved_in',
        priority: 2,
        placed_on: '2025-01-13',
        left_on: '2025-02-01',
        waited_days: 19,
      }),
    ]);
  });

  it('drops the name when the person is forgotten, keeping the entry', () => {
    const spec = projectionSpec(waitingListProjection);
    given(spec);
    spec.given(spec.event('PersonForgotten', { personId: 'p1', on: '2026-02-01', legalBasis: 'court_order' }));
    expect(spec.rows('waiting_list_people').map((r) => r.person_id)).toEqual(['p2', 'p3']);
    expect(spec.rows('waiting_list_entries').map((r) => r.case_id)).toContain('c1');
  });

  it('takes a person off the list when removed, keeping the exit', () => {
    const spec = projectionSpec(waitingListProjection);
    spec.given(...caseEvents(spec, 'c1', 'p1', historyOf(...paths.waitlisted(), cmd.removeFromList())));
    expect(spec.rows('waiting_list_entries')).toEqual([]);
    expect(spec.rows('waiting_list_exits')).toEqual([expect.objectContaining({ reason: 'reassessment', waited_days: 5 })]);
  });

  it('changes nothing when the same events are applied twice, or when any tail of them is applied again', () => {
    const spec = projectionSpec(waitingListProjection);
    const events = given(spec);
    const once = spec.snapshot();
    spec.given(...events);
    expect(spec.snapshot()).toEqual(once);
    for (let i = 0; i < events.length; i++) {
      spec.given(...events.slice(i));
      expect(spec.snapshot()).toEqual(once);
    }
  });
});

describe('waiting list queries', () => {
  it('orders by priority then date placed, with days waiting to today, declined offers and the current offer', async () => {
    const spec = projectionSpec(waitingListProjection);
    given(spec);
    const list = await queries(spec).list.execute(new GetWaitingListQuery({ facilityId: F, scope: 'everywhere' }));
    expect(list).toMatchObject({ facilityId: F, facilityName: 'Bolig Nu', today: '2025-03-01' });
    expect(list.entries).toEqual([
      {
        rank: 1,
        caseId: 'c2',
        personId: 'p2',
        name: { givenName: 'Ola', familyName: 'Nordmann' },
        priority: 1,
        placedOn: '2025-01-16',
        daysWaiting: 44,
        offersDeclined: 0,
        currentOffer: null,
      },
      {
        rank: 2,
        caseId: 'c1',
        personId: 'p1',
        name: { givenName: 'Kari', familyName: 'Nordmann' },
        priority: 2,
        placedOn: '2025-01-13',
        daysWaiting: 47,
        offersDeclined: 1,
        currentOffer: { offerId: 'o2', unitId: 'u2', unitLabel: 'H2', offeredOn: '2025-02-01', expiresOn: '2025-02-20', status: 'open', acceptedOn: null },
      },
    ]);
    expect(list.stats).toEqual({
      waiting: 2,
      byPriority: { '1': 1, '2': 1, '3': 0, '4': 0, '5': 0 },
      medianDaysWaiting: 45.5,
      longestDaysWaiting: 47,
      movedInLast12Months: 1,
      medianDaysToMoveIn: 19,
      exitsLast12Months: { moved_in: 1 },
    });
  });

  it('sums up the reader’s facilities for the dashboard, and scopes both queries', async () => {
    const spec = projectionSpec(waitingListProjection);
    given(spec);
    spec.given(
      spec.event('FacilityRegistered', {
        facilityId: 'f2',
        name: 'Ålgård',
        kind: 'staffed_24_7',
        municipality: 'Gjesdal',
        targetGroup: {},
        exclusionReasons: [],
      }),
    );
    const { list, summary } = queries(spec);
    const all = await summary.execute(new GetWaitingListSummaryQuery({ scope: 'everywhere' }));
    expect(all.facilities.map((f) => [f.facilityName, f.waiting, f.medianDaysWaiting])).toEqual([
      ['Bolig Nu', 2, 45.5],
      ['Ålgård', 0, null],
    ]);
    expect(all.overall).toMatchObject({ waiting: 2, medianDaysWaiting: 45.5, medianDaysToMoveIn: 19 });

    const other = readScope(actor('case_worker', ['f2']), 'read.dashboard');
    expect((await summary.execute(new GetWaitingListSummaryQuery({ scope: other }))).overall.waiting).toBe(0);
    await expect(list.execute(new GetWaitingListQuery({ facilityId: F, scope: other }))).rejects.toBeInstanceOf(AccessDenied);
    await expect(list.execute(new GetWaitingListQuery({ facilityId: 'f9', scope: 'everywhere' }))).rejects.toBeInstanceOf(NotFound);
  });

  it('counts only the last twelve months of exits', async () => {
    const spec = projectionSpec(waitingListProjection);
    given(spec);
    const later = await queries(spec, '2026-03-01').list.execute(new GetWaitingListQuery({ facilityId: F, scope: 'everywhere' }));
    expect(later.stats).toMatchObject({ movedInLast12Months: 0, medianDaysToMoveIn: null, exitsLast12Months: {} });
  });
});
