import { fold } from '../shared/decider';
import { addDays, IsoDate } from '../shared/dates';
import { CaseCommand, CaseCommandType, CommandOf } from './case.commands';
import { caseDecider } from './case.decider';
import { CaseEvent } from './case.events';
import { CaseState, openAbsenceId } from './case.state';
import { FacilitySnapshot } from './case.types';

/**
 * Test support (used by specs only): commands with sensible defaults, histories reaching each status
 * through the decider itself (so fixtures cannot drift from the rules), and a sample command of any
 * type for a given state.
 */
export const CASE = 'c1';
export const PERSON = 'p1';
export const FACILITY = 'f1';
export const UNIT = 'u1';

export const boligNu: FacilitySnapshot = {
  facilityId: FACILITY,
  kind: 'temporary_housing',
  targetGroup: {
    minAge: 18,
    excludesFamiliesWithChildren: true,
    excludesActiveHeavySubstanceUse: true,
    requiresCoOccurringDisorder: false,
  },
  exclusionReasons: ['extensive_substance_use', 'violence_or_threats', 'repeated_house_rule_breaches'],
};

type Over<T extends CaseCommandType> = Partial<Omit<CommandOf<T>, 'type'>>;
/** The municipality's day in the fixtures: after every fixture date that is a fact, so none lies in the future. */
export const FIXTURE_TODAY = '2026-06-30';
const base = { caseId: CASE, today: FIXTURE_TODAY };

