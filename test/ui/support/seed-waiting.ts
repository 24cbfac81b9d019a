import { casePath } from '../../../apps/api/src/features/cases/case-commands';
import { addDays, CaseCommandType, IsoDate } from '@app/domain';
import { TestApp } from '../../support/test-app';
import type { SeededWorld } from './seed-stays';

/**
 * One person granted a place in the world's home facility and put on its waiting list (priority 2),
 * through the HTTP API as staff would. Gives the waiting list a row and the case page a form to fill.
 */
export async function seedWaiting(
  t: TestApp,
  world: SeededWorld,
  person: { givenName: string; familyName: string },
  on: IsoDate,
): Promise<{ personId: string; caseId: string }> {
  const { worker, lead } = world.tokens;
  const created = async (path: string, body: unknown) => {
    const res = await t.request('POST', path, { token: worker, body });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const personId = await created('/api/v1/people', { ...person, birthDate: '1985-09-01', gender: 'male' });
  const referredOn = addDays(on, -3);
  const caseId = await created('/api/v1/cases', {
    on: referredOn,
    referralSource: 'health_and_social_office',
    referrer: { name: 'Siri Saksbehandler', organisation: 'Helse- og sosialkontor Sentrum' },
    personId,
    facilityId: world.homeId,
    screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: true },
    reason: 'Bor på hospits',
    consent: { given: true, scope: 'Boligtjenesten og vurderingsteamet', date: referredOn },
  });
  const step = async (type: CaseCommandType, body: object, token: string) => {
    const res = await t.request('POST', casePath(caseId, type), { token, body });
    if (res.status >= 300) throw new Error(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await step(
    'RecordAssessmentMeeting',
    { on: addDays(on, -2), members: ['Enhetsleder', 'Teamleder'], outcome: 'accepted', notes: 'Innenfor målgruppen' },
    lead,
  );
  await step(
    'IssueDecision',
    {
      on: addDays(on, -1),
      kind: 'grant',
      legalBasis: 'sotjl_27',
      facts: 'Bostedsløs',
      mainConsiderations: 'Trenger bolig',
      decidedBy: 'Per Teamleder',
      notifiedOn: on,
    },
    lead,
  );
  await step('PlaceOnWaitingList', { on, facilityId: world.homeId, priority: 2 }, worker);
  return { personId, caseId };
}
