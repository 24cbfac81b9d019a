import { RowChange } from '@app/projections';
import { domainProjection } from '../shared/projected-event';

/**
 * Facts for the outcome report (Bolig Nu's table: offered, lived there, where they went, declined,
 * ended by the service, living there now, waiting now, length of stay, bed-nights, ages, genders,
 * exclusions by reason, incidents by month). One row per fact, keyed by the case and the record's own
 * id, with the values the events state; every count, mean and period cut is made at query time.
 * All dates are the events' effective dates (`on`), never the day they were recorded.
 *
 * Personal data: the only field here taken from a person's encrypted fields is the gender on the
 * referral's person snapshot; when the person is forgotten (PersonForgotten) it is dropped, as a
 * rebuild would find it unreadable. Ages, dates, codes and ids stay for the statistics.
 */
export const OUTCOMES = 'outcomes';

export const outcomesProjection = domainProjection({
  name: OUTCOMES,
  // 2: outcomes_decisions, for the time from referral to the formal decision.
  version: 2,
  eventTypes: [
    'ReferralRegistered',
    'ReferralWithdrawn',
    'PlacedOnWaitingList',
    'RemovedFromWaitingList',
    'UnitOffered',
    'OfferAccepted',
    'OfferDeclined',
    'OfferExpired',
    'MovedIn',
    'MovedOut',
    'ExclusionDecided',
    'DecisionIssued',
    'IncidentRecorded',
    'PersonForgotten',
  ],
  onPoison: 'continue',
  tables: [
    {
      // The person as known at referral: gender comes from here (MovedIn does not carry it).
      name: 'outcomes_referrals',
      columns: `case_id TEXT NOT NULL PRIMARY KEY, person_id TEXT NOT NULL, facility_id TEXT NOT NULL, referred_on TEXT NOT NULL,
        age_on_referral INTEGER NOT NULL, gender TEXT, referral_source TEXT NOT NULL`,
      indexes: ['(facility_id, referred_on)', '(person_id)'],
    },
    {
      name: 'outcomes_withdrawals',
      columns: `case_id TEXT NOT NULL PRIMARY KEY, person_id TEXT NOT NULL, facility_id TEXT NOT NULL, withdrawn_on TEXT NOT NULL,
        reason TEXT NOT NULL, from_status TEXT NOT NULL`,
      indexes: ['(facility_id, withdrawn_on)'],
    },
    {
      // One spell on the waiting list; a case may be placed again after being taken off.
      name: 'outcomes_waiting_list',
      columns: `case_id TEXT NOT NULL, placed_on TEXT NOT NULL, person_id TEXT NOT NULL, facility_id TEXT NOT NULL, removed_on TEXT,
        removal_reason TEXT, PRIMARY KEY (case_id, placed_on)`,
      indexes: ['(facility_id, placed_on)'],
    },
    {
      name: 'outcomes_offers',
      columns: `case_id TEXT NOT NULL, offer_id TEXT NOT NULL, person_id TEXT NOT NULL, facility_id TEXT NOT NULL, offered_on TEXT NOT NULL,
        offer_number INTEGER NOT NULL, status TEXT NOT NULL, answered_on TEXT, PRIMARY KEY (case_id, offer_id)`,
      indexes: ['(facility_id, offered_on)', '(person_id)'],
    },
    {
      // One stay per case (a second stay is a new referral, so a new case).
      name: 'outcomes_stays',
      columns: `case_id TEXT NOT NULL PRIMARY KEY, person_id TEXT NOT NULL, facility_id TEXT NOT NULL, unit_id TEXT NOT NULL,
        moved_in_on TEXT NOT NULL, age_on_move_in INTEGER NOT NULL, agreement_kind TEXT NOT NULL, moved_out_on TEXT, destination TEXT,
        destination_category TEXT, exit_reason TEXT, nights INTEGER, exclusion_id TEXT`,
      indexes: ['(facility_id, moved_in_on)', '(facility_id, moved_out_on)', '(person_id)'],
    },
    {
      // Formal decisions on referrals (grants and refusals): the first of a case ends its wait for an answer.
      name: 'outcomes_decisions',
      columns: `case_id TEXT NOT NULL, decision_id TEXT NOT NULL, facility_id TEXT NOT NULL, kind TEXT NOT NULL, issued_on TEXT NOT NULL,
        PRIMARY KEY (case_id, decision_id)`,
      indexes: ['(facility_id, issued_on)'],
    },
    {
      name: 'outcomes_exclusions',
      columns: `case_id TEXT NOT NULL, exclusion_id TEXT NOT NULL, person_id TEXT NOT NULL, facility_id TEXT NOT NULL, decided_on TEXT NOT NULL,
        effective_on TEXT NOT NULL, decision_id TEXT NOT NULL, PRIMARY KEY (case_id, exclusion_id)`,
      indexes: ['(facility_id, decided_on)'],
    },
    {
      // One row per reason an exclusion rests on (an overall assessment may name several).
      name: 'outcomes_exclusion_reasons',
      columns: `case_id TEXT NOT NULL, exclusion_id TEXT NOT NULL, reason TEXT NOT NULL, facility_id TEXT NOT NULL, decided_on TEXT NOT NULL,
        PRIMARY KEY (case_id, exclusion_id, reason)`,
    },
    {
      name: 'outcomes_incidents',
      columns: `case_id TEXT NOT NULL, incident_id TEXT NOT NULL, person_id TEXT NOT NULL, facility_id TEXT NOT NULL, occurred_on TEXT NOT NULL,
        kind TEXT NOT NULL, severity TEXT NOT NULL, PRIMARY KEY (case_id, incident_id)`,
      indexes: ['(facility_id, occurred_on)'],
    },
  ],
  handle(e): RowChange[] {
    switch (e.type) {
      case 'ReferralRegistered': {
        const d = e.data;
        const row = {
          case_id: d.caseId,
          person_id: d.personId,
          facility_id: d.facilityId,
          referred_on: d.on,
          age_on_referral: d.ageOnReferral,
          gender: d.person?.gender ?? null,
          referral_source: d.referralSource,
        };
        return [{ op: 'upsert', table: 'outcomes_referrals', key: ['case_id'], row }];
      }
      case 'DecisionIssued': {
        const d = e.data;
        if (d.kind === 'exclusion') return [];
        const row = { case_id: d.caseId, decision_id: d.decisionId, facility_id: d.facilityId, kind: d.kind, issued_on: d.on };
        return [{ op: 'upsert', table: 'outcomes_decisions', key: ['case_id', 'decision_id'], row }];
      }
      case 'ReferralWithdrawn': {
        const d = e.data;
        const row = { case_id: d.caseId, person_id: d.personId, facility_id: d.facilityId, withdrawn_on: d.on, reason: d.reason, from_status: d.fromStatus };
        return [{ op: 'upsert', table: 'outcomes_withdrawals', key: ['case_id'], row }];
      }
      case 'PlacedOnWaitingList': {
        const d = e.data;
        const row = { case_id: d.caseId, placed_on: d.on, person_id: d.personId, facility_id: d.facilityId, removed_on: null, removal_reason: null };
        return [{ op: 'upsert', table: 'outcomes_waiting_list', key: ['case_id', 'placed_on'], row }];
      }
      case 'RemovedFromWaitingList': {
        const d = e.data;
        // The event names the spell it ends by the day it began.
        return [
          {
            op: 'update',
            table: 'outcomes_waiting_list',
            set: { removed_on: d.on, removal_reason: d.reason },
            where: { case_id: d.caseId, placed_on: d.placedOn },
          },
        ];
      }
      case 'UnitOffered': {
        const d = e.data;
        const row = {
          case_id: d.caseId,
          offer_id: d.offerId,
          person_id: d.personId,
          facility_id: d.facilityId,
          offered_on: d.on,
          offer_number: d.offerNumber,
          status: 'open',
          answered_on: null,
        };
        return [{ op: 'upsert', table: 'outcomes_offers', key: ['case_id', 'offer_id'], row }];
      }
      case 'OfferAccepted':
      case 'OfferDeclined':
      case 'OfferExpired': {
        const status = e.type === 'OfferAccepted' ? 'accepted' : e.type === 'OfferDeclined' ? 'declined' : 'expired';
        return [
          { op: 'update', table: 'outcomes_offers', set: { status, answered_on: e.data.on }, where: { case_id: e.data.caseId, offer_id: e.data.offerId } },
        ];
      }
      case 'MovedIn': {
        const d = e.data;
        const row = {
          case_id: d.caseId,
          person_id: d.personId,
          facility_id: d.facilityId,
          unit_id: d.unitId,
          moved_in_on: d.on,
          age_on_move_in: d.ageOnMoveIn,
          agreement_kind: d.agreement.kind,
          moved_out_on: null,
          destination: null,
          destination_category: null,
          exit_reason: null,
          nights: null,
          exclusion_id: null,
        };
        return [{ op: 'upsert', table: 'outcomes_stays', key: ['case_id'], row }];
      }
      case 'MovedOut': {
        const d = e.data;
        const set = {
          moved_out_on: d.on,
          destination: d.destination,
          destination_category: d.destinationCategory,
          exit_reason: d.exitReason,
          nights: d.nights,
          exclusion_id: d.exclusionId ?? null,
        };
        return [{ op: 'update', table: 'outcomes_stays', set, where: { case_id: d.caseId } }];
      }
      case 'ExclusionDecided': {
        const d = e.data;
        const exclusion: RowChange = {
          op: 'upsert',
          table: 'outcomes_exclusions',
          key: ['case_id', 'exclusion_id'],
          row: {
            case_id: d.caseId,
            exclusion_id: d.exclusionId,
            person_id: d.personId,
            facility_id: d.facilityId,
            decided_on: d.on,
            effective_on: d.effectiveOn,
            decision_id: d.decisionId,
          },
        };
        const reasons: RowChange[] = [...new Set(d.reasons)].map((reason) => ({
          op: 'upsert',
          table: 'outcomes_exclusion_reasons',
          key: ['case_id', 'exclusion_id', 'reason'],
          row: { case_id: d.caseId, exclusion_id: d.exclusionId, reason, facility_id: d.facilityId, decided_on: d.on },
        }));
        return [exclusion, ...reasons];
      }
      case 'IncidentRecorded': {
        const d = e.data;
        const row = {
          case_id: d.caseId,
          incident_id: d.incidentId,
          person_id: d.personId,
          facility_id: d.facilityId,
          occurred_on: d.on,
          kind: d.kind,
          severity: d.severity,
        };
        return [{ op: 'upsert', table: 'outcomes_incidents', key: ['case_id', 'incident_id'], row }];
      }
      case 'PersonForgotten':
        return [{ op: 'update', table: 'outcomes_referrals', set: { gender: null }, where: { person_id: e.data.personId } }];
      default:
        return [];
    }
  },
});
