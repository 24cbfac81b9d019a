import { CaseEvent, FacilityEvent, PersonEvent, UnitEvent } from '@app/domain';
import { Row, RowChange } from '@app/projections';
import { domainProjection } from '../shared/projected-event';

/**
 * The occupancy board: per facility its units, who lives in each, under which agreement until when,
 * open offers (each holding a place) and units out of service.
 *
 * Two streams tell about a stay. The case is the source of truth and is written first; the unit
 * follows (a move-in's UnitOccupied comes after the case's MovedIn; a transfer's target unit is
 * occupied before the case records it; an offer's reservation before the offer). So the board reads
 * who lives where and which offers are open from the case events (`stays`, `offers`), which also makes
 * a query with a case command's position see its effect; it keeps the unit's side (`unit_occupants`,
 * `reservations`) beside them to show where the unit has not caught up yet. Units, their capacity and
 * service state come from the unit events. Tables are joined by caseId / offerId at query time, so the
 * order the streams arrive in never matters; every change is a keyed upsert, an absolute update or a
 * delete.
 *
 * Beside the board, the unit's claims as periods on effective dates (`periods`: occupancies, offers'
 * reservations and out-of-service periods, from / to / endsBy, as the unit aggregate keeps them), so
 * the board can be read for any past day (`GET /facilities/{id}/occupancy/history?on=`), and
 * assessment stays from the case (`mapping_stays`), which occupy their flat like a move-in.
 *
 * For resident composition when a unit is offered: each unit's attributes and floor or cluster (from
 * UnitAdded and UnitDescribed), and each case's latest Brøset band (`risk`, from RiskAssessed). Only
 * the band is copied, never the ROS summary or the checklist, so the board says "on this floor: one
 * high, two low" without being a read of anyone's file.
 */
export const OCCUPANCY = 'occupancy';

export const occupancyProjection = domainProjection({
  name: OCCUPANCY,
  version: 3,
  eventTypes: [
    'UnitClaimExtended',
    'MappingStarted',
    'MappingEnded',
    'FacilityRegistered',
    'FacilityProfileChanged',
    'UnitAdded',
    'UnitDescribed',
    'RiskAssessed',
    'UnitTakenOutOfService',
    'UnitReturnedToService',
    'UnitReserved',
    'UnitReservationReleased',
    'UnitOccupied',
    'UnitVacated',
    'PersonRegistered',
    'PersonDetailsCorrected',
    'PersonForgotten',
    'UnitOffered',
    'OfferAccepted',
    'OfferDeclined',
    'OfferExpired',
    'MovedIn',
    'AgreementExtended',
    'AgreementConvertedToLease',
    'UnitTransferred',
    'MovedOut',
  ],
  onPoison: 'pause',
  tables: [
    { name: 'occupancy_facilities', columns: 'facility_id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, municipality TEXT NOT NULL' },
    {
      name: 'occupancy_units',
      columns: `unit_id TEXT PRIMARY KEY, facility_id TEXT NOT NULL, label TEXT NOT NULL, kind TEXT NOT NULL, capacity INTEGER NOT NULL,
        out_of_service_since TEXT, attributes TEXT NOT NULL, cluster TEXT`,
      indexes: ['(facility_id)'],
    },
    {
      name: 'occupancy_unit_occupants',
      columns:
        'unit_id TEXT NOT NULL, case_id TEXT NOT NULL, facility_id TEXT NOT NULL, person_id TEXT NOT NULL, since TEXT NOT NULL, PRIMARY KEY (unit_id, case_id)',
      indexes: ['(facility_id)'],
    },
    {
      name: 'occupancy_reservations',
      columns:
        'offer_id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, facility_id TEXT NOT NULL, case_id TEXT NOT NULL, reserved_on TEXT NOT NULL, expires_on TEXT NOT NULL',
      indexes: ['(facility_id)'],
    },
    {
      name: 'occupancy_offers',
      columns: `offer_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, person_id TEXT NOT NULL, unit_id TEXT NOT NULL, facility_id TEXT NOT NULL,
        offered_on TEXT NOT NULL, expires_on TEXT NOT NULL, accepted_on TEXT`,
    },
    {
      name: 'occupancy_stays',
      columns: `case_id TEXT PRIMARY KEY, person_id TEXT NOT NULL, facility_id TEXT NOT NULL, unit_id TEXT NOT NULL, moved_in_on TEXT NOT NULL,
        in_unit_since TEXT NOT NULL, agreement_kind TEXT NOT NULL, agreement_starts_on TEXT NOT NULL, agreement_ends_on TEXT, agreement_limit TEXT`,
      indexes: ['(facility_id)'],
    },
    // The latest Brøset band per case, as the case keeps it (the last assessment recorded).
    { name: 'occupancy_risk', columns: 'case_id TEXT PRIMARY KEY, band TEXT NOT NULL, assessed_on TEXT NOT NULL' },
    { name: 'occupancy_people', columns: 'person_id TEXT PRIMARY KEY, given_name TEXT NOT NULL, family_name TEXT NOT NULL' },
    {
      // One row per claim on a unit's places; `open_case` names the case (or 'out_of_service') while no end is recorded.
      name: 'occupancy_periods',
      columns: `unit_id TEXT NOT NULL, facility_id TEXT NOT NULL, kind TEXT NOT NULL, claim_id TEXT NOT NULL, case_id TEXT, person_id TEXT,
        from_date TEXT NOT NULL, to_date TEXT, ends_by TEXT, open_case TEXT, PRIMARY KEY (unit_id, kind, claim_id)`,
      indexes: ['(facility_id, from_date)'],
    },
    {
      name: 'occupancy_mapping_stays',
      columns: 'case_id TEXT PRIMARY KEY, person_id TEXT NOT NULL, facility_id TEXT NOT NULL, unit_id TEXT NOT NULL, started_on TEXT NOT NULL',
      indexes: ['(facility_id)'],
    },
  ],
  handle(e) {
    // The person's data was erased (crypto-shredding): so is the copy of their name here.
    if (e.type === 'PersonForgotten') return [del('occupancy_people', { person_id: e.data.personId })];
    const event = { type: e.type, data: e.data } as FacilityEvent | UnitEvent | PersonEvent | CaseEvent;
    return changesFor(event);
  },
});

