import { specFor } from '../shared/given-when-then';
import { MAX_CONTACT_MINUTES } from './contact-log';
import { ContactRecorded, journalDecider, RecordContact } from './journal.decider';

const given = specFor(journalDecider);
const context = { caseId: 'c1', personId: 'p1', facilityId: 'f1', now: '2026-03-02T07:00:00.000Z', caseOpenedAt: '2026-01-05T09:00:00.000Z' };
const record = (over: Partial<RecordContact> = {}): RecordContact => ({
  type: 'RecordContact',
  ...context,
  contactId: 'k1',
  on: '2026-02-27',
  about: '2026-02-27T12:00:00.000Z',
  kind: 'home_visit',
  parties: ['nav'],
  durationMinutes: 45,
  outcome: 'Gikk gjennom husleia med NAV-veileder.',
  nextPlannedOn: '2026-03-06',
  ...over,
});
const recorded = (over: Partial<ContactRecorded['data']> = {}): ContactRecorded => {
  const { type: _type, now: _now, caseOpenedAt: _opened, ...data } = record();
  return { type: 'ContactRecorded', data: { ...data, ...over } };
};

describe('contact log (journal decider)', () => {
  it('records the contact with whom, how long, what came of it and the next planned day', () => {
    given().when(record()).then(recorded());
  });
  it('takes a retry of the same contact as recorded, and refuses another under its id', () => {
    given(recorded()).when(record()).thenNothing();
    given(recorded())
      .when(record({ durationMinutes: 30 }))
      .thenRejects('journal.id_already_used', 'contactId');
  });
  it('sits beside the notes: a note and a contact do not disturb each other', () => {
    const note = {
      type: 'WriteNote' as const,
      ...context,
      noteId: 'n1',
      about: '2026-03-01T10:00:00.000Z',
      category: 'observation' as const,
      text: 'Rolig dag.',
    };
    given(recorded()).when(note).thenRecords('NoteWritten');
  });
  it('needs a known kind, each known party once, a duration within a day and an outcome', () => {
    given()
      .when(record({ kind: 'letter' as never }))
      .thenRejects('contact.unknown_kind', 'kind');
    given()
      .when(record({ parties: ['nav', 'nav'] }))
      .thenRejects('contact.unknown_party', 'parties');
    given()
      .when(record({ parties: ['police' as never] }))
      .thenRejects('contact.unknown_party', 'parties');
    given()
      .when(record({ durationMinutes: 0 }))
      .thenRejects('contact.duration_invalid', 'durationMinutes');
    given()
      .when(record({ durationMinutes: MAX_CONTACT_MINUTES + 1 }))
      .thenRejects('contact.duration_invalid', 'durationMinutes');
    given()
      .when(record({ durationMinutes: 2.5 }))
      .thenRejects('contact.duration_invalid', 'durationMinutes');
    given()
      .when(record({ outcome: ' ' }))
      .thenRejects('contact.outcome_required', 'outcome');
  });
  it('takes a contact with the person alone (no other party) and without a next day planned', () => {
    const { nextPlannedOn: _next, ...alone } = recorded({ parties: [] }).data;
    given()
      .when(record({ parties: [], nextPlannedOn: undefined }))
      .then({ type: 'ContactRecorded', data: alone });
  });
  it('plans the next contact from the contact’s own day, not from the day it is entered', () => {
    // Entered on 2 March about 27 February: a next contact on 28 February is fine, on the 26th is not.
    given()
      .when(record({ nextPlannedOn: '2026-02-28' }))
      .thenRecords('ContactRecorded');
    given()
      .when(record({ nextPlannedOn: '2026-02-26' }))
      .thenRejects('contact.next_before_contact', 'nextPlannedOn');
  });
  it('is about a time that has come and lies within the case, as a note is', () => {
    given()
      .when(record({ about: '2026-03-02T08:00:00.000Z' }))
      .thenRejects('journal.about_in_future', 'about');
    given()
      .when(record({ about: '2026-01-05T08:59:59.000Z', on: '2026-01-05', nextPlannedOn: undefined }))
      .thenRejects('journal.about_before_case', 'about');
  });
});
