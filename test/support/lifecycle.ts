import type { TestApp } from './test-app';

/** A temporary housing facility in Bodø that takes adults, for a case to go through. */
export const facilityBody = (name: string) => ({
  name,
  kind: 'temporary_housing',
  municipality: 'Bodø',
  targetGroup: { minAge: 18, excludesFamiliesWithChildren: false, excludesActiveHeavySubstanceUse: false, requiresCoOccurringDisorder: false },
  maxStayDays: 90,
  exclusionReasons: ['violence_or_threats', 'repeated_house_rule_breaches'],
});

/** A referral from NAV of a homeless person with a co-occurring disorder, consent given. */
export const referralBody = (personId: string, facilityId: string, on: string) => ({
  on,
  referralSource: 'nav',
  referrer: { name: 'Siri Saksbehandler', organisation: 'NAV Bodø' },
  personId,
  facilityId,
  screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: true },
  reason: 'Bostedsløs etter utkastelse',
  consent: { given: true, scope: 'Boligtjenesten', date: on },
});

/** POSTs that must create (201): the new id, or a failure naming the path and the answer. */
export const creator =
  (t: TestApp) =>
  async (path: string, token: string, body: unknown): Promise<string> => {
    const res = await t.request('POST', path, { token, body });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };

/** An action plan of one goal, as a move-in or follow-up records it. */
export const actionPlan = [{ goal: 'Beholde boligen', measure: 'Hjemmebesøk hver uke', responsible: 'Ola Miljøterapeut' }];

/** A move-in on 10 September 2026 into the unit of the accepted offer, on a temporary agreement to 30 November. */
export const moveInBody = (offerId: string, unitId: string) => ({
  on: '2026-09-10',
  offerId,
  unitId,
  agreement: { kind: 'temporary_agreement', startsOn: '2026-09-10', endsOn: '2026-11-30' },
  houseRulesAcknowledged: true,
  informationLetterAcknowledged: true,
  contactPersons: ['Ola Miljøterapeut'],
  actionPlan,
});
