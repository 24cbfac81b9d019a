import { SignJWT } from 'jose';
import { accessLogStream, personStream, userStream } from '@app/domain';
import { formatPosition, RecordedEvent } from '@app/event-store';
import { startEsdbTestServer } from '../esdb-test-server';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'a long enough password';
const JWT_SECRET = 'an e2e secret that is long enough to sign with';
const facilityBody = (name: string) => ({
  name,
  kind: 'staffed_cluster',
  municipality: 'Trondheim',
  targetGroup: { minAge: 18, excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: false },
  exclusionReasons: ['violence_or_threats'],
});
const referralBody = (personId: string, facilityId: string) => ({
  personId,
  facilityId,
  on: '2026-10-01',
  referralSource: 'self',
  referrer: { name: 'Ola Hansen' },
  screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: true },
  reason: 'Needs a home',
  consent: { given: true, scope: 'The municipality', date: '2026-10-01' },
});
const person = { givenName: 'Ola', familyName: 'Hansen', birthDate: '1980-01-01', gender: 'male' };

async function eventsOf(t: TestApp, stream: string): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  try {
    for await (const e of t.store.readStream(stream)) out.push(e);
  } catch {
    /* no stream yet */
  }
  return out;
}

async function createUser(t: TestApp, admin: string, username: string, grants: object[]): Promise<string> {
  const res = await t.request('POST', '/api/v1/users', { token: admin, body: { username, displayName: username, password: PASSWORD, grants } });
  if (res.status !== 201) throw new Error(`${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/**
 * Issue 10, findings 1–4 and 12, tried over HTTP against the real app as the tester did: a change to a
 * user counts on the next request, writes and referrals cannot walk around the access scope, no
 * administrator can make themselves a reader of case files, and every token has a bounded lifetime.
 */
describe('access control over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let home: string;
  let other: string;
  let worker: string;
  let outsider: string;
  let auditor: string;
  let personId: string;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp({ JWT_SECRET });
    admin = await t.adminToken();
    home = (await t.request('POST', '/api/v1/facilities', { token: admin, body: facilityBody('Home') })).body.id;
    other = (await t.request('POST', '/api/v1/facilities', { token: admin, body: facilityBody('Other') })).body.id;
    await createUser(t, admin, 'worker', [{ role: 'case_worker', facilityIds: [home] }]);
    await createUser(t, admin, 'outsider', [{ role: 'case_worker', facilityIds: [other] }]);
    await createUser(t, admin, 'auditor', [{ role: 'auditor' }]);
    worker = await t.login('worker', PASSWORD);
    outsider = await t.login('outsider', PASSWORD);
    auditor = await t.login('auditor', PASSWORD);
    personId = (await t.request('POST', '/api/v1/people', { token: worker, body: person })).body.id;
    const referral = await t.request('POST', '/api/v1/cases', { token: worker, body: referralBody(personId, home) });
    expect(referral.status).toBe(201);
    caseId = referral.body.id;
    // The person's file now belongs to Home: wait until the read side knows.
    expect((await t.request('GET', `/api/v1/people/${personId}/timeline?minPosition=${referral.body.position}`, { token: worker })).status).toBe(200);
  });
  afterAll(() => t.close());

  /** The person's access log as auditors list it, once the read model holds the stream's last record. */
  const accessLogOf = async (id: string) => {
    const last = (await eventsOf(t, accessLogStream(id))).at(-1);
    if (!last) return [];
    const res = await t.request('GET', `/api/v1/audit/access-log?personId=${id}&limit=500&minPosition=${formatPosition(last.position)}`, { token: auditor });
    return res.body.items as any[];
  };
  const accessLog = () => accessLogOf(personId);

  describe('finding 1: a change to a user takes effect on the next request', () => {
    const staff = async (username: string) => {
      const userId = await createUser(t, admin, username, [{ role: 'case_worker', facilityIds: [home] }]);
      const token = await t.login(username, PASSWORD);
      expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token })).status).toBe(200);
      return { userId, token };
    };
    const comment = (token: string) =>
      t.request('POST', `/api/v1/people/${personId}/comments`, { token, body: { on: '2026-10-02', text: 'Wants a quieter flat' } });

    it('refuses a disabled user’s token (401) for reads and writes, and enabling again does not revive it', async () => {
      const { userId, token } = await staff('soon.disabled');
      expect((await t.request('POST', `/api/v1/users/${userId}/disable`, { token: admin })).status).toBe(200);
      const before = (await eventsOf(t, personStream(personId))).length;
      const read = await t.request('GET', `/api/v1/cases/${caseId}`, { token });
      expect(read.status).toBe(401);
      expect(read.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect((await comment(token)).status).toBe(401);
      expect((await t.request('POST', '/api/v1/people', { token, body: person })).status).toBe(401);
      expect((await eventsOf(t, personStream(personId))).length).toBe(before);
      expect((await t.request('POST', '/api/v1/auth/login', { body: { username: 'soon.disabled', password: PASSWORD } })).status).toBe(401);

      expect((await t.request('POST', `/api/v1/users/${userId}/enable`, { token: admin })).status).toBe(200);
      expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token })).status).toBe(401);
      const fresh = await t.login('soon.disabled', PASSWORD);
      expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token: fresh })).status).toBe(200);
    });

    it('answers 403 on the very next request after the role is revoked', async () => {
      const { userId, token } = await staff('soon.revoked');
      expect((await t.request('POST', `/api/v1/users/${userId}/roles/revoke`, { token: admin, body: { role: 'case_worker' } })).status).toBe(200);
      expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token })).status).toBe(403);
      expect((await comment(token)).status).toBe(403);
      expect((await t.request('GET', '/api/v1/auth/me', { token })).body.grants).toEqual([]);
    });

    it('narrows at once when a grant is narrowed to another facility', async () => {
      const { userId, token } = await staff('soon.moved');
      expect((await t.request('POST', `/api/v1/users/${userId}/roles`, { token: admin, body: { role: 'case_worker', facilityIds: [other] } })).status).toBe(
        200,
      );
      const read = await t.request('GET', `/api/v1/cases/${caseId}`, { token });
      expect(read.status).toBe(403);
      expect(read.body.type).toBe('urn:problem:access-purpose-required');
    });

    it('ends the sessions issued before a password reset (401); a login with the new password works', async () => {
      const { userId, token } = await staff('soon.reset');
      expect((await t.request('POST', `/api/v1/users/${userId}/password`, { token: admin, body: { password: 'a brand new long password' } })).status).toBe(200);
      expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token })).status).toBe(401);
      expect((await comment(token)).status).toBe(401);
      const fresh = await t.login('soon.reset', 'a brand new long password');
      expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token: fresh })).status).toBe(200);
    });
  });

  describe('finding 2: writes about a person follow the read scope', () => {
    const correction = { changes: { givenName: 'Ole' }, reason: 'Spelling in the referral', on: '2026-10-03' };
    const note = { on: '2026-10-03', text: 'Asked for a call back' };

    it('marks every write under /people/{personId} (but forget) as needing a purpose outside one’s facilities', async () => {
      const doc = (await t.request('GET', '/api/openapi.json')).body;
      const writes = Object.entries(doc.paths as Record<string, Record<string, any>>).filter(
        ([path, ops]) => /^\/api\/v1\/people\/\{personId\}\//.test(path) && ops.post && !path.endsWith('/forget'),
      );
      expect(writes.map(([p]) => p).sort()).toEqual(['/api/v1/people/{personId}/comments', '/api/v1/people/{personId}/corrections']);
      for (const [path, ops] of writes) {
        expect({ path, header: (ops.post.parameters ?? []).some((p: any) => p.in === 'header' && p.name === 'X-Access-Purpose') }).toEqual({
          path,
          header: true,
        });
      }
    });

    it.each([
      ['corrections', correction, 200, 'correction'],
      ['comments', note, 201, 'comment'],
    ] as const)('refuses %s from outside without a purpose (403, nothing written) and flags them with one', async (path, body, okStatus, view) => {
      const before = (await eventsOf(t, personStream(personId))).length;
      const refused = await t.request('POST', `/api/v1/people/${personId}/${path}`, { token: outsider, body });
      expect(refused.status).toBe(403);
      expect(refused.body.type).toBe('urn:problem:access-purpose-required');
      expect((await eventsOf(t, personStream(personId))).length).toBe(before);

      const purpose = 'The resident called our night shift';
      const allowed = await t.request('POST', `/api/v1/people/${personId}/${path}`, { token: outsider, body, headers: { 'x-access-purpose': purpose } });
      expect(allowed.status).toBe(okStatus);
      expect((await eventsOf(t, personStream(personId))).length).toBe(before + 1);
      const flagged = (await accessLog()).filter((r) => r.view === view);
      expect(flagged).toEqual([expect.objectContaining({ view, write: true, flagged: true, purpose, actorRole: 'case_worker' })]);
    });

    it('lets the person’s own facility write without a purpose, and records no access for it', async () => {
      const before = (await accessLog()).length;
      expect((await t.request('POST', `/api/v1/people/${personId}/comments`, { token: worker, body: note })).status).toBe(201);
      expect((await accessLog()).length).toBe(before);
    });
  });

  describe('finding 3: a referral to one’s own facility does not widen what one may read', () => {
    let newcomer: string;
    let heldElsewhere: string;
    let ownCase: string;

    beforeAll(async () => {
      await createUser(t, admin, 'newcomer', [{ role: 'case_worker', facilityIds: [other] }]);
      newcomer = await t.login('newcomer', PASSWORD);
      heldElsewhere = (await t.request('POST', '/api/v1/people', { token: worker, body: { ...person, givenName: 'Kari' } })).body.id;
      const first = await t.request('POST', '/api/v1/cases', { token: worker, body: referralBody(heldElsewhere, home) });
      expect(first.status).toBe(201);
      await t.request('GET', `/api/v1/people/${heldElsewhere}/timeline?minPosition=${first.body.position}`, { token: worker });
      // The outsider registers a referral of that person to their own facility: allowed, and flagged.
      const referral = await t.request('POST', '/api/v1/cases', { token: newcomer, body: referralBody(heldElsewhere, other) });
      expect(referral.status).toBe(201);
      ownCase = referral.body.id;
      await t.request('GET', `/api/v1/cases/${ownCase}?minPosition=${referral.body.position}`, { token: newcomer });
    });

    const logOf = () => accessLogOf(heldElsewhere);

    it('flags the referral in the person’s access log', async () => {
      expect((await logOf()).filter((r) => r.view === 'referral')).toEqual([
        expect.objectContaining({ caseId: ownCase, write: true, flagged: true, purpose: null }),
      ]);
    });

    it('shows the registered details and the own case, not the other facility’s case, in timeline and export', async () => {
      expect((await t.request('GET', `/api/v1/people/${heldElsewhere}`, { token: newcomer })).status).toBe(200);

      const timeline = await t.request('GET', `/api/v1/people/${heldElsewhere}/timeline`, { token: newcomer });
      expect(timeline.status).toBe(200);
      const facilities = new Set(timeline.body.entries.map((e: any) => e.facilityId));
      expect([...facilities].sort()).toEqual([null, other].sort());

      const exported = await t.request('GET', `/api/v1/people/${heldElsewhere}/export`, { token: newcomer });
      expect(exported.status).toBe(200);
      expect(exported.body.complete).toBe(false);
      expect(exported.body.cases.map((c: any) => c.caseId)).toEqual([ownCase]);
      expect(exported.body.accessLog.every((a: any) => a.caseId === undefined || a.caseId === ownCase)).toBe(true);
      const html = await t.request('GET', `/api/v1/people/${heldElsewhere}/export.html`, { token: newcomer });
      expect(html.body).toContain('Ufullstendig utskrift');

      expect(
        (
          await t.request(
            'GET',
            `/api/v1/cases/${(await t.request('GET', `/api/v1/people/${heldElsewhere}/export`, { token: auditor })).body.cases.find((c: any) => c.caseId !== ownCase).caseId}`,
            { token: newcomer },
          )
        ).status,
      ).toBe(403);
      // None of these reads was flagged: they showed nothing outside the reader's facility.
      expect((await logOf()).filter((r) => r.flagged && !r.write)).toEqual([]);
    });

    it('shows the rest only with a purpose, and flags that read', async () => {
      const purpose = 'Coordinating the move between the two services';
      const timeline = await t.request('GET', `/api/v1/people/${heldElsewhere}/timeline`, { token: newcomer, headers: { 'x-access-purpose': purpose } });
      expect(timeline.body.entries.map((e: any) => e.facilityId)).toContain(home);
      const exported = await t.request('GET', `/api/v1/people/${heldElsewhere}/export`, { token: newcomer, headers: { 'x-access-purpose': purpose } });
      expect(exported.body.complete).toBe(true);
      expect(exported.body.cases).toHaveLength(2);
      const flagged = (await logOf()).filter((r) => r.flagged && !r.write);
      expect(flagged.map((r) => r.view).sort()).toEqual(['export', 'timeline']);
      expect(flagged.every((r) => r.purpose === purpose)).toBe(true);
    });
  });

  describe('finding 4: no administrator makes themselves a reader of case files', () => {
    let adminId: string;
    let second: { id: string; token: string };
    let third: { id: string; token: string };

    beforeAll(async () => {
      adminId = (await t.request('GET', '/api/v1/auth/me', { token: admin })).body.userId;
      const make = async (username: string) => {
        const id = await createUser(t, admin, username, [{ role: 'admin' }]);
        return { id, token: await t.login(username, PASSWORD) };
      };
      second = await make('second.admin');
      third = await make('third.admin');
    });

    it('refuses a grant to oneself with a rule (422), writing nothing', async () => {
      const before = (await eventsOf(t, userStream(adminId))).length;
      for (const role of ['auditor', 'team_lead', 'admin'] as const) {
        const res = await t.request('POST', `/api/v1/users/${adminId}/roles`, { token: admin, body: { role, facilityIds: [home] } });
        expect({ role, status: res.status, rule: res.body.rule }).toEqual({ role, status: 422, rule: 'user.role.self_grant' });
      }
      expect((await eventsOf(t, userStream(adminId))).length).toBe(before);
      expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token: admin })).status).toBe(403);
    });

    it('needs a second administrator to give an administrator a role that reads case files', async () => {
      const asked = await t.request('POST', `/api/v1/users/${second.id}/roles`, { token: admin, body: { role: 'auditor' } });
      expect(asked.status).toBe(202);
      expect(asked.body.events).toEqual(['RoleGrantRequested']);
      const requestId = asked.body.id;
      // Not in effect yet.
      expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token: second.token })).status).toBe(403);
      const pending = await t.request('GET', `/api/v1/users/grant-requests?minPosition=${asked.body.position}`, { token: third.token });
      expect(pending.body.items).toEqual([expect.objectContaining({ requestId, userId: second.id, role: 'auditor', requestedBy: adminId, status: 'pending' })]);

      const approve = (token: string) => t.request('POST', `/api/v1/users/${second.id}/grant-requests/${requestId}/approve`, { token });
      expect((await approve(admin)).body.rule).toBe('user.grant_request.self_approval');
      expect((await approve(second.token)).body.rule).toBe('user.role.self_grant');
      const approved = await approve(third.token);
      expect(approved.status).toBe(200);
      expect(approved.body.events).toEqual(['RoleGrantApproved', 'RoleGranted']);
      expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token: second.token })).status).toBe(200);

      // The audit trail says who asked and who approved.
      const events = await eventsOf(t, userStream(second.id));
      const approval = events.find((e) => e.type === 'RoleGrantApproved')!;
      expect(approval.data).toMatchObject({ requestId, role: 'auditor', requestedBy: adminId, approvedBy: third.id });
      expect((approval.metadata as any).actorId).toBe(third.id);
      const done = await t.request('GET', `/api/v1/users/grant-requests?status=approved&minPosition=${approved.body.position}`, { token: admin });
      expect(done.body.items).toEqual([expect.objectContaining({ requestId, decidedBy: third.id })]);
      // Revoking stays immediate.
      expect((await t.request('POST', `/api/v1/users/${second.id}/roles/revoke`, { token: admin, body: { role: 'auditor' } })).status).toBe(200);
      expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token: second.token })).status).toBe(403);
    });

    it('holds a new account created with both roles to the same rule, and lets a rejected request change nothing', async () => {
      const created = await t.request('POST', '/api/v1/users', {
        token: admin,
        body: { username: 'both.roles', displayName: 'Both', password: PASSWORD, grants: [{ role: 'admin' }, { role: 'auditor' }] },
      });
      expect(created.status).toBe(201);
      expect(created.body.events).toEqual(['UserCreated', 'RoleGranted', 'RoleGrantRequested']);
      const both = await t.login('both.roles', PASSWORD);
      expect((await t.request('GET', '/api/v1/auth/me', { token: both })).body.grants).toEqual([{ role: 'admin', facilityIds: [] }]);
      const pending = await t.request('GET', `/api/v1/users/grant-requests?userId=${created.body.id}&minPosition=${created.body.position}`, {
        token: third.token,
      });
      const [request] = pending.body.items;
      const rejected = await t.request('POST', `/api/v1/users/${created.body.id}/grant-requests/${request.requestId}/reject`, { token: third.token });
      expect(rejected.body.events).toEqual(['RoleGrantRejected']);
      const late = await t.request('POST', `/api/v1/users/${created.body.id}/grant-requests/${request.requestId}/approve`, { token: second.token });
      expect(late.body.rule).toBe('user.grant_request.not_pending');
      expect((await t.request('GET', `/api/v1/cases/${caseId}`, { token: both })).status).toBe(403);
    });
  });

  describe('finding 12: tokens have a bounded lifetime', () => {
    const key = new TextEncoder().encode(JWT_SECRET);
    const now = () => Math.floor(Date.now() / 1000);
    const token = async (userId: string, claims: { iat?: number; exp?: number }) => {
      let jwt = new SignJWT({ preferred_username: 'worker', grants: [{ role: 'case_worker', facilityIds: [home] }] })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(userId)
        .setIssuer('rop-housing')
        .setAudience('rop-housing-api');
      if (claims.iat !== undefined) jwt = jwt.setIssuedAt(claims.iat);
      if (claims.exp !== undefined) jwt = jwt.setExpirationTime(claims.exp);
      return jwt.sign(key);
    };

    it('refuses a token without exp, without iat, or lasting longer than the configured lifetime (401)', async () => {
      const userId = (await t.request('GET', '/api/v1/auth/me', { token: worker })).body.userId;
      const me = async (claims: { iat?: number; exp?: number }) => (await t.request('GET', '/api/v1/auth/me', { token: await token(userId, claims) })).status;
      expect(await me({ iat: now(), exp: now() + 600 })).toBe(200); // the same token, made right, is accepted
      expect(await me({ iat: now() })).toBe(401);
      expect(await me({ exp: now() + 600 })).toBe(401);
      expect(await me({ iat: now(), exp: now() + 365 * 24 * 3600 })).toBe(401);
    });
  });
});

/** Several instances share one event store: a change made through one counts on the next request to any. */
describe('a change to a user reaches every instance on the same EventStoreDB', () => {
  it('refuses a disabled user on the other instance, and a revoked grant there at once', async () => {
    const server = await startEsdbTestServer();
    const env = {
      EVENT_STORE: 'esdb',
      EVENTSTORE_CONNECTION_STRING: server.connectionString,
      JWT_SECRET,
      CLAIM_KEY_SECRET: 'a claim key secret shared by both instances',
    };
    const one = await startTestApp(env);
    const two = await startTestApp(env);
    try {
      const admin = await one.adminToken();
      const facility = (await one.request('POST', '/api/v1/facilities', { token: admin, body: facilityBody('Shared') })).body.id;
      const disabledId = await createUser(one, admin, 'leaving', [{ role: 'case_worker', facilityIds: [facility] }]);
      const revokedId = await createUser(one, admin, 'narrowed', [{ role: 'case_worker', facilityIds: [facility] }]);
      const leaving = await one.login('leaving', PASSWORD);
      const narrowed = await one.login('narrowed', PASSWORD);
      // Instance two has seen (and cached) both users before the change.
      expect((await two.request('POST', '/api/v1/people', { token: leaving, body: person })).status).toBe(201);
      expect((await two.request('POST', '/api/v1/people', { token: narrowed, body: person })).status).toBe(201);

      expect((await one.request('POST', `/api/v1/users/${disabledId}/disable`, { token: admin })).status).toBe(200);
      expect((await one.request('POST', `/api/v1/users/${revokedId}/roles/revoke`, { token: admin, body: { role: 'case_worker' } })).status).toBe(200);
      expect((await two.request('POST', '/api/v1/people', { token: leaving, body: person })).status).toBe(401);
      expect((await two.request('POST', '/api/v1/people', { token: narrowed, body: person })).status).toBe(403);
    } finally {
      await two.close();
      await one.close();
      await server.stop();
    }
  });
});
