import { accessLogStream, CaseCommandType, daysBetween, synthesizeIdentityNumber } from '@app/domain';
import { formatPosition } from '@app/event-store';
import { ProjectionEngine } from '@app/projections';
import { casePath } from '../../apps/api/src/features/cases/case-commands';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../apps/api/src/demo/demo-accounts';
import { DemoSeedResult, seedDemo } from '../../apps/api/src/demo/demo-seed';
import { TIMELINE_MESSAGE_KEYS } from '../../apps/api/src/read-models/timeline';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The case-work read models over real HTTP: case search, occupancy board, facility list, waiting list
 * and resident timeline. Every query right after a command carries the command's position as
 * minPosition, so it must already show the command's effect (read your writes).
 */
const PASSWORD = 'a long enough password';
const boligNu = {
  name: 'Bolig Nu',
  kind: 'temporary_housing',
  municipality: 'Bodø',
  targetGroup: { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true, requiresCoOccurringDisorder: false },
  maxStayDays: 90,
  exclusionReasons: ['extensive_substance_use', 'violence_or_threats', 'repeated_house_rule_breaches'],
};
const halogalandsgata = { ...boligNu, name: 'Hålogalandsgata', kind: 'staffed_24_7', maxStayDays: undefined };

type Role = 'worker' | 'lead' | 'supervisor' | 'auditor' | 'stranger' | 'admin';
type Json = Record<string, any>;

