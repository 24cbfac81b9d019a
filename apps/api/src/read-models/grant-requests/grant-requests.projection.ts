import { domainProjection } from '../shared/projected-event';

/**
 * Role grants that wait for a second administrator (four eyes, see the user decider), and how each
 * was decided: for administrators to find and approve or reject them. Ids and roles only: the
 * names are in the user streams.
 */
export const GRANT_REQUESTS = 'grant_requests';

export const grantRequestsProjection = domainProjection({
  name: GRANT_REQUESTS,
  version: 1,
  eventTypes: ['RoleGrantRequested', 'RoleGrantApproved', 'RoleGrantRejected'],
  onPoison: 'pause', // a missing row would hide a request from the administrators who must decide it
  tables: [
    {
      name: 'grant_requests',
      columns: `request_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, role TEXT NOT NULL, facility_ids TEXT NOT NULL, requested_by TEXT NOT NULL,
        requested_at TEXT NOT NULL, status TEXT NOT NULL, decided_by TEXT, decided_at TEXT`,
      indexes: ['(status, requested_at)', '(user_id)'],
    },
  ],
  handle(e) {
    const at: string = e.metadata.recordedAt ?? e.created.toISOString();
    if (e.type === 'RoleGrantRequested') {
      const { requestId, userId, role, facilityIds, requestedBy } = e.data;
      return [
        {
          op: 'upsert',
          table: 'grant_requests',
          key: ['request_id'],
          row: {
            request_id: requestId,
            user_id: userId,
            role,
            facility_ids: JSON.stringify(facilityIds),
            requested_by: requestedBy,
            requested_at: at,
            status: 'pending',
            decided_by: null,
            decided_at: null,
          },
        },
      ];
    }
    const approved = e.type === 'RoleGrantApproved';
    return [
      {
        op: 'update',
        table: 'grant_requests',
        where: { request_id: e.data.requestId },
        set: { status: approved ? 'approved' : 'rejected', decided_by: approved ? e.data.approvedBy : e.data.rejectedBy, decided_at: at },
      },
    ];
  },
});
