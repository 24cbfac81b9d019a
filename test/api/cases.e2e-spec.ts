import { randomUUID } from 'node:crypto';
import { CASE_COMMANDS, casePath } from '../../apps/api/src/features/cases/case-commands';
import { CaseCommandType, openOccupancies, openReservations, unitDecider, UnitState } from '@app/domain';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'a long enough password';
const boligNu = {
  name: 'Bolig Nu',
  kind: 'temporary_housing',
  municipality: 'Bodø',
  targetGroup: { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true, requiresCoOccurringDisorder: false },
  maxStayDays: 90,
  exclusionReasons: ['extensive_substance_use', 'violence_or_threats', 'repeated_house_rule_breaches'],
};

type Role = 'worker' | 'lead' | 'supervisor' | 'auditor' | 'stranger';

/** A facility with staff in every role, a case worker of another facility, and the admin. */
interface World {
  t: TestApp;
  admin: string;
  facilityId: string;
  tokens: Record<Role, string>;
}

async function buildWorld(t: TestApp): Promise<World> {
  const admin = await t.adminToken();
  const facility = await t.request('POST', '/api/v1/facilities', { token: admin, body: boligNu });
  const other = await t.request('POST', '/api/v1/facilities', { token: admin, body: { ...boligNu, name: 'Hålogalandsgata' } });
  const facilityId: string = facility.body.id;
  const grants: Record<Role, object[]> = {
    worker: [{ role: 'case_worker', facilityIds: [facilityId] }],
    lead: [{ role: 'team_lead', facilityIds: [facilityId] }],
    supervisor: [{ role: 'supervisor', facilityIds: [facilityId] }],
    auditor: [{ role: 'auditor' }],
    stranger: [{ role: 'case_worker', facilityIds: [other.body.id] }],
  };
  const tokens = {} as Record<Role, string>;
  for (const [role, roleGrants] of Object.entries(grants) as [Role, object[]][]) {
    const created = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: `e2e.${role}`, displayName: role, password: PASSWORD, grants: roleGrants },
    });
    expect(created.status).toBe(201);
    tokens[role] = await t.login(`e2e.${role}`, PASSWORD);
  }
  return { t, admin, facilityId, tokens };
}

let unitSerial = 100;