export const cmd = {
  register: (over: Over<'RegisterReferral'> = {}): CommandOf<'RegisterReferral'> => ({
    type: 'RegisterReferral',
    ...base,
    on: '2025-01-06',
    referralSource: 'nav',
    referrer: { name: 'Kari Nordmann', organisation: 'NAV Bodø', phone: '75500000' },
    personId: PERSON,
    facility: boligNu,
    person: { birthDate: '1990-05-17', gender: 'female' },
    screening: { familyWithChildren: false, activeHeavySubstanceUse: false, coOccurringDisorder: true },
    reason: 'Homeless since the lease ended',
    consent: { given: true, scope: 'NAV and the housing service', date: '2025-01-05' },
    ...over,
  }),
  withdraw: (over: Over<'WithdrawReferral'> = {}): CommandOf<'WithdrawReferral'> => ({
    type: 'WithdrawReferral',
    ...base,
    on: '2025-01-10',
    reason: 'found_housing_themselves',
    ...over,
  }),
  meeting: (outcome: CommandOf<'RecordAssessmentMeeting'>['outcome'], over: Over<'RecordAssessmentMeeting'> = {}): CommandOf<'RecordAssessmentMeeting'> => ({
    type: 'RecordAssessmentMeeting',
    ...base,
    on: '2025-01-13',
    meetingId: `m-${outcome}`,
    members: ['Unit leader', 'Team leader', 'HSK Hillevåg'],
    outcome,
    priority: outcome === 'waitlisted' ? 2 : undefined,
    notes: 'Discussed the referral',
    ...over,
  }),
  startMapping: (over: Over<'StartMapping'> = {}): CommandOf<'StartMapping'> => ({
    type: 'StartMapping',
    ...base,
    on: '2025-01-15',
    mappingId: 'map1',
    assessmentUnitId: 'a1',
    assessmentUnit: { facilityId: FACILITY, kind: 'assessment' },
    plannedEndOn: '2025-03-15',
    ...over,
  }),
  endMapping: (over: Over<'EndMapping'> = {}): CommandOf<'EndMapping'> => ({
    type: 'EndMapping',
    ...base,
    on: '2025-03-10',
    mappingId: 'map1',
    summary: 'Manages a flat with daily follow-up',
    ...over,
  }),
  decision: (kind: CommandOf<'IssueDecision'>['kind'], over: Over<'IssueDecision'> = {}): CommandOf<'IssueDecision'> => ({
    type: 'IssueDecision',
    ...base,
    on: '2025-01-14',
    decisionId: `d-${kind}`,
    kind,
    legalBasis: 'hotl_3_2',
    facts: 'Homeless, co-occurring disorder, referred by NAV',
    mainConsiderations: 'Needs housing with daily follow-up',
    decidedBy: 'Unit leader',
    notifiedOn: '2025-01-15',
    ...over,
  }),
  receiveAppeal: (over: Over<'ReceiveAppeal'> = {}): CommandOf<'ReceiveAppeal'> => ({
    type: 'ReceiveAppeal',
    ...base,
    on: '2025-01-20',
    appealId: 'ap1',
    decisionId: 'd-refusal',
    receivedOn: '2025-01-20',
    ...over,
  }),
  reviewAppeal: (outcome: CommandOf<'ReviewAppeal'>['outcome'], over: Over<'ReviewAppeal'> = {}): CommandOf<'ReviewAppeal'> => ({
    type: 'ReviewAppeal',
    ...base,
    on: '2025-01-27',
    appealId: 'ap1',
    outcome,
    note: 'Reviewed by the unit',
    ...over,
  }),
  forwardAppeal: (over: Over<'ForwardAppeal'> = {}): CommandOf<'ForwardAppeal'> => ({
    type: 'ForwardAppeal',
    ...base,
    on: '2025-01-28',
    appealId: 'ap1',
    ...over,
  }),
  appealOutcome: (outcome: CommandOf<'RecordAppealOutcome'>['outcome'], over: Over<'RecordAppealOutcome'> = {}): CommandOf<'RecordAppealOutcome'> => ({
    type: 'RecordAppealOutcome',
    ...base,
    on: '2025-03-01',
    appealId: 'ap1',
    outcome,
    ...over,
  }),
  placeOnList: (over: Over<'PlaceOnWaitingList'> = {}): CommandOf<'PlaceOnWaitingList'> => ({
    type: 'PlaceOnWaitingList',
    ...base,
    on: '2025-01-16',
    facilityId: FACILITY,
    priority: 3,
    ...over,
  }),
  changePriority: (priority: number, over: Over<'ChangeWaitingListPriority'> = {}): CommandOf<'ChangeWaitingListPriority'> => ({
    type: 'ChangeWaitingListPriority',
    ...base,
    on: '2025-01-17',
    priority,
    ...over,
  }),
  removeFromList: (over: Over<'RemoveFromWaitingList'> = {}): CommandOf<'RemoveFromWaitingList'> => ({
    type: 'RemoveFromWaitingList',
    ...base,
    on: '2025-01-18',
    reason: 'reassessment',
    ...over,
  }),
  offer: (over: Over<'OfferUnit'> = {}): CommandOf<'OfferUnit'> => ({
    type: 'OfferUnit',
    ...base,
    on: '2025-01-20',
    offerId: 'o1',
    unitId: UNIT,
    facilityId: FACILITY,
    expiresOn: '2025-01-27',
    ...over,
  }),
  accept: (over: Over<'AcceptOffer'> = {}): CommandOf<'AcceptOffer'> => ({ type: 'AcceptOffer', ...base, on: '2025-01-21', offerId: 'o1', ...over }),
  decline: (over: Over<'DeclineOffer'> = {}): CommandOf<'DeclineOffer'> => ({
    type: 'DeclineOffer',
    ...base,
    on: '2025-01-21',
    offerId: 'o1',
    reason: 'Too far from family',
    ...over,
  }),
  expire: (over: Over<'ExpireOffer'> = {}): CommandOf<'ExpireOffer'> => ({ type: 'ExpireOffer', ...base, on: '2025-01-28', offerId: 'o1', ...over }),
  moveIn: (over: Over<'MoveIn'> = {}): CommandOf<'MoveIn'> => ({
    type: 'MoveIn',
    ...base,
    on: '2025-02-01',
    moveInId: 'mi1',
    offerId: 'o1',
    unitId: UNIT,
    unit: { kind: 'permanent' },
    agreement: { kind: 'service_agreement', startsOn: '2025-02-01', endsOn: '2025-08-01' },
    houseRulesAcknowledged: true,
    informationLetterAcknowledged: true,
    contactPersons: ['Primary contact'],
    crisisPlan: { summary: 'Call ACT team', madeOn: '2025-01-30' },
    actionPlan: [{ goal: 'Keep the flat', measure: 'Weekly visit', responsible: 'Contact person' }],
    ...over,
  }),
  extend: (endsOn: IsoDate, over: Over<'ExtendAgreement'> = {}): CommandOf<'ExtendAgreement'> => ({
    type: 'ExtendAgreement',
    ...base,
    on: '2025-07-01',
    endsOn,
    ...over,
  }),
  convert: (over: Over<'ConvertToLease'> = {}): CommandOf<'ConvertToLease'> => ({
    type: 'ConvertToLease',
    ...base,
    on: '2025-07-01',
    leaseStartsOn: '2025-08-01',
    leaseTerms: { specialTermsHusll11_1: true, writtenNoticeGivenOn: '2025-07-01', writtenNoticeStatesFewerRights: true, indefinite: true },
    residentAgrees: true,
    landlordAgrees: true,
    ...over,
  }),
  incident: (over: Over<'RecordIncident'> = {}): CommandOf<'RecordIncident'> => ({
    type: 'RecordIncident',
    ...base,
    on: '2025-03-01',
    incidentId: 'i1',
    kind: 'police_callout',
    severity: 'medium',
    description: 'Noise and a visitor who would not leave',
    ...over,
  }),
  warning: (over: Over<'IssueWarning'> = {}): CommandOf<'IssueWarning'> => ({
    type: 'IssueWarning',
    ...base,
    on: '2025-03-02',
    warningId: 'w1',
    reason: 'Visitors at night against the house rules',
    relatedIncidentId: 'i1',
    ...over,
  }),
  absence: (over: Over<'RecordAbsence'> = {}): CommandOf<'RecordAbsence'> => ({
    type: 'RecordAbsence',
    ...base,
    on: '2025-03-05',
    absenceId: 'ab1',
    kind: 'hospital_admission',
    from: '2025-03-04',
    ...over,
  }),
  returned: (over: Over<'RecordReturn'> = {}): CommandOf<'RecordReturn'> => ({
    type: 'RecordReturn',
    ...base,
    on: '2025-03-09',
    absenceId: 'ab1',
    ...over,
  }),
  transfer: (over: Over<'TransferUnit'> = {}): CommandOf<'TransferUnit'> => ({
    type: 'TransferUnit',
    ...base,
    on: '2025-03-15',
    transferId: 't1',
    toUnitId: 'u2',
    unit: { kind: 'permanent' },
    reason: 'Reinforced flat after water damage',
    ...over,
  }),
  risk: (over: Over<'RecordRiskAssessment'> = {}): CommandOf<'RecordRiskAssessment'> => ({
    type: 'RecordRiskAssessment',
    ...base,
    on: '2025-01-25',
    assessmentId: 'r1',
    rosSummary: 'Risk of conflict with visitors',
    broset: { confused: false, irritable: true, boisterous: true, verbalThreats: false, physicalThreats: false, attackingObjects: false },
    ...over,
  }),
  contacts: (over: Over<'AssignContactPersons'> = {}): CommandOf<'AssignContactPersons'> => ({
    type: 'AssignContactPersons',
    ...base,
    on: '2025-03-01',
    contactPersons: ['Primary contact', 'Secondary contact'],
    ...over,
  }),
  crisisPlan: (over: Over<'UpdateCrisisPlan'> = {}): CommandOf<'UpdateCrisisPlan'> => ({
    type: 'UpdateCrisisPlan',
    ...base,
    on: '2025-03-01',
    crisisPlan: { summary: 'Call ACT team, then DPS', madeOn: '2025-03-01' },
    ...over,
  }),
  actionPlan: (over: Over<'UpdateActionPlan'> = {}): CommandOf<'UpdateActionPlan'> => ({
    type: 'UpdateActionPlan',
    ...base,
    on: '2025-03-01',
    actionPlan: [{ goal: 'Find work', measure: 'Meet NAV', responsible: 'Resident' }],
    ...over,
  }),
  exclude: (over: Over<'DecideExclusion'> = {}): CommandOf<'DecideExclusion'> => ({
    type: 'DecideExclusion',
    ...base,
    on: '2025-04-01',
    exclusionId: 'x1',
    reasons: ['violence_or_threats'],
    overallAssessment: 'Repeated threats against staff despite warnings',
    effectiveOn: '2025-04-15',
    decision: {
      decisionId: 'd-exclusion',
      legalBasis: 'sotjl_27',
      facts: 'Threats on 1 and 20 March',
      mainConsiderations: 'Safety of residents and staff',
      decidedBy: 'Unit leader',
    },
    ...over,
  }),
  alternativeOffered: (over: Over<'RecordAlternativeOffered'> = {}): CommandOf<'RecordAlternativeOffered'> => ({
    type: 'RecordAlternativeOffered',
    ...base,
    on: '2025-04-10',
    description: 'A flat with ambulant follow-up',
    housingType: 'municipal_housing',
    ...over,
  }),
  alternativeRefused: (over: Over<'RecordAlternativeRefused'> = {}): CommandOf<'RecordAlternativeRefused'> => ({
    type: 'RecordAlternativeRefused',
    ...base,
    on: '2025-04-10',
    note: 'Wants to stay with a friend',
    ...over,
  }),
  moveOut: (over: Over<'MoveOut'> = {}): CommandOf<'MoveOut'> => ({
    type: 'MoveOut',
    ...base,
    on: '2025-04-15',
    moveOutId: 'mo1',
    destination: 'private_rental',
    exitReason: 'completed',
    ...over,
  }),
  startFollowUp: (over: Over<'StartFollowUp'> = {}): CommandOf<'StartFollowUp'> => ({
    type: 'StartFollowUp',
    ...base,
    on: '2025-04-15',
    followUpId: 'fu1',
    contactModes: ['phone', 'home_visits'],
    actionPlan: [{ goal: 'Pay rent', measure: 'Standing order', responsible: 'Resident' }],
    healthCareFollowUp: { offered: true, accepted: false },
    brochureHandedOver: true,
    exitConversationHeld: true,
    ...over,
  }),
  endFollowUp: (over: Over<'EndFollowUp'> = {}): CommandOf<'EndFollowUp'> => ({
    type: 'EndFollowUp',
    ...base,
    on: '2025-07-15',
    followUpId: 'fu1',
    outcome: 'Living well in own flat',
    ...over,
  }),
  enrolAmbulant: (over: Over<'EnrolAmbulant'> = {}): CommandOf<'EnrolAmbulant'> => ({
    type: 'EnrolAmbulant',
    ...base,
    on: '2025-01-20',
    enrolmentId: 'am1',
    contactModes: ['home_visits'],
    ...over,
  }),
  endAmbulant: (over: Over<'EndAmbulant'> = {}): CommandOf<'EndAmbulant'> => ({
    type: 'EndAmbulant',
    ...base,
    on: '2025-06-01',
    enrolmentId: 'am1',
    ...over,
  }),
  close: (over: Over<'CloseCase'> = {}): CommandOf<'CloseCase'> => ({ type: 'CloseCase', ...base, on: '2025-09-01', reason: 'Done', ...over }),
  renewConsent: (over: Over<'RenewConsent'> = {}): CommandOf<'RenewConsent'> => ({
    type: 'RenewConsent',
    ...base,
    on: '2025-02-01',
    scope: 'NAV and the GP',
    recipients: ['nav', 'gp'],
    expiresOn: '2025-12-31',
    ...over,
  }),
  withdrawConsent: (over: Over<'WithdrawConsent'> = {}): CommandOf<'WithdrawConsent'> => ({ type: 'WithdrawConsent', ...base, on: '2025-03-01', ...over }),
};

