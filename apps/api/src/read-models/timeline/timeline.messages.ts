import { CaseEvent, PersonEvent, UnitEvent } from '@app/domain';

/**
 * What a timeline entry says, as a message key and parameters, so the UI renders it in bokmål or
 * English. Parameters are codes, dates, numbers and kinds only: never free text (descriptions, notes,
 * reasons, plans), never names, so nothing written about the person is copied out of the case file.
 * A unit is named by `unitId` / `fromUnitId` here; the query adds `unitLabel` / `fromUnitLabel`.
 */
export const TIMELINE_MESSAGE_KEYS = [
  // person
  'timeline.person_registered',
  'timeline.person_details_corrected',
  'timeline.resident_comment_added',
  'timeline.person_forgotten',
  // referral and assessment
  'timeline.referral_registered',
  'timeline.referral_withdrawn',
  'timeline.assessment_meeting_recorded',
  'timeline.mapping_started',
  'timeline.mapping_ended',
  // decisions and appeals
  'timeline.decision_issued',
  'timeline.appeal_received',
  'timeline.appeal_reviewed',
  'timeline.appeal_forwarded',
  'timeline.appeal_outcome_recorded',
  // waiting list and offers
  'timeline.placed_on_waiting_list',
  'timeline.waiting_list_priority_changed',
  'timeline.removed_from_waiting_list',
  'timeline.unit_offered',
  'timeline.offer_accepted',
  'timeline.offer_declined',
  'timeline.offer_expired',
  // the stay
  'timeline.moved_in',
  'timeline.agreement_extended',
  'timeline.agreement_converted_to_lease',
  'timeline.incident_recorded',
  'timeline.warning_issued',
  'timeline.absence_recorded',
  'timeline.return_recorded',
  'timeline.unit_transferred',
  'timeline.risk_assessed',
  'timeline.contact_persons_assigned',
  'timeline.crisis_plan_updated',
  'timeline.action_plan_updated',
  // leaving and after
  'timeline.exclusion_decided',
  'timeline.alternative_offered',
  'timeline.alternative_refused',
  'timeline.moved_out',
  'timeline.follow_up_started',
  'timeline.follow_up_ended',
  'timeline.ambulant_enrolled',
  'timeline.ambulant_ended',
  'timeline.case_closed',
  // consent
  'timeline.consent_renewed',
  'timeline.consent_renewed_until',
  'timeline.consent_withdrawn',
  // the unit's side of a move
  'timeline.unit_occupied',
  'timeline.unit_vacated',
] as const;
export type TimelineMessageKey = (typeof TIMELINE_MESSAGE_KEYS)[number];

export type SummaryParam = string | number | boolean | null | readonly string[];
export type SummaryParams = Readonly<Record<string, SummaryParam>>;
export interface Summary {
  readonly key: TimelineMessageKey;
  readonly params: SummaryParams;
}

export const TIMELINE_PERSON_EVENT_TYPES = ['PersonRegistered', 'PersonDetailsCorrected', 'ResidentCommentAdded', 'PersonForgotten'] as const;

/** Erasure (crypto-shredding): the person's personal fields in the log became unreadable on this day. */
type PersonForgotten = { type: 'PersonForgotten'; data: { personId: string; on: string; legalBasis: string } };
export const TIMELINE_UNIT_EVENT_TYPES = ['UnitOccupied', 'UnitVacated'] as const;

/** Drops undefined values, so optional facts are simply absent. */
function params(values: Record<string, SummaryParam | undefined>): SummaryParams {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as SummaryParams;
}

const s = (key: TimelineMessageKey, values: Record<string, SummaryParam | undefined> = {}): Summary => ({ key, params: params(values) });

export function personSummary(event: PersonEvent | PersonForgotten): Summary {
  switch (event.type) {
    case 'PersonRegistered':
      return s('timeline.person_registered');
    case 'PersonDetailsCorrected':
      // Which fields were corrected, never their values (nor the reason, which may describe the person).
      return s('timeline.person_details_corrected', { fields: Object.keys(event.data.changes).sort() });
    case 'ResidentCommentAdded':
      return s('timeline.resident_comment_added', { aboutEventId: event.data.aboutEventId });
    case 'PersonForgotten':
      return s('timeline.person_forgotten', { legalBasis: event.data.legalBasis });
  }
}

