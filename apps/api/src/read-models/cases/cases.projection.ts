import { AssessmentOutcome, CASE_EVENT_TYPES, CaseEvent, CaseStatus, PersonEvent } from '@app/domain';
import { Row, RowChange } from '@app/projections';
import { searchKey } from '../shared/read-scope';
import { domainProjection } from '../shared/projected-event';

/**
 * One row per case for finding a case: who (joined with `people`, kept here from the person events),
 * where, its status, its unit, its contact persons, when it was referred and when its latest event
 * took effect. The status mirrors the case decider's fold (case.evolve.ts) from the events alone:
 * where the fold looks at its own state (back to the waiting list or to the grant after an offer
 * ends, a refusal set aside on appeal), the rows keep the facts it looks at (on the list, has a
 * grant, the standing refusal) and the change is a conditional update on them.
 *
 * Every change is an absolute value or a keyed upsert/delete, and ReferralRegistered (a case's first
 * event) writes the whole row, so replaying a case's events from any point ends in the same rows.
 */
export const CASES = 'cases';

const STATUS_AFTER_OUTCOME: Readonly<Record<AssessmentOutcome, CaseStatus>> = {
  not_relevant: 'not_relevant',
  needs_mapping: 'in_assessment',
  accepted: 'accepted',
  waitlisted: 'waitlisted',
  refused: 'refused',
};

/** PersonForgotten: the person's data was erased (crypto-shredding); the copy here goes too. */
const PERSON_EVENT_TYPES = ['PersonRegistered', 'PersonDetailsCorrected', 'PersonForgotten'] as const;

export const casesProjection = domainProjection({
  name: CASES,
  // 2: follow_up_ends_on, so the work queue knows whom a follow-up after move-out still covers.
  // 3: cases_consents, the consent's dated entries, so the work queue finds consents withdrawn or run out.
  version: 3,
  eventTypes: [...PERSON_EVENT_TYPES, ...CASE_EVENT_TYPES],
  onPoison: 'pause',
  tables: [
    {
      name: 'cases_case',
      columns: `case_id TEXT PRIMARY KEY, person_id TEXT NOT NULL, facility_id TEXT NOT NULL, status TEXT NOT NULL,
        unit_id TEXT, contact_persons TEXT NOT NULL, referred_on TEXT NOT NULL,
        has_grant INTEGER NOT NULL, refusal_decision_id TEXT, on_waiting_list INTEGER NOT NULL, follow_up_ends_on TEXT`,
      indexes: ['(facility_id, status)', '(person_id)', '(status)'],
    },
    {
      // The effective dates of a case's events: "last event on" is their maximum, also when a later
      // command was dated back.
      name: 'cases_event_dates',
      columns: 'case_id TEXT NOT NULL, event_on TEXT NOT NULL, PRIMARY KEY (case_id, event_on)',
    },
    {
      // One row per consent entry (given with the referral, renewed, withdrawn) by its day: what holds
      // on a day is decided from them at query time (consentOn), whatever order they were recorded in.
      name: 'cases_consents',
      // Keyed with the last day too (entry_key), so two renewals of one day are both kept, as in the case.
      columns:
        'case_id TEXT NOT NULL, on_date TEXT NOT NULL, kind TEXT NOT NULL, expires_on TEXT, entry_key TEXT NOT NULL, PRIMARY KEY (case_id, on_date, entry_key)',
    },
    {
      name: 'cases_contact_persons',
      columns: 'case_id TEXT NOT NULL, name_key TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (case_id, name_key)',
      indexes: ['(name_key)'],
    },
    {
      // Names for display and search, and the birth year only. No identity number: the query finds one
      // through its identity claim (a keyed hash), so no read model holds the number (see cases.query.ts).
      name: 'cases_people',
      columns: `person_id TEXT PRIMARY KEY, given_name TEXT NOT NULL, family_name TEXT NOT NULL, given_name_key TEXT NOT NULL,
        family_name_key TEXT NOT NULL, birth_year INTEGER`,
    },
  ],
  handle(e) {
    if (e.type === 'PersonForgotten') return [{ op: 'delete', table: 'cases_people', where: { person_id: e.data.personId } }];
    if (e.type === 'PersonRegistered' || e.type === 'PersonDetailsCorrected') return personChanges(e);
    return caseChanges(e);
  },
});

