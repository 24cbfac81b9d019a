import type { CaseEvent } from '../case/case.events';
import type { UnitCommand } from '../unit/unit.decider';

/**
 * A move touches two aggregates: the case (what happened to the person) and the unit (who lives
 * there). EventStoreDB appends atomically to one stream only, so the case is written first and is the
 * source of truth; the unit follows. This pure function says which unit commands a case event implies.
 * The application applies them right after the case append and again, idempotently, from a catch-up
 * subscription — which repairs the unit after a crash between the two appends.
 *
 * Capacity is secured before the case is written: an offer reserves a place on the unit first, and a
 * transfer or an assessment stay occupies its unit first; the follow-ups below only convert or free
 * places. An end dated past a claim's `endsBy` is secured first as well (ExtendClaim), so none of
 * these is refused by the unit.
 */
export const UNIT_FOLLOW_UP_EVENT_TYPES = [
  'OfferDeclined',
  'OfferExpired',
  'MovedIn',
  'UnitTransferred',
  'MovedOut',
  'MappingStarted',
  'MappingEnded',
] as const;

export function unitFollowUps(event: CaseEvent): UnitCommand[] {
  const { caseId, on } = event.data;
  switch (event.type) {
    case 'OfferDeclined':
      return [{ type: 'ReleaseReservation', unitId: event.data.unitId, offerId: event.data.offerId, on, reason: 'declined' }];
    case 'OfferExpired':
      return [{ type: 'ReleaseReservation', unitId: event.data.unitId, offerId: event.data.offerId, on, reason: 'expired' }];
    case 'MovedIn':
      return [
        {
          type: 'OccupyUnit',
          unitId: event.data.unitId,
          caseId,
          personId: event.data.personId,
          moveInId: event.data.moveInId,
          offerId: event.data.offerId,
          on,
        },
      ];
    case 'UnitTransferred':
      return [
        // The target was occupied before the case was written; repeating it is a no-op.
        { type: 'OccupyUnitByTransfer', unitId: event.data.toUnitId, caseId, personId: event.data.personId, transferId: event.data.transferId, on },
        { type: 'VacateUnit', unitId: event.data.fromUnitId, caseId, on, transferId: event.data.transferId },
      ];
    case 'MovedOut':
      return [{ type: 'VacateUnit', unitId: event.data.unitId, caseId, on, moveOutId: event.data.moveOutId }];
    case 'MappingStarted': {
      // The assessment flat was occupied before the case was written; repeating it is a no-op.
      const { assessmentUnitId: unitId, mappingId, personId } = event.data;
      return unitId ? [{ type: 'OccupyUnitForMapping', unitId, caseId, personId, mappingId, on }] : [];
    }
    case 'MappingEnded': {
      const { assessmentUnitId: unitId, mappingId } = event.data;
      return unitId ? [{ type: 'VacateUnit', unitId, caseId, on, mappingId }] : [];
    }
    default:
      return [];
  }
}