/** Decides each command on the state so far and keeps the events; fails loudly on a rejection. */
export function historyOf(...commands: CaseCommand[]): CaseEvent[] {
  const events: CaseEvent[] = [];
  let state = caseDecider.initialState;
  for (const command of commands) {
    const decision = caseDecider.decide(command, state);
    if (!decision.ok) throw new Error(`Fixture ${command.type} rejected: ${decision.error.rule} (${decision.error.message})`);
    events.push(...decision.events);
    state = decision.events.reduce(caseDecider.evolve, state);
  }
  return events;
}

export const stateOf = (events: CaseEvent[]): CaseState => fold(caseDecider, events);

/** Command paths to each status (and a few sub-states). */
export const paths = {
  referred: () => [cmd.register()],
  inAssessment: () => [...paths.referred(), cmd.meeting('needs_mapping')],
  mapping: () => [...paths.inAssessment(), cmd.startMapping()],
  notRelevant: () => [...paths.referred(), cmd.meeting('not_relevant')],
  accepted: () => [...paths.referred(), cmd.meeting('accepted')],
  granted: () => [...paths.accepted(), cmd.decision('grant')],
  waitlisted: () => [...paths.referred(), cmd.meeting('waitlisted')],
  /** Waitlisted from the meeting, then granted while waiting (an offer needs the grant). */
  waitlistedGranted: () => [...paths.waitlisted(), cmd.decision('grant')],
  refused: () => [...paths.referred(), cmd.meeting('refused')],
  refusalIssued: () => [...paths.refused(), cmd.decision('refusal')],
  withdrawn: () => [...paths.referred(), cmd.withdraw()],
  offered: () => [...paths.granted(), cmd.offer()],
  offerAccepted: () => [...paths.offered(), cmd.accept()],
  resident: () => [...paths.offerAccepted(), cmd.moveIn()],
  excluded: () => [...paths.resident(), cmd.exclude()],
  movedOut: () => [...paths.resident(), cmd.moveOut()],
  excludedMovedOut: () => [...paths.excluded(), cmd.moveOut({ exitReason: 'excluded', destination: 'shelter_or_guesthouse' })],
  followUp: () => [...paths.movedOut(), cmd.startFollowUp()],
  ambulant: () => [...paths.granted(), cmd.enrolAmbulant()],
  closed: () => [...paths.notRelevant(), cmd.close()],
};
export type PathName = keyof typeof paths;