const upsert = (table: string, key: string[], row: Row): RowChange => ({ op: 'upsert', table, key, row });
const update = (set: Row, where: Row): RowChange => ({ op: 'update', table: 'cases_case', set, where });
const status = (caseId: string, value: CaseStatus, also: Row = {}) => update({ status: value, ...also }, { case_id: caseId });

function personChanges(event: PersonEvent): RowChange[] {
  switch (event.type) {
    case 'PersonRegistered': {
      const { personId, givenName, familyName, birthDate } = event.data;
      return [
        upsert('cases_people', ['person_id'], {
          person_id: personId,
          given_name: givenName,
          family_name: familyName,
          given_name_key: searchKey(givenName),
          family_name_key: searchKey(familyName),
          birth_year: birthYear(birthDate),
        }),
      ];
    }
    case 'PersonDetailsCorrected': {
      const { personId, changes } = event.data;
      const set: Record<string, string | number | null> = {};
      if (changes.givenName !== undefined) Object.assign(set, { given_name: changes.givenName, given_name_key: searchKey(changes.givenName) });
      if (changes.familyName !== undefined) Object.assign(set, { family_name: changes.familyName, family_name_key: searchKey(changes.familyName) });
      if (changes.birthDate !== undefined) set.birth_year = birthYear(changes.birthDate);
      return Object.keys(set).length ? [{ op: 'update', table: 'cases_people', set, where: { person_id: personId } }] : [];
    }
    default:
      return [];
  }
}

/** The year of a birth date; null when it cannot be read (a forgotten person's field reads as a marker). */
const birthYear = (birthDate: unknown): number | null => (typeof birthDate === 'string' && /^\d{4}-/.test(birthDate) ? Number(birthDate.slice(0, 4)) : null);

function contactPersons(caseId: string, names: readonly string[]): RowChange[] {
  const kept = names.map((n) => n.trim()).filter((n) => n !== '');
  return [
    update({ contact_persons: JSON.stringify(kept) }, { case_id: caseId }),
    { op: 'delete', table: 'cases_contact_persons', where: { case_id: caseId } },
    ...kept.map((name) => upsert('cases_contact_persons', ['case_id', 'name_key'], { case_id: caseId, name_key: searchKey(name), name })),
  ];
}

/** Back to waiting after an offer ends: on the list if still on it, else with the grant (evolve's offerEvent). */
const backToWaiting = (caseId: string): RowChange[] => [
  update({ status: 'waitlisted' }, { case_id: caseId, on_waiting_list: 1 }),
  update({ status: 'accepted' }, { case_id: caseId, on_waiting_list: 0 }),
];

/** A decision reversed or remitted: a standing refusal set aside sends a refused case back to the team. */
const setAside = (caseId: string, decisionId: string): RowChange[] => [
  update({ status: 'in_assessment' }, { case_id: caseId, refusal_decision_id: decisionId, status: 'refused' }),
  update({ refusal_decision_id: null }, { case_id: caseId, refusal_decision_id: decisionId }),
];

function caseChanges(event: CaseEvent): RowChange[] {
  const { caseId, on } = event.data;
  const dated = upsert('cases_event_dates', ['case_id', 'event_on'], { case_id: caseId, event_on: on });
  return [dated, ...statusChanges(event), ...consentChanges(event)];
}

const consentEntry = (caseId: string, on: string, kind: 'given' | 'withdrawn', expiresOn: string | null) =>
  upsert('cases_consents', ['case_id', 'on_date', 'entry_key'], {
    case_id: caseId,
    on_date: on,
    kind,
    expires_on: expiresOn,
    entry_key: kind === 'withdrawn' ? 'withdrawn' : `given:${expiresOn ?? 'open'}`,
  });

