import { CaseEvent, EventOf, ReferralRegistered } from './case.events';
import { CaseCore, CaseState, CaseStatus, DecisionStanding } from './case.state';
import { ledgerKeyOf } from './idempotency';

/**
 * Folds one event into the case. Never fails and never decides: it trusts that each event was decided
 * on the state it follows, skips events about something the state does not know (an unknown offer,
 * appeal or absence) and ignores everything before a referral and after closing, so that replaying
 * any stored history is safe.
 */
type Working = CaseCore & { readonly status: CaseStatus };

export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  if (state.status === 'closed') return state;
  if (state.status === 'none' && event.type !== 'ReferralRegistered') return state;
  const next = state.status === 'none' ? registered(event as ReferralRegistered) : dated(state, apply(state, event), event);
  const key = ledgerKeyOf(event);
  const withTrace = key === undefined ? next : { ...next, ledger: { ...next.ledger, [key]: event.data } };
  // The working shape is the core plus a status; apply() keeps each status's guarantees (see the specs).
  return withTrace as CaseState;
}

const APPEAL_EVENTS: readonly CaseEvent['type'][] = ['AppealReceived', 'AppealReviewed', 'AppealForwarded', 'AppealOutcomeRecorded'];
/** Steps that run beside the case rather than in it: a move-out or withdrawal need not come after them. */
const BESIDE_THE_CASE: readonly CaseEvent['type'][] = [...APPEAL_EVENTS, 'ConsentRenewed', 'ConsentWithdrawn'];

/** Keeps the days the order of steps is checked against (see decide/order.ts). */
function dated(before: Working, after: Working, event: CaseEvent): Working {
  const { on } = event.data;
  const { type } = event;
  const moved = after.status !== before.status;
  const activity = !BESIDE_THE_CASE.includes(type) && on >= after.activityOn;
  return {
    ...after,
    statusSince: moved ? on : after.statusSince,
    statusStep: moved ? type : after.statusStep,
    activityOn: activity ? on : after.activityOn,
    activityStep: activity ? type : after.activityStep,
    lastOn: on >= after.lastOn ? on : after.lastOn,
    lastStep: on >= after.lastOn ? type : after.lastStep,
  };
}

function registered({ data }: ReferralRegistered): Working {
  const core: CaseCore = {
    caseId: data.caseId,
    personId: data.personId,
    facility: data.facility,
    birthDate: data.person.birthDate,
    referredOn: data.on,
    decisions: {},
    appeals: {},
    mappings: {},
    offers: {},
    declinedOffers: 0,
    incidents: {},
    warnings: 0,
    absences: {},
    contactPersons: [],
    actionPlan: [],
    consents: [{ kind: 'given', on: data.consent.date, recipients: data.consent.recipients ?? [], expiresOn: data.consent.expiresOn }],
    statusSince: data.on,
    statusStep: 'ReferralRegistered',
    activityOn: data.on,
    activityStep: 'ReferralRegistered',
    lastOn: data.on,
    lastStep: 'ReferralRegistered',
    ledger: {},
  };
  return { ...core, status: 'referred' };
}

