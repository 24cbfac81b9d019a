import { casePath } from '../../../apps/api/src/features/cases/case-commands';
import { addDays, CaseCommandType, IsoDate } from '@app/domain';
import { creator } from '../../support/lifecycle';
import { TestApp } from '../../support/test-app';

export const PASSWORD = 'a long enough password';

const targetGroup = { minAge: 18, excludesFamiliesWithChildren: true, excludesActiveHeavySubstanceUse: true, requiresCoOccurringDisorder: false };
const facilityBody = (name: string, municipality: string) => ({
  name,
  kind: 'temporary_housing',
  municipality,
  targetGroup,
  maxStayDays: 90,
  exclusionReasons: ['extensive_substance_use', 'violence_or_threats', 'repeated_house_rule_breaches'],
});

/**
 * A case's steps as staff take them over HTTP, each asserting its answer: a person granted a place
 * in the facility (referral, assessment meeting, decision) and their move-in on an accepted offer,
 * dated back from the day they move in (which may not lie after today).
 */
export function caseSteps(t: TestApp, tokens: Record<'worker' | 'lead', string>, facilityId: string) {
  const created = creator(t);
  const step = async (caseId: string, type: CaseCommandType, body: object, who: 'worker' | 'lead' = 'worker') => {
    const res = await t.request('POST', casePath(caseId, type), { token: tokens[who], body });
    if (res.status >= 300) throw new Error(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  async function granted(s: Pick<Stay, 'givenName' | 'familyName' | 'birthDate' | 'gender'>, moveInOn: IsoDate) {
    const personId = await created('/api/v1/people', tokens.worker, {
      givenName: s.givenName,
      familyName: s.familyName,
      birthDate: s.birthDate,
      gender: s.gender,
    });
    const referredOn = addDays(moveInOn, -8);
    const caseId = await created('/api/v1/cases', tokens.worker, {
      on: referredOn,
      referralSource: 'health_and_social_office',
      referrer: { name: 'Siri Saksbehandler', organisation: 'Helse- og sosialkontor Sentrum' },
      personId,
      facilityId,
      screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: true },
      reason: 'Bostedsløs etter at leiekontrakten gikk ut',
      consent: { given: true, scope: 'Boligtjenesten og vurderingsteamet', date: referredOn },
    });
    await step(
      caseId,
      'RecordAssessmentMeeting',
      { on: addDays(moveInOn, -7), members: ['Enhetsleder', 'Teamleder'], outcome: 'accepted', notes: 'Innenfor målgruppen' },
      'lead',
    );
    await step(
      caseId,
      'IssueDecision',
      {
        on: addDays(moveInOn, -6),
        kind: 'grant',
        legalBasis: 'sotjl_27',
        facts: 'Bostedsløs',
        mainConsiderations: 'Trenger bolig nå',
        decidedBy: 'Per Teamleder',
        notifiedOn: addDays(moveInOn, -5),
      },
      'lead',
    );
    return { personId, caseId };
  }
  async function movedIn(caseId: string, unitId: string, moveInOn: IsoDate) {
    const offerId = await step(caseId, 'OfferUnit', { on: addDays(moveInOn, -4), unitId, facilityId, expiresOn: addDays(moveInOn, 3) });
    await step(caseId, 'AcceptOffer', { on: addDays(moveInOn, -3), offerId });
    await step(caseId, 'MoveIn', {
      on: moveInOn,
      offerId,
      unitId,
      agreement: { kind: 'temporary_agreement', startsOn: moveInOn, endsOn: addDays(moveInOn, 89) },
      houseRulesAcknowledged: true,
      informationLetterAcknowledged: true,
      contactPersons: ['Ola Miljøterapeut'],
      crisisPlan: { summary: 'Ring kontaktpersonen, så legevakten', madeOn: moveInOn },
      actionPlan: [{ goal: 'Beholde boligen', measure: 'Hjemmebesøk hver uke', responsible: 'Ola Miljøterapeut' }],
    });
  }
  return { created, step, granted, movedIn };
}

export interface Stay {
  givenName: string;
  familyName: string;
  birthDate: string;
  gender: 'female' | 'male';
  moveInOn: IsoDate;
  incidents: { on: string; kind: string }[];
  /** Ends with an exclusion decided on this day for this reason (exit reason `excluded`). */
  exclusion?: { on: string; reason: string };
  moveOut: { on: IsoDate; destination: string };
}

export interface SeededWorld {
  homeId: string;
  otherId: string;
  tokens: Record<'admin' | 'worker' | 'lead', string>;
  /** Usernames of the browser users; all have PASSWORD. */
  users: Record<'supervisor' | 'auditor' | 'outsider', string>;
  people: { personId: string; caseId: string; name: string }[];
}

/**
 * Two facilities, staff in every role (and a case worker of the other facility), and people driven
 * through the HTTP API as staff would: referral, assessment, grant, offer, move-in, incidents, maybe
 * an exclusion, and a move-out with a destination. Every step asserts its own answer.
 */
export async function seedStays(t: TestApp, stays: readonly Stay[]): Promise<SeededWorld> {
  const admin = await t.adminToken();
  const created = creator(t);
  const homeId = await created('/api/v1/facilities', admin, facilityBody('Bolig Nu', 'Bodø'));
  const otherId = await created('/api/v1/facilities', admin, facilityBody('Hålogalandsgata', 'Bodø'));

  const grants = {
    'sa.saksbehandler': [{ role: 'case_worker', facilityIds: [homeId] }],
    'sa.teamleder': [{ role: 'team_lead', facilityIds: [homeId] }],
    'sa.fagleder': [{ role: 'supervisor', facilityIds: [homeId] }],
    'sa.revisor': [{ role: 'auditor' }],
    'sa.nattevakt': [{ role: 'case_worker', facilityIds: [otherId] }],
  };
  for (const [username, g] of Object.entries(grants)) await created('/api/v1/users', admin, { username, displayName: username, password: PASSWORD, grants: g });
  const tokens = { admin, worker: await t.login('sa.saksbehandler', PASSWORD), lead: await t.login('sa.teamleder', PASSWORD) };

  const { step, granted, movedIn } = caseSteps(t, tokens, homeId);

  const people: SeededWorld['people'] = [];
  for (const [i, s] of stays.entries()) {
    const unitId = await created(`/api/v1/facilities/${homeId}/units`, admin, { label: `BN0${i + 1}`, kind: 'temporary', capacity: 1 });
    const { personId, caseId } = await granted(s, s.moveInOn);
    await movedIn(caseId, unitId, s.moveInOn);
    for (const incident of s.incidents)
      await step(caseId, 'RecordIncident', { on: incident.on, kind: incident.kind, severity: 'low', description: 'Registrert i testen' });
    if (s.exclusion) {
      await step(
        caseId,
        'DecideExclusion',
        {
          on: s.exclusion.on,
          reasons: [s.exclusion.reason],
          overallAssessment: 'Gjentatte trusler mot ansatte etter to advarsler',
          effectiveOn: s.moveOut.on,
          decision: { legalBasis: 'sotjl_27', facts: 'Trusler', mainConsiderations: 'Sikkerheten til beboere og ansatte', decidedBy: 'Per Teamleder' },
        },
        'lead',
      );
    }
    await step(caseId, 'MoveOut', { on: s.moveOut.on, destination: s.moveOut.destination, exitReason: s.exclusion ? 'excluded' : 'completed' });
    people.push({ personId, caseId, name: `${s.givenName} ${s.familyName}` });
  }
  return { homeId, otherId, tokens, users: { supervisor: 'sa.fagleder', auditor: 'sa.revisor', outsider: 'sa.nattevakt' }, people };
}