/** Drives cases through the HTTP API the way staff would; every helper asserts its own step. */
function driver(w: World) {
  const { t, tokens } = w;
  const post = async (caseId: string, type: CaseCommandType, body: object, role: Role = 'worker', headers: Record<string, string> = {}) =>
    t.request('POST', casePath(caseId, type), { token: tokens[role], body, headers });
  const ok = async (caseId: string, type: CaseCommandType, body: object, role: Role = 'worker') => {
    const res = await post(caseId, type, body, role);
    if (res.status >= 300) throw new Error(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; revision: string; events: string[] };
  };
  const view = async (caseId: string, role: Role = 'worker') => {
    const res = await t.request('GET', `/api/v1/cases/${caseId}`, { token: tokens[role] });
    expect(res.status).toBe(200);
    return res.body;
  };
  const allowed = async (caseId: string, role: Role = 'worker') => ((await view(caseId, role)).allowedCommands as { type: string }[]).map((c) => c.type);

  const addUnit = async () => {
    const unit = await t.request('POST', `/api/v1/facilities/${w.facilityId}/units`, {
      token: w.admin,
      body: { label: `H${unitSerial++}`, kind: 'temporary', capacity: 1 },
    });
    expect(unit.status).toBe(201);
    return unit.body.id as string;
  };

  const person = async (birthDate = '1990-05-17') => {
    const res = await t.request('POST', '/api/v1/people', {
      token: tokens.worker,
      body: { givenName: 'Kari', familyName: 'Nordmann', birthDate, gender: 'female' },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  const referralBody = (personId: string) => ({
    on: '2026-03-02',
    referralSource: 'health_and_social_office',
    referrer: { name: 'Siri Saksbehandler', organisation: 'Helse- og sosialkontor Sentrum' },
    personId,
    facilityId: w.facilityId,
    screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: true },
    reason: 'Homeless since the lease ended',
    consent: { given: true, scope: 'The housing service and the assessment team', date: '2026-03-01' },
  });

  const refer = async (birthDate?: string) => {
    const res = await t.request('POST', '/api/v1/cases', { token: tokens.worker, body: referralBody(await person(birthDate)) });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  /** Referred → accepted by the team → granted. Returns the decision id. */
  const grant = async (caseId: string) => {
    await ok(
      caseId,
      'RecordAssessmentMeeting',
      { on: '2026-03-03', members: ['Unit leader', 'Team leader'], outcome: 'accepted', notes: 'Fits the offer' },
      'lead',
    );
    const decision = await ok(
      caseId,
      'IssueDecision',
      {
        on: '2026-03-04',
        kind: 'grant',
        legalBasis: 'sotjl_27',
        facts: 'Homeless',
        mainConsiderations: 'Needs a place now',
        decidedBy: 'Per Teamleder',
        notifiedOn: '2026-03-05',
      },
      'lead',
    );
    return decision.id;
  };

  const offerAndAccept = async (caseId: string, unitId: string) => {
    const offer = await ok(caseId, 'OfferUnit', { on: '2026-03-06', unitId, facilityId: w.facilityId, expiresOn: '2026-03-13' });
    const accepted = await ok(caseId, 'AcceptOffer', { on: '2026-03-07', offerId: offer.id });
    return { offerId: offer.id, revision: accepted.revision };
  };

  const moveInBody = (offerId: string, unitId: string, agreement: object = {}) => ({
    on: '2026-03-10',
    offerId,
    unitId,
    agreement: { kind: 'temporary_agreement', startsOn: '2026-03-10', endsOn: '2026-06-08', ...agreement },
    houseRulesAcknowledged: true,
    informationLetterAcknowledged: true,
    contactPersons: ['Ola Miljøterapeut'],
    crisisPlan: { summary: 'Call the contact person; then the emergency ward', madeOn: '2026-03-10' },
    actionPlan: [{ goal: 'Keep the flat', measure: 'Weekly home visit', responsible: 'Ola Miljøterapeut' }],
  });

  /** A case living in a fresh unit. */
  const resident = async () => {
    const caseId = await refer();
    await grant(caseId);
    const unitId = await addUnit();
    const { offerId } = await offerAndAccept(caseId, unitId);
    await ok(caseId, 'MoveIn', moveInBody(offerId, unitId));
    return { caseId, unitId };
  };

  /** The unit as its stream folds, read straight from the store (there is no unit GET endpoint yet). */
  /** The unit as its stream folds, with the claims that have no recorded end (what it holds now). */
  const unit = async (unitId: string) => {
    let state: UnitState = unitDecider.initialState;
    for await (const e of t.store.readStream(`unit-${unitId}`)) state = unitDecider.evolve(state, { type: e.type, data: e.data } as never);
    if (state.status !== 'active') throw new Error('no such unit');
    return { ...state, occupants: openOccupancies(state), reservations: openReservations(state) };
  };

  const eventsOf = async (stream: string) => {
    const types: string[] = [];
    for await (const e of t.store.readStream(stream)) types.push(e.type);
    return types;
  };

  return { post, ok, view, allowed, addUnit, person, referralBody, refer, grant, offerAndAccept, moveInBody, resident, unit, eventsOf };
}

describe('cases over HTTP', () => {
  let t: TestApp;
  let w: World;
  let d: ReturnType<typeof driver>;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    d = driver(w);
  });
  afterAll(() => t.close());

  it('publishes an endpoint for every case command', async () => {
    const doc = await t.request('GET', '/api/openapi.json');
    const paths = Object.keys(doc.body.paths);
    for (const type of Object.keys(CASE_COMMANDS) as CaseCommandType[]) {
      expect(paths).toContain(casePath('{caseId}', type));
    }
    expect(paths).toContain('/api/v1/cases/{caseId}');
  });

  it('follows a person from referral through stay, move-out and follow-up to a closed case', async () => {
    const { ok, view, allowed } = d;
    const unitId = await d.addUnit();
    const caseId = await d.refer();

    let seen = await view(caseId);
    expect(seen).toMatchObject({ caseId, status: 'referred', revision: '0', facility: { facilityId: w.facilityId } });
    expect(seen.ledger).toBeUndefined();
    expect(seen.allowedCommands).toContainEqual({ type: 'RecordAssessmentMeeting', method: 'POST', path: `/api/v1/cases/${caseId}/assessment-meetings` });
    expect(await allowed(caseId)).toEqual([
      'WithdrawReferral',
      'RecordAssessmentMeeting',
      'RecordRiskAssessment',
      'CloseCase',
      'RenewConsent',
      'WithdrawConsent',
    ]);

    // The team lead records the team's outcome and issues the grant; the appeal deadline is computed.
    const meeting = await ok(
      caseId,
      'RecordAssessmentMeeting',
      { on: '2026-03-03', members: ['Unit leader', 'Team leader', 'NAV'], outcome: 'accepted', notes: 'Fits the offer' },
      'lead',
    );
    expect(meeting.events).toEqual(['AssessmentMeetingRecorded']);
    expect(await allowed(caseId, 'lead')).toContain('IssueDecision');
    expect(await allowed(caseId, 'worker')).not.toContain('IssueDecision');
    const decision = await ok(
      caseId,
      'IssueDecision',
      {
        on: '2026-03-04',
        kind: 'grant',
        legalBasis: 'sotjl_27',
        facts: 'Homeless',
        mainConsiderations: 'Needs a place now',
        decidedBy: 'Per Teamleder',
        notifiedOn: '2026-03-05',
      },
      'lead',
    );
    seen = await view(caseId);
    expect(seen.status).toBe('accepted');
    expect(seen.grantDecisionId).toBe(decision.id);
    // Sosialtjenesteloven § 27 → forvaltningsloven § 29: three weeks from the day the person was told.
    expect(seen.decisions[decision.id].appealNotice).toMatchObject({ appealBody: 'statsforvalteren', deadlineWeeks: 3, deadline: '2026-03-26' });
    expect(await allowed(caseId)).toEqual(expect.arrayContaining(['OfferUnit', 'PlaceOnWaitingList', 'EnrolAmbulant', 'ReceiveAppeal']));

    // Offer, accept, move in.
    const offer = await ok(caseId, 'OfferUnit', { on: '2026-03-06', unitId, facilityId: w.facilityId, expiresOn: '2026-03-13' });
    expect((await d.unit(unitId)).reservations).toEqual([expect.objectContaining({ caseId, offerId: offer.id })]);
    expect(await allowed(caseId)).toEqual(expect.arrayContaining(['AcceptOffer', 'DeclineOffer', 'ExpireOffer']));
    await ok(caseId, 'AcceptOffer', { on: '2026-03-07', offerId: offer.id });
    expect(await allowed(caseId)).toContain('MoveIn');
    const moveIn = await ok(caseId, 'MoveIn', d.moveInBody(offer.id, unitId));
    expect(moveIn.events).toEqual(['MovedIn']);
    seen = await view(caseId);
    // The facility's 90 days end before three months do.
    expect(seen.stay).toMatchObject({ moveInId: moveIn.id, unitId, unitKind: 'temporary', agreement: { kind: 'temporary_agreement', limit: '2026-06-08' } });
    expect(seen.allowedCommands.map((c: { type: string }) => c.type)).toEqual(expect.arrayContaining(['RecordIncident', 'MoveOut', 'ExtendAgreement']));
    expect(seen.allowedCommands.map((c: { type: string }) => c.type)).not.toContain('MoveIn');
    expect((await d.unit(unitId)).occupants).toEqual([expect.objectContaining({ caseId, from: '2026-03-10' })]);

    // During the stay.
    const incident = await ok(caseId, 'RecordIncident', { on: '2026-03-20', kind: 'house_rule_breach', severity: 'low', description: 'Loud music at night' });
    const risk = await ok(caseId, 'RecordRiskAssessment', {
      on: '2026-03-21',
      rosSummary: 'Irritable after the incident; agreed measures',
      broset: { confused: false, irritable: true, boisterous: true, verbalThreats: false, physicalThreats: false, attackingObjects: false },
    });
    seen = await view(caseId);
    expect(seen.incidents[incident.id]).toEqual({ kind: 'house_rule_breach', severity: 'low', on: '2026-03-20' });
    expect(seen.latestRisk).toEqual({ on: '2026-03-21', score: 2, band: 'moderate' });
    expect(risk.events).toEqual(['RiskAssessed']);

    // Move-out: the destination is grouped as HMIS does, and the unit is free again.
    await ok(caseId, 'MoveOut', { on: '2026-04-20', destination: 'private_rental', exitReason: 'completed' });
    seen = await view(caseId);
    expect(seen.status).toBe('moved_out');
    expect(seen.moveOut).toMatchObject({ destination: 'private_rental', destinationCategory: 'permanent' });
    expect((await d.unit(unitId)).occupants).toEqual([]);
    expect(await allowed(caseId)).toEqual(expect.arrayContaining(['StartFollowUp', 'EnrolAmbulant', 'CloseCase']));

    // Follow-up after move-out, then close.
    const followUp = await ok(caseId, 'StartFollowUp', {
      on: '2026-04-20',
      contactModes: ['home_visits', 'phone'],
      actionPlan: [{ goal: 'Keep the new flat', measure: 'Phone every week', responsible: 'Ola Miljøterapeut' }],
      healthCareFollowUp: { offered: true, accepted: true },
      brochureHandedOver: true,
      exitConversationHeld: true,
    });
    seen = await view(caseId);
    expect(seen.followUp).toMatchObject({ followUpId: followUp.id, endsOn: '2026-07-20' });
    expect(seen.allowedCommands.map((c: { type: string }) => c.type)).toContain('EndFollowUp');
    expect(seen.allowedCommands.map((c: { type: string }) => c.type)).not.toContain('CloseCase');
    await ok(caseId, 'EndFollowUp', { on: '2026-07-20', followUpId: followUp.id, outcome: 'Settled in the new flat' });
    expect(await allowed(caseId)).toContain('CloseCase');
    await ok(caseId, 'CloseCase', { on: '2026-07-21', reason: 'Follow-up completed' });
    seen = await view(caseId);
    expect(seen.status).toBe('closed');
    expect(seen.allowedCommands).toEqual([]);
    await expect(d.unit(unitId)).resolves.toMatchObject({ occupants: [], reservations: [] });
  });

  describe('roles', () => {
    let caseId: string;
    beforeAll(async () => {
      ({ caseId } = await d.resident());
    });

    const everyCommand = (id: string) => (Object.keys(CASE_COMMANDS) as CaseCommandType[]).map((type) => casePath(id, type));

    it.each(['supervisor', 'auditor'] as const)('lets a %s read the case but issue no command (403)', async (role) => {
      const seen = await d.view(caseId, role);
      expect(seen.status).toBe('resident');
      expect(seen.allowedCommands).toEqual([]);
      for (const path of everyCommand(caseId)) {
        const res = await t.request('POST', path, { token: w.tokens[role], body: {} });
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
      }
    });

    it('keeps formal decisions, exclusions and appeal reviews to the team lead', async () => {
      // Route-level: a case worker holds none of these actions anywhere, so the body is not even read.
      for (const type of ['IssueDecision', 'DecideExclusion', 'ReviewAppeal', 'ForwardAppeal', 'RecordAppealOutcome'] as const) {
        expect((await d.post(caseId, type, {})).status).toBe(403);
      }
      const lead = await d.allowed(caseId, 'lead');
      const worker = await d.allowed(caseId, 'worker');
      expect(lead).toContain('DecideExclusion');
      expect(worker).not.toContain('DecideExclusion');
      expect(worker).toContain('RecordIncident');

      // An appeal: the case worker records it, only the team lead reviews and forwards it.
      const granted = await d.refer();
      const decisionId = await d.grant(granted);
      const appeal = await d.ok(granted, 'ReceiveAppeal', { on: '2026-03-20', decisionId, receivedOn: '2026-03-20' });
      const review = { on: '2026-03-22', appealId: appeal.id, outcome: 'upheld', note: 'The grant stands as issued' };
      expect((await d.post(granted, 'ReviewAppeal', review, 'worker')).status).toBe(403);
      expect((await d.post(granted, 'ReviewAppeal', review, 'lead')).status).toBe(200);
      expect((await d.post(granted, 'ForwardAppeal', { on: '2026-03-23', appealId: appeal.id }, 'lead')).status).toBe(200);
      const outcome = await d.post(granted, 'RecordAppealOutcome', { on: '2026-05-02', appealId: appeal.id, outcome: 'upheld' }, 'lead');
      expect(outcome.status).toBe(200);
      expect((await d.view(granted)).appeals[appeal.id].outcome).toEqual({ outcome: 'upheld', on: '2026-05-02' });

      // The exclusion, with its formal decision, by the team lead.
      const exclusion = {
        on: '2026-04-01',
        reasons: ['violence_or_threats'],
        overallAssessment: 'Repeated threats against staff after two warnings',
        effectiveOn: '2026-04-08',
        decision: {
          legalBasis: 'sotjl_27',
          facts: 'Threats on 20 and 28 March',
          mainConsiderations: 'Safety of residents and staff',
          decidedBy: 'Per Teamleder',
        },
      };
      const excluded = await d.post(caseId, 'DecideExclusion', exclusion, 'lead');
      expect(excluded.status).toBe(201);
      expect(excluded.body.events).toEqual(['ExclusionDecided', 'DecisionIssued']);
      const seen = await d.view(caseId, 'lead');
      expect(seen.exclusion).toMatchObject({ exclusionId: excluded.body.id, alternativeObligation: 'open' });
      expect(seen.decisions[seen.exclusion.decisionId]).toMatchObject({ kind: 'exclusion', appealNotice: { deadline: '2026-04-22' } });
    });

    it('refuses a case worker of another facility both the case and its commands (403), and writes nothing', async () => {
      const before = await d.eventsOf(`case-${caseId}`);
      expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token: w.tokens.stranger })).status).toBe(403);
      const incident = await d.post(caseId, 'RecordIncident', { on: '2026-04-02', kind: 'damage', severity: 'low', description: 'Broken door' }, 'stranger');
      expect(incident.status).toBe(403);
      const contacts = await d.post(caseId, 'AssignContactPersons', { on: '2026-04-02', contactPersons: ['Somebody Else'] }, 'stranger');
      expect(contacts.status).toBe(403);
      const referral = await t.request('POST', '/api/v1/cases', { token: w.tokens.stranger, body: d.referralBody((await d.view(caseId)).personId) });
      expect(referral.status).toBe(403);
      expect(await d.eventsOf(`case-${caseId}`)).toEqual(before);
    });

    it('refuses an outsider every workflow that touches a unit with 403 before any unit is looked up (not unit.not_found), and writes nothing', async () => {
      const before = await d.eventsOf(`case-${caseId}`);
      const noSuchUnit = randomUUID();
      const attempts = [
        d.post(caseId, 'MoveIn', d.moveInBody(randomUUID(), noSuchUnit), 'stranger'),
        d.post(caseId, 'OfferUnit', { on: '2026-03-06', unitId: noSuchUnit, facilityId: w.facilityId, expiresOn: '2026-03-13' }, 'stranger'),
        d.post(caseId, 'TransferUnit', { on: '2026-03-20', toUnitId: noSuchUnit, reason: 'Nærmere familien' }, 'stranger'),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.status).toBe(403);
        expect(res.body.rule).toBeUndefined();
      }
      expect(await d.eventsOf(`case-${caseId}`)).toEqual(before);
    });

    it('refuses the administrator case files and case commands (least privilege)', async () => {
      expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token: w.admin })).status).toBe(403);
      const incident = await t.request('POST', casePath(caseId, 'RecordIncident'), {
        token: w.admin,
        body: { on: '2026-04-02', kind: 'damage', severity: 'low', description: 'x' },
      });
      expect(incident.status).toBe(403);
      expect((await t.request('POST', '/api/v1/cases', { token: w.admin, body: {} })).status).toBe(403);
    });

    /** A case worker of the facility, created for one test, whose token has read the case. */
    const colleague = async (username: string) => {
      const created = await t.request('POST', '/api/v1/users', {
        token: w.admin,
        body: { username, displayName: username, password: PASSWORD, grants: [{ role: 'case_worker', facilityIds: [w.facilityId] }] },
      });
      expect(created.status).toBe(201);
      const token = await t.login(username, PASSWORD);
      expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token })).status).toBe(200);
      return { userId: created.body.id as string, token };
    };
    const everyRoute = (token: string) => [
      () => t.request('GET', `/api/v1/cases/${caseId}`, { token }),
      () => t.request('POST', '/api/v1/cases', { token, body: {} }),
      ...everyCommand(caseId).map((path) => () => t.request('POST', path, { token, body: {} })),
    ];

    it('refuses a disabled user’s token on every case route (401), from the next request on', async () => {
      const { userId, token } = await colleague('e2e.disabled');
      const before = await d.eventsOf(`case-${caseId}`);
      expect((await t.request('POST', `/api/v1/users/${userId}/disable`, { token: w.admin })).status).toBe(200);
      for (const call of everyRoute(token)) expect((await call()).status).toBe(401);
      expect(await d.eventsOf(`case-${caseId}`)).toEqual(before);
    });

    it('refuses a revoked grant on every case route (403), from the next request on', async () => {
      const { userId, token } = await colleague('e2e.revoked');
      expect((await t.request('POST', `/api/v1/users/${userId}/roles/revoke`, { token: w.admin, body: { role: 'case_worker' } })).status).toBe(200);
      for (const call of everyRoute(token)) expect((await call()).status).toBe(403);
    });

    it('refuses an administrator’s grant of a case-file role to themselves (422), and the case routes stay 403', async () => {
      const adminId = (await t.request('GET', '/api/v1/auth/me', { token: w.admin })).body.userId;
      for (const role of ['case_worker', 'team_lead', 'supervisor', 'auditor'] as const) {
        const res = await t.request('POST', `/api/v1/users/${adminId}/roles`, { token: w.admin, body: { role, facilityIds: [w.facilityId] } });
        expect({ role, status: res.status, rule: res.body.rule }).toEqual({ role, status: 422, rule: 'user.role.self_grant' });
      }
      const again = await t.login(ADMIN.username, ADMIN.password);
      for (const call of everyRoute(again)) expect((await call()).status).toBe(403);
    });

    it('asks for a token (401)', async () => {
      expect((await t.request('GET', `/api/v1/cases/${caseId}`)).status).toBe(401);
      expect((await t.request('POST', casePath(caseId, 'RecordIncident'), { body: {} })).status).toBe(401);
      expect((await t.request('POST', '/api/v1/cases', { body: {} })).status).toBe(401);
    });
  });

  describe('domain rules come back as 422 naming the rule', () => {
    it('refuses a 16-year-old at an 18+ facility', async () => {
      const personId = await d.person('2010-01-15');
      const res = await t.request('POST', '/api/v1/cases', {
        token: w.tokens.worker,
        body: {
          on: '2026-03-02',
          referralSource: 'nav',
          referrer: { name: 'NAV Bodø' },
          personId,
          facilityId: w.facilityId,
          screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: true },
          reason: 'Thrown out at home',
          consent: { given: true, scope: 'The housing service', date: '2026-03-01' },
        },
      });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ rule: 'referral.target_group.min_age', field: 'person.birthDate', details: { age: 16, minAge: 18 } });
    });

    it('refuses a move-in without an accepted offer', async () => {
      const caseId = await d.refer();
      await d.grant(caseId);
      const unitId = await d.addUnit();
      const res = await d.post(caseId, 'MoveIn', d.moveInBody('6f1c8e1e-4a3b-4c2d-9e0f-112233445566', unitId));
      expect(res.status).toBe(422);
      expect(res.body.rule).toBe('move_in.requires_accepted_offer');
      expect((await d.unit(unitId)).occupants).toEqual([]);
    });

    it('refuses a move-in to another unit than the accepted offer holds', async () => {
      const caseId = await d.refer();
      await d.grant(caseId);
      const offered = await d.addUnit();
      const other = await d.addUnit();
      const { offerId } = await d.offerAndAccept(caseId, offered);
      const res = await d.post(caseId, 'MoveIn', d.moveInBody(offerId, other));
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ rule: 'move_in.requires_accepted_offer', field: 'unitId' });
      expect((await d.unit(other)).occupants).toEqual([]);
    });

    it('refuses a temporary agreement of 4 months unless the reason is written down', async () => {
      const caseId = await d.refer();
      await d.grant(caseId);
      const unitId = await d.addUnit();
      const { offerId } = await d.offerAndAccept(caseId, unitId);
      const fourMonths = await d.post(caseId, 'MoveIn', d.moveInBody(offerId, unitId, { endsOn: '2026-07-10' }));
      expect(fourMonths.status).toBe(422);
      expect(fourMonths.body).toMatchObject({ rule: 'agreement.temporary_max_3_months', field: 'agreement.endsOn', details: { limit: '2026-06-08' } });
      const justified = await d.post(
        caseId,
        'MoveIn',
        d.moveInBody(offerId, unitId, { endsOn: '2026-07-10', extensionJustification: 'Waiting for a municipal flat promised for July' }),
      );
      expect(justified.status).toBe(201);
    });

    it('refuses a command the case does not allow in its status', async () => {
      const caseId = await d.refer();
      const res = await d.post(caseId, 'RecordIncident', { on: '2026-03-20', kind: 'damage', severity: 'low', description: 'Before moving in?' });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ rule: 'case.not_allowed_in_status', details: { status: 'referred', command: 'RecordIncident' } });
    });

    it('offers grant and refusal as the kinds of IssueDecision: an exclusion is a 400 naming the field (it has its own command)', async () => {
      const doc = await t.request('GET', '/api/openapi.json');
      expect(doc.body.components.schemas.IssueDecisionDto.properties.kind.enum).toEqual(['grant', 'refusal']);
      const caseId = await d.refer();
      await d.ok(caseId, 'RecordAssessmentMeeting', { on: '2026-03-03', members: ['Unit leader'], outcome: 'accepted', notes: 'Fits' }, 'lead');
      const body = { on: '2026-03-04', kind: 'exclusion', legalBasis: 'sotjl_27', facts: 'x', mainConsiderations: 'y', decidedBy: 'Per Teamleder' };
      const res = await d.post(caseId, 'IssueDecision', body, 'lead');
      expect(res.status).toBe(400);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['kind']);
      expect((await d.post(caseId, 'IssueDecision', { ...body, kind: 'grant' }, 'lead')).status).toBe(201);
    });

    it('answers 404 for a case that does not exist and 400 for a case id that is not a UUID', async () => {
      const missing = '0b7e7f3c-1d2e-4f50-8a9b-0c1d2e3f4a5b';
      expect((await t.request('GET', `/api/v1/cases/${missing}`, { token: w.tokens.worker })).status).toBe(404);
      const body = { on: '2026-03-20', kind: 'damage', severity: 'low', description: 'x' };
      expect((await d.post(missing, 'RecordIncident', body)).status).toBe(404);
      expect((await d.post('not-a-uuid', 'RecordIncident', body)).status).toBe(400);
    });
  });

  it('lets exactly one of 50 concurrent move-ins with the same If-Match through; the unit gets one occupant', async () => {
    const caseId = await d.refer();
    await d.grant(caseId);
    const unitId = await d.addUnit();
    const { offerId, revision } = await d.offerAndAccept(caseId, unitId);
    const body = d.moveInBody(offerId, unitId);
    const results = await Promise.all(Array.from({ length: 50 }, () => d.post(caseId, 'MoveIn', body, 'worker', { 'if-match': `"${revision}"` })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 200 && s < 300)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const conflict of results.filter((r) => r.status === 409)) {
      expect(conflict.body).toMatchObject({ type: 'urn:problem:concurrency-conflict', expectedRevision: revision });
    }
    expect((await d.eventsOf(`case-${caseId}`)).filter((type) => type === 'MovedIn')).toHaveLength(1);
    expect((await d.unit(unitId)).occupants).toEqual([expect.objectContaining({ caseId })]);
  });

  it('replays a command sent twice with the same Idempotency-Key: same id, one event', async () => {
    const { caseId } = await d.resident();
    const body = { on: '2026-03-20', kind: 'police_callout', severity: 'high', description: 'Police called after a fight in the hallway' };
    const headers = { 'idempotency-key': `incident-${caseId}` };
    const first = await d.post(caseId, 'RecordIncident', body, 'worker', headers);
    const retry = await d.post(caseId, 'RecordIncident', body, 'worker', headers);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ events: ['IncidentRecorded'], replayed: false });
    expect(retry.body).toEqual({ ...first.body, events: [], replayed: true });
    expect((await d.eventsOf(`case-${caseId}`)).filter((type) => type === 'IncidentRecorded')).toHaveLength(1);
    // Without the key, the same body is a second incident.
    const again = await d.post(caseId, 'RecordIncident', body);
    expect(again.body.id).not.toBe(first.body.id);
  });

  it('sends the revision as ETag on reads and honours it as If-Match on commands', async () => {
    const { caseId } = await d.resident();
    const read = await t.request('GET', `/api/v1/cases/${caseId}`, { token: w.tokens.worker });
    expect(read.headers.get('etag')).toBe(`"${read.body.revision}"`);
    const body = { on: '2026-03-15', contactPersons: ['Ola Miljøterapeut', 'Eva Sykepleier'] };
    const fresh = await d.post(caseId, 'AssignContactPersons', body, 'worker', { 'if-match': read.headers.get('etag') as string });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).toBe(`"${Number(read.body.revision) + 1}"`);
    const stale = await d.post(caseId, 'AssignContactPersons', { ...body, contactPersons: ['Eva Sykepleier'] }, 'worker', {
      'if-match': read.headers.get('etag') as string,
    });
    expect(stale.status).toBe(409);
  });
});