function apply(s: Working, event: CaseEvent): Working {
  switch (event.type) {
    case 'ReferralRegistered':
      return s;
    case 'ReferralWithdrawn':
      return { ...s, status: 'withdrawn' };
    case 'AssessmentMeetingRecorded':
      return { ...s, assessment: event.data.outcome, assessedOn: event.data.on, status: STATUS_AFTER_OUTCOME[event.data.outcome] };
    case 'MappingStarted': {
      const { mappingId, on, assessmentUnitId, plannedEndOn } = event.data;
      const mapping = { mappingId, startedOn: on, assessmentUnitId, plannedEndOn };
      return { ...s, status: 'mapping', currentMappingId: mappingId, mappings: { ...s.mappings, [mappingId]: mapping } };
    }
    case 'MappingEnded': {
      const mapping = s.mappings[event.data.mappingId];
      const mappings = mapping ? { ...s.mappings, [mapping.mappingId]: { ...mapping, endedOn: event.data.on } } : s.mappings;
      return { ...s, status: 'in_assessment', currentMappingId: undefined, mappings };
    }
    case 'DecisionIssued':
      return decisionIssued(s, event);
    case 'AppealReceived':
    case 'AppealReviewed':
    case 'AppealForwarded':
    case 'AppealOutcomeRecorded':
      return appealEvent(s, event);
    case 'PlacedOnWaitingList':
    case 'WaitingListPriorityChanged':
    case 'RemovedFromWaitingList':
      return waitingListEvent(s, event);
    case 'UnitOffered':
    case 'OfferAccepted':
    case 'OfferDeclined':
    case 'OfferExpired':
      return offerEvent(s, event);
    case 'MovedIn':
      return movedIn(s, event);
    case 'AgreementExtended':
    case 'AgreementConvertedToLease':
    case 'UnitTransferred':
      return stayEvent(s, event);
    case 'IncidentRecorded': {
      const { incidentId, kind, severity, on } = event.data;
      return { ...s, incidents: { ...s.incidents, [incidentId]: { kind, severity, on } } };
    }
    case 'WarningIssued':
      return { ...s, warnings: s.warnings + 1 };
    case 'AbsenceRecorded': {
      const { absenceId, kind, from } = event.data;
      return { ...s, absences: { ...s.absences, [absenceId]: { kind, from } } };
    }
    case 'ReturnRecorded': {
      const absence = s.absences[event.data.absenceId];
      if (!absence) return s;
      return { ...s, absences: { ...s.absences, [event.data.absenceId]: { ...absence, returnedOn: event.data.on } } };
    }
    case 'RiskAssessed':
      return { ...s, latestRisk: { on: event.data.on, score: event.data.brosetScore, band: event.data.brosetBand } };
    case 'ContactPersonsAssigned':
      return { ...s, contactPersons: event.data.contactPersons };
    case 'CrisisPlanUpdated':
      return { ...s, crisisPlan: event.data.crisisPlan };
    case 'ActionPlanUpdated':
      return { ...s, actionPlan: event.data.actionPlan };
    case 'ExclusionDecided': {
      const { exclusionId, decisionId, reasons, on, effectiveOn } = event.data;
      const exclusion = { exclusionId, decisionId, reasons, decidedOn: on, effectiveOn, alternativeObligation: 'open' as const };
      return { ...s, exclusion };
    }
    case 'AlternativeOffered':
    case 'AlternativeRefused': {
      if (!s.exclusion) return s;
      const met = event.type === 'AlternativeOffered' ? 'alternative_offered' : 'alternative_refused';
      return { ...s, exclusion: { ...s.exclusion, alternativeObligation: met } };
    }
    case 'MovedOut': {
      const { moveOutId, on, destination, destinationCategory } = event.data;
      return { ...s, status: 'moved_out', moveOut: { moveOutId, on, destination, destinationCategory } };
    }
    case 'FollowUpStarted': {
      const { followUpId, on, endsOn } = event.data;
      return { ...s, followUp: { followUpId, startedOn: on, endsOn } };
    }
    case 'FollowUpEnded':
      return s.followUp ? { ...s, followUp: { ...s.followUp, endedOn: event.data.on } } : s;
    case 'AmbulantEnrolled': {
      const { enrolmentId, on, contactModes, fromStatus } = event.data;
      return { ...s, status: 'ambulant', ambulant: { enrolmentId, enrolledOn: on, contactModes, returnTo: fromStatus } };
    }
    case 'AmbulantEnded':
      return { ...s, status: event.data.returnTo, ambulant: undefined };
    case 'CaseClosed':
      return { ...s, status: 'closed', closure: { on: event.data.on, closedFrom: event.data.closedFrom } };
    case 'ConsentRenewed': {
      const { on, recipients, expiresOn } = event.data;
      return { ...s, consents: [...s.consents, { kind: 'given', on, recipients, expiresOn }] };
    }
    case 'ConsentWithdrawn':
      return { ...s, consents: [...s.consents, { kind: 'withdrawn', on: event.data.on }] };
  }
}

const STATUS_AFTER_OUTCOME = {
  not_relevant: 'not_relevant',
  needs_mapping: 'in_assessment',
  accepted: 'accepted',
  waitlisted: 'waitlisted',
  refused: 'refused',
} as const;

function decisionIssued(s: Working, { data }: EventOf<'DecisionIssued'>): Working {
  const { decisionId, kind, legalBasis, on, notifiedOn, appealNotice } = data;
  const record = { decisionId, kind, legalBasis, issuedOn: on, notifiedOn, appealNotice, standing: 'standing' as const };
  const decisions = { ...s.decisions, [decisionId]: record };
  if (kind === 'grant') return { ...s, decisions, grantDecisionId: decisionId };
  if (kind === 'refusal') return { ...s, decisions, refusalDecisionId: decisionId };
  return { ...s, decisions };
}

type AppealEvent = EventOf<'AppealReceived' | 'AppealReviewed' | 'AppealForwarded' | 'AppealOutcomeRecorded'>;

function appealEvent(s: Working, event: AppealEvent): Working {
  const { appealId, on } = event.data;
  if (event.type === 'AppealReceived') {
    const { decisionId, receivedOn, late } = event.data;
    return { ...s, appeals: { ...s.appeals, [appealId]: { appealId, decisionId, receivedOn, late } } };
  }
  const appeal = s.appeals[appealId];
  if (!appeal) return s;
  const put = (next: typeof appeal) => ({ ...s, appeals: { ...s.appeals, [appealId]: next } });
  switch (event.type) {
    case 'AppealReviewed': {
      const next = put({ ...appeal, review: { outcome: event.data.outcome, on } });
      return event.data.outcome === 'reversed' ? setAside(next, appeal.decisionId, 'reversed') : next;
    }
    case 'AppealForwarded':
      return put({ ...appeal, forwardedOn: on });
    case 'AppealOutcomeRecorded': {
      const { outcome } = event.data;
      const next = put({ ...appeal, outcome: { outcome, on } });
      return outcome === 'upheld' ? next : setAside(next, appeal.decisionId, outcome);
    }
  }
}

