import { addDays, addMonths } from '@app/domain';
import { calendarDateIn } from '../../apps/api/src/platform/clock';
import { casePath } from '../../apps/api/src/features/cases/case-commands';
import { PASSWORD, seedStays, SeededWorld } from '../ui/support/seed-stays';
import { referralBody } from '../support/lifecycle';
import { startTestApp, TestApp } from '../support/test-app';

const today = calendarDateIn(new Date(), 'Europe/Oslo');

/**
 * The work queues over HTTP: each item appears when the case reaches the state that asks for it, names
 * the person and the command that clears it, is scoped by that command's action, and leaves the queue
 * once the command is recorded.
 */
describe('work queues', () => {
  let t: TestApp;
  let world: SeededWorld;
  let supervisor: string;
  let outsider: string;

  const queue = async (token: string, position?: string, query = '') => {
    const res = await t.request('GET', `/api/v1/work-queue?${position ? `minPosition=${position}&` : ''}${query}`, { token });
    expect(res.status).toBe(200);
    return res.body as { items: Array<Record<string, unknown>>; counts: { lead: number; worker: number }; contactDays: number };
  };
  const step = async (caseId: string, type: Parameters<typeof casePath>[1], body: object, token = world.tokens.worker) => {
    const res = await t.request('POST', casePath(caseId, type), { token, body });
    if (res.status >= 300) throw new Error(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; position: string };
  };
  const refer = async (givenName: string, on: string) => {
    const person = await t.request('POST', '/api/v1/people', {
      token: world.tokens.worker,
      body: { givenName, familyName: 'Kø', birthDate: '1980-01-01', gender: 'male' },
    });
    const res = await t.request('POST', '/api/v1/cases', {
      token: world.tokens.worker,
      body: referralBody(person.body.id, world.homeId, on),
    });
    expect(res.status).toBe(201);
    return { caseId: res.body.id as string, personId: person.body.id as string };
  };
  const kinds = (items: Array<Record<string, unknown>>, caseId: string) => items.filter((i) => i.caseId === caseId).map((i) => i.kind);

  beforeAll(async () => {
    t = await startTestApp();
    world = await seedStays(t, [
      {
        givenName: 'Frida',
        familyName: 'Fulgt',
        birthDate: '1979-03-01',
        gender: 'female',
        moveInOn: addDays(today, -40),
        incidents: [],
        moveOut: { on: addDays(today, -20), destination: 'municipal_housing' },
      },
    ]);
    supervisor = await t.login(world.users.supervisor, PASSWORD);
    outsider = await t.login(world.users.outsider, PASSWORD);
  }, 90_000);
  afterAll(() => t?.close());

  it('puts an assessed referral in the team lead’s inbox (with a preliminary reply due after a month) until the decision is issued', async () => {
    const referredOn = addDays(addMonths(today, -1), -2);
    const { caseId } = await refer('Kåre', referredOn);
    const assessed = await step(
      caseId,
      'RecordAssessmentMeeting',
      { on: addDays(referredOn, 3), members: ['Teamleder'], outcome: 'accepted', notes: 'Innenfor' },
      world.tokens.lead,
    );

    const inbox = await queue(world.tokens.lead, assessed.position);
    // Registered a month after the day it is about, the referral is also a late entry for the team lead to look at.
    expect(kinds(inbox.items, caseId).sort()).toEqual(['decision_awaited', 'late_entry', 'preliminary_reply_due']);
    for (const item of inbox.items.filter((i) => i.caseId === caseId))
      expect(item).toMatchObject({ queue: 'lead', name: { givenName: 'Kåre', familyName: 'Kø' }, facilityId: world.homeId });
    const awaited = inbox.items.find((i) => i.caseId === caseId && i.kind === 'decision_awaited')!;
    expect(awaited).toMatchObject({ on: referredOn, command: 'IssueDecision', days: expect.any(Number) });
    expect(awaited.days).toBeGreaterThan(28);
    expect(inbox.counts.lead).toBe(inbox.items.filter((i) => i.queue === 'lead').length);

    // A case worker makes no decisions: nothing of it in their queue.
    expect(kinds((await queue(world.tokens.worker, assessed.position)).items, caseId)).toEqual([]);

    const decided = await step(
      caseId,
      'IssueDecision',
      {
        on: today,
        kind: 'grant',
        legalBasis: 'sotjl_27',
        facts: 'Bostedsløs',
        mainConsiderations: 'Trenger bolig',
        decidedBy: 'Per Teamleder',
        notifiedOn: today,
      },
      world.tokens.lead,
    );
    expect(kinds((await queue(world.tokens.lead, decided.position)).items, caseId)).toEqual(['late_entry']);
  });

  it('shows the case worker an offer about to lapse and a followed case without contact, each gone once handled', async () => {
    const { caseId } = await refer('Ivar', addDays(today, -6));
    await step(
      caseId,
      'RecordAssessmentMeeting',
      { on: addDays(today, -5), members: ['Teamleder'], outcome: 'accepted', notes: 'Innenfor' },
      world.tokens.lead,
    );
    await step(
      caseId,
      'IssueDecision',
      {
        on: addDays(today, -4),
        kind: 'grant',
        legalBasis: 'sotjl_27',
        facts: 'Bostedsløs',
        mainConsiderations: 'Trenger bolig',
        decidedBy: 'Per Teamleder',
        notifiedOn: addDays(today, -4),
      },
      world.tokens.lead,
    );
    const unit = await t.request('POST', `/api/v1/facilities/${world.homeId}/units`, {
      token: world.tokens.admin,
      body: { label: 'KØ1', kind: 'temporary', capacity: 1 },
    });
    const offered = await step(caseId, 'OfferUnit', { on: addDays(today, -1), unitId: unit.body.id, facilityId: world.homeId, expiresOn: addDays(today, 2) });
    let mine = await queue(world.tokens.worker, offered.position);
    expect(mine.items.filter((i) => i.caseId === caseId)).toEqual([
      expect.objectContaining({ kind: 'offer_expiring', queue: 'worker', on: addDays(today, 2), days: 2, command: 'AcceptOffer' }),
    ]);
    const accepted = await step(caseId, 'AcceptOffer', { on: today, offerId: offered.id });
    expect(kinds((await queue(world.tokens.worker, accepted.position)).items, caseId)).toEqual([]);

    // The moved-out resident with an agreed follow-up and no contact yet.
    const followed = world.people[0].caseId;
    const started = await step(followed, 'StartFollowUp', {
      on: addDays(today, -20),
      contactModes: ['phone'],
      actionPlan: [{ goal: 'Beholde leiligheten', measure: 'Ringe hver uke', responsible: 'Ola Miljøterapeut' }],
      healthCareFollowUp: { offered: true, accepted: true },
      brochureHandedOver: true,
      exitConversationHeld: true,
    });
    mine = await queue(world.tokens.worker, started.position);
    expect(mine.items.filter((i) => i.caseId === followed)).toEqual([
      expect.objectContaining({ kind: 'contact_overdue', command: null, name: { givenName: 'Frida', familyName: 'Fulgt' } }),
    ]);
    // Never contacted: overdue whatever the tolerance.
    expect(kinds((await queue(world.tokens.worker, started.position, 'contactDays=365')).items, followed)).toEqual(['contact_overdue']);
    const contact = await t.request('POST', `/api/v1/cases/${followed}/contacts`, {
      token: world.tokens.worker,
      body: { about: new Date(Date.now() - 3_600_000).toISOString(), kind: 'phone', parties: [], durationMinutes: 15, outcome: 'Alt vel.' },
    });
    expect(contact.status).toBe(201);
    expect(kinds((await queue(world.tokens.worker, contact.body.position)).items, followed)).toEqual([]);
  });

  it('shows a consent withdrawn or about to run out, on the case and in the queue, until it is renewed', async () => {
    const { caseId } = await refer('Siv', addDays(today, -10));
    const view = async (position: string) => {
      const res = await t.request('GET', `/api/v1/cases/${caseId}?minPosition=${position}`, { token: world.tokens.worker });
      return res.body.consent as { status: string; since?: string; expiresOn?: string };
    };
    const withdrawn = await step(caseId, 'WithdrawConsent', { on: addDays(today, -2), note: 'Vil ikke at fastlegen får vite mer' });
    expect(await view(withdrawn.position)).toEqual({ status: 'withdrawn', since: addDays(today, -2) });
    expect((await queue(world.tokens.worker, withdrawn.position)).items.filter((i) => i.caseId === caseId)).toEqual([
      expect.objectContaining({ kind: 'consent_withdrawn', on: addDays(today, -2), command: 'RenewConsent', deadline: false }),
    ]);
    // Withdrawing again is refused by its rule code, and writes nothing.
    const again = await t.request('POST', casePath(caseId, 'WithdrawConsent'), { token: world.tokens.worker, body: { on: today } });
    expect(again.status).toBe(422);
    expect(again.body.rule).toBe('consent.already_withdrawn');

    const renewed = await step(caseId, 'RenewConsent', { on: today, scope: 'NAV om boligen', recipients: ['nav'], expiresOn: addDays(today, 5) });
    expect(await view(renewed.position)).toEqual({ status: 'in_force', since: today, recipients: ['nav'], expiresOn: addDays(today, 5) });
    expect(kinds((await queue(world.tokens.worker, renewed.position)).items, caseId)).toEqual(['consent_expiring']);
    const longer = await step(caseId, 'RenewConsent', { on: today, scope: 'NAV om boligen', recipients: ['nav', 'gp'], expiresOn: addDays(today, 365) });
    expect(kinds((await queue(world.tokens.worker, longer.position)).items, caseId)).toEqual([]);
  });

  it('is scoped: 403 for a facility outside one’s own and for roles that issue no commands; another facility’s worker sees none of these', async () => {
    expect((await t.request('GET', `/api/v1/work-queue?facilityId=${world.homeId}`, { token: outsider })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/work-queue', { token: supervisor })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/work-queue?contactDays=0', { token: world.tokens.worker })).status).toBe(400);
    const theirs = await queue(outsider);
    expect(theirs.items).toEqual([]);
    expect(theirs.counts).toEqual({ lead: 0, worker: 0 });
  });
});
