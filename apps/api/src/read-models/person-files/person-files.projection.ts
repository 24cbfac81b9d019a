import { domainProjection } from '../shared/projected-event';

/**
 * Which cases (and so which facilities) a person's file belongs to: the access check of person-level
 * views (person, timeline, export) asks whether the reader works in one of those facilities.
 */
export const personFilesProjection = domainProjection({
  name: 'person_files',
  version: 1,
  eventTypes: ['ReferralRegistered'],
  onPoison: 'pause', // a missing row would let a read go unflagged, so stop rather than skip
  tables: [{ name: 'person_cases', columns: 'case_id TEXT PRIMARY KEY, person_id TEXT NOT NULL, facility_id TEXT NOT NULL', indexes: ['(person_id)'] }],
  handle(e) {
    return [
      {
        op: 'upsert',
        table: 'person_cases',
        key: ['case_id'],
        row: { case_id: e.data.caseId, person_id: e.data.personId, facility_id: e.data.facility?.facilityId ?? e.data.facilityId },
      },
    ];
  },
});
