import { domainProjection } from '../shared/projected-event';
import { searchKey } from '../shared/read-scope';

/**
 * User accounts as administrators look for them (to find one and disable it, reset its password or
 * change its roles): username, display name, whether it is disabled, and the roles in effect with
 * their facilities. Staff, not residents. Pending grants are in the grant_requests read model.
 */
export const ACCOUNTS = 'accounts';

export const accountsProjection = domainProjection({
  name: ACCOUNTS,
  version: 1,
  eventTypes: ['UserCreated', 'RoleGranted', 'RoleRevoked', 'UserDisabled', 'UserEnabled'],
  onPoison: 'pause', // a missing account or role would show an administrator the wrong access
  tables: [
    {
      name: 'accounts',
      columns: `user_id TEXT PRIMARY KEY, username TEXT NOT NULL, display_name TEXT NOT NULL, search_key TEXT NOT NULL,
        disabled INTEGER NOT NULL, created_on TEXT NOT NULL`,
      indexes: ['(username)'],
    },
    {
      name: 'account_roles',
      columns: 'user_id TEXT NOT NULL, role TEXT NOT NULL, facility_ids TEXT NOT NULL, PRIMARY KEY (user_id, role)',
      indexes: ['(role)'],
    },
  ],
  handle(e) {
    switch (e.type) {
      case 'UserCreated': {
        const { userId, username, displayName, on } = e.data;
        const row = { user_id: userId, username, display_name: displayName, search_key: searchKey(`${username} ${displayName}`), disabled: 0, created_on: on };
        return [{ op: 'upsert', table: 'accounts', key: ['user_id'], row }];
      }
      case 'RoleGranted': {
        const { userId, role, facilityIds } = e.data;
        return [{ op: 'upsert', table: 'account_roles', key: ['user_id', 'role'], row: { user_id: userId, role, facility_ids: JSON.stringify(facilityIds) } }];
      }
      case 'RoleRevoked':
        return [{ op: 'delete', table: 'account_roles', where: { user_id: e.data.userId, role: e.data.role } }];
      case 'UserDisabled':
      case 'UserEnabled':
        return [{ op: 'update', table: 'accounts', where: { user_id: e.data.userId }, set: { disabled: e.type === 'UserDisabled' ? 1 : 0 } }];
    }
  },
});
