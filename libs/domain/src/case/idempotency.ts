import { Decision, nothingToDo, reject } from '../shared/decider';
import { CaseCommand, CaseCommandType, CommandOf } from './case.commands';
import { CaseEvent, CaseEventType } from './case.events';
import { CaseCore } from './case.state';

/**
 * Idempotency. A command that was already applied must record nothing when it comes again (a retry
 * after a timeout, a double click), and a different command under an id already used must be refused.
 *
 * Each command with an id leaves a trace: the event it recorded, kept in the state's ledger under
 * `EventType:id`. Events carry the command's fields under the same names, so "the same command" is
 * "every field of the command equals that field of the recorded event". Commands that introduce an id
 * (a meeting, an offer, an incident ...) refuse a different command under it; commands that act on an
 * existing id (accept an offer, review an appeal ...) fall through to their rules, which refuse a
 * second, different action because the state shows the first one.
 */
interface Trace {
  readonly event: CaseEventType;
  /** The id field, shared by command and event; null when the command has no id (its last use counts). */
  readonly id: string | null;
  readonly introducesId: boolean;
  /** For commands without an id that can be undone: the repeat counts only while their effect holds. */
  readonly stillHolds?: (state: CaseCore) => boolean;
}

const introduces = (event: CaseEventType, id: string): Trace => ({ event, id, introducesId: true });
const actsOn = (event: CaseEventType, id: string | null, stillHolds?: Trace['stillHolds']): Trace => ({
  event,
  id,
  introducesId: false,
  stillHolds,
});

const TRACES: Readonly<Partial<Record<CaseCommandType, Trace>>> = {
  RegisterReferral: actsOn('ReferralRegistered', 'caseId'), // a different one: referral.already_registered
  WithdrawReferral: actsOn('ReferralWithdrawn', null),
  RecordAssessmentMeeting: introduces('AssessmentMeetingRecorded', 'meetingId'),
  StartMapping: introduces('MappingStarted', 'mappingId'),
  EndMapping: actsOn('MappingEnded', 'mappingId'),
  IssueDecision: introduces('DecisionIssued', 'decisionId'),
  ReceiveAppeal: introduces('AppealReceived', 'appealId'),
  ReviewAppeal: actsOn('AppealReviewed', 'appealId'),
  ForwardAppeal: actsOn('AppealForwarded', 'appealId'),
  RecordAppealOutcome: actsOn('AppealOutcomeRecorded', 'appealId'),
  PlaceOnWaitingList: actsOn('PlacedOnWaitingList', null, (state) => state.waitingList !== undefined),
  RemoveFromWaitingList: actsOn('RemovedFromWaitingList', null, (state) => state.waitingList === undefined),
  OfferUnit: introduces('UnitOffered', 'offerId'),
  AcceptOffer: actsOn('OfferAccepted', 'offerId'),
  DeclineOffer: actsOn('OfferDeclined', 'offerId'),
  ExpireOffer: actsOn('OfferExpired', 'offerId'),
  MoveIn: introduces('MovedIn', 'moveInId'),
  ConvertToLease: actsOn('AgreementConvertedToLease', null),
  RecordIncident: introduces('IncidentRecorded', 'incidentId'),
  IssueWarning: introduces('WarningIssued', 'warningId'),
  RecordAbsence: introduces('AbsenceRecorded', 'absenceId'),
  RecordReturn: actsOn('ReturnRecorded', 'absenceId'),
  TransferUnit: introduces('UnitTransferred', 'transferId'),
  RecordRiskAssessment: introduces('RiskAssessed', 'assessmentId'),
  DecideExclusion: introduces('ExclusionDecided', 'exclusionId'),
  RecordAlternativeOffered: actsOn('AlternativeOffered', null),
  RecordAlternativeRefused: actsOn('AlternativeRefused', null),
  MoveOut: introduces('MovedOut', 'moveOutId'),
  StartFollowUp: introduces('FollowUpStarted', 'followUpId'),
  EndFollowUp: actsOn('FollowUpEnded', 'followUpId'),
  EnrolAmbulant: introduces('AmbulantEnrolled', 'enrolmentId'),
  EndAmbulant: actsOn('AmbulantEnded', 'enrolmentId'),
  // Without an id and without a change of status, a repeat is seen by its handler ("nothing changed"):
  // ChangeWaitingListPriority, ExtendAgreement, AssignContactPersons, UpdateCrisisPlan, UpdateActionPlan.
  // CloseCase has no repeat: after closing every command is refused.
};

const ID_FIELD_OF_EVENT = new Map<CaseEventType, string | null>(Object.values(TRACES).map((t) => [t.event, t.id]));

const field = (record: object, name: string): unknown => (record as Record<string, unknown>)[name];
const keyOf = (event: CaseEventType, id: string | null, record: object) => (id === null ? event : `${event}:${String(field(record, id))}`);

/** The ledger key an event is kept under, or undefined when no command is recognised by it. */
export function ledgerKeyOf(event: CaseEvent): string | undefined {
  const id = ID_FIELD_OF_EVENT.get(event.type);
  return id === undefined ? undefined : keyOf(event.type, id, event.data);
}

export function ledgerKey(event: CaseEventType, id: string): string {
  return `${event}:${id}`;
}

/** JSON with sorted keys and without undefined values: equal content gives equal text. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** Every field given in `input` has the same value in `recorded` (fields left out are defaults). */
export function recordedAs(input: object, recorded: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(input).every(([k, v]) => k === 'type' || v === undefined || canonical(v) === canonical(recorded[k]));
}

/** DecideExclusion records two events: the exclusion, and its decision under the decision's id. */
function sameExclusion(command: CommandOf<'DecideExclusion'>, state: CaseCore, recorded: Readonly<Record<string, unknown>>): boolean {
  const { decision, ...exclusion } = command;
  const recordedDecision = state.ledger[ledgerKey('DecisionIssued', decision.decisionId)];
  return recordedAs(exclusion, recorded) && recordedDecision !== undefined && recordedAs(decision, recordedDecision);
}

/**
 * `nothingToDo` when the command was already applied, a rejection when it reuses an id it may not,
 * undefined when it is new (decide it as usual).
 */
export function repeatOf(command: CaseCommand, state: CaseCore): Decision<never> | undefined {
  const trace = TRACES[command.type];
  if (!trace) return undefined;
  const key = keyOf(trace.event, trace.id, command);
  const recorded = state.ledger[key];
  if (!recorded || (trace.stillHolds && !trace.stillHolds(state))) return undefined;
  const same = command.type === 'DecideExclusion' ? sameExclusion(command, state, recorded) : recordedAs(command, recorded);
  if (same) return nothingToDo;
  if (!trace.introducesId) return undefined;
  const id = String(field(command, trace.id as string));
  return reject('case.id_already_used', `${trace.id} ${id} is already used for something else`, {
    field: trace.id ?? undefined,
    details: { id, recordedAs: trace.event },
  });
}