export function unitSummary(event: Extract<UnitEvent, { type: 'UnitOccupied' | 'UnitVacated' }>): Summary {
  const { unitId } = event.data;
  if (event.type === 'UnitOccupied') return s('timeline.unit_occupied', { unitId, cause: 'transferId' in event.data ? 'transfer' : 'move_in' });
  return s('timeline.unit_vacated', { unitId, cause: 'transferId' in event.data ? 'transfer' : 'move_out' });
}

/** Every case event type has a summary (the switch is exhaustive by type). */
export function caseSummary(event: CaseEvent): Summary {
  switch (event.type) {
    case 'ReferralRegistered': {
      const d = event.data;
      return s('timeline.referral_registered', {
        referralSource: d.referralSource,
        facilityKind: d.facility.kind,
        ageOnReferral: d.ageOnReferral,
        consentGiven: d.consent.given,
      });
    }
    case 'ReferralWithdrawn':
      return s('timeline.referral_withdrawn', { reason: event.data.reason, fromStatus: event.data.fromStatus });
    case 'AssessmentMeetingRecorded':
      return s('timeline.assessment_meeting_recorded', { outcome: event.data.outcome, priority: event.data.priority, memberCount: event.data.members.length });
    case 'MappingStarted':
      return s('timeline.mapping_started', { unitId: event.data.assessmentUnitId, plannedEndOn: event.data.plannedEndOn });
    case 'MappingEnded':
      return s('timeline.mapping_ended', { unitId: event.data.assessmentUnitId, startedOn: event.data.startedOn });
    case 'DecisionIssued': {
      const d = event.data;
      return s('timeline.decision_issued', {
        decisionKind: d.kind,
        legalBasis: d.legalBasis,
        notifiedOn: d.notifiedOn,
        appealBody: d.appealNotice.appealBody,
        appealDeadline: d.appealNotice.deadline,
      });
    }
    case 'AppealReceived':
      return s('timeline.appeal_received', {
        decisionKind: event.data.decisionKind,
        receivedOn: event.data.receivedOn,
        deadline: event.data.deadline,
        late: event.data.late,
      });
    case 'AppealReviewed':
      return s('timeline.appeal_reviewed', { decisionKind: event.data.decisionKind, outcome: event.data.outcome });
    case 'AppealForwarded':
      return s('timeline.appeal_forwarded', { decisionKind: event.data.decisionKind, appealBody: event.data.appealBody });
    case 'AppealOutcomeRecorded':
      return s('timeline.appeal_outcome_recorded', { decisionKind: event.data.decisionKind, outcome: event.data.outcome });
    case 'PlacedOnWaitingList':
      return s('timeline.placed_on_waiting_list', { priority: event.data.priority });
    case 'WaitingListPriorityChanged':
      return s('timeline.waiting_list_priority_changed', { priority: event.data.priority, previousPriority: event.data.previousPriority });
    case 'RemovedFromWaitingList': {
      const { reason, priority, placedOn, waitedDays } = event.data;
      return s('timeline.removed_from_waiting_list', { reason, priority, placedOn, waitedDays });
    }
    case 'UnitOffered':
      return s('timeline.unit_offered', { unitId: event.data.unitId, expiresOn: event.data.expiresOn, offerNumber: event.data.offerNumber });
    case 'OfferAccepted':
      return s('timeline.offer_accepted', { unitId: event.data.unitId });
    case 'OfferDeclined':
      return s('timeline.offer_declined', { unitId: event.data.unitId, declinedOffers: event.data.declinedOffers, afterAccepting: event.data.afterAccepting });
    case 'OfferExpired':
      return s('timeline.offer_expired', { unitId: event.data.unitId, expiresOn: event.data.expiresOn });
    case 'MovedIn': {
      const { unitId, unit, agreement, agreementLimit } = event.data;
      return s('timeline.moved_in', {
        unitId,
        unitKind: unit.kind,
        agreementKind: agreement.kind,
        startsOn: agreement.startsOn,
        endsOn: agreement.endsOn,
        agreementLimit,
      });
    }
    case 'AgreementExtended': {
      const { agreementKind, endsOn, previousEndsOn, agreementLimit } = event.data;
      return s('timeline.agreement_extended', {
        agreementKind,
        endsOn,
        previousEndsOn,
        agreementLimit,
        justified: event.data.extensionJustification !== undefined,
      });
    }
    case 'AgreementConvertedToLease': {
      const { previousKind, leaseStartsOn, endsOn, leaseTerms } = event.data;
      return s('timeline.agreement_converted_to_lease', { previousKind, leaseStartsOn, endsOn, indefinite: leaseTerms.indefinite });
    }
    case 'IncidentRecorded':
      return s('timeline.incident_recorded', { unitId: event.data.unitId, kind: event.data.kind, severity: event.data.severity });
    case 'WarningIssued':
      return s('timeline.warning_issued', { warningNumber: event.data.warningNumber });
    case 'AbsenceRecorded':
      return s('timeline.absence_recorded', { kind: event.data.kind, from: event.data.from });
    case 'ReturnRecorded':
      return s('timeline.return_recorded', { kind: event.data.kind, from: event.data.from, days: event.data.days });
    case 'UnitTransferred':
      return s('timeline.unit_transferred', { fromUnitId: event.data.fromUnitId, unitId: event.data.toUnitId, unitKind: event.data.unit.kind });
    case 'RiskAssessed':
      return s('timeline.risk_assessed', { brosetScore: event.data.brosetScore, brosetBand: event.data.brosetBand });
    case 'ContactPersonsAssigned':
      return s('timeline.contact_persons_assigned', { count: event.data.contactPersons.length });
    case 'CrisisPlanUpdated':
      return s('timeline.crisis_plan_updated', { madeOn: event.data.crisisPlan.madeOn });
    case 'ActionPlanUpdated':
      // The plan is personal data: once its person is forgotten it reads as a marker, not a list.
      return s('timeline.action_plan_updated', { items: Array.isArray(event.data.actionPlan) ? event.data.actionPlan.length : undefined });
    case 'ExclusionDecided':
      return s('timeline.exclusion_decided', { reasons: event.data.reasons, effectiveOn: event.data.effectiveOn });
    case 'AlternativeOffered':
      return s('timeline.alternative_offered', { housingType: event.data.housingType });
    case 'AlternativeRefused':
      return s('timeline.alternative_refused');
    case 'MovedOut': {
      const { unitId, destination, destinationCategory, exitReason, movedInOn, nights, agreementKind } = event.data;
      return s('timeline.moved_out', { unitId, destination, destinationCategory, exitReason, movedInOn, nights, agreementKind });
    }
    case 'FollowUpStarted':
      return s('timeline.follow_up_started', { periodMonths: event.data.periodMonths, endsOn: event.data.endsOn, contactModes: event.data.contactModes });
    case 'FollowUpEnded':
      return s('timeline.follow_up_ended');
    case 'AmbulantEnrolled':
      return s('timeline.ambulant_enrolled', { contactModes: event.data.contactModes, fromStatus: event.data.fromStatus });
    case 'AmbulantEnded':
      return s('timeline.ambulant_ended', { returnTo: event.data.returnTo });
    case 'CaseClosed':
      return s('timeline.case_closed', { closedFrom: event.data.closedFrom });
    case 'ConsentRenewed':
      return event.data.expiresOn
        ? s('timeline.consent_renewed_until', { count: event.data.recipients.length, expiresOn: event.data.expiresOn })
        : s('timeline.consent_renewed', { count: event.data.recipients.length });
    case 'ConsentWithdrawn':
      return s('timeline.consent_withdrawn', {});
  }
}
