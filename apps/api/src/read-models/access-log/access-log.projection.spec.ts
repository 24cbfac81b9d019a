import { projectionSpec } from '@app/projections';
import { queryHarness } from '../shared/query-harness';
import { withPeople } from '../cases/with-people';
import { staffProjection } from '../staff/staff.projection';
import { accessLogProjection } from './access-log.projection';
import { SearchAccessLogHandler, SearchAccessLogQuery } from './access-log.query';

type Spec = ReturnType<typeof projectionSpec>;

/** The staff read model beside the log, naming the auditor only: a reader it does not know shows no name. */
const withStaff = (spec: Spec) =>
  spec.alongside(staffProjection, spec.event('UserCreated', { userId: 'u-aud', username: 'aud', displayName: 'Aud Revisor', on: '2026-01-05' }));

const read = (spec: Spec, accessId: string, over: Record<string, unknown> = {}) =>
  spec.event(
    'PersonalDataAccessed',
    {
      accessId,
      personId: 'p1',
      caseId: 'c1',
      view: 'case',
      actorId: 'u-worker',
      actorRole: 'case_worker',
      at: `2026-03-0${accessId.slice(1)}T10:00:00.000Z`,
      flagged: false,
      ...over,
    },
    { stream: `access-${over.personId ?? 'p1'}` },
  );

const forgotten = (spec: Spec, personId = 'p1') => spec.event('PersonForgotten', { personId, on: '2026-04-01', legalBasis: 'court_order' });

