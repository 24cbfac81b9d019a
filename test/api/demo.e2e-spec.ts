import {
  addDays,
  CASE_STATUSES,
  CaseEvent,
  caseDecider,
  CaseState,
  facilityDecider,
  facilityStream,
  FacilityProfile,
  openOccupancies,
  openReservations,
  UnitEvent,
  unitDecider,
  unitStream,
} from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { StreamReader } from '../../apps/api/src/platform/streams/stream-reader';
import { EventCodec } from '../../apps/api/src/platform/streams/event-codec';
import { EventMetadata } from '../../apps/api/src/platform/streams/event-metadata';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../apps/api/src/demo/demo-accounts';
import { DEMO_FACILITIES } from '../../apps/api/src/demo/demo-facilities';
import { DemoSeedResult, seedDemo } from '../../apps/api/src/demo/demo-seed';
import { startTestApp, TestApp } from '../support/test-app';

/** `npm run demo` seeds through the application services; this checks what it leaves behind. */
describe('demo seed', () => {
  let t: TestApp;
  let result: DemoSeedResult;
  let all: Array<{ recorded: RecordedEvent; event: CaseEvent | UnitEvent; metadata: EventMetadata }>;
  let cases: Map<string, CaseState>;

  beforeAll(async () => {
    t = await startTestApp();
    // seedDemo throws on any refused command (naming the rule), on a command that records nothing,
    // and when a case or unit does not end as planned: getting here means none of that happened.
    result = await seedDemo(t.app);
    const codec = t.app.get(EventCodec);
    all = [];
    for await (const recorded of t.store.readAll()) {
      await codec.loadKeysFor([recorded]);
      const { event, metadata } = codec.decode<CaseEvent | UnitEvent>(recorded);
      all.push({ recorded, event, metadata });
    }
    cases = new Map();
    for (const { recorded, event } of all) {
      if (!recorded.stream.startsWith('case-')) continue;
      cases.set(recorded.stream, caseDecider.evolve(cases.get(recorded.stream) ?? caseDecider.initialState, event as CaseEvent));
    }
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  const folded = () => [...cases.values()].filter((s): s is Exclude<CaseState, { status: 'none' }> => s.status !== 'none');

  it('leaves at least one case in every status of the lifecycle', () => {
    const counts = new Map<string, number>();
    for (const state of folded()) counts.set(state.status, (counts.get(state.status) ?? 0) + 1);
    for (const status of CASE_STATUSES.filter((s) => s !== 'none')) {
      expect({ status, count: counts.get(status) ?? 0 }).toEqual({ status, count: expect.any(Number) });
      expect(counts.get(status) ?? 0).toBeGreaterThanOrEqual(1);
    }
    expect(Object.fromEntries(counts)).toEqual(result.statusCounts);
    expect(cases.size).toBe(result.cases.length);
    expect(result.people).toBeGreaterThanOrEqual(40);
    expect(result.people).toBeLessThanOrEqual(60);
  });

  it('covers the situations dashboards and auditors look for', () => {
    const states = folded();
    const today = result.today;
    const residents = states.filter((s) => s.status === 'resident');
    const kinds = new Set(residents.map((s) => s.status === 'resident' && s.stay.agreement.kind));
    expect(kinds).toEqual(new Set(['service_agreement', 'temporary_agreement', 'lease']));
    // A temporary agreement close to its 3-month limit, and one past it with a written justification.
    expect(
      residents.some((s) => s.status === 'resident' && s.stay.agreement.kind === 'temporary_agreement' && s.stay.agreement.endsOn! <= addDays(today, 14)),
    ).toBe(true);
    expect(
      residents.some((s) => s.status === 'resident' && s.stay.agreement.justification !== undefined && s.stay.agreement.endsOn! > s.stay.agreement.limit!),
    ).toBe(true);
    // A lease after conversion: the lease starts later than the move-in.
    expect(residents.some((s) => s.status === 'resident' && s.stay.agreement.kind === 'lease' && s.stay.agreement.startsOn > s.stay.movedInOn)).toBe(true);
    expect(residents.some((s) => s.status === 'resident' && s.stay.unitId !== s.stay.movedInUnitId)).toBe(true); // a transfer
    expect(residents.some((s) => Object.values(s.absences).some((a) => a.returnedOn === undefined))).toBe(true); // one still away
    expect(states.some((s) => s.latestRisk?.band === 'high')).toBe(true);
    expect(states.some((s) => s.exclusion?.alternativeObligation === 'open')).toBe(true);
    expect(states.some((s) => s.exclusion?.alternativeObligation === 'alternative_offered')).toBe(true);
    expect(states.some((s) => s.followUp && !s.followUp.endedOn)).toBe(true);
    expect(states.some((s) => s.followUp?.endedOn)).toBe(true);
    expect(states.some((s) => Object.values(s.appeals).some((a) => a.forwardedOn && !a.outcome))).toBe(true);
    expect(states.some((s) => s.currentMappingId && s.mappings[s.currentMappingId].assessmentUnitId)).toBe(true);
    const waiting = states.filter((s) => s.waitingList).map((s) => s.waitingList!.priority);
    expect(new Set(waiting).size).toBeGreaterThan(1);

    const types = new Set<string>(all.map((e) => e.event.type));
    for (const type of [
      'OfferDeclined',
      'OfferExpired',
      'AgreementExtended',
      'AgreementConvertedToLease',
      'UnitTransferred',
      'WarningIssued',
      'AppealReviewed',
      'AmbulantEnrolled',
      'ReferralWithdrawn',
      'CaseClosed',
    ]) {
      expect({ type, seen: types.has(type) }).toEqual({ type, seen: true });
    }
    const incidentKinds = new Set(all.filter((e) => e.event.type === 'IncidentRecorded').map((e) => (e.event.data as { kind: string }).kind));
    expect(incidentKinds.size).toBeGreaterThanOrEqual(6);
    const destinations = new Set(
      all.filter((e) => e.event.type === 'MovedOut').map((e) => (e.event.data as { destinationCategory: string }).destinationCategory),
    );
    expect(destinations).toEqual(new Set(['permanent', 'temporary', 'institutional', 'homeless', 'other']));
  });

  it('dates everything in the twelve months up to today', () => {
    const dates = all.filter((e) => e.recorded.stream.startsWith('case-')).map((e) => (e.event.data as { on: string }).on);
    expect(dates.every((on) => on <= result.today && on >= addDays(result.today, -366))).toBe(true);
    expect(dates.some((on) => on < addDays(result.today, -300))).toBe(true);
    expect(dates.some((on) => on >= addDays(result.today, -7))).toBe(true);
  });

  it('registers every facility with its profile and units', async () => {
    const runner = t.app.get(StreamReader);
    const added = all.filter((e) => e.event.type === 'UnitAdded').map((e) => e.event.data as { facilityId: string; kind: string });
    const expected = { bodo_hg: 16, trondheim: 10, melhus: 15, bolig_nu: 8, stavanger_hf: 10 };
    for (const [key, count] of Object.entries(expected)) {
      const facility = DEMO_FACILITIES[key as keyof typeof expected];
      const { state } = await runner.load(facilityDecider, facilityStream(facility.facilityId));
      expect(state.status).toBe('active');
      expect(added.filter((u) => u.facilityId === facility.facilityId)).toHaveLength(count);
    }
    const profile = async (id: string) => ((await runner.load(facilityDecider, facilityStream(id))).state as { profile: FacilityProfile }).profile;
    const boligNu = await profile(DEMO_FACILITIES.bolig_nu.facilityId);
    expect(boligNu).toMatchObject({
      kind: 'temporary_housing',
      maxStayDays: 90,
      targetGroup: { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true },
    });
    expect((await profile(DEMO_FACILITIES.trondheim.facilityId)).targetGroup.requiresCoOccurringDisorder).toBe(true);
    const melhusKinds = added.filter((u) => u.facilityId === DEMO_FACILITIES.melhus.facilityId).map((u) => u.kind);
    expect(melhusKinds.filter((k) => k === 'assessment')).toHaveLength(3);
    expect(added.filter((u) => u.facilityId === DEMO_FACILITIES.bolig_nu.facilityId).every((u) => u.kind === 'temporary')).toBe(true);
  });

  it('keeps every unit in step with its cases', async () => {
    const runner = t.app.get(StreamReader);
    // Residents live in their unit; a case mapped in an assessment flat occupies the flat.
    const residents = new Map(
      folded().flatMap((s) => {
        if (s.status === 'resident') return [[s.caseId, s.stay.unitId] as const];
        const flat = s.status === 'mapping' ? s.mappings[s.currentMappingId]?.assessmentUnitId : undefined;
        return flat ? [[s.caseId, flat] as const] : [];
      }),
    );
    let occupied = 0;
    for (const facility of Object.values(DEMO_FACILITIES)) {
      for (const unit of facility.units) {
        const { state } = await runner.load(unitDecider, unitStream(unit.unitId));
        if (state.status !== 'active') throw new Error(`unit ${unit.label} missing`);
        const occupants = openOccupancies(state);
        expect(occupants.length + openReservations(state).length).toBeLessThanOrEqual(state.capacity);
        for (const o of occupants) expect(residents.get(o.caseId)).toBe(unit.unitId);
        occupied += occupants.length;
      }
    }
    expect(occupied).toBe(residents.size);
  });

  it('records real actors: the demo users, with the team lead issuing decisions', async () => {
    const byName = new Map(result.accounts.map((a) => [a.username, a.userId]));
    const caseEvents = all.filter((e) => e.recorded.stream.startsWith('case-'));
    expect(caseEvents.every((e) => e.metadata.actorId === byName.get('demo.saksbehandler') || e.metadata.actorId === byName.get('demo.teamleder'))).toBe(true);
    expect(caseEvents.filter((e) => e.event.type === 'DecisionIssued').every((e) => e.metadata.actorRole === 'team_lead')).toBe(true);
    expect(caseEvents.every((e) => e.metadata.effectiveDate === (e.event.data as { on: string }).on)).toBe(true);
    const facilityEvents = all.filter((e) => e.recorded.stream.startsWith('facility-') || e.event.type === 'UnitAdded');
    expect(facilityEvents.every((e) => e.metadata.actorId === byName.get('demo.admin'))).toBe(true);
  });

  it('lets every demo account log in over HTTP, facility roles in all demo facilities', async () => {
    const facilityIds = Object.values(DEMO_FACILITIES)
      .map((f) => f.facilityId)
      .sort();
    for (const account of DEMO_ACCOUNTS) {
      const token = await t.login(account.username, DEMO_PASSWORD);
      const me = await t.request('GET', '/api/v1/auth/me', { token });
      expect(me.status).toBe(200);
      expect(me.body.grants).toEqual([{ role: account.role, facilityIds: account.allFacilities ? facilityIds : [] }]);
    }
  });

  it('refuses to seed a store that is already in use, writing nothing', async () => {
    let before = 0;
    for await (const _ of t.store.readAll()) before++;
    await expect(seedDemo(t.app)).rejects.toThrow(/empty store/);
    let after = 0;
    for await (const _ of t.store.readAll()) after++;
    expect(after).toBe(before);
  });

  it('makes the same demo on every run', async () => {
    const other = await startTestApp();
    try {
      const again = await seedDemo(other.app, { today: result.today });
      const summary = (r: DemoSeedResult) => r.cases.map((c) => `${c.key} ${c.person} ${c.facility} ${c.status}`);
      expect(summary(again)).toEqual(summary(result));
    } finally {
      await other.close();
    }
  }, 60_000);
});
