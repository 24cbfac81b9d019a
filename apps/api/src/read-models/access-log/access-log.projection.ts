import { RowChange } from '@app/projections';
import { FORGOTTEN } from '../../platform/crypto/field-cipher';
import { domainProjection } from '../shared/projected-event';

/**
 * Who read whose file (pasientjournalloven § 22, Normen fact sheet 15), from the PersonalDataAccessed
 * events of every person's access stream: one row per read, for auditors to list per person and to
 * review the flagged ones (reads outside the reader's facilities), and one per recorded write about
 * the person (from outside their facilities, or a referral to a new facility).
 *
 * The purpose is free text written by staff and is personal data (PERSONAL_FIELDS encrypts it under
 * the person's key), so it sits in a table of its own that PersonForgotten empties for that person,
 * as the other read models drop their copies; rebuilt after forgetting, it reads as a marker and is
 * not stored. The read itself (who, when, which view, flagged) stays: it is the log, not the person.
 */
export const ACCESS_LOG = 'access_log';

/** The person an access stream belongs to (`access-<personId>`), unless it was written without one. */
function personOfStream(stream: string): string | null {
  const id = stream.startsWith('access-') ? stream.slice('access-'.length) : '';
  return id === '' || id === 'undefined' || id === 'null' ? null : id;
}

/**
 * Robust to records written wrongly before: a read whose record names no person (an auditor's replay
 * of a moment before the case began once wrote such records, to the stream `access-undefined`) is
 * kept, with `person_id` left empty and the person found through its case (access_cases, from the
 * case's referral) when the log is queried; missing who/when fields fall back to the event's own
 * metadata. Such a record would otherwise fail its NOT NULL columns, be parked, and pause the log,
 * hiding every later read from review.
 */
export const accessLogProjection = domainProjection({
  name: ACCESS_LOG,
  // 2: writes about a person (the write column). 3: person-less records kept and resolved through
  // their case; access_cases added.
  version: 3,
  eventTypes: ['PersonalDataAccessed', 'PersonForgotten', 'ReferralRegistered'],
  onPoison: 'pause', // a missing row would hide a read from review, so stop rather than skip
  tables: [
    {
      name: 'access_reads',
      columns: `access_id TEXT PRIMARY KEY, person_id TEXT, case_id TEXT, view TEXT NOT NULL, actor_id TEXT NOT NULL,
        actor_role TEXT NOT NULL, at TEXT NOT NULL, flagged INTEGER NOT NULL, has_purpose INTEGER NOT NULL, write INTEGER NOT NULL`,
      indexes: ['(person_id, at)', '(flagged, at)', '(actor_id, at)', '(at)', '(case_id)'],
    },
    { name: 'access_purposes', columns: 'access_id TEXT PRIMARY KEY, person_id TEXT NOT NULL, purpose TEXT NOT NULL', indexes: ['(person_id)'] },
    // Whose each case is: a read recorded with a case but no person is that case's person's read.
    { name: 'access_cases', columns: 'case_id TEXT PRIMARY KEY, person_id TEXT NOT NULL' },
  ],
  handle(e) {
    if (e.type === 'PersonForgotten') return [{ op: 'delete', table: 'access_purposes', where: { person_id: e.data.personId } }];
    if (e.type === 'ReferralRegistered')
      return [{ op: 'upsert', table: 'access_cases', key: ['case_id'], row: { case_id: e.data.caseId, person_id: e.data.personId } }];
    const { accessId, caseId, view, actorId, actorRole, at, purpose, flagged, write } = e.data;
    const personId: string | null = typeof e.data.personId === 'string' && e.data.personId !== '' ? e.data.personId : personOfStream(e.stream);
    const stated = typeof purpose === 'string' && purpose.trim() !== '';
    const changes: RowChange[] = [
      {
        op: 'upsert',
        table: 'access_reads',
        key: ['access_id'],
        row: {
          access_id: accessId ?? e.id,
          person_id: personId,
          case_id: caseId ?? null,
          view: view ?? 'unknown',
          actor_id: actorId ?? e.metadata.actorId ?? 'unknown',
          actor_role: actorRole ?? e.metadata.actorRole ?? 'unknown',
          at: at ?? e.metadata.recordedAt ?? e.created.toISOString(),
          flagged: flagged ? 1 : 0,
          has_purpose: stated ? 1 : 0,
          write: write ? 1 : 0,
        },
      },
    ];
    // A purpose is kept only under a known person, so forgetting that person drops it.
    if (stated && purpose !== FORGOTTEN && personId !== null) {
      changes.push({ op: 'upsert', table: 'access_purposes', key: ['access_id'], row: { access_id: accessId ?? e.id, person_id: personId, purpose } });
    }
    return changes;
  },
});
