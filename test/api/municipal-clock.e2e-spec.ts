import { CaseCommandType, personStream } from '@app/domain';
import { Clock } from '../../apps/api/src/platform/clock';
import { casePath } from '../../apps/api/src/features/cases/case-commands';
import { startTestApp, TestApp } from '../support/test-app';

/** The next New Year's Eve at 23:30 UTC: 00:30 on 1 January in Oslo. Ahead of the real time, so tokens the app issues stay valid. */
const NEW_YEAR = new Date().getUTCFullYear() + (new Date() >= new Date(`${new Date().getUTCFullYear()}-12-31T23:00:00Z`) ? 1 : 0);
const EVE = `${NEW_YEAR}-12-31`;
const NEW_YEARS_DAY = `${NEW_YEAR + 1}-01-01`;

/** The server's clock set to that moment, running on from there; "today" is found as the real clock finds it. */
class HalfPastMidnightNewYear extends Clock {
  private readonly offset = Date.parse(`${EVE}T23:30:00.000Z`) - Date.now();
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

const PASSWORD = 'a long enough password';

/**
 * The municipality's day is Oslo's, not Greenwich's: at 00:30 on New Year's Day the dashboards say
 * 1 January, an agreement that ended on 31 December is past its end, and a person registered then
 * takes effect on 1 January.
 */
describe('the municipal clock over HTTP (00:30 Oslo time on 1 January, 23:30 UTC the day before)', () => {
  let t: TestApp;
  let admin: string;
  let lead: string;
  let facilityId: string;
  let lastPosition = '0';

  const ok = async (caseId: string, type: CaseCommandType, body: object) => {
    const res = await t.request('POST', casePath(caseId, type), { token: lead, body });
    if (res.status >= 300) throw new Error(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
    lastPosition = res.body.position;
    return res.body as { id: string; position: string };
  };

  beforeAll(async () => {
    t = await startTestApp({}, [{ provide: Clock, useValue: new HalfPastMidnightNewYear() }]);
    admin = await t.adminToken();
    facilityId = (
      await t.request('POST', '/api/v1/facilities', {
        token: admin,
        body: {
          name: 'Bolig Nu',
          kind: 'temporary_housing',
          municipality: 'Bodø',
          targetGroup: { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true, requiresCoOccurringDisorder: false },
          maxStayDays: 90,
          exclusionReasons: ['violence_or_threats'],
        },
      })
    ).body.id;
    const created = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'clock.lead', displayName: 'Lead', password: PASSWORD, grants: [{ role: 'team_lead', facilityIds: [facilityId] }] },
    });
    expect(created.status).toBe(201);
    lead = await t.login('clock.lead', PASSWORD);
  }, 60_000);
  afterAll(async () => t?.close());

  it('shows 1 January on the dashboards, and an agreement that ended on 31 December as past its end', async () => {
    const unitId = (
      await t.request('POST', `/api/v1/facilities/${facilityId}/units`, { token: admin, body: { label: 'BN01', kind: 'temporary', capacity: 1 } })
    ).body.id;
    const personId = (
      await t.request('POST', '/api/v1/people', { token: lead, body: { givenName: 'Kari', familyName: 'Nordmann', birthDate: '1985-06-01', gender: 'female' } })
    ).body.id;
    const on = `${NEW_YEAR}-10-05`;
    const referral = await t.request('POST', '/api/v1/cases', {
      token: lead,
      body: {
        on,
        referralSource: 'nav',
        referrer: { name: 'Siri Saksbehandler', organisation: 'NAV Bodø' },
        personId,
        facilityId,
        screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: false },
        reason: 'Uten bolig',
        consent: { given: true, scope: 'NAV og botiltaket', date: on },
      },
    });
    expect(referral.status).toBe(201);
    const caseId = referral.body.id;
    await ok(caseId, 'RecordAssessmentMeeting', { on, members: ['Enhetsleder', 'Teamleder'], outcome: 'accepted', notes: 'Innenfor målgruppen' });
    await ok(caseId, 'IssueDecision', {
      on,
      kind: 'grant',
      legalBasis: 'sotjl_27',
      facts: 'Uten bolig',
      mainConsiderations: 'Trenger bolig nå',
      decidedBy: 'Enhetsleder',
    });
    const offerId = (await ok(caseId, 'OfferUnit', { on, unitId, facilityId, expiresOn: `${NEW_YEAR}-10-12` })).id;
    await ok(caseId, 'AcceptOffer', { on, offerId });
    await ok(caseId, 'MoveIn', {
      on,
      offerId,
      unitId,
      agreement: { kind: 'temporary_agreement', startsOn: on, endsOn: EVE },
      houseRulesAcknowledged: true,
      informationLetterAcknowledged: true,
      contactPersons: ['Miljøterapeut'],
      actionPlan: [{ goal: 'Varig bolig', measure: 'Ukentlig samtale', responsible: 'Miljøterapeut' }],
    });

    const watch = await t.request('GET', `/api/v1/dashboards/agreements?minPosition=${lastPosition}`, { token: lead });
    expect(watch.status).toBe(200);
    expect(watch.body.today).toBe(NEW_YEARS_DAY);
    expect(watch.body.endingSoon).toEqual([]);
    expect(watch.body.pastEnd).toEqual([expect.objectContaining({ caseId, endsOn: EVE, daysToEnd: -1, nightsSoFar: 88 })]);

    const board = await t.request('GET', `/api/v1/facilities/${facilityId}/occupancy?minPosition=${lastPosition}`, { token: lead });
    expect(board.body.today).toBe(NEW_YEARS_DAY);
    expect(board.body.units[0].occupants[0]).toMatchObject({ caseId, daysInStay: 88, agreement: expect.objectContaining({ daysLeft: -1 }) });

    const obligations = await t.request('GET', `/api/v1/dashboards/obligations?minPosition=${lastPosition}`, { token: lead });
    expect(obligations.body.today).toBe(NEW_YEARS_DAY);
  });

  it('gives a person registered at that moment 1 January as the effective date, in the log and on the timeline', async () => {
    const res = await t.request('POST', '/api/v1/people', {
      token: lead,
      body: { givenName: 'Ola', familyName: 'Hansen', birthDate: '1980-01-01', gender: 'male' },
    });
    expect(res.status).toBe(201);
    const personId = res.body.id;
    const events = [];
    for await (const e of t.store.readStream(personStream(personId))) events.push(e);
    expect(events.map((e) => [e.type, (e.metadata as { effectiveDate?: string }).effectiveDate])).toEqual([['PersonRegistered', NEW_YEARS_DAY]]);
    const timeline = await t.request('GET', `/api/v1/people/${personId}/timeline?minPosition=${res.body.position}`, { token: lead });
    expect(timeline.status).toBe(200);
    expect(timeline.body.entries.map((e: { eventType: string; effectiveDate: string }) => [e.eventType, e.effectiveDate])).toEqual([
      ['PersonRegistered', NEW_YEARS_DAY],
    ]);
  });
});
