import { Projection, RowChange } from '@app/projections';
import { FORGOTTEN } from '../../privacy/field-cipher';

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

export const accessLogProjection: Projection = {
  name: ACCESS_LOG,
  version: 2, // 2: writes about a person (the write column)
  eventTypes: ['PersonalDataAccessed', 'PersonForgotten'],
  onPoison: 'pause', // a missing row would hide a read from review, so stop rather than skip
  tables: [
    {
      name: 'access_reads',
      columns: `access_id TEXT PRIMARY KEY, person_id TEXT NOT NULL, case_id TEXT, view TEXT NOT NULL, actor_id TEXT NOT NULL,
        actor_role TEXT NOT NULL, at TEXT NOT NULL, flagged INTEGER NOT NULL, has_purpose INTEGER NOT NULL, write INTEGER NOT NULL`,
      indexes: ['(person_id, at)', '(flagged, at)', '(actor_id, at)', '(at)'],
    },
    { name: 'access_purposes', columns: 'access_id TEXT PRIMARY KEY, person_id TEXT NOT NULL, purpose TEXT NOT NULL', indexes: ['(person_id)'] },
  ],
  handle(e) {
    if (e.type === 'PersonForgotten') return [{ op: 'delete', table: 'access_purposes', where: { person_id: e.data.personId } }];
    const { accessId, personId, caseId, view, actorId, actorRole, at, purpose, flagged, write } = e.data;
    const stated = typeof purpose === 'string' && purpose.trim() !== '';
    const changes: RowChange[] = [
      {
        op: 'upsert',
        table: 'access_reads',
        key: ['access_id'],
        row: {
          access_id: accessId,
          person_id: personId,
          case_id: caseId ?? null,
          view,
          actor_id: actorId,
          actor_role: actorRole,
          at,
          flagged: flagged ? 1 : 0,
          has_purpose: stated ? 1 : 0,
          write: write ? 1 : 0,
        },
      },
    ];
    if (stated && purpose !== FORGOTTEN) {
      changes.push({ op: 'upsert', table: 'access_purposes', key: ['access_id'], row: { access_id: accessId, person_id: personId, purpose } });
    }
    return changes;
  },
};