describe('access log projection', () => {
  it('keeps one row per read: whose file, which view, who, when and whether it was flagged', () => {
    const spec = projectionSpec(accessLogProjection);
    spec.given(
      read(spec, 'a1'),
      read(spec, 'a2', { view: 'timeline', caseId: undefined, actorId: 'u-out', flagged: true, purpose: 'Resident came to our building at night' }),
    );
    expect(spec.rows('access_reads', 'access_id')).toEqual([
      {
        access_id: 'a1',
        person_id: 'p1',
        case_id: 'c1',
        view: 'case',
        actor_id: 'u-worker',
        actor_role: 'case_worker',
        at: '2026-03-01T10:00:00.000Z',
        flagged: 0,
        has_purpose: 0,
        write: 0,
      },
      {
        access_id: 'a2',
        person_id: 'p1',
        case_id: null,
        view: 'timeline',
        actor_id: 'u-out',
        actor_role: 'case_worker',
        at: '2026-03-02T10:00:00.000Z',
        flagged: 1,
        has_purpose: 1,
        write: 0,
      },
    ]);
    expect(spec.rows('access_purposes')).toEqual([{ access_id: 'a2', person_id: 'p1', purpose: 'Resident came to our building at night' }]);
  });

  it('marks a recorded write about the person', () => {
    const spec = projectionSpec(accessLogProjection);
    spec.given(read(spec, 'a1', { view: 'correction', caseId: undefined, write: true, flagged: true, purpose: 'Phoned by the resident' }));
    expect(spec.rows('access_reads')[0]).toMatchObject({ view: 'correction', write: 1, flagged: 1 });
  });

  it('changes nothing when the same events are applied twice', () => {
    const spec = projectionSpec(accessLogProjection);
    const events = [read(spec, 'a1'), read(spec, 'a2', { flagged: true, purpose: 'Night shift' }), read(spec, 'a3', { personId: 'p2' }), forgotten(spec, 'p2')];
    spec.given(...events);
    const once = spec.snapshot();
    spec.given(...events);
    expect(spec.snapshot()).toEqual(once);
    expect(once.access_reads).toHaveLength(3);
    expect(once.access_purposes).toHaveLength(1);
  });

  it('drops the stated purposes of a forgotten person but keeps the reads, also when rebuilt from a log whose purpose reads as forgotten', () => {
    const spec = projectionSpec(accessLogProjection);
    spec.given(
      read(spec, 'a1', { flagged: true, purpose: 'Night shift' }),
      read(spec, 'a2', { personId: 'p2', flagged: true, purpose: 'Other person' }),
      forgotten(spec),
    );
    expect(spec.rows('access_reads').map((r) => r.access_id)).toEqual(['a1', 'a2']);
    expect(spec.rows('access_purposes')).toEqual([{ access_id: 'a2', person_id: 'p2', purpose: 'Other person' }]);

    const rebuilt = projectionSpec(accessLogProjection);
    rebuilt.given(read(rebuilt, 'a1', { flagged: true, purpose: '[forgotten]' }));
    expect(rebuilt.rows('access_reads')[0]).toMatchObject({ flagged: 1, has_purpose: 1 });
    expect(rebuilt.rows('access_purposes')).toEqual([]);
  });

  it('keeps a read recorded without its person (stream access-undefined) and lists it under its case’s person, and goes on with later reads', async () => {
    const spec = projectionSpec(accessLogProjection);
    const referral = spec.event('ReferralRegistered', { caseId: 'c1', personId: 'p1', facilityId: 'f1', on: '2026-02-01' }, { stream: 'case-c1' });
    // What a replay to a moment before the case began used to write: no personId, in the stream "access-undefined".
    const personless = spec.event(
      'PersonalDataAccessed',
      {
        accessId: 'a0',
        caseId: 'c1',
        view: 'replay',
        actorId: 'u-aud',
        actorRole: 'auditor',
        at: '2026-03-01T09:00:00.000Z',
        flagged: false,
        purpose: 'Tilsyn',
      },
      { stream: 'access-undefined' },
    );
    spec.given(referral, personless, read(spec, 'a1'), read(spec, 'a2', { personId: 'p2', caseId: undefined }));
    expect(spec.rows('access_reads', 'access_id').map((r) => [r.access_id, r.person_id, r.case_id, r.view])).toEqual([
      ['a0', null, 'c1', 'replay'],
      ['a1', 'p1', 'c1', 'case'],
      ['a2', 'p2', null, 'case'],
    ]);
    // Its purpose is not kept under no one (forgetting the person could not drop it); that one was stated stays.
    expect(spec.rows('access_purposes')).toEqual([]);
    expect(spec.rows('access_reads')[0]).toMatchObject({ has_purpose: 1 });
    const handler = new SearchAccessLogHandler(
      queryHarness(withPeople(withStaff(spec), { p1: { givenName: 'Kari', familyName: 'Nordmann' } }), '2026-03-10').readModels,
    );
    const page = await handler.execute(new SearchAccessLogQuery({ personId: 'p1', limit: 50, offset: 0 }));
    expect(page.items.map((i) => [i.accessId, i.personId, i.view])).toEqual([
      ['a1', 'p1', 'case'],
      ['a0', 'p1', 'replay'],
    ]);
    expect(page.total).toBe(2);
  });

  it('takes who and when from the metadata when a record lacks them, rather than stopping the log', () => {
    const spec = projectionSpec(accessLogProjection);
    const bare = spec.event(
      'PersonalDataAccessed',
      { accessId: 'a9', personId: 'p1', flagged: false },
      {
        stream: 'access-p1',
        metadata: { actorId: 'u7', actorRole: 'auditor', recordedAt: '2026-03-02T08:00:00.000Z' },
      },
    );
    spec.given(bare, read(spec, 'a1'));
    expect(spec.rows('access_reads', 'access_id')[1]).toMatchObject({
      access_id: 'a9',
      person_id: 'p1',
      view: 'unknown',
      actor_id: 'u7',
      actor_role: 'auditor',
      at: '2026-03-02T08:00:00.000Z',
    });
    expect(spec.rows('access_reads')).toHaveLength(2);
  });

  describe('query', () => {
    const spec = projectionSpec(accessLogProjection);
    spec.given(
      read(spec, 'a1'),
      read(spec, 'a2', { actorId: 'u-out', flagged: true, purpose: 'Night shift' }),
      read(spec, 'a3', { personId: 'p2', view: 'export', actorId: 'u-aud', actorRole: 'auditor' }),
      read(spec, 'a4', { personId: 'p2', actorId: 'u-out', flagged: true, purpose: 'Ambulance call' }),
    );
    const handler = new SearchAccessLogHandler(
      queryHarness(withPeople(withStaff(spec), { p1: { givenName: 'Kari', familyName: 'Nordmann' } }), '2026-03-10').readModels,
    );
    const search = (filter: Partial<SearchAccessLogQuery['filter']>) => handler.execute(new SearchAccessLogQuery({ limit: 50, offset: 0, ...filter }));

    it('lists one person’s reads, newest first, with the purpose where one was stated', async () => {
      const page = await search({ personId: 'p1' });
      expect(page.total).toBe(2);
      expect(page.items.map((i) => [i.accessId, i.flagged, i.purpose])).toEqual([
        ['a2', true, 'Night shift'],
        ['a1', false, null],
      ]);
    });

    it('lists the flagged reads of everyone, and filters by reader and period', async () => {
      // Whose file, by name where the cases read model knows the person (p2 is no one it knows).
      expect((await search({ flagged: true })).items.map((i) => [i.accessId, i.personName])).toEqual([
        ['a4', null],
        ['a2', { givenName: 'Kari', familyName: 'Nordmann' }],
      ]);
      expect((await search({ flagged: false })).items.map((i) => [i.accessId, i.actorName])).toEqual([
        ['a3', 'Aud Revisor'],
        ['a1', null],
      ]);
      expect((await search({ actorId: 'u-out', from: '2026-03-03T00:00:00.000Z' })).items.map((i) => i.accessId)).toEqual(['a4']);
      expect((await search({ to: '2026-03-02T00:00:00.000Z' })).items.map((i) => i.accessId)).toEqual(['a1']);
    });

    it('pages with a total', async () => {
      const page = await search({ limit: 1, offset: 1 });
      expect(page).toMatchObject({ total: 4, limit: 1, offset: 1 });
      expect(page.items.map((i) => i.accessId)).toEqual(['a3']);
    });
  });
});
