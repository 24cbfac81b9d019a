import { accept, Decider, Decision, nothingToDo, reject } from '../shared/decider';
import { IsoDate, isIsoDate } from '../shared/dates';
import { parseIdentityNumber } from '../shared/identity-number';

/**
 * A person who is referred, housed or followed up. Personal details are never overwritten: a
 * correction is a new event naming the changed fields and why (GDPR art. 16; art. 17(3) keeps the
 * history where the law requires records). The resident may add comments to their own record
 * (pasientjournalloven, GDPR right to rectification); comments are added, never replace an entry.
 * One person per identity number is enforced by the identity claim stream (identity-claim.decider.ts).
 */
export const personStream = (personId: string) => `person-${personId}`;

export const GENDERS = ['female', 'male', 'other', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

export interface PersonContact {
  readonly phone?: string;
  readonly email?: string;
  readonly address?: string;
}

export interface PersonDetails {
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: IsoDate;
  /** Fødselsnummer or D-number, 11 digits. */
  readonly identityNumber?: string;
  readonly gender: Gender;
  readonly contact?: PersonContact;
}

/**
 * The fields a correction changes. `identityNumber: null` removes a wrong number when the right one
 * is not known (null, because a missing key means "unchanged" and undefined does not survive JSON).
 * A corrected contact replaces the whole contact.
 */
export type PersonDetailsChanges = { readonly [K in Exclude<keyof PersonDetails, 'identityNumber'>]?: PersonDetails[K] } & {
  readonly identityNumber?: string | null;
};

/** Why a person's personal data is erased; it must be a ground that overrides the archiving duty. */
export const FORGETTING_BASES = ['gdpr_art_17_consent_withdrawn', 'gdpr_art_17_unlawful_processing', 'gdpr_art_17_no_longer_necessary', 'court_order'] as const;
export type ForgettingBasis = (typeof FORGETTING_BASES)[number];

export type PersonEvent =
  | { type: 'PersonRegistered'; data: { personId: string } & PersonDetails }
  | {
      type: 'PersonDetailsCorrected';
      data: { personId: string; changes: PersonDetailsChanges; reason: string; on: IsoDate };
    }
  | {
      type: 'ResidentCommentAdded';
      data: { personId: string; commentId: string; on: IsoDate; text: string; aboutEventId?: string };
    }
  | { type: 'PersonForgotten'; data: { personId: string; on: IsoDate; legalBasis: ForgettingBasis } };

export type PersonCommand =
  | ({ type: 'RegisterPerson'; personId: string } & PersonDetails)
  | { type: 'CorrectPersonDetails'; personId: string; changes: PersonDetailsChanges; reason: string; on: IsoDate }
  /** aboutEventId may name an entry in another stream (a case); it is kept as given, not checked here. */
  | { type: 'AddResidentComment'; personId: string; commentId: string; on: IsoDate; text: string; aboutEventId?: string }
  /** GDPR art. 17 where no legal duty to keep the data applies (art. 17(3)); the basis is recorded. */
  | { type: 'ForgetPerson'; personId: string; on: IsoDate; legalBasis: ForgettingBasis; note?: string };

export type PersonState =
  | { status: 'none' }
  | { status: 'registered'; personId: string; details: PersonDetails; commentIds: readonly string[] }
  /** Personal data erased (its key deleted); the person's events remain, unreadable. */
  | { status: 'forgotten'; personId: string; forgottenOn: IsoDate };

type RegisteredPerson = Extract<PersonState, { status: 'registered' }>;
type Command<T extends PersonCommand['type']> = Extract<PersonCommand, { type: T }>;

const DETAIL_FIELDS = ['givenName', 'familyName', 'birthDate', 'identityNumber', 'gender', 'contact'] as const;

/** A contact without empty keys, in a fixed key order, so that equal contacts compare equal. */
function cleanContact(contact: PersonContact | undefined): PersonContact {
  const { phone, email, address } = contact ?? {};
  return {
    ...(phone !== undefined && { phone }),
    ...(email !== undefined && { email }),
    ...(address !== undefined && { address }),
  };
}
const hasContact = (contact: PersonContact) => Object.keys(contact).length > 0;

/** Details as they are recorded: no undefined keys and no empty contact. */
function cleanDetails(details: PersonDetails): PersonDetails {
  const { givenName, familyName, birthDate, identityNumber, gender } = details;
  const contact = cleanContact(details.contact);
  return {
    givenName,
    familyName,
    birthDate,
    ...(identityNumber !== undefined && { identityNumber }),
    gender,
    ...(hasContact(contact) && { contact }),
  };
}

const sameDetails = (a: PersonDetails, b: PersonDetails) => JSON.stringify(cleanDetails(a)) === JSON.stringify(cleanDetails(b));

/** The rules every recorded version of a person's details must keep. */
function invalidDetails(details: PersonDetails): Decision<never> | undefined {
  for (const field of ['givenName', 'familyName'] as const) {
    if (!details[field].trim()) return reject('person.name_required', 'Give both given name and family name', { field });
  }
  if (!isIsoDate(details.birthDate)) {
    return reject('person.birth_date.invalid', 'The birth date is not a date', { field: 'birthDate' });
  }
  if (details.identityNumber === undefined) return undefined;
  const parsed = parseIdentityNumber(details.identityNumber);
  if (!parsed) {
    return reject('person.identity_number.invalid', 'This is not a valid fødselsnummer or D-number', {
      field: 'identityNumber',
    });
  }
  if (parsed.birthDate !== details.birthDate) {
    return reject('person.identity_number.birth_date_mismatch', 'The birth date does not agree with the identity number', {
      field: 'birthDate',
      details: { birthDateInIdentityNumber: parsed.birthDate },
    });
  }
  return undefined;
}

/** Applies changes to details; null removes the identity number, an empty contact removes the contact. */
function withChanges(details: PersonDetails, changes: PersonDetailsChanges): PersonDetails {
  const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  const { identityNumber, ...rest } = { ...details, ...(given as PersonDetailsChanges) };
  return cleanDetails({ ...rest, ...(identityNumber !== null && identityNumber !== undefined && { identityNumber }) });
}

/** Only the fields that really change, so that the event records what was corrected and nothing else. */
function changedFields(details: PersonDetails, changes: PersonDetailsChanges): PersonDetailsChanges {
  const current = cleanDetails(details);
  const next = withChanges(details, changes);
  const changed: Record<string, unknown> = {};
  for (const field of DETAIL_FIELDS) {
    if (JSON.stringify(current[field]) === JSON.stringify(next[field])) continue;
    if (field === 'identityNumber') changed[field] = next.identityNumber ?? null;
    else if (field === 'contact') changed[field] = next.contact ?? {};
    else changed[field] = next[field];
  }
  return changed as PersonDetailsChanges;
}

function register(command: Command<'RegisterPerson'>, state: PersonState): Decision<PersonEvent> {
  const { type: _type, personId, ...details } = command;
  const invalid = invalidDetails(details);
  if (invalid) return invalid;
  if (state.status === 'registered') {
    return sameDetails(state.details, details) ? nothingToDo : reject('person.already_registered', 'A person with this id is registered');
  }
  return accept({ type: 'PersonRegistered', data: { personId, ...cleanDetails(details) } });
}

function correct(command: Command<'CorrectPersonDetails'>, person: RegisteredPerson): Decision<PersonEvent> {
  const { reason, on } = command;
  if (!reason.trim()) {
    return reject('person.correction.reason_required', 'Say why the details are corrected', { field: 'reason' });
  }
  const changes = changedFields(person.details, command.changes);
  if (Object.keys(changes).length === 0) return nothingToDo;
  // The corrected whole must keep the rules, e.g. a new birth date must agree with the kept number.
  const invalid = invalidDetails(withChanges(person.details, changes));
  if (invalid) return invalid;
  return accept({ type: 'PersonDetailsCorrected', data: { personId: person.personId, changes, reason, on } });
}

function comment(command: Command<'AddResidentComment'>, person: RegisteredPerson): Decision<PersonEvent> {
  const { commentId, on, text, aboutEventId } = command;
  if (person.commentIds.includes(commentId)) return nothingToDo;
  if (!text.trim()) return reject('person.comment.text_required', 'The comment is empty', { field: 'text' });
  return accept({
    type: 'ResidentCommentAdded',
    data: { personId: person.personId, commentId, on, text, ...(aboutEventId !== undefined && { aboutEventId }) },
  });
}

export const personDecider: Decider<PersonCommand, PersonState, PersonEvent> = {
  initialState: { status: 'none' },

  decide(command, state) {
    if (command.type === 'RegisterPerson') return register(command, state);
    if (state.status === 'forgotten') {
      return command.type === 'ForgetPerson' ? nothingToDo : reject('person.forgotten', 'This person has been forgotten');
    }
    if (state.status !== 'registered') return reject('person.not_found', 'No such person', { field: 'personId' });
    switch (command.type) {
      case 'ForgetPerson':
        return accept({ type: 'PersonForgotten', data: { personId: state.personId, on: command.on, legalBasis: command.legalBasis } });
      case 'CorrectPersonDetails':
        return correct(command, state);
      case 'AddResidentComment':
        return comment(command, state);
    }
  },

  evolve(state, event) {
    if (event.type === 'PersonRegistered') {
      const { personId, ...details } = event.data;
      return state.status === 'none' ? { status: 'registered', personId, details, commentIds: [] } : state;
    }
    if (event.type === 'PersonForgotten') return { status: 'forgotten', personId: event.data.personId, forgottenOn: event.data.on };
    if (state.status !== 'registered') return state; // decide never emits these before PersonRegistered
    switch (event.type) {
      case 'PersonDetailsCorrected':
        return { ...state, details: withChanges(state.details, event.data.changes) };
      case 'ResidentCommentAdded':
        return { ...state, commentIds: [...state.commentIds, event.data.commentId] };
    }
  },
};

/** Current schema version of each event type (see shared/upcasting.ts). */
export const PERSON_EVENT_SCHEMA_VERSIONS: { readonly [T in PersonEvent['type']]: number } = {
  PersonRegistered: 1,
  PersonDetailsCorrected: 1,
  ResidentCommentAdded: 1,
  PersonForgotten: 1,
};

/**
 * Data fields holding personal data, per event type (dotted paths into `data`). Gender is listed
 * too: it is personal data, and statistics should be taken from read models, not from raw events.
 * A correction's reason is free text that may describe the person.
 */
export const PERSON_PERSONAL_FIELDS: { readonly [T in PersonEvent['type']]: readonly string[] } = {
  PersonRegistered: ['givenName', 'familyName', 'birthDate', 'identityNumber', 'gender', 'contact'],
  PersonDetailsCorrected: [
    'changes.givenName',
    'changes.familyName',
    'changes.birthDate',
    'changes.identityNumber',
    'changes.gender',
    'changes.contact',
    'reason',
  ],
  ResidentCommentAdded: ['text'],
  PersonForgotten: [],
};
