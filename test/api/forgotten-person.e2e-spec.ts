import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { CaseCommandType } from '@app/domain';
import { problemText } from '../../apps/admin-ui/src/i18n/problem-text';
import { casePath } from '../../apps/api/src/features/cases/case-commands';
import { actionPlan, creator, facilityBody, moveInBody, referralBody } from '../support/lifecycle';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'a long enough password';

/**
 * Issue 10, finding 6: commands on a forgotten person's case answered 500 (the key store had no key).
 * A resident who was forgotten may still live there: what carries nothing personal is recorded; what
 * would record personal data about them is refused with 422 `person.forgotten.personal_data`, naming
 * the field, writing nothing, and shown in bokmål. No second key is ever made for them.
 */
describe('commands about a forgotten person', () => {
  let t: TestApp;
  let tokens: Record<'admin' | 'worker' | 'lead', string>;
  let personId: string;
  let resident: string;
  let referred: string;
  let spareUnit: string;

  const post = (caseId: string, type: CaseCommandType, body: object, who: 'worker' | 'lead' = 'worker') =>
    t.request('POST', casePath(caseId, type), { token: tokens[who], body });
  const ok = async (caseId: string, type: CaseCommandType, body: object, who: 'worker' | 'lead' = 'worker') => {
    const res = await post(caseId, type, body, who);
    if (res.status >= 300) throw new Error(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const eventsOf = async (stream: string) => {
    const types: string[] = [];
    for await (const e of t.store.readStream(stream)) types.push(e.type);
    return types;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.adminToken();
    const created = creator(t);
    const home = await created('/api/v1/facilities', admin, facilityBody('Bolig Nu'));
    const other = await created('/api/v1/facilities', admin, facilityBody('Hålogalandsgata'));
    await created('/api/v1/users', admin, {
      username: 'fp.worker',
      displayName: 'Worker',
      password: PASSWORD,
      grants: [{ role: 'case_worker', facilityIds: [home, other] }],
    });
    await created('/api/v1/users', admin, {
      username: 'fp.lead',
      displayName: 'Lead',
      password: PASSWORD,
      grants: [{ role: 'team_lead', facilityIds: [home, other] }],
    });
    tokens = { admin, worker: await t.login('fp.worker', PASSWORD), lead: await t.login('fp.lead', PASSWORD) };
    const unit = await created(`/api/v1/facilities/${home}/units`, admin, { label: 'BN01', kind: 'temporary', capacity: 1 });
    spareUnit = await created(`/api/v1/facilities/${home}/units`, admin, { label: 'BN02', kind: 'temporary', capacity: 1 });

    personId = await created('/api/v1/people', tokens.worker, { givenName: 'Ingvild', familyName: 'Skarsvåg', birthDate: '1984-03-02', gender: 'female' });
    resident = await created('/api/v1/cases', tokens.worker, referralBody(personId, home, '2026-09-01'));
    await ok(resident, 'RecordAssessmentMeeting', { on: '2026-09-02', members: ['Enhetsleder'], outcome: 'accepted', notes: 'Innenfor målgruppen' }, 'lead');
    await ok(
      resident,
      'IssueDecision',
      { on: '2026-09-03', kind: 'grant', legalBasis: 'sotjl_27', facts: 'Bostedsløs', mainConsiderations: 'Trenger bolig', decidedBy: 'Per Teamleder' },
      'lead',
    );
    const offerId = await ok(resident, 'OfferUnit', { on: '2026-09-04', unitId: unit, facilityId: home, expiresOn: '2026-09-20' });
    await ok(resident, 'AcceptOffer', { on: '2026-09-05', offerId });
    await ok(resident, 'MoveIn', moveInBody(offerId, unit));
    referred = await created('/api/v1/cases', tokens.worker, referralBody(personId, other, '2026-09-15'));
    await ok(referred, 'RecordAssessmentMeeting', { on: '2026-09-16', members: ['Enhetsleder'], outcome: 'accepted', notes: 'Innenfor målgruppen' }, 'lead');

    const forgotten = await t.request('POST', `/api/v1/people/${personId}/forget`, {
      token: admin,
      body: { legalBasis: 'gdpr_art_17_consent_withdrawn', on: '2026-11-01' },
    });
    expect(forgotten.status).toBe(200);
  }, 60_000);
  afterAll(() => t?.close());

  const on = '2026-11-05';
  const refusals: Array<[CaseCommandType, 'resident' | 'referred', object, string, ('worker' | 'lead')?]> = [
    ['RecordIncident', 'resident', { on, kind: 'threat_or_violence', severity: 'medium', description: 'Truet en ansatt i gangen' }, 'description'],
    ['IssueWarning', 'resident', { on, reason: 'Andre brudd på husordenen' }, 'reason'],
    ['ExtendAgreement', 'resident', { on, endsOn: '2026-12-08', extensionJustification: 'Venter på kommunal bolig' }, 'extensionJustification'],
    [
      'RecordRiskAssessment',
      'resident',
      {
        on,
        rosSummary: 'Rolig',
        broset: { confused: false, irritable: true, boisterous: false, verbalThreats: false, physicalThreats: false, attackingObjects: false },
      },
      'rosSummary',
    ],
    ['UpdateCrisisPlan', 'resident', { on, crisisPlan: { summary: 'Ring kontaktpersonen', madeOn: on } }, 'crisisPlan.summary'],
    ['UpdateActionPlan', 'resident', { on, actionPlan }, 'actionPlan'],
    ['TransferUnit', 'resident', { on, toUnitId: '', reason: 'Trenger bolig på bakkeplan' }, 'reason'],
    [
      'DecideExclusion',
      'resident',
      {
        on,
        reasons: ['violence_or_threats'],
        overallAssessment: 'Gjentatte trusler mot ansatte',
        effectiveOn: '2026-11-12',
        decision: { legalBasis: 'sotjl_27', facts: 'Trusler', mainConsiderations: 'Sikkerheten til ansatte', decidedBy: 'Per Teamleder' },
      },
      'overallAssessment',
      'lead',
    ],
    [
      'IssueDecision',
      'referred',
      { on, kind: 'grant', legalBasis: 'sotjl_27', facts: 'Bostedsløs', mainConsiderations: 'Trenger bolig', decidedBy: 'Per Teamleder' },
      'facts',
      'lead',
    ],
    ['WithdrawReferral', 'referred', { on, reason: 'other', note: 'Flyttet til søsteren' }, 'note'],
    ['CloseCase', 'referred', { on, reason: 'Avsluttet etter ønske' }, 'reason'],
  ];

  it.each(refusals)('%s on the %s case is refused with 422 naming the field, and writes nothing', async (type, which, body, field, who = 'worker') => {
    const caseId = which === 'resident' ? resident : referred;
    const payload = type === 'TransferUnit' ? { ...body, toUnitId: spareUnit } : body;
    const before = await eventsOf(`case-${caseId}`);
    const unitBefore = await eventsOf(`unit-${spareUnit}`);
    const res = await post(caseId, type, payload, who);
    expect([type, res.status, res.body.rule, res.body.field]).toEqual([type, 422, 'person.forgotten.personal_data', field]);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await eventsOf(`case-${caseId}`)).toEqual(before);
    expect(await eventsOf(`unit-${spareUnit}`)).toEqual(unitBefore);
  });

  it('shows the rule in bokmål (and English) by its code, as the admin UI does', async () => {
    const res = await post(resident, 'RecordIncident', { on, kind: 'damage', severity: 'low', description: 'Knust dør' });
    const i18n = i18next.createInstance();
    const messages = (lang: string) => JSON.parse(readFileSync(join(__dirname, `../../apps/admin-ui/src/i18n/${lang}.json`), 'utf8'));
    await i18n.init({
      resources: { nb: { translation: messages('nb') }, en: { translation: messages('en') } },
      lng: 'nb',
      interpolation: { escapeValue: false },
    });
    expect(problemText(i18n.t, (k) => i18n.exists(k), res.body)).toMatch(/^Personen er glemt .*Nye personopplysninger om personen kan ikke registreres/);
    await i18n.changeLanguage('en');
    expect(problemText(i18n.t, (k) => i18n.exists(k), res.body)).toMatch(/^This person has been forgotten/);
  });

  it('records what carries nothing personal: an absence and the return, contact persons, a withdrawal without a note', async () => {
    const absence = await post(resident, 'RecordAbsence', { on, kind: 'hospital_admission', from: on });
    expect(absence.status).toBe(201);
    expect((await post(resident, 'RecordReturn', { on: '2026-11-08', absenceId: absence.body.id })).status).toBeLessThan(300);
    expect((await post(resident, 'AssignContactPersons', { on, contactPersons: ['Kari Miljøterapeut'] })).status).toBeLessThan(300);
    expect((await post(referred, 'WithdrawReferral', { on, reason: 'moved_away' })).status).toBeLessThan(300);
    const view = await t.request('GET', `/api/v1/cases/${resident}`, { token: tokens.worker });
    expect(view.status).toBe(200);
    expect(view.body.status).toBe('resident');
  });

  it("records the move-out, and refuses the follow-up's action plan", async () => {
    expect((await post(resident, 'MoveOut', { on: '2026-11-20', destination: 'transit', exitReason: 'left_voluntarily' })).status).toBeLessThan(300);
    const followUp = {
      on: '2026-11-21',
      contactModes: ['phone'],
      actionPlan,
      healthCareFollowUp: { offered: true, accepted: false },
      brochureHandedOver: true,
      exitConversationHeld: true,
    };
    const res = await post(resident, 'StartFollowUp', followUp);
    expect([res.status, res.body.rule, res.body.field]).toEqual([422, 'person.forgotten.personal_data', 'actionPlan']);
  });

  it('refuses a note on the person themself; after all this the key store still holds no key for them', async () => {
    const comment = await t.request('POST', `/api/v1/people/${personId}/comments`, { token: tokens.worker, body: { on, text: 'Ønsker besøk' } });
    expect([comment.status, comment.body.rule]).toEqual([422, 'person.forgotten']);
    const person = await t.request('GET', `/api/v1/people/${personId}`, { token: tokens.worker });
    expect(person.body).toMatchObject({ forgotten: true });
    const keys = new Database(join(t.dataDir, 'keys.sqlite'), { readonly: true });
    try {
      expect(keys.prepare('SELECT count(*) FROM wrapped_keys WHERE person_id = ?').pluck().get(personId)).toBe(0);
      expect(keys.prepare('SELECT count(*) FROM forgotten_people WHERE person_id = ?').pluck().get(personId)).toBe(1);
    } finally {
      keys.close();
    }
  });
});