/**
 * A decision reversed or sent back no longer stands. Appeals are the person's, so setting a decision
 * aside goes their way: a refusal set aside sends the case back to the assessment team (a new
 * outcome, then a new decision); an exclusion set aside can no longer be the reason for a move-out
 * (its obligation stays until met); a grant set aside still supports offers (the person is not worse
 * off for appealing) and may be replaced by a new grant (see decisions.ts).
 */
function setAside(s: Working, decisionId: string, standing: Exclude<DecisionStanding, 'standing'>): Working {
  const decision = s.decisions[decisionId];
  if (!decision) return s;
  const next = { ...s, decisions: { ...s.decisions, [decisionId]: { ...decision, standing } } };
  if (s.refusalDecisionId === decisionId) {
    const reopened = s.status === 'refused' ? { status: 'in_assessment' as const, assessment: undefined } : {};
    return { ...next, refusalDecisionId: undefined, ...reopened };
  }
  return next;
}

type WaitingListEvent = EventOf<'PlacedOnWaitingList' | 'WaitingListPriorityChanged' | 'RemovedFromWaitingList'>;

function waitingListEvent(s: Working, event: WaitingListEvent): Working {
  switch (event.type) {
    case 'PlacedOnWaitingList': {
      const { facilityId, priority, on } = event.data;
      return { ...s, status: 'waitlisted', waitingList: { facilityId, priority, placedOn: on, changedOn: on } };
    }
    case 'WaitingListPriorityChanged':
      return s.waitingList ? { ...s, waitingList: { ...s.waitingList, priority: event.data.priority, changedOn: event.data.on } } : s;
    case 'RemovedFromWaitingList': {
      // Taken off the list while only waiting: back to the grant if there is one, else to the team.
      const status = s.status === 'waitlisted' ? (s.grantDecisionId ? 'accepted' : 'in_assessment') : s.status;
      return { ...s, status, waitingList: undefined };
    }
  }
}

type OfferEvent = EventOf<'UnitOffered' | 'OfferAccepted' | 'OfferDeclined' | 'OfferExpired'>;

function offerEvent(s: Working, event: OfferEvent): Working {
  const { offerId, on } = event.data;
  if (event.type === 'UnitOffered') {
    const { unitId, facilityId, expiresOn } = event.data;
    const offer = { offerId, unitId, facilityId, offeredOn: on, expiresOn, status: 'open' as const };
    return { ...s, status: 'offered', currentOfferId: offerId, offers: { ...s.offers, [offerId]: offer } };
  }
  const offer = s.offers[offerId];
  if (!offer) return s;
  if (event.type === 'OfferAccepted') {
    return { ...s, status: 'offer_accepted', offers: { ...s.offers, [offerId]: { ...offer, status: 'accepted' } } };
  }
  const declined = event.type === 'OfferDeclined';
  return {
    ...s,
    // Back to waiting: on the list if still on it, else with the grant.
    status: s.waitingList ? 'waitlisted' : 'accepted',
    currentOfferId: undefined,
    declinedOffers: s.declinedOffers + (declined ? 1 : 0),
    offers: { ...s.offers, [offerId]: { ...offer, status: declined ? 'declined' : 'expired' } },
  };
}

function movedIn(s: Working, { data }: EventOf<'MovedIn'>): Working {
  const { agreement } = data;
  const stay = {
    moveInId: data.moveInId,
    offerId: data.offerId,
    movedInOn: data.on,
    movedInUnitId: data.unitId,
    unitId: data.unitId,
    inUnitSince: data.on,
    unitKind: data.unit.kind,
    agreement: {
      kind: agreement.kind,
      startsOn: agreement.startsOn,
      endsOn: agreement.endsOn,
      // From the event, not recomputed: a later change of the rules must not change past agreements.
      limit: data.agreementLimit,
      justification: agreement.extensionJustification,
      leaseTerms: agreement.leaseTerms,
    },
  };
  return {
    ...s,
    status: 'resident',
    currentOfferId: undefined,
    stay,
    contactPersons: data.contactPersons,
    crisisPlan: data.crisisPlan,
    actionPlan: data.actionPlan,
  };
}

type StayEvent = EventOf<'AgreementExtended' | 'AgreementConvertedToLease' | 'UnitTransferred'>;

function stayEvent(s: Working, event: StayEvent): Working {
  const { stay } = s;
  if (!stay) return s;
  switch (event.type) {
    case 'AgreementExtended': {
      const { endsOn, extensionJustification } = event.data;
      return { ...s, stay: { ...stay, agreement: { ...stay.agreement, endsOn, justification: extensionJustification } } };
    }
    case 'AgreementConvertedToLease': {
      const { leaseStartsOn, endsOn, leaseTerms } = event.data;
      return { ...s, stay: { ...stay, agreement: { kind: 'lease', startsOn: leaseStartsOn, endsOn, leaseTerms } } };
    }
    case 'UnitTransferred':
      return { ...s, stay: { ...stay, unitId: event.data.toUnitId, unitKind: event.data.unit.kind, inUnitSince: event.data.on } };
  }
}
