import { specFor } from '../../shared/given-when-then';
import { allowedCaseCommands } from '../case.decide';
import { caseDecider } from '../case.decider';
import { cmd, history, historyOf, paths, stateOf } from '../case.fixtures';

const given = specFor(caseDecider);
const who = { personId: 'p1', facilityId: 'f1' };

describe('waiting list, offers and move-in', () => {
  describe('PlaceOnWaitingList', () => {
    it('places a granted person on the list', () => {
      given(...history('granted'))
        .when(cmd.placeOnList())
        .then({ type: 'PlacedOnWaitingList', data: { caseId: 'c1', on: '2025-01-16', facilityId: 'f1', priority: 3, personId: 'p1' } });
    });
    it('is idempotent', () => {
      given(...history('granted', cmd.placeOnList()))
        .when(cmd.placeOnList())
        .thenNothing();
    });
    it('counts as a repeat only while the person is on the list', () => {
      given(...history('granted', cmd.placeOnList(), cmd.removeFromList()))
        .when(cmd.placeOnList({ on: '2025-01-19' }))
        .thenRecords('PlacedOnWaitingList');
    });
    it('refuses another facility (a new referral is made there)', () => {
      given(...history('granted'))
        .when(cmd.placeOnList({ facilityId: 'f2' }))
        .thenRejects('case.facility_mismatch', 'facilityId');
    });
    it('refuses a priority outside 1–5', () => {
      given(...history('granted'))
        .when(cmd.placeOnList({ priority: 9 }))
        .thenRejects('waiting_list.priority_range', 'priority');
    });
    it('needs a grant', () => {
      given(...history('accepted'))
        .when(cmd.placeOnList())
        .thenRejects('waiting_list.requires_grant');
    });
    it('is not possible before acceptance', () => {
      given(...history('referred'))
        .when(cmd.placeOnList())
        .thenRejects('case.not_allowed_in_status');
    });
  });

  describe('ChangeWaitingListPriority', () => {
    it('changes the priority', () => {
      given(...history('waitlisted'))
        .when(cmd.changePriority(1))
        .then({ type: 'WaitingListPriorityChanged', data: { caseId: 'c1', on: '2025-01-17', priority: 1, ...who, previousPriority: 2 } });
    });
    it('records nothing when the priority is the same', () => {
      given(...history('waitlisted'))
        .when(cmd.changePriority(2))
        .thenNothing();
    });
    it('refuses a priority outside 1–5', () => {
      given(...history('waitlisted'))
        .when(cmd.changePriority(0))
        .thenRejects('waiting_list.priority_range', 'priority');
    });
    it('needs the person on the list', () => {
      given(...history('granted'))
        .when(cmd.changePriority(1))
        .thenRejects('waiting_list.not_on_list');
    });
    it('is possible while an offer to a waitlisted person is open', () => {
      given(...history('waitlistedGranted', cmd.offer()))
        .when(cmd.changePriority(1))
        .thenRecords('WaitingListPriorityChanged');
    });
  });

  describe('RemoveFromWaitingList', () => {
    it('takes the person off the list, back to the team when there is no grant', () => {
      const events = given(...history('waitlisted'))
        .when(cmd.removeFromList({ note: 'Needs new assessment' }))
        .events();
      expect(events).toEqual([
        {
          type: 'RemovedFromWaitingList',
          data: {
            caseId: 'c1',
            on: '2025-01-18',
            ...who,
            reason: 'reassessment',
            note: 'Needs new assessment',
            priority: 2,
            placedOn: '2025-01-13',
            waitedDays: 5,
          },
        },
      ]);
      expect(stateOf([...history('waitlisted'), ...events]).status).toBe('in_assessment');
    });
    it('returns a granted person to accepted', () => {
      const events = history('granted', cmd.placeOnList(), cmd.removeFromList({ reason: 'no_longer_needed' }));
      expect(stateOf(events).status).toBe('accepted');
    });
    it('is idempotent', () => {
      given(...history('waitlisted', cmd.removeFromList()))
        .when(cmd.removeFromList())
        .thenNothing();
    });
    it('counts as a repeat only while the person is off the list', () => {
      const placedAgain = history('granted', cmd.placeOnList(), cmd.removeFromList(), cmd.placeOnList({ on: '2025-01-18', priority: 1 }));
      given(...placedAgain)
        .when(cmd.removeFromList())
        .thenRecords('RemovedFromWaitingList');
    });
    it('is not possible while an offer is open', () => {
      given(...history('waitlistedGranted', cmd.offer()))
        .when(cmd.removeFromList())
        .thenRejects('case.not_allowed_in_status');
    });
  });

  describe('OfferUnit', () => {
    it('offers a unit to a granted person', () => {
      given(...history('granted'))
        .when(cmd.offer())
        .then({
          type: 'UnitOffered',
          data: {
            caseId: 'c1',
            on: '2025-01-20',
            offerId: 'o1',
            unitId: 'u1',
            facilityId: 'f1',
            expiresOn: '2025-01-27',
            personId: 'p1',
            offerNumber: 1,
          },
        });
    });
    it('offers a unit to a person waitlisted from the meeting once the grant is issued', () => {
      given(...history('waitlistedGranted'))
        .when(cmd.offer())
        .thenRecords('UnitOffered');
    });
    it('refuses an offer to a person waitlisted from the meeting without a grant (no enkeltvedtak, no placement)', () => {
      given(...history('waitlisted'))
        .when(cmd.offer())
        .thenRejects('offer.requires_grant');
    });
    it('numbers a second offer after a decline (Bolig Nu: "2 offered twice")', () => {
      const [event] = given(...history('offered', cmd.decline()))
        .when(cmd.offer({ offerId: 'o2', on: '2025-01-22', expiresOn: '2025-01-29' }))
        .events();
      expect(event.data).toMatchObject({ offerNumber: 2 });
    });
    it('is idempotent', () => {
      given(...history('offered'))
        .when(cmd.offer())
        .thenNothing();
    });
    it('refuses a used offer id', () => {
      given(...history('offered', cmd.decline()))
        .when(cmd.offer({ unitId: 'u9' }))
        .thenRejects('case.id_already_used', 'offerId');
    });
    it('allows one open offer at a time', () => {
      given(...history('offered'))
        .when(cmd.offer({ offerId: 'o2' }))
        .thenRejects('offer.already_open');
    });
    it('needs a grant or a place on the waiting list', () => {
      given(...history('accepted'))
        .when(cmd.offer())
        .thenRejects('offer.requires_grant');
    });
    it('refuses another facility', () => {
      given(...history('granted'))
        .when(cmd.offer({ facilityId: 'f2' }))
        .thenRejects('case.facility_mismatch', 'facilityId');
    });
    it('expires after the day it is made', () => {
      given(...history('granted'))
        .when(cmd.offer({ expiresOn: '2025-01-20' }))
        .thenRejects('offer.expiry_not_after_offer', 'expiresOn');
    });
    it('needs the grant to stand: after it was set aside on appeal, a new grant comes first', () => {
      const setAside = history('granted', cmd.receiveAppeal({ decisionId: 'd-grant' }), cmd.reviewAppeal('reversed'));
      given(...setAside)
        .when(cmd.offer({ on: '2025-01-28' }))
        .thenRejects('offer.requires_grant');
      given(...setAside, ...[])
        .when(cmd.decision('grant', { decisionId: 'd2', on: '2025-01-28', notifiedOn: '2025-01-28' }))
        .thenRecords('DecisionIssued');
      const regranted = historyOf(
        ...paths.granted(),
        cmd.receiveAppeal({ decisionId: 'd-grant' }),
        cmd.reviewAppeal('reversed'),
        cmd.decision('grant', { decisionId: 'd2', on: '2025-01-28', notifiedOn: '2025-01-28' }),
      );
      given(...regranted)
        .when(cmd.offer({ on: '2025-01-28', expiresOn: '2025-02-04' }))
        .thenRecords('UnitOffered');
    });
  });

  describe('AcceptOffer', () => {
    it('accepts the open offer', () => {
      given(...history('offered'))
        .when(cmd.accept())
        .then({ type: 'OfferAccepted', data: { caseId: 'c1', on: '2025-01-21', offerId: 'o1', ...who, unitId: 'u1' } });
    });
    it('accepts on the last day', () => {
      given(...history('offered'))
        .when(cmd.accept({ on: '2025-01-27' }))
        .thenRecords('OfferAccepted');
    });
    it('is idempotent', () => {
      given(...history('offerAccepted'))
        .when(cmd.accept())
        .thenNothing();
    });
    it('refuses another offer', () => {
      given(...history('offered'))
        .when(cmd.accept({ offerId: 'o2' }))
        .thenRejects('offer.not_open', 'offerId');
    });
    it('refuses after the offer expired', () => {
      given(...history('offered'))
        .when(cmd.accept({ on: '2025-01-28' }))
        .thenRejects('offer.expired', 'on');
    });
    it('needs an open offer', () => {
      given(...history('granted'))
        .when(cmd.accept())
        .thenRejects('case.not_allowed_in_status');
    });
  });

  describe('DeclineOffer', () => {
    it('declines and counts the decline', () => {
      given(...history('offered'))
        .when(cmd.decline())
        .then({
          type: 'OfferDeclined',
          data: {
            caseId: 'c1',
            on: '2025-01-21',
            offerId: 'o1',
            reason: 'Too far from family',
            ...who,
            unitId: 'u1',
            declinedOffers: 1,
            afterAccepting: false,
          },
        });
    });
    it('counts declines in the state and returns to waiting', () => {
      const events = history(
        'waitlistedGranted',
        cmd.offer(),
        cmd.decline(),
        cmd.offer({ offerId: 'o2', on: '2025-01-22', expiresOn: '2025-01-29' }),
        cmd.decline({ offerId: 'o2', on: '2025-01-23' }),
      );
      expect(stateOf(events)).toMatchObject({ status: 'waitlisted', declinedOffers: 2 });
    });
    it('can be declined after accepting, before moving in', () => {
      const [event] = given(...history('offerAccepted'))
        .when(cmd.decline({ on: '2025-01-25' }))
        .events();
      expect(event.data).toMatchObject({ afterAccepting: true });
    });
    it('is idempotent', () => {
      given(...history('offered', cmd.decline()))
        .when(cmd.decline())
        .thenNothing();
    });
    it('refuses another offer', () => {
      given(...history('offered'))
        .when(cmd.decline({ offerId: 'o2' }))
        .thenRejects('offer.not_open', 'offerId');
    });
    it('needs an open offer', () => {
      given(...history('resident'))
        .when(cmd.decline())
        .thenRejects('case.not_allowed_in_status');
    });
  });

  describe('ExpireOffer', () => {
    it('expires the offer after its last day', () => {
      given(...history('offered'))
        .when(cmd.expire())
        .then({ type: 'OfferExpired', data: { caseId: 'c1', on: '2025-01-28', offerId: 'o1', ...who, unitId: 'u1', expiresOn: '2025-01-27' } });
    });
    it('does not count as a decline', () => {
      expect(stateOf(history('offered', cmd.expire()))).toMatchObject({ status: 'accepted', declinedOffers: 0 });
    });
    it('is idempotent', () => {
      given(...history('offered', cmd.expire()))
        .when(cmd.expire())
        .thenNothing();
    });
    it('refuses before the last day has passed', () => {
      given(...history('offered'))
        .when(cmd.expire({ on: '2025-01-27' }))
        .thenRejects('offer.not_yet_expired', 'on');
    });
    it('refuses another offer', () => {
      given(...history('offered'))
        .when(cmd.expire({ offerId: 'o2' }))
        .thenRejects('offer.not_open', 'offerId');
    });
    it('needs an open offer', () => {
      given(...history('offerAccepted'))
        .when(cmd.expire())
        .thenRejects('case.not_allowed_in_status');
    });
  });

  describe('MoveIn', () => {
    it('needs the grant to stand on the move-in day (set aside after the offer: no move-in until a new grant)', () => {
      const setAside = history(
        'offerAccepted',
        cmd.receiveAppeal({ on: '2025-01-21', receivedOn: '2025-01-21', decisionId: 'd-grant' }),
        cmd.reviewAppeal('reversed', { on: '2025-01-22' }),
      );
      given(...setAside)
        .when(cmd.moveIn())
        .thenRejects('move_in.requires_grant');
      expect(allowedCaseCommands(stateOf(setAside))).not.toContain('MoveIn');
    });
    it('moves in a person waitlisted straight from the meeting once granted', () => {
      given(...history('waitlistedGranted', cmd.offer(), cmd.accept()))
        .when(cmd.moveIn())
        .thenRecords('RemovedFromWaitingList', 'MovedIn');
    });
    it('moves the person into the unit of the accepted offer, with the agreement and its limit', () => {
      const { type: _type, today: _today, ...fields } = cmd.moveIn();
      given(...history('offerAccepted'))
        .when(cmd.moveIn())
        .then({ type: 'MovedIn', data: { ...fields, ...who, agreementLimit: '2026-02-01', ageOnMoveIn: 34 } });
    });
    it('takes a waitlisted person off the list on moving in', () => {
      const events = given(...history('waitlistedGranted', cmd.offer(), cmd.accept()))
        .when(cmd.moveIn())
        .events();
      expect(events.map((e) => e.type)).toEqual(['RemovedFromWaitingList', 'MovedIn']);
      expect(events[0].data).toMatchObject({ reason: 'moved_in', waitedDays: 19 });
    });
    it('is idempotent', () => {
      given(...history('resident'))
        .when(cmd.moveIn())
        .thenNothing();
    });
    it('refuses a different move-in under a used id', () => {
      given(...history('resident'))
        .when(cmd.moveIn({ unitId: 'u2' }))
        .thenRejects('case.id_already_used', 'moveInId');
    });
    it('needs an accepted offer', () => {
      given(...history('offered'))
        .when(cmd.moveIn())
        .thenRejects('move_in.requires_accepted_offer');
      given(...history('granted'))
        .when(cmd.moveIn())
        .thenRejects('move_in.requires_accepted_offer');
    });
    it('needs the accepted offer itself', () => {
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ offerId: 'o2' }))
        .thenRejects('move_in.requires_accepted_offer', 'offerId');
    });
    it('needs the unit of the accepted offer', () => {
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ unitId: 'u2' }))
        .thenRejects('move_in.requires_accepted_offer', 'unitId');
    });
    it('needs the house rules acknowledged', () => {
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ houseRulesAcknowledged: false }))
        .thenRejects('move_in.house_rules_not_acknowledged', 'houseRulesAcknowledged');
    });
    it('needs a contact person', () => {
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ contactPersons: [] }))
        .thenRejects('move_in.contact_person_required', 'contactPersons');
    });
    it('needs complete action plan lines', () => {
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ actionPlan: [{ goal: 'Keep the flat', measure: '', responsible: 'Contact person' }] }))
        .thenRejects('care.action_plan_item_incomplete', 'actionPlan.0');
    });
    it('allows a service agreement of exactly 12 months and refuses one day more', () => {
      const agreement = { kind: 'service_agreement' as const, startsOn: '2025-02-01', endsOn: '2026-02-01' };
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ agreement }))
        .thenRecords('MovedIn');
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ agreement: { ...agreement, endsOn: '2026-02-02' } }))
        .thenRejects('agreement.service_max_12_months', 'agreement.endsOn');
    });
    it('allows a temporary agreement of 3 months, longer only with a justification', () => {
      const agreement = { kind: 'temporary_agreement' as const, startsOn: '2025-02-01', endsOn: '2025-05-01' };
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ agreement }))
        .thenRecords('MovedIn');
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ agreement: { ...agreement, endsOn: '2025-05-02' } }))
        .thenRejects('agreement.temporary_max_3_months', 'agreement.endsOn');
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ agreement: { ...agreement, endsOn: '2025-06-01', extensionJustification: 'Flat ready in June' } }))
        .thenRecords('MovedIn');
    });
    it("applies the facility's shorter longest stay to a temporary agreement", () => {
      const agreement = { kind: 'temporary_agreement' as const, startsOn: '2025-02-01', endsOn: '2025-04-02' };
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ agreement, facilityMaxStayDays: 59 }))
        .thenRejects('agreement.temporary_max_3_months', 'agreement.endsOn');
    });
    it('needs an end on a service agreement', () => {
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ agreement: { kind: 'service_agreement', startsOn: '2025-02-01' } }))
        .thenRejects('agreement.end_required', 'agreement.endsOn');
    });
    it('refuses an agreement ending before it starts', () => {
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ agreement: { kind: 'service_agreement', startsOn: '2025-02-01', endsOn: '2025-01-01' } }))
        .thenRejects('agreement.ends_before_start', 'agreement.endsOn');
    });
    it('allows a time-limited lease of exactly 3 years and refuses a shorter one (husll § 9-3)', () => {
      const leaseTerms = { specialTermsHusll11_1: false, indefinite: false };
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ agreement: { kind: 'lease', startsOn: '2025-02-01', endsOn: '2028-02-01', leaseTerms } }))
        .thenRecords('MovedIn');
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ agreement: { kind: 'lease', startsOn: '2025-02-01', endsOn: '2028-01-31', leaseTerms } }))
        .thenRejects('agreement.lease_min_3_years', 'agreement.endsOn');
    });
    it('moves in under a one-year lease of a dwelling let to the disadvantaged, its special terms told in writing first (husll § 11-1)', () => {
      const leaseTerms = {
        specialTermsHusll11_1: true,
        writtenNoticeGivenOn: '2025-01-25',
        writtenNoticeStatesFewerRights: true,
        signedOn: '2025-01-28',
        shortTermReason: 'Gjennomgangsbolig til varig kommunal bolig er tildelt',
        indefinite: false,
      };
      const [moved] = given(...history('offerAccepted'))
        .when(cmd.moveIn({ agreement: { kind: 'lease', startsOn: '2025-02-01', endsOn: '2026-02-01', leaseTerms } }))
        .events();
      expect(moved).toMatchObject({ type: 'MovedIn', data: { agreement: { kind: 'lease', endsOn: '2026-02-01', leaseTerms } } });
      given(...history('offerAccepted'))
        .when(
          cmd.moveIn({ agreement: { kind: 'lease', startsOn: '2025-02-01', endsOn: '2026-02-01', leaseTerms: { ...leaseTerms, shortTermReason: undefined } } }),
        )
        .thenRejects('agreement.lease_short_term_reason_required', 'agreement.leaseTerms.shortTermReason');
    });
    it('refuses special lease terms without written notice first (husll § 11-1)', () => {
      const leaseTerms = { specialTermsHusll11_1: true, writtenNoticeGivenOn: '2025-02-02', indefinite: true };
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ agreement: { kind: 'lease', startsOn: '2025-02-01', leaseTerms } }))
        .thenRejects('agreement.lease_special_terms_notice', 'agreement.leaseTerms.writtenNoticeGivenOn');
    });
    it('refuses a lease without terms, an indefinite lease with an end, and lease terms on another agreement', () => {
      const indefinite = { specialTermsHusll11_1: false, indefinite: true };
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ agreement: { kind: 'lease', startsOn: '2025-02-01' } }))
        .thenRejects('agreement.lease_terms_required', 'agreement.leaseTerms');
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ agreement: { kind: 'lease', startsOn: '2025-02-01', endsOn: '2029-01-01', leaseTerms: indefinite } }))
        .thenRejects('agreement.lease_indefinite_with_end', 'agreement.endsOn');
      given(...history('offerAccepted'))
        .when(cmd.moveIn({ agreement: { kind: 'service_agreement', startsOn: '2025-02-01', endsOn: '2025-06-01', leaseTerms: indefinite } }))
        .thenRejects('agreement.lease_terms_only_for_lease', 'agreement.leaseTerms');
    });
  });
});
