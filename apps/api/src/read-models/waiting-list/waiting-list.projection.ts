import { CaseEvent, FacilityEvent, PersonEvent, UnitEvent } from '@app/domain';
import { Row, RowChange } from '@app/projections';
import { domainProjection } from '../shared/projected-event';

/**
 * The waiting lists: per facility, who waits (priority, since when), how many offers they declined
 * and the offer open to them now; and every exit from a list (why, after how many days) for the
 * supervisor's median wait. Facts from different events live in their own keyed tables (entries,
 * declined counts, offers) and are joined by caseId when queried, so every change is a keyed upsert,
 * an absolute update or a delete, and none depends on the order of the others.
 */
export const WAITING_LIST = 'waiting_list';

export const waitingListProjection = domainProjection({
  name: WAITING_LIST,
  version: 1,
  eventTypes: [
    'PlacedOnWaitingList',
    'WaitingListPriorityChanged',
    'RemovedFromWaitingList',
    'UnitOffered',
    'OfferAccepted',
    'OfferDeclined',
    'OfferExpired',
    'MovedIn',
    'PersonRegistered',
    'PersonDetailsCorrected',
    'PersonForgotten',
    'UnitAdded',
    'FacilityRegistered',
    'FacilityProfileChanged',
  ],
  onPoison: 'pause',
  tables: [
    {
      name: 'waiting_list_entries',
      columns: 'case_id TEXT PRIMARY KEY, facility_id TEXT NOT NULL, person_id TEXT NOT NULL, priority INTEGER NOT NULL, placed_on TEXT NOT NULL',
      indexes: ['(facility_id, priority, placed_on)'],
    },
    {
      // OfferDeclined carries the case's running count, so this is an absolute value.
      name: 'waiting_list_declined',
      columns: 'case_id TEXT PRIMARY KEY, declined_offers INTEGER NOT NULL',
    },
    {
      name: 'waiting_list_offers',
      columns: 'offer_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, unit_id TEXT NOT NULL, offered_on TEXT NOT NULL, expires_on TEXT NOT NULL, accepted_on TEXT',
      indexes: ['(case_id)'],
    },
    {
      // One row per exit from a list, keyed by the event's position.
      name: 'waiting_list_exits',
      columns: `commit_position INTEGER NOT NULL, prepare_position INTEGER NOT NULL, case_id TEXT NOT NULL, facility_id TEXT NOT NULL,
        reason TEXT NOT NULL, priority INTEGER NOT NULL, placed_on TEXT NOT NULL, left_on TEXT NOT NULL, waited_days INTEGER NOT NULL,
        PRIMARY KEY (commit_position, prepare_position)`,
      indexes: ['(facility_id, left_on)'],
    },
    { name: 'waiting_list_people', columns: 'person_id TEXT PRIMARY KEY, given_name TEXT NOT NULL, family_name TEXT NOT NULL' },
    { name: 'waiting_list_units', columns: 'unit_id TEXT PRIMARY KEY, label TEXT NOT NULL, kind TEXT NOT NULL' },
    { name: 'waiting_list_facilities', columns: 'facility_id TEXT PRIMARY KEY, name TEXT NOT NULL' },
  ],
  handle(e) {
    // The person's data was erased (crypto-shredding): so is the copy of their name here.
    if (e.type === 'PersonForgotten') return [del('waiting_list_people', { person_id: e.data.personId })];
    const event = { type: e.type, data: e.data } as CaseEvent | PersonEvent | UnitEvent | FacilityEvent;
    switch (event.type) {
      case 'PlacedOnWaitingList': {
        const { caseId, facilityId, personId, priority, on } = event.data;
        return [upsert('waiting_list_entries', ['case_id'], { case_id: caseId, facility_id: facilityId, person_id: personId, priority, placed_on: on })];
      }
      case 'WaitingListPriorityChanged':
        return [update('waiting_list_entries', { priority: event.data.priority }, { case_id: event.data.caseId })];
      case 'RemovedFromWaitingList': {
        const { caseId, facilityId, reason, priority, placedOn, on, waitedDays } = event.data;
        return [
          del('waiting_list_entries', { case_id: caseId }),
          upsert('waiting_list_exits', ['commit_position', 'prepare_position'], {
            commit_position: e.position.commit,
            prepare_position: e.position.prepare,
            case_id: caseId,
            facility_id: facilityId,
            reason,
            priority,
            placed_on: placedOn,
            left_on: on,
            waited_days: waitedDays,
          }),
        ];
      }
      case 'UnitOffered': {
        const { offerId, caseId, unitId, on, expiresOn } = event.data;
        return [
          upsert('waiting_list_offers', ['offer_id'], {
            offer_id: offerId,
            case_id: caseId,
            unit_id: unitId,
            offered_on: on,
            expires_on: expiresOn,
            accepted_on: null,
          }),
        ];
      }
      case 'OfferAccepted':
        return [update('waiting_list_offers', { accepted_on: event.data.on }, { offer_id: event.data.offerId })];
      case 'OfferDeclined':
        return [
          del('waiting_list_offers', { offer_id: event.data.offerId }),
          upsert('waiting_list_declined', ['case_id'], { case_id: event.data.caseId, declined_offers: event.data.declinedOffers }),
        ];
      case 'OfferExpired':
        return [del('waiting_list_offers', { offer_id: event.data.offerId })];
      case 'MovedIn':
        return [del('waiting_list_offers', { offer_id: event.data.offerId })];
      case 'PersonRegistered': {
        const { personId, givenName, familyName } = event.data;
        return [upsert('waiting_list_people', ['person_id'], { person_id: personId, given_name: givenName, family_name: familyName })];
      }
      case 'PersonDetailsCorrected': {
        const { personId, changes } = event.data;
        const set: Record<string, string> = {};
        if (changes.givenName !== undefined) set.given_name = changes.givenName;
        if (changes.familyName !== undefined) set.family_name = changes.familyName;
        return Object.keys(set).length ? [update('waiting_list_people', set, { person_id: personId })] : [];
      }
      case 'UnitAdded': {
        const { unitId, label, kind } = event.data;
        return [upsert('waiting_list_units', ['unit_id'], { unit_id: unitId, label, kind })];
      }
      case 'FacilityRegistered':
      case 'FacilityProfileChanged':
        return [upsert('waiting_list_facilities', ['facility_id'], { facility_id: event.data.facilityId, name: event.data.name })];
      default:
        return [];
    }
  },
});

const upsert = (table: string, key: string[], row: Row): RowChange => ({ op: 'upsert', table, key, row });
const update = (table: string, set: Row, where: Row): RowChange => ({ op: 'update', table, set, where });
const del = (table: string, where: Row): RowChange => ({ op: 'delete', table, where });
