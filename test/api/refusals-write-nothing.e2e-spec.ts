import { randomUUID } from 'node:crypto';
import { synthesizeIdentityNumber } from '@app/domain';
import { SYSTEM_ACTOR } from '../../apps/api/src/platform/auth/actor';
import { casePath } from '../../apps/api/src/features/cases/case-commands';
import { CreateUserWorkflow } from '../../apps/api/src/features/users/create-user.workflow';
import { SetupService } from '../../apps/api/src/features/users/setup.service';
import { HttpResult, startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'a long enough password';
const facilityBody = {
  name: 'Bolig Nu',
  kind: 'temporary_housing',
  municipality: 'Bodø',
  targetGroup: { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true, requiresCoOccurringDisorder: false },
  maxStayDays: 90,
  exclusionReasons: ['violence_or_threats'],
};

/** Every event in the log, as `stream type`: what a refused command must leave exactly as it was. */
async function logOf(t: TestApp): Promise<string[]> {
  const events: string[] = [];
  for await (const e of t.store.readAll()) events.push(`${e.stream} ${e.type}`);
  return events;
}

/**
 * A command that touches several streams decides every one of them before it writes the first, so a
 * refusal leaves the log as it was (issue 10 finding 8): read back from the store after each refusal.
 */
describe('refused multi-stream commands write nothing', () => {
  let t: TestApp;
  let admin: string;
  let worker: string;
  let lead: string;
  let facilityId: string;

  const expectRefusedWithoutWrites = async (attempt: () => Promise<HttpResult>, status: number, rule?: string) => {
    const before = await logOf(t);
    const res = await attempt();
    expect({ status: res.status, rule: res.body?.rule }).toEqual({ status, rule });
    expect(await logOf(t)).toEqual(before);
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    facilityId = (await t.request('POST', '/api/v1/facilities', { token: admin, body: facilityBody })).body.id;
    for (const [username, role] of [
      ['w.worker', 'case_worker'],
      ['w.lead', 'team_lead'],
    ]) {
      const res = await t.request('POST', '/api/v1/users', {
        token: admin,
        body: { username, displayName: username, password: PASSWORD, grants: [{ role, facilityIds: [facilityId] }] },
      });
      expect(res.status).toBe(201);
    }
    worker = await t.login('w.worker', PASSWORD);
    lead = await t.login('w.lead', PASSWORD);
  });
  afterAll(() => t.close());

  it('POST /users with a grant missing its facilities: 422, no username claim, no user, and no login', async () => {
    const body = { username: 'half.made', displayName: 'Half Made', password: PASSWORD, grants: [{ role: 'auditor' }, { role: 'case_worker' }] };
    await expectRefusedWithoutWrites(() => t.request('POST', '/api/v1/users', { token: admin, body }), 422, 'user.role.facilities_required');
    const login = await t.request('POST', '/api/v1/auth/login', { body: { username: 'half.made', password: PASSWORD } });
    expect(login.status).toBe(401);
    // The name is free: the same user with a valid grant is created, with both roles in one append.
    const created = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { ...body, grants: [{ role: 'auditor' }, { role: 'case_worker', facilityIds: [facilityId] }] },
    });
    expect(created.status).toBe(201);
    expect(created.body.events).toEqual(['UserCreated', 'RoleGranted', 'RoleGranted']);
  });

  it('first-run setup with a username that is taken: 422 and no setup started', async () => {
    const fresh = await startTestApp();
    try {
      const commandId = randomUUID();
      const ctx = { actor: SYSTEM_ACTOR, commandId, correlationId: commandId };
      // A case worker added from the command line before any administrator exists.
      await fresh.app.get(CreateUserWorkflow).run({ username: 'kari', displayName: 'Kari', password: PASSWORD, grants: [{ role: 'auditor' }] }, ctx);
      const before = await logOf(fresh);
      await expect(
        fresh.app.get(SetupService).createAdministrator({ username: 'kari', displayName: 'Kari Admin', password: PASSWORD }, ctx),
      ).rejects.toMatchObject({
        error: { rule: 'user.username_taken' },
      });
      expect(await logOf(fresh)).toEqual(before);
      expect(before.some((e) => e.startsWith('system-setup'))).toBe(false);
    } finally {
      await fresh.close();
    }
  });

  it('registering a person whose birth date contradicts the identity number: 422 and no identity claim', async () => {
    const body = {
      givenName: 'Kari',
      familyName: 'Nordmann',
      birthDate: '1990-05-18',
      identityNumber: synthesizeIdentityNumber('1990-05-17', 7),
      gender: 'female',
    };
    await expectRefusedWithoutWrites(() => t.request('POST', '/api/v1/people', { token: worker, body }), 422, 'person.identity_number.birth_date_mismatch');
    // The number is not held by anyone: the person it belongs to is registered with it.
    const right = await t.request('POST', '/api/v1/people', { token: worker, body: { ...body, birthDate: '1990-05-17' } });
    expect(right.status).toBe(201);
  });

  describe('a correction that claims a new identity number', () => {
    let personId: string;
    beforeAll(async () => {
      const res = await t.request('POST', '/api/v1/people', {
        token: worker,
        body: { givenName: 'Ola', familyName: 'Nordmann', birthDate: '1985-02-03', identityNumber: synthesizeIdentityNumber('1985-02-03', 11), gender: 'male' },
      });
      personId = res.body.id;
    });
    const correction = (identityNumber: string) => ({ changes: { identityNumber }, reason: 'Typed wrong at intake', on: '2026-03-02' });

    it('refused on a stale If-Match: 409, and the new number is not claimed', async () => {
      const number = synthesizeIdentityNumber('1985-02-03', 12);
      await expectRefusedWithoutWrites(
        () => t.request('POST', `/api/v1/people/${personId}/corrections`, { token: worker, body: correction(number), headers: { 'if-match': '"7"' } }),
        409,
      );
      // Still free: another person can be registered with it.
      const other = await t.request('POST', '/api/v1/people', {
        token: worker,
        body: { givenName: 'Per', familyName: 'Hansen', birthDate: '1985-02-03', identityNumber: number, gender: 'male' },
      });
      expect(other.status).toBe(201);
    });

    it('refused by a rule (the number contradicts the birth date): 422, and the number is not claimed', async () => {
      await expectRefusedWithoutWrites(
        () => t.request('POST', `/api/v1/people/${personId}/corrections`, { token: worker, body: correction(synthesizeIdentityNumber('1991-01-01', 3)) }),
        422,
        'person.identity_number.birth_date_mismatch',
      );
    });
  });

  describe('case commands that secure a unit first', () => {
    const referral = (personId: string) => ({
      on: '2026-03-02',
      referralSource: 'nav',
      referrer: { name: 'NAV Bodø' },
      personId,
      facilityId,
      screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: true },
      reason: 'Homeless',
      consent: { given: true, scope: 'Housing service', date: '2026-03-01' },
    });
    const ok = async (res: Promise<HttpResult>) => {
      const r = await res;
      if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const newCase = async () => {
      const person = await ok(
        t.request('POST', '/api/v1/people', { token: worker, body: { givenName: 'Kari', familyName: 'Nordmann', birthDate: '1990-05-17', gender: 'female' } }),
      );
      return (await ok(t.request('POST', '/api/v1/cases', { token: worker, body: referral(person.id) }))).id as string;
    };
    const newUnit = async (label: string) =>
      (await ok(t.request('POST', `/api/v1/facilities/${facilityId}/units`, { token: admin, body: { label, kind: 'temporary', capacity: 1 } }))).id as string;

    it('an offer the case refuses (not granted yet): 422, and the unit was never reserved', async () => {
      const caseId = await newCase();
      const unitId = await newUnit('R1');
      const body = { on: '2026-03-06', unitId, facilityId, expiresOn: '2026-03-13' };
      await expectRefusedWithoutWrites(() => t.request('POST', casePath(caseId, 'OfferUnit'), { token: worker, body }), 422, 'offer.requires_grant');
    });

    it('a transfer the case refuses (no reason given): 422, and the new unit was never occupied', async () => {
      const caseId = await newCase();
      const post = (type: Parameters<typeof casePath>[1], body: object, token = worker) => ok(t.request('POST', casePath(caseId, type), { token, body }));
      await post('RecordAssessmentMeeting', { on: '2026-03-03', members: ['Team leader'], outcome: 'accepted', notes: 'Fits' }, lead);
      await post(
        'IssueDecision',
        {
          on: '2026-03-04',
          kind: 'grant',
          legalBasis: 'sotjl_27',
          facts: 'Homeless',
          mainConsiderations: 'Urgent',
          decidedBy: 'Per',
          notifiedOn: '2026-03-05',
        },
        lead,
      );
      const unitId = await newUnit('T1');
      const offer = await post('OfferUnit', { on: '2026-03-06', unitId, facilityId, expiresOn: '2026-03-13' });
      await post('AcceptOffer', { on: '2026-03-07', offerId: offer.id });
      await post('MoveIn', {
        on: '2026-03-10',
        offerId: offer.id,
        unitId,
        agreement: { kind: 'temporary_agreement', startsOn: '2026-03-10', endsOn: '2026-06-08' },
        houseRulesAcknowledged: true,
        informationLetterAcknowledged: true,
        contactPersons: ['Ola'],
        actionPlan: [{ goal: 'Keep the flat', measure: 'Weekly visit', responsible: 'Ola' }],
      });
      const toUnitId = await newUnit('T2');
      await expectRefusedWithoutWrites(
        () => t.request('POST', casePath(caseId, 'TransferUnit'), { token: worker, body: { on: '2026-03-20', toUnitId, reason: '   ' } }),
        422,
        'transfer.reason_required',
      );
    });
  });
});
