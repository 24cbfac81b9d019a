import { domainProjection } from '../shared/projected-event';

/**
 * Staff by name: each user's display name, from UserCreated in the user streams, for the logs and the
 * journal to show who acted ("Kari Nordmann, saksbehandler") instead of an id an auditor cannot read.
 * Staff are not the people the file is about; their names are what the logs are for.
 */
export const STAFF = 'staff';

export const staffProjection = domainProjection({
  name: STAFF,
  version: 1,
  eventTypes: ['UserCreated'],
  onPoison: 'continue', // a missing name shows the id instead (and the parked event shows in health); no record is hidden by it
  tables: [{ name: 'staff_names', columns: 'user_id TEXT PRIMARY KEY, username TEXT NOT NULL, display_name TEXT NOT NULL' }],
  handle(e) {
    const { userId, username, displayName } = e.data;
    return [{ op: 'upsert', table: 'staff_names', key: ['user_id'], row: { user_id: userId, username, display_name: displayName } }];
  },
});