/** The events of a path, e.g. `given(...history('resident'))`. */
export const history = (name: PathName, ...more: CaseCommand[]) => historyOf(...paths[name](), ...more);

/**
 * A plausible command of `type` for `state` on day `on`: it refers to what the state holds (the open
 * offer, the open absence, the pending appeal ...) so that, where the type is possible, it usually
 * succeeds. `n` makes fresh ids.
 */
export function sampleCommand(type: CaseCommandType, state: CaseState, on: IsoDate, n: number): CaseCommand {
  const s = state.status === 'none' ? undefined : state;
  const offerId = s?.currentOfferId ?? `o${n}`;
  const offer = s?.offers[offerId];
  const appeals = Object.values(s?.appeals ?? {});
  const decisions = Object.values(s?.decisions ?? {});
  const at = { on };
  switch (type) {
    case 'RegisterReferral':
      return cmd.register(at);
    case 'WithdrawReferral':
      return cmd.withdraw(at);
    case 'RecordAssessmentMeeting':
      return cmd.meeting('accepted', { ...at, meetingId: `m${n}` });
    case 'StartMapping':
      return cmd.startMapping({ ...at, mappingId: `map${n}`, plannedEndOn: addDays(on, 45) });
    case 'EndMapping':
      return cmd.endMapping({ ...at, mappingId: s?.currentMappingId ?? `map${n}` });
    case 'IssueDecision':
      return cmd.decision(s?.status === 'refused' ? 'refusal' : 'grant', { ...at, decisionId: `d${n}`, notifiedOn: on });
    case 'ReceiveAppeal':
      return cmd.receiveAppeal({ ...at, appealId: `ap${n}`, decisionId: decisions[0]?.decisionId ?? 'none', receivedOn: on });
    case 'ReviewAppeal':
      return cmd.reviewAppeal('upheld', { ...at, appealId: appeals.find((a) => !a.review)?.appealId ?? 'none' });
    case 'ForwardAppeal':
      return cmd.forwardAppeal({ ...at, appealId: appeals.find((a) => a.review?.outcome === 'upheld' && !a.forwardedOn)?.appealId ?? 'none' });
    case 'RecordAppealOutcome':
      return cmd.appealOutcome('upheld', { ...at, appealId: appeals.find((a) => a.forwardedOn && !a.outcome)?.appealId ?? 'none' });
    case 'PlaceOnWaitingList':
      return cmd.placeOnList(at);
    case 'ChangeWaitingListPriority':
      return cmd.changePriority(((s?.waitingList?.priority ?? 1) % 5) + 1, at);
    case 'RemoveFromWaitingList':
      return cmd.removeFromList(at);
    case 'OfferUnit':
      return cmd.offer({ ...at, offerId: `o${n}`, unitId: `u${n % 3}`, expiresOn: addDays(on, 7) });
    case 'AcceptOffer':
      return cmd.accept({ ...at, offerId });
    case 'DeclineOffer':
      return cmd.decline({ ...at, offerId });
    case 'ExpireOffer':
      return cmd.expire({ on: offer ? addDays(offer.expiresOn, 1) : on, offerId });
    case 'MoveIn':
      return cmd.moveIn({
        ...at,
        moveInId: `mi${n}`,
        offerId,
        unitId: offer?.unitId ?? UNIT,
        agreement: { kind: 'service_agreement', startsOn: on, endsOn: addDays(on, 180) },
      });
    case 'ExtendAgreement':
      return cmd.extend(addDays(s?.stay?.agreement.endsOn ?? on, 30), at);
    case 'ConvertToLease':
      return cmd.convert({ ...at, leaseStartsOn: on, leaseTerms: { specialTermsHusll11_1: false, indefinite: true } });
    case 'RecordIncident':
      return cmd.incident({ ...at, incidentId: `i${n}` });
    case 'IssueWarning':
      return cmd.warning({ ...at, warningId: `w${n}`, relatedIncidentId: undefined });
    case 'RecordAbsence':
      return cmd.absence({ ...at, absenceId: `ab${n}`, from: on });
    case 'RecordReturn':
      return cmd.returned({ ...at, absenceId: (s && openAbsenceId(s)) ?? `ab${n}` });
    case 'TransferUnit':
      return cmd.transfer({ ...at, transferId: `t${n}`, toUnitId: `u-t${n}` });
    case 'RecordRiskAssessment':
      return cmd.risk({ ...at, assessmentId: `r${n}` });
    case 'AssignContactPersons':
      return cmd.contacts({ ...at, contactPersons: [`Contact ${n}`] });
    case 'UpdateCrisisPlan':
      return cmd.crisisPlan({ ...at, crisisPlan: { summary: `Plan ${n}`, madeOn: on } });
    case 'UpdateActionPlan':
      return cmd.actionPlan({ ...at, actionPlan: [{ goal: `Goal ${n}`, measure: 'Weekly talk', responsible: 'Contact person' }] });
    case 'DecideExclusion':
      return cmd.exclude({ ...at, exclusionId: `x${n}`, effectiveOn: on, decision: { ...cmd.exclude().decision, decisionId: `dx${n}` } });
    case 'RecordAlternativeOffered':
      return cmd.alternativeOffered(at);
    case 'RecordAlternativeRefused':
      return cmd.alternativeRefused(at);
    case 'MoveOut':
      return cmd.moveOut({ ...at, moveOutId: `mo${n}`, exitReason: s?.exclusion ? 'excluded' : 'completed' });
    case 'StartFollowUp':
      return cmd.startFollowUp({ ...at, followUpId: `fu${n}` });
    case 'EndFollowUp':
      return cmd.endFollowUp({ ...at, followUpId: s?.followUp?.followUpId ?? `fu${n}` });
    case 'EnrolAmbulant':
      return cmd.enrolAmbulant({ ...at, enrolmentId: `am${n}` });
    case 'EndAmbulant':
      return cmd.endAmbulant({ ...at, enrolmentId: s?.ambulant?.enrolmentId ?? `am${n}` });
    case 'CloseCase':
      return cmd.close(at);
    case 'RenewConsent':
      return cmd.renewConsent(at);
    case 'WithdrawConsent':
      return cmd.withdrawConsent(at);
  }
}