describe('read models A over HTTP (timeline, cases, occupancy, waiting list)', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  let facilityId: string;
  let otherFacilityId: string;
  const units: Record<string, string> = {};

  const get = async (path: string, role: Role, minPosition?: string | null) => {
    const sep = path.includes('?') ? '&' : '?';
    return t.request('GET', minPosition ? `${path}${sep}minPosition=${minPosition}` : path, { token: tokens[role] });
  };
  const ok = async (path: string, role: Role, minPosition?: string | null): Promise<Json> => {
    const res = await get(path, role, minPosition);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const command = async (caseId: string, type: CaseCommandType, body: object, role: Role = 'worker') => {
    const res = await t.request('POST', casePath(caseId, type), { token: tokens[role], body });
    if (res.status >= 300) throw new Error(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; position: string };
  };
  const person = async (givenName: string, familyName: string, birthDate: string, identityNumber?: string) => {
    const res = await t.request('POST', '/api/v1/people', {
      token: tokens.worker,
      body: { givenName, familyName, birthDate, gender: 'female', identityNumber },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const refer = async (personId: string, on: string) => {
    const res = await t.request('POST', '/api/v1/cases', {
      token: tokens.worker,
      body: {
        on,
        referralSource: 'health_and_social_office',
        referrer: { name: 'Siri Saksbehandler', organisation: 'Helse- og sosialkontor Sentrum' },
        personId,
        facilityId,
        screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: true },
        reason: 'Homeless since the lease ended',
        consent: { given: true, scope: 'The housing service and the assessment team', date: on },
      },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; position: string };
  };

  beforeAll(async () => {
    t = await startTestApp();
    tokens.admin = await t.adminToken();
    facilityId = (await t.request('POST', '/api/v1/facilities', { token: tokens.admin, body: boligNu })).body.id;
    otherFacilityId = (await t.request('POST', '/api/v1/facilities', { token: tokens.admin, body: halogalandsgata })).body.id;
    const grants: Record<Exclude<Role, 'admin'>, object[]> = {
      worker: [{ role: 'case_worker', facilityIds: [facilityId] }],
      lead: [{ role: 'team_lead', facilityIds: [facilityId] }],
      supervisor: [{ role: 'supervisor', facilityIds: [facilityId] }],
      auditor: [{ role: 'auditor' }],
      stranger: [{ role: 'case_worker', facilityIds: [otherFacilityId] }],
    };
    for (const [role, roleGrants] of Object.entries(grants) as [Exclude<Role, 'admin'>, object[]][]) {
      const created = await t.request('POST', '/api/v1/users', {
        token: tokens.admin,
        body: { username: `rma.${role}`, displayName: role, password: PASSWORD, grants: roleGrants },
      });
      expect(created.status).toBe(201);
      tokens[role] = await t.login(`rma.${role}`, PASSWORD);
    }
    for (const label of ['H1', 'H2', 'H3']) {
      const unit = await t.request('POST', `/api/v1/facilities/${facilityId}/units`, { token: tokens.admin, body: { label, kind: 'temporary', capacity: 1 } });
      expect(unit.status).toBe(201);
      units[label] = unit.body.id;
    }
    const out = await t.request('POST', `/api/v1/units/${units.H3}/out-of-service`, {
      token: tokens.admin,
      body: { on: '2026-09-01', reason: 'Water damage in the bathroom' },
    });
    expect(out.status).toBe(200);
  });
  afterAll(() => t.close());

  describe('a person referred, granted, offered a unit and moved in', () => {
    const identityNumber = synthesizeIdentityNumber('1990-05-17', 321);
    let personId: string;
    let caseId: string;
    let movedIn: { id: string; position: string };

    it('finds the referred case by name (any case, part of it) and by exact identity number, never showing the number', async () => {
      personId = await person('Kari', 'Østby', '1990-05-17', identityNumber);
      const referral = await refer(personId, '2026-10-01');
      caseId = referral.id;

      const byName = await ok('/api/v1/cases?q=kari%20%C3%98STB', 'worker', referral.position);
      expect(byName).toMatchObject({ total: 1, limit: 50, offset: 0 });
      expect(byName.items).toEqual([
        {
          caseId,
          personId,
          name: { givenName: 'Kari', familyName: 'Østby' },
          birthYear: 1990,
          facilityId,
          status: 'referred',
          unitId: null,
          contactPersons: [],
          referredOn: '2026-10-01',
          lastEventOn: '2026-10-01',
        },
      ]);
      const byNumber = await ok(`/api/v1/cases?q=${identityNumber}`, 'supervisor', referral.position);
      expect(byNumber.items.map((c: Json) => c.caseId)).toEqual([caseId]);
      expect(JSON.stringify(byNumber)).not.toContain(identityNumber);
      // Exact match only: part of the number finds nothing.
      expect((await ok(`/api/v1/cases?q=${identityNumber.slice(0, 10)}`, 'worker')).total).toBe(0);
    });

    it('shows the other facility’s case worker nothing, and refuses the search to an administrator', async () => {
      expect(await ok('/api/v1/cases?q=kari', 'stranger')).toMatchObject({ total: 0, items: [] });
      expect(await ok(`/api/v1/cases?facilityId=${facilityId}`, 'stranger')).toMatchObject({ total: 0, items: [] });
      expect((await ok('/api/v1/cases?q=kari', 'auditor')).total).toBe(1);
      expect((await get('/api/v1/cases', 'admin')).status).toBe(403);
      expect((await get('/api/v1/cases?status=nonsense', 'worker')).status).toBe(400);
    });

    it('shows the offer on the occupancy board, then the resident with agreement, days in stay and the rate', async () => {
      await command(
        caseId,
        'RecordAssessmentMeeting',
        { on: '2026-10-02', members: ['Unit leader', 'Team leader'], outcome: 'accepted', notes: 'Fits the offer' },
        'lead',
      );
      await command(
        caseId,
        'IssueDecision',
        { on: '2026-10-03', kind: 'grant', legalBasis: 'sotjl_27', facts: 'Homeless', mainConsiderations: 'Needs a place now', decidedBy: 'Per Teamleder' },
        'lead',
      );
      const offer = await command(caseId, 'OfferUnit', { on: '2026-10-05', unitId: units.H1, facilityId, expiresOn: '2026-10-12' });
      let board = await ok(`/api/v1/facilities/${facilityId}/occupancy`, 'supervisor', offer.position);
      const h1 = () => board.units.find((u: Json) => u.label === 'H1');
      expect(h1().reservations).toEqual([
        expect.objectContaining({ offerId: offer.id, caseId, personId, name: { givenName: 'Kari', familyName: 'Østby' }, status: 'open', heldOnUnit: true }),
      ]);
      expect(h1().freePlaces).toBe(0);

      await command(caseId, 'AcceptOffer', { on: '2026-10-06', offerId: offer.id });
      movedIn = await command(caseId, 'MoveIn', {
        on: '2026-10-10',
        offerId: offer.id,
        unitId: units.H1,
        agreement: { kind: 'temporary_agreement', startsOn: '2026-10-10', endsOn: '2026-12-31' },
        houseRulesAcknowledged: true,
        informationLetterAcknowledged: true,
        contactPersons: ['Ola Miljøterapeut'],
        crisisPlan: { summary: 'Call the contact person; then the emergency ward', madeOn: '2026-10-10' },
        actionPlan: [{ goal: 'Keep the flat', measure: 'Weekly home visit', responsible: 'Ola Miljøterapeut' }],
      });
      board = await ok(`/api/v1/facilities/${facilityId}/occupancy`, 'supervisor', movedIn.position);
      expect(board.facility).toEqual({ facilityId, name: 'Bolig Nu', kind: 'temporary_housing', municipality: 'Bodø' });
      expect(board.units.map((u: Json) => u.label)).toEqual(['H1', 'H2', 'H3']);
      expect(h1().reservations).toEqual([]);
      expect(h1().occupants).toEqual([
        expect.objectContaining({
          caseId,
          personId,
          name: { givenName: 'Kari', familyName: 'Østby' },
          since: '2026-10-10',
          movedInOn: '2026-10-10',
          daysInStay: daysBetween('2026-10-10', board.today),
          agreement: {
            kind: 'temporary_agreement',
            startsOn: '2026-10-10',
            endsOn: '2026-12-31',
            limit: '2027-01-08',
            daysLeft: daysBetween(board.today, '2026-12-31'),
          },
        }),
      ]);
      expect(board.units.find((u: Json) => u.label === 'H3').outOfService).toEqual({ since: '2026-09-01' });
      // One of the two places in service is taken; H3 is out of service.
      expect(board.summary).toEqual({
        units: 3,
        capacity: 3,
        inServiceCapacity: 2,
        unitsOutOfService: 1,
        occupied: 1,
        reserved: 0,
        free: 1,
        occupancyRate: 0.5,
      });
    });

    it('shows the case as resident in its unit, found by status and contact person', async () => {
      const found = await ok('/api/v1/cases?status=resident&contactPerson=OLA%20MILJ%C3%98TERAPEUT', 'worker', movedIn.position);
      expect(found.items).toEqual([
        expect.objectContaining({ caseId, status: 'resident', unitId: units.H1, contactPersons: ['Ola Miljøterapeut'], lastEventOn: '2026-10-10' }),
      ]);
      expect((await ok('/api/v1/cases?status=referred&q=kari', 'worker')).total).toBe(0);
    });

    it('scopes the board: 403 for the other facility’s case worker and for the administrator', async () => {
      expect((await get(`/api/v1/facilities/${facilityId}/occupancy`, 'stranger')).status).toBe(403);
      expect((await get(`/api/v1/facilities/${facilityId}/occupancy`, 'admin')).status).toBe(403);
      expect((await get(`/api/v1/facilities/${facilityId}/occupancy`, 'auditor')).status).toBe(200);
      expect((await get(`/api/v1/facilities/${otherFacilityId}/occupancy`, 'stranger')).status).toBe(200);
    });

    it('lists the facilities each reader may see, with unit counts', async () => {
      const names = async (role: Role) => (await ok('/api/v1/facilities', role)).facilities.map((f: Json) => [f.name, f.unitCount]);
      expect(await names('admin')).toEqual([
        ['Bolig Nu', 3],
        ['Hålogalandsgata', 0],
      ]);
      expect(await names('auditor')).toEqual([
        ['Bolig Nu', 3],
        ['Hålogalandsgata', 0],
      ]);
      expect(await names('supervisor')).toEqual([['Bolig Nu', 3]]);
      expect(await names('stranger')).toEqual([['Hålogalandsgata', 0]]);
      expect((await ok('/api/v1/facilities', 'worker')).facilities).toEqual([
        { facilityId, name: 'Bolig Nu', kind: 'temporary_housing', municipality: 'Bodø', unitCount: 3 },
      ]);
    });

    it('lists the person’s events newest first with message keys, actors and no free text', async () => {
      const timeline = await ok(`/api/v1/people/${personId}/timeline`, 'worker', movedIn.position);
      const types = timeline.entries.map((e: Json) => e.eventType);
      expect(types).toEqual(
        expect.arrayContaining([
          'PersonRegistered',
          'ReferralRegistered',
          'AssessmentMeetingRecorded',
          'DecisionIssued',
          'UnitOffered',
          'OfferAccepted',
          'MovedIn',
        ]),
      );
      const dates = timeline.entries.map((e: Json) => e.effectiveDate);
      expect(dates).toEqual([...dates].sort().reverse());
      const caseEntries = timeline.entries.filter((e: Json) => e.caseId === caseId);
      expect(caseEntries.slice(0, 6).map((e: Json) => e.eventType)).toEqual(
        expect.arrayContaining(['MovedIn', 'OfferAccepted', 'UnitOffered', 'DecisionIssued']),
      );
      expect(caseEntries.map((e: Json) => e.eventType).slice(-1)).toEqual(['ReferralRegistered']);
      for (const e of timeline.entries) expect(TIMELINE_MESSAGE_KEYS).toContain(e.summary.key);
      const moved = timeline.entries.find((e: Json) => e.eventType === 'MovedIn');
      expect(moved).toMatchObject({
        caseId,
        facilityId,
        effectiveDate: '2026-10-10',
        actorRole: 'case_worker',
        recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        position: movedIn.position,
        summary: { key: 'timeline.moved_in', params: expect.objectContaining({ unitLabel: 'H1', agreementKind: 'temporary_agreement', endsOn: '2026-12-31' }) },
      });
      expect(timeline.entries.find((e: Json) => e.eventType === 'DecisionIssued')).toMatchObject({
        actorRole: 'team_lead',
        summary: { key: 'timeline.decision_issued', params: expect.objectContaining({ decisionKind: 'grant', legalBasis: 'sotjl_27' }) },
      });
      const text = JSON.stringify(timeline);
      for (const secret of ['Homeless', 'Fits the offer', 'Needs a place now', 'Keep the flat', 'Siri Saksbehandler', 'Østby', 'emergency ward'])
        expect(text).not.toContain(secret);
    });

    it('refuses the timeline to the other facility’s case worker unless they state a purpose (then the read is flagged); the auditor sees it all', async () => {
      expect((await get(`/api/v1/people/${personId}/timeline`, 'stranger')).status).toBe(403);
      const all = await ok(`/api/v1/people/${personId}/timeline`, 'auditor');
      expect(all.total).toBe((await ok(`/api/v1/people/${personId}/timeline`, 'worker')).total);
      expect(all.total).toBeGreaterThanOrEqual(8);
      const purpose = await t.request('GET', `/api/v1/people/${personId}/timeline`, {
        token: tokens.stranger,
        headers: { 'x-access-purpose': 'Night shift: resident came to our building' },
      });
      expect(purpose.status).toBe(200);
      expect(purpose.body.total).toBe(all.total);
      const page = await ok(`/api/v1/people/${personId}/timeline?limit=2&offset=1`, 'auditor');
      expect(page.entries.map((e: Json) => e.eventId)).toEqual(all.entries.slice(1, 3).map((e: Json) => e.eventId));
      expect((await get(`/api/v1/people/${personId}/timeline`, 'admin')).status).toBe(403);
    });

    it('records every timeline read in the person’s access log', async () => {
      const reads = async () => {
        const out: Json[] = [];
        try {
          for await (const e of t.store.readStream(accessLogStream(personId))) out.push(e.data as Json);
        } catch {
          /* none yet */
        }
        return out.filter((r) => r.view === 'timeline');
      };
      const before = await reads();
      await ok(`/api/v1/people/${personId}/timeline`, 'supervisor');
      const after = await reads();
      expect(after).toHaveLength(before.length + 1);
      expect(after.at(-1)).toMatchObject({ personId, view: 'timeline', actorRole: 'supervisor', flagged: false });
      expect(after.some((r) => r.flagged === true && r.actorRole === 'case_worker')).toBe(true);
    });
  });

  describe('waiting list', () => {
    it('shows waitlisted people by priority then date placed, with declined offers and the median wait', async () => {
      const per = await refer(await person('Per', 'Hansen', '1985-02-02'), '2026-10-01');
      const perListed = await command(
        per.id,
        'RecordAssessmentMeeting',
        { on: '2026-10-05', members: ['Team leader'], outcome: 'waitlisted', priority: 2, notes: 'No free flat' },
        'lead',
      );
      let list = await ok(`/api/v1/facilities/${facilityId}/waiting-list`, 'supervisor', perListed.position);
      expect(list.entries).toEqual([
        expect.objectContaining({
          rank: 1,
          caseId: per.id,
          name: { givenName: 'Per', familyName: 'Hansen' },
          priority: 2,
          placedOn: '2026-10-05',
          daysWaiting: daysBetween('2026-10-05', list.today),
          offersDeclined: 0,
          currentOffer: null,
        }),
      ]);

      const ola = await refer(await person('Ola', 'Berg', '1979-03-03'), '2026-10-01');
      await command(
        ola.id,
        'RecordAssessmentMeeting',
        { on: '2026-10-08', members: ['Team leader'], outcome: 'waitlisted', priority: 1, notes: 'Urgent' },
        'lead',
      );
      // Waitlisted from the meeting: the grant (enkeltvedtak) comes before an offer.
      const grant = { kind: 'grant', legalBasis: 'sotjl_27', facts: 'Homeless', mainConsiderations: 'Needs a place', decidedBy: 'Team leader' };
      await command(per.id, 'IssueDecision', { on: '2026-10-06', ...grant }, 'lead');
      const offer = await command(per.id, 'OfferUnit', { on: '2026-10-11', unitId: units.H2, facilityId, expiresOn: '2026-10-18' });
      list = await ok(`/api/v1/facilities/${facilityId}/waiting-list`, 'worker', offer.position);
      expect(list.entries.map((e: Json) => [e.rank, e.caseId, e.priority])).toEqual([
        [1, ola.id, 1],
        [2, per.id, 2],
      ]);
      expect(list.entries[1].currentOffer).toMatchObject({ offerId: offer.id, unitId: units.H2, unitLabel: 'H2', status: 'open', expiresOn: '2026-10-18' });

      const declined = await command(per.id, 'DeclineOffer', { on: '2026-10-12', offerId: offer.id, reason: 'Too far from family' });
      list = await ok(`/api/v1/facilities/${facilityId}/waiting-list`, 'supervisor', declined.position);
      expect(list.entries[1]).toMatchObject({ caseId: per.id, offersDeclined: 1, currentOffer: null });
      expect(list.stats).toMatchObject({
        waiting: 2,
        byPriority: { '1': 1, '2': 1, '3': 0, '4': 0, '5': 0 },
        medianDaysWaiting: (daysBetween('2026-10-05', list.today) + daysBetween('2026-10-08', list.today)) / 2,
        longestDaysWaiting: daysBetween('2026-10-05', list.today),
      });
      expect(JSON.stringify(list)).not.toContain('Too far');

      const summary = await ok('/api/v1/waiting-list/summary', 'supervisor');
      expect(summary.facilities.map((f: Json) => [f.facilityName, f.waiting])).toEqual([['Bolig Nu', 2]]);
      expect(summary.overall.medianDaysWaiting).toBe(list.stats.medianDaysWaiting);
    });

    it('refuses the waiting list to the other facility’s case worker (403) and shows them none in the summary', async () => {
      expect((await get(`/api/v1/facilities/${facilityId}/waiting-list`, 'stranger')).status).toBe(403);
      expect((await get(`/api/v1/facilities/${facilityId}/waiting-list`, 'admin')).status).toBe(403);
      const theirs = await ok('/api/v1/waiting-list/summary', 'stranger');
      expect(theirs.facilities.map((f: Json) => f.facilityName)).toEqual(['Hålogalandsgata']);
      expect(theirs.overall.waiting).toBe(0);
    });
  });

  it('answers 503 when a read model cannot reach the position in time', async () => {
    const res = await get(`/api/v1/facilities/${facilityId}/occupancy`, 'supervisor', '99999999999');
    expect(res.status).toBe(503);
  });
});

describe('read models A on the demo data', () => {
  let t: TestApp;
  let demo: DemoSeedResult;
  const token: Record<string, string> = {};
  const ok = async (path: string, who: string): Promise<Json> => {
    const res = await t.request('GET', path, { token: token[who] });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp();
    demo = await seedDemo(t.app);
    // Let every read model reach the end of the seed (a query alone waits at most two seconds).
    let head: string | undefined;
    for await (const e of t.store.readAll({ direction: 'backwards', maxCount: 1 })) head = formatPosition(e.position);
    const engine = t.app.get(ProjectionEngine);
    const { parsePosition } = await import('@app/event-store');
    expect(await engine.waitFor(['timeline', 'cases', 'occupancy', 'waiting_list'], parsePosition(head!), 60_000)).toBe(true);
    for (const key of ['supervisor', 'auditor', 'caseWorker'] as const) {
      const account = DEMO_ACCOUNTS.find((a) => a.key === key)!;
      token[key] = await t.login(account.username, DEMO_PASSWORD);
    }
  }, 120_000);
  afterAll(() => t?.close());

  it('gives every demo facility an occupancy rate between 0 and 1, and the board agrees with the resident cases', async () => {
    const { facilities } = await ok('/api/v1/facilities', 'supervisor');
    expect(facilities).toHaveLength(demo.facilities.length);
    let occupied = 0;
    let assessmentStays = 0;
    for (const f of facilities) {
      expect(f.unitCount).toBe(demo.facilities.find((d) => d.facilityId === f.facilityId)!.units);
      const board = await ok(`/api/v1/facilities/${f.facilityId}/occupancy`, 'supervisor');
      expect(board.summary.occupancyRate).toBeGreaterThanOrEqual(0);
      expect(board.summary.occupancyRate).toBeLessThanOrEqual(1);
      for (const unit of board.units) {
        expect(unit.occupants.length + unit.reservations.length).toBeLessThanOrEqual(unit.capacity);
        for (const o of unit.occupants) {
          expect(o.recordedOnUnit).toBe(true);
          expect(o.daysInStay).toBe(daysBetween(o.movedInOn, demo.today));
          if (o.stay === 'residence') occupied++;
          else assessmentStays++;
        }
      }
    }
    // Residents, and people mapped in an assessment flat (a mapping stay occupies its unit too).
    expect(occupied).toBe(demo.statusCounts.resident);
    expect(assessmentStays).toBeLessThanOrEqual(demo.statusCounts.mapping ?? 0);
    expect(occupied).toBeGreaterThan(0);
  });

  it('finds every demo case, by status as the cases ended', async () => {
    const all = await ok('/api/v1/cases?limit=500', 'auditor');
    expect(all.total).toBe(demo.cases.length);
    for (const [status, count] of Object.entries(demo.statusCounts)) {
      expect({ status, total: (await ok(`/api/v1/cases?status=${status}&limit=1`, 'supervisor')).total }).toEqual({ status, total: count });
    }
    const someone = demo.cases[0];
    const [given] = someone.person.split(' ');
    const found = await ok(`/api/v1/cases?q=${encodeURIComponent(given.toLowerCase())}&limit=500`, 'caseWorker');
    expect(found.items.map((c: Json) => c.caseId)).toContain(someone.caseId);
  });

  it('orders every demo waiting list by priority, then by date placed', async () => {
    const summary = await ok('/api/v1/waiting-list/summary', 'supervisor');
    expect(summary.overall.waiting).toBeGreaterThan(0);
    for (const f of summary.facilities) {
      const list = await ok(`/api/v1/facilities/${f.facilityId}/waiting-list`, 'supervisor');
      const order = list.entries.map((e: Json) => `${e.priority} ${e.placedOn}`);
      expect(order).toEqual([...order].sort());
      expect(list.stats.waiting).toBe(f.waiting);
    }
  });

  it('gives a resident a non-empty timeline, newest first', async () => {
    const resident = demo.cases.find((c) => c.status === 'resident')!;
    const timeline = await ok(`/api/v1/people/${resident.personId}/timeline?limit=500`, 'caseWorker');
    expect(timeline.total).toBeGreaterThan(3);
    const dates = timeline.entries.map((e: Json) => e.effectiveDate);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(timeline.entries.map((e: Json) => e.summary.key)).toEqual(expect.arrayContaining(['timeline.referral_registered', 'timeline.moved_in']));
    for (const e of timeline.entries) expect(TIMELINE_MESSAGE_KEYS).toContain(e.summary.key);
  });
});
