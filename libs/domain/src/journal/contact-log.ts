import { reject } from '../shared/decider';
import { isIsoDate, IsoDate } from '../shared/dates';

/**
 * The contact log of ambulant follow-up and of follow-up after move-out (Melhus follows about fifty
 * people outside the building; Housing First works this way): each home visit, call, meeting or
 * accompaniment, with whom besides the person, how long it took, what came of it, and when the next
 * contact is planned. The caseload view reads the last contact and the next planned one from these.
 */
export const CONTACT_KINDS = ['home_visit', 'phone', 'meeting', 'accompaniment'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** Who else took part: the services a follow-up coordinates with. */
export const CONTACT_PARTIES = ['nav', 'gp', 'lar', 'dps', 'debt_counselling', 'landlord', 'other'] as const;
export type ContactParty = (typeof CONTACT_PARTIES)[number];

/** A contact lasts at most a working day; longer is a typing error, refused rather than counted. */
export const MAX_CONTACT_MINUTES = 12 * 60;
export const MAX_OUTCOME_LENGTH = 5_000;

export interface ContactContent {
  /** The moment the contact began (ISO 8601 instant). */
  readonly about: string;
  readonly kind: ContactKind;
  readonly parties: readonly ContactParty[];
  readonly durationMinutes: number;
  /** What came of it: personal data (encrypted with the person's key). */
  readonly outcome: string;
  /** The next contact agreed, a calendar day on or after this one's. */
  readonly nextPlannedOn?: IsoDate;
}

export const contentOfContact = (c: ContactContent): ContactContent => ({
  about: c.about,
  kind: c.kind,
  parties: [...c.parties],
  durationMinutes: c.durationMinutes,
  outcome: c.outcome,
  ...(c.nextPlannedOn !== undefined && { nextPlannedOn: c.nextPlannedOn }),
});

export const sameContact = (a: ContactContent, b: ContactContent) => JSON.stringify(contentOfContact(a)) === JSON.stringify(contentOfContact(b));

/** The contact's own rules; its time is checked as a note's is. `on` is the contact's calendar day. */
export function refusedContact(command: ContactContent & { readonly on: IsoDate }) {
  if (!(CONTACT_KINDS as readonly string[]).includes(command.kind)) return reject('contact.unknown_kind', 'Choose the kind of contact', { field: 'kind' });
  const parties = command.parties as readonly string[];
  if (parties.some((p) => !(CONTACT_PARTIES as readonly string[]).includes(p)) || new Set(parties).size !== parties.length) {
    return reject('contact.unknown_party', 'Choose each party once from the list', { field: 'parties' });
  }
  if (!Number.isInteger(command.durationMinutes) || command.durationMinutes < 1 || command.durationMinutes > MAX_CONTACT_MINUTES) {
    return reject('contact.duration_invalid', `A contact lasts from 1 to ${MAX_CONTACT_MINUTES} minutes`, {
      field: 'durationMinutes',
      details: { max: MAX_CONTACT_MINUTES },
    });
  }
  if (!command.outcome.trim()) return reject('contact.outcome_required', 'Write what came of the contact', { field: 'outcome' });
  if (command.outcome.length > MAX_OUTCOME_LENGTH) {
    return reject('contact.outcome_too_long', `At most ${MAX_OUTCOME_LENGTH} characters`, { field: 'outcome', details: { max: MAX_OUTCOME_LENGTH } });
  }
  if (command.nextPlannedOn !== undefined && (!isIsoDate(command.nextPlannedOn) || command.nextPlannedOn < command.on)) {
    // On the contact's own day, not today's: entering last week's visit late plans from last week.
    return reject('contact.next_before_contact', 'The next contact cannot be planned before this one', { field: 'nextPlannedOn' });
  }
  return undefined;
}
