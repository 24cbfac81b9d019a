import { CaseEvent, journalDecider, JournalEvent, WriteNote } from '@app/domain';
import { projectionSpec } from '@app/projections';
import { cmd, historyOf, paths } from '@app/domain/case/case.fixtures';
import { journalProjection } from './journal.projection';

const context = { caseId: 'c1', personId: 'p1', facilityId: 'f1', now: '2026-03-02T07:00:00.000Z', caseOpenedAt: '2025-01-05T00:00:00.000Z' };
const write = (noteId: string, about: string): WriteNote => ({
  type: 'WriteNote',
  ...context,
  noteId,
  about,
  category: 'observation',
  text: `Notat ${noteId}`,
});

/** Real events, decided by the journal decider one after another. */
function journalEvents(): JournalEvent[] {
  const commands = [
    write('n1', '2026-03-01T22:30:00.000Z'),
    write('n2', '2026-03-02T03:10:00.000Z'),
    {
      type: 'RecordContact' as const,
      ...context,
      contactId: 'k9',
      on: '2026-03-01',
      about: '2026-03-01T12:00:00.000Z',
      kind: 'home_visit' as const,
      parties: ['nav' as const, 'landlord' as const],
      durationMinutes: 40,
      outcome: 'Utfall k9',
      nextPlannedOn: '2026-03-08',
    },
    {
      ...write('n1', '2026-03-01T23:30:00.000Z'),
      type: 'CorrectNote' as const,
      correctionId: 'k1',
      reason: 'Feil klokkeslett',
      category: 'conversation' as const,
    },
  ];
  let state = journalDecider.initialState;
  const out: JournalEvent[] = [];
  for (const command of commands) {
    const decided = journalDecider.decide(command, state);
    if (!decided.ok) throw new Error(`refused: ${decided.error.rule}`);
    for (const e of decided.events) {
      state = journalDecider.evolve(state, e);
      out.push(e);
    }
  }
  return out;
}

describe('journal projection', () => {
  const feed = (spec: ReturnType<typeof projectionSpec>) => [
    ...journalEvents().map((e, i) =>
      spec.event(
        e.type,
        { ...e.data },
        {
          stream: 'journal-c1',
          metadata: { actorId: i === 3 ? 'u2' : 'u1', recordedAt: `2026-03-02T0${4 + i}:00:00.000Z` } as never,
        },
      ),
    ),
    ...historyOf(...paths.resident(), cmd.incident({ on: '2025-02-10' })).map((e: CaseEvent) => spec.event(e.type, e.data, { stream: 'case-c1' })),
  ];

  it('indexes each note at its current version, without its text, and each incident by facility and day', () => {
    const spec = projectionSpec(journalProjection);
    spec.given(...feed(spec));
    const notes = spec.rows('journal_notes', 'note_id');
    expect(notes).toEqual([
      expect.objectContaining({
        note_id: 'n1',
        case_id: 'c1',
        facility_id: 'f1',
        category: 'conversation',
        about: '2026-03-01T23:30:00.000Z',
        version: 2,
        written_by: 'u1',
        written_at: '2026-03-02T04:00:00.000Z',
        changed_by: 'u2',
        changed_at: '2026-03-02T07:00:00.000Z',
      }),
      expect.objectContaining({ note_id: 'n2', version: 1, about: '2026-03-02T03:10:00.000Z', changed_by: 'u1' }),
    ]);
    // The text is personal data: it stays in the (encrypted) journal stream, never in the index.
    expect(JSON.stringify(notes)).not.toContain('Notat');
    expect(spec.rows('journal_incidents')).toEqual([
      expect.objectContaining({ case_id: 'c1', incident_id: 'i1', person_id: 'p1', facility_id: 'f1', on_date: '2025-02-10' }),
    ]);
  });

  it('indexes each contact with its kind, parties, minutes and next planned day, without what came of it', () => {
    const spec = projectionSpec(journalProjection);
    spec.given(...feed(spec));
    const contacts = spec.rows('journal_contacts');
    expect(contacts).toEqual([
      expect.objectContaining({
        contact_id: 'k9',
        case_id: 'c1',
        person_id: 'p1',
        facility_id: 'f1',
        kind: 'home_visit',
        parties: '["nav","landlord"]',
        duration_minutes: 40,
        on_date: '2026-03-01',
        next_planned_on: '2026-03-08',
        recorded_by: 'u1',
      }),
    ]);
    expect(JSON.stringify(contacts)).not.toContain('Utfall');
  });

  it('changes nothing when the same events are applied twice', () => {
    const spec = projectionSpec(journalProjection);
    const events = feed(spec);
    spec.given(...events);
    const once = spec.snapshot();
    spec.given(...events);
    expect(spec.snapshot()).toEqual(once);
    expect(once.journal_notes).toHaveLength(2);
    expect(once.journal_incidents).toHaveLength(1);
    expect(once.journal_contacts).toHaveLength(1);
  });
});