const upsert = (table: string, key: string[], row: Row): RowChange => ({ op: 'upsert', table, key, row });
const update = (table: string, set: Row, where: Row): RowChange => ({ op: 'update', table, set, where });
const del = (table: string, where: Row): RowChange => ({ op: 'delete', table, where });
/** A claim's period as recorded when it starts (its end comes with a later event). */
const period = (row: Row): RowChange => upsert('occupancy_periods', ['unit_id', 'kind', 'claim_id'], { ...row, to_date: null });

function changesFor(event: FacilityEvent | UnitEvent | PersonEvent | CaseEvent): RowChange[] {
  switch (event.type) {
    case 'FacilityRegistered':
    case 'FacilityProfileChanged': {
      const { facilityId, name, kind, municipality } = event.data;
      return [upsert('occupancy_facilities', ['facility_id'], { facility_id: facilityId, name, kind, municipality })];
    }
    case 'UnitAdded': {
      const { unitId, facilityId, label, kind, capacity, attributes, cluster } = event.data;
      return [
        upsert('occupancy_units', ['unit_id'], {
          unit_id: unitId,
          facility_id: facilityId,
          label,
          kind,
          capacity,
          out_of_service_since: null,
          attributes: JSON.stringify(attributes ?? []),
          cluster: cluster ?? null,
        }),
      ];
    }
    case 'UnitDescribed': {
      const { unitId, attributes, cluster } = event.data;
      return [update('occupancy_units', { attributes: JSON.stringify(attributes), cluster: cluster ?? null }, { unit_id: unitId })];
    }
    case 'RiskAssessed': {
      const { caseId, brosetBand, on } = event.data;
      return [upsert('occupancy_risk', ['case_id'], { case_id: caseId, band: brosetBand, assessed_on: on })];
    }
    case 'UnitTakenOutOfService': {
      const { unitId, facilityId, on, endsBy } = event.data;
      return [
        update('occupancy_units', { out_of_service_since: on }, { unit_id: unitId }),
        period({
          unit_id: unitId,
          facility_id: facilityId,
          kind: 'out_of_service',
          claim_id: on,
          case_id: null,
          person_id: null,
          from_date: on,
          ends_by: endsBy ?? null,
          open_case: 'out_of_service',
        }),
      ];
    }
    case 'UnitReturnedToService': {
      const { unitId, on } = event.data;
      return [
        update('occupancy_units', { out_of_service_since: null }, { unit_id: unitId }),
        update('occupancy_periods', { to_date: on, open_case: null }, { unit_id: unitId, open_case: 'out_of_service' }),
      ];
    }
    case 'UnitReserved': {
      const { offerId, unitId, facilityId, caseId, on, expiresOn, endsBy } = event.data;
      return [
        upsert('occupancy_reservations', ['offer_id'], {
          offer_id: offerId,
          unit_id: unitId,
          facility_id: facilityId,
          case_id: caseId,
          reserved_on: on,
          expires_on: expiresOn,
        }),
        period({
          unit_id: unitId,
          facility_id: facilityId,
          kind: 'reservation',
          claim_id: offerId,
          case_id: caseId,
          person_id: null,
          from_date: on,
          ends_by: endsBy ?? null,
          open_case: caseId,
        }),
      ];
    }
    case 'UnitReservationReleased': {
      const { offerId, unitId, on } = event.data;
      return [
        del('occupancy_reservations', { offer_id: offerId }),
        update('occupancy_periods', { to_date: on, open_case: null }, { unit_id: unitId, kind: 'reservation', claim_id: offerId }),
      ];
    }
    case 'UnitOccupied': {
      const { unitId, facilityId, caseId, personId, on, endsBy } = event.data;
      const occupant = upsert('occupancy_unit_occupants', ['unit_id', 'case_id'], {
        unit_id: unitId,
        case_id: caseId,
        facility_id: facilityId,
        person_id: personId,
        since: on,
      });
      const claimId = 'moveInId' in event.data ? event.data.moveInId : 'transferId' in event.data ? event.data.transferId : event.data.mappingId;
      const occupancy = period({
        unit_id: unitId,
        facility_id: facilityId,
        kind: 'occupancy',
        claim_id: claimId,
        case_id: caseId,
        person_id: personId,
        from_date: on,
        ends_by: endsBy ?? null,
        open_case: caseId,
      });
      // A move-in turns the offer's reservation into an occupant.
      if (!('offerId' in event.data)) return [occupant, occupancy];
      const { offerId } = event.data;
      return [
        occupant,
        del('occupancy_reservations', { offer_id: offerId }),
        update('occupancy_periods', { to_date: on, open_case: null }, { unit_id: unitId, kind: 'reservation', claim_id: offerId }),
        occupancy,
      ];
    }
    case 'UnitVacated': {
      const { unitId, caseId, on } = event.data;
      return [
        del('occupancy_unit_occupants', { unit_id: unitId, case_id: caseId }),
        update('occupancy_periods', { to_date: on, open_case: null }, { unit_id: unitId, kind: 'occupancy', open_case: caseId }),
      ];
    }
    case 'UnitClaimExtended': {
      const { unitId, caseId, claim, until } = event.data;
      return [update('occupancy_periods', { ends_by: until }, { unit_id: unitId, kind: claim, open_case: caseId })];
    }

    case 'PersonRegistered': {
      const { personId, givenName, familyName } = event.data;
      return [upsert('occupancy_people', ['person_id'], { person_id: personId, given_name: givenName, family_name: familyName })];
    }
    case 'PersonDetailsCorrected': {
      const { personId, changes } = event.data;
      const set: Record<string, string> = {};
      if (changes.givenName !== undefined) set.given_name = changes.givenName;
      if (changes.familyName !== undefined) set.family_name = changes.familyName;
      return Object.keys(set).length ? [update('occupancy_people', set, { person_id: personId })] : [];
    }

    case 'UnitOffered': {
      const { offerId, caseId, personId, unitId, facilityId, on, expiresOn } = event.data;
      return [
        upsert('occupancy_offers', ['offer_id'], {
          offer_id: offerId,
          case_id: caseId,
          person_id: personId,
          unit_id: unitId,
          facility_id: facilityId,
          offered_on: on,
          expires_on: expiresOn,
          accepted_on: null,
        }),
      ];
    }
    case 'OfferAccepted':
      return [update('occupancy_offers', { accepted_on: event.data.on }, { offer_id: event.data.offerId })];
    case 'OfferDeclined':
    case 'OfferExpired':
      return [del('occupancy_offers', { offer_id: event.data.offerId })];
    case 'MovedIn': {
      const { caseId, personId, facilityId, unitId, on, agreement, agreementLimit, offerId } = event.data;
      return [
        del('occupancy_offers', { offer_id: offerId }),
        upsert('occupancy_stays', ['case_id'], {
          case_id: caseId,
          person_id: personId,
          facility_id: facilityId,
          unit_id: unitId,
          moved_in_on: on,
          in_unit_since: on,
          agreement_kind: agreement.kind,
          agreement_starts_on: agreement.startsOn,
          agreement_ends_on: agreement.endsOn ?? null,
          agreement_limit: agreementLimit ?? null,
        }),
      ];
    }
    case 'AgreementExtended': {
      const { caseId, endsOn, agreementKind, agreementLimit } = event.data;
      return [
        update('occupancy_stays', { agreement_kind: agreementKind, agreement_ends_on: endsOn, agreement_limit: agreementLimit ?? null }, { case_id: caseId }),
      ];
    }
    case 'AgreementConvertedToLease': {
      const { caseId, leaseStartsOn, endsOn } = event.data;
      return [
        update(
          'occupancy_stays',
          { agreement_kind: 'lease', agreement_starts_on: leaseStartsOn, agreement_ends_on: endsOn ?? null, agreement_limit: null },
          { case_id: caseId },
        ),
      ];
    }
    case 'UnitTransferred':
      return [update('occupancy_stays', { unit_id: event.data.toUnitId, in_unit_since: event.data.on }, { case_id: event.data.caseId })];
    case 'MovedOut':
      return [del('occupancy_stays', { case_id: event.data.caseId })];
    case 'MappingStarted': {
      const { caseId, personId, facilityId, assessmentUnitId, on } = event.data;
      if (!assessmentUnitId) return [];
      return [
        upsert('occupancy_mapping_stays', ['case_id'], {
          case_id: caseId,
          person_id: personId,
          facility_id: facilityId,
          unit_id: assessmentUnitId,
          started_on: on,
        }),
      ];
    }
    case 'MappingEnded':
      return [del('occupancy_mapping_stays', { case_id: event.data.caseId })];
    default:
      return [];
  }
}
