import fc from 'fast-check';
import { fold } from '../shared/decider';
import { specFor } from '../shared/given-when-then';
import { CorrectNote, journalDecider, JournalEvent, MAX_NOTE_LENGTH, NoteWritten, WriteNote } from './journal.decider';

const given = specFor(journalDecider);
const context = { caseId: 'c1', personId: 'p1', facilityId: 'f1', now: '2026-03-02T07:00:00.000Z', caseOpenedAt: '2026-01-05T09:00:00.000Z' };
const write = (over: Partial<WriteNote> = {}): WriteNote => ({
  type: 'WriteNote',
  ...context,
  noteId: 'n1',
  about: '2026-03-02T02:30:00.000Z',
  category: 'observation',
  text: 'Urolig natt, ringte på vaktrommet to ganger.',
  ...over,
});
const correct = (over: Partial<CorrectNote> = {}): CorrectNote => ({
  type: 'CorrectNote',
  ...context,
  noteId: 'n1',
  correctionId: 'k1',
  reason: 'Feil klokkeslett',
  about: '2026-03-02T03:30:00.000Z',
  category: 'observation',
  text: 'Urolig natt, ringte på vaktrommet to ganger.',
  ...over,
});
const written = (over: Partial<NoteWritten['data']> = {}): NoteWritten => {
  const { type: _type, now: _now, caseOpenedAt: _opened, ...data } = write();
  return { type: 'NoteWritten', data: { ...data, ...over } };
};

describe('journal decider', () => {
  describe('WriteNote', () => {
    it('writes the note with whom and when it is about', () => {
      given().when(write()).then(written());
    });
    it('takes a retry of the same note as already written', () => {
      given(written()).when(write()).thenNothing();
    });
    it('refuses another note under a used id', () => {
      given(written())
        .when(write({ text: 'Noe annet' }))
        .thenRejects('journal.id_already_used', 'noteId');
    });
    it('needs text, within the limit, and a known category', () => {
      given()
        .when(write({ text: '  ' }))
        .thenRejects('journal.text_required', 'text');
      given()
        .when(write({ text: 'x'.repeat(MAX_NOTE_LENGTH + 1) }))
        .thenRejects('journal.text_too_long', 'text');
      given()
        .when(write({ category: 'gossip' as never }))
        .thenRejects('journal.unknown_category', 'category');
    });
    it('is about a time that has come, and not before the case began (effective time, not the order of entry)', () => {
      given()
        .when(write({ about: '2026-03-02T07:00:01.000Z' }))
        .thenRejects('journal.about_in_future', 'about');
      given()
        .when(write({ about: '2026-01-05T08:59:59.000Z' }))
        .thenRejects('journal.about_before_case', 'about');
      given()
        .when(write({ about: 'last night' }))
        .thenRejects('journal.about_invalid', 'about');
      // Written today about the first hour of the case: allowed, whatever was written in between.
      given(written({ noteId: 'n0', about: '2026-03-01T12:00:00.000Z' }))
        .when(write({ about: '2026-01-05T09:00:00.000Z' }))
        .thenRecords('NoteWritten');
    });

    it('is not about a time after the case was closed; up to its closing is allowed', () => {
      const closed = { caseClosedAt: '2026-02-01T23:00:00.000Z' };
      given()
        .when(write({ ...closed, about: '2026-02-01T23:00:00.000Z' }))
        .thenRejects('journal.about_after_case', 'about');
      given()
        .when(write({ ...closed, about: '2026-02-01T22:59:59.000Z' }))
        .thenRecords('NoteWritten');
      given(written())
        .when(correct({ ...closed, about: '2026-02-02T08:00:00.000Z' }))
        .thenRejects('journal.about_after_case', 'about');
    });
  });

  describe('CorrectNote', () => {
    it('adds a version with the reason; the first version stays in the history', () => {
      const events = given(written()).when(correct()).events();
      expect(events).toEqual([
        {
          type: 'NoteCorrected',
          data: {
            caseId: 'c1',
            personId: 'p1',
            facilityId: 'f1',
            noteId: 'n1',
            correctionId: 'k1',
            version: 2,
            reason: 'Feil klokkeslett',
            about: '2026-03-02T03:30:00.000Z',
            category: 'observation',
            text: 'Urolig natt, ringte på vaktrommet to ganger.',
          },
        },
      ]);
      const state = fold(journalDecider, [written(), ...events]);
      expect(state.notes.n1).toMatchObject({ version: 2, about: '2026-03-02T03:30:00.000Z' });
    });
    it('numbers versions on', () => {
      const second = given(written()).when(correct()).events();
      const third = given(written(), ...second)
        .when(correct({ correctionId: 'k2', text: 'Rolig natt.', reason: 'Feil beboer' }))
        .events();
      expect(third[0].data).toMatchObject({ version: 3, text: 'Rolig natt.' });
    });
    it('takes a retried correction as already applied, and refuses another under its id', () => {
      const events = given(written()).when(correct()).events();
      given(written(), ...events)
        .when(correct())
        .thenNothing();
      given(written(), ...events)
        .when(correct({ text: 'Noe annet' }))
        .thenRejects('journal.id_already_used', 'correctionId');
    });
    it('needs a note, a reason and a change, and keeps the rules of a note', () => {
      given().when(correct()).thenRejects('journal.unknown_note', 'noteId');
      given(written())
        .when(correct({ reason: ' ' }))
        .thenRejects('journal.reason_required', 'reason');
      given(written())
        .when(correct({ about: written().data.about }))
        .thenRejects('journal.nothing_corrected');
      given(written())
        .when(correct({ about: '2026-03-03T00:00:00.000Z' }))
        .thenRejects('journal.about_in_future', 'about');
    });
  });

  it('answers the same whatever order notes about different times are entered in', () => {
    const abouts = ['2026-01-05T09:00:00.000Z', '2026-02-01T12:00:00.000Z', '2026-03-02T06:59:59.000Z', '2026-01-20T22:15:00.000Z'];
    fc.assert(
      fc.property(fc.shuffledSubarray(abouts, { minLength: abouts.length }), (order) => {
        let history: JournalEvent[] = [];
        for (const about of order) {
          const decision = journalDecider.decide(write({ noteId: about, about }), fold(journalDecider, history));
          expect(decision.ok).toBe(true);
          if (decision.ok) history = [...history, ...decision.events];
        }
        const notes = fold(journalDecider, history).notes;
        expect(Object.keys(notes).sort()).toEqual([...abouts].sort());
      }),
    );
  });
});