function consentChanges(event: CaseEvent): RowChange[] {
  const { caseId } = event.data;
  switch (event.type) {
    case 'ReferralRegistered':
      return [
        { op: 'delete', table: 'cases_consents', where: { case_id: caseId } },
        consentEntry(caseId, event.data.consent.date, 'given', event.data.consent.expiresOn ?? null),
      ];
    case 'ConsentRenewed':
      return [consentEntry(caseId, event.data.on, 'given', event.data.expiresOn ?? null)];
    case 'ConsentWithdrawn':
      return [consentEntry(caseId, event.data.on, 'withdrawn', null)];
    default:
      return [];
  }
}

function statusChanges(event: CaseEvent): RowChange[] {
  const { caseId } = event.data;
  switch (event.type) {
    case 'ReferralRegistered': {
      const { personId, facility, on } = event.data;
      return [
        upsert('cases_case', ['case_id'], {
          case_id: caseId,
          person_id: personId,
          facility_id: facility.facilityId,
          status: 'referred',
          unit_id: null,
          contact_persons: '[]',
          referred_on: on,
          has_grant: 0,
          refusal_decision_id: null,
          on_waiting_list: 0,
          follow_up_ends_on: null,
        }),
        { op: 'delete', table: 'cases_contact_persons', where: { case_id: caseId } },
      ];
    }
    case 'ReferralWithdrawn':
      return [status(caseId, 'withdrawn')];
    case 'AssessmentMeetingRecorded':
      return [status(caseId, STATUS_AFTER_OUTCOME[event.data.outcome])];
    case 'MappingStarted':
      return [status(caseId, 'mapping')];
    case 'MappingEnded':
      return [status(caseId, 'in_assessment')];
    case 'DecisionIssued':
      if (event.data.kind === 'grant') return [update({ has_grant: 1 }, { case_id: caseId })];
      if (event.data.kind === 'refusal') return [update({ refusal_decision_id: event.data.decisionId }, { case_id: caseId })];
      return [];
    case 'AppealReviewed':
      return event.data.outcome === 'reversed' ? setAside(caseId, event.data.decisionId) : [];
    case 'AppealOutcomeRecorded':
      return event.data.outcome === 'upheld' ? [] : setAside(caseId, event.data.decisionId);
    case 'PlacedOnWaitingList':
      return [status(caseId, 'waitlisted', { on_waiting_list: 1 })];
    case 'RemovedFromWaitingList':
      // Taken off the list while only waiting: back to the grant if there is one, else to the team.
      return [
        update({ status: 'accepted' }, { case_id: caseId, status: 'waitlisted', has_grant: 1 }),
        update({ status: 'in_assessment' }, { case_id: caseId, status: 'waitlisted', has_grant: 0 }),
        update({ on_waiting_list: 0 }, { case_id: caseId }),
      ];
    case 'UnitOffered':
      return [status(caseId, 'offered')];
    case 'OfferAccepted':
      return [status(caseId, 'offer_accepted')];
    case 'OfferDeclined':
    case 'OfferExpired':
      return backToWaiting(caseId);
    case 'MovedIn':
      return [status(caseId, 'resident', { unit_id: event.data.unitId }), ...contactPersons(caseId, event.data.contactPersons)];
    case 'UnitTransferred':
      return [update({ unit_id: event.data.toUnitId }, { case_id: caseId })];
    case 'ContactPersonsAssigned':
      return contactPersons(caseId, event.data.contactPersons);
    case 'MovedOut':
      return [status(caseId, 'moved_out', { unit_id: null })];
    // The last day of an agreed follow-up after move-out; gone when it ends early.
    case 'FollowUpStarted':
      return [update({ follow_up_ends_on: event.data.endsOn }, { case_id: caseId })];
    case 'FollowUpEnded':
      return [update({ follow_up_ends_on: null }, { case_id: caseId })];
    case 'AmbulantEnrolled':
      return [status(caseId, 'ambulant')];
    case 'AmbulantEnded':
      return [status(caseId, event.data.returnTo)];
    case 'CaseClosed':
      return [status(caseId, 'closed')];
    default:
      return [];
  }
}
